"""How well records from different articles were resolved into shared rows, against gold identities.

A resolution corpus is a folder of articles with hand-written facts files and
an `identities.yaml` that gives every record of every facts file its gold
entity. After the corpus is loaded, each record is traced to the row it ended
up in (`match_decision` keeps, per article, the row each incoming record was
attached to), and every pair of records of a kind is scored:

- precision: of the pairs put in the same row, the share that are the same entity;
- recall: of the pairs that are the same entity, the share put in the same row.

    uv run python benchmarks/evaluate_resolution.py [--db URL] tests/resolution_corpus

A measurement, not part of kb: tests/test_resolution_corpus.py imports it (pytest puts benchmarks/ on the path).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import NamedTuple

import yaml
from sqlalchemy import Engine, select

from kb import kinds
from kb.facts import Facts, read_facts
from kb.normalize import name_key
from kb.store import T

KINDS = {k.name: k.facts_key for k in kinds.KINDS}  # kind → its section of identities.yaml and of a facts file


class Scores(NamedTuple):
    precision: float
    recall: float
    f1: float
    pairs: int  # pairs of records compared


@dataclass(frozen=True)
class Placed:
    """One record of one facts file: its gold entity and the row it was resolved to."""

    file: str
    label: str
    entity: str
    row: int


@dataclass
class Outcome:
    """Pair counts of one kind, and the pairs that went wrong (for a person to read)."""

    records: list[Placed]
    together: int = 0  # pairs put in one row
    same: int = 0  # pairs of one gold entity
    both: int = 0  # pairs of one entity put in one row
    wrong_merges: list[tuple[Placed, Placed]] = field(default_factory=list)
    missed_merges: list[tuple[Placed, Placed]] = field(default_factory=list)

    @property
    def scores(self) -> Scores:
        precision = self.both / self.together if self.together else 1.0
        recall = self.both / self.same if self.same else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        n = len(self.records)
        return Scores(precision, recall, f1, n * (n - 1) // 2)


class CorpusError(Exception):
    """The identities file and the facts files (or the database) do not agree."""


def _label(kind: str, record: dict) -> tuple:
    """What identifies a record within its file: its name, or a trade flow's goods, countries and date."""
    if kind == "trade_flow":
        return (name_key(record["commodity"]), record.get("from"), record.get("to"), _text(record.get("date")))
    return (name_key(record["name"]),)


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def _records(kind: str, facts: Facts) -> list[dict]:
    rows = getattr(facts, KINDS[kind])
    return [r.model_dump(by_alias=True) for r in rows]


def read_identities(corpus_dir: Path) -> dict[str, dict[tuple[str, tuple], str]]:
    """kind → {(file, label): entity} from identities.yaml."""
    data = yaml.safe_load((corpus_dir / "identities.yaml").read_text(encoding="utf-8")) or {}
    out: dict[str, dict[tuple[str, tuple], str]] = {}
    for kind, section in KINDS.items():
        gold: dict[tuple[str, tuple], str] = {}
        for entry in data.get(section) or []:
            key = (entry["file"], _label(kind, entry))
            if key in gold:
                raise CorpusError(f"identities.yaml: {section} lists {key[0]} {key[1]} twice")
            gold[key] = entry["entity"]
        out[kind] = gold
    return out


def place_records(engine: Engine, corpus_dir: Path) -> dict[str, list[Placed]]:
    """Every record of every facts file of the corpus, with its gold entity and the row it is in now."""
    gold = read_identities(corpus_dir)
    art, decision = T["article"], T["decision"]
    with engine.connect() as conn:
        articles = {r.file_name: r.id for r in conn.execute(select(art.c.id, art.c.file_name))}
        # Decisions in the order records were stored: the k-th record with a name is the k-th decision with it.
        decided: dict[tuple[int, str, str], list[int]] = defaultdict(list)
        for r in conn.execute(select(decision.c.article_id, decision.c.record_kind, decision.c.incoming_name,
                                     decision.c.record_id).order_by(decision.c.id)):
            decided[(r.article_id, r.record_kind, name_key(r.incoming_name))].append(r.record_id)
    placed: dict[str, list[Placed]] = {kind: [] for kind in KINDS}
    seen: dict[str, set[tuple[str, tuple]]] = {kind: set() for kind in KINDS}
    for path in sorted(corpus_dir.glob("*.facts.yaml")):
        facts = read_facts(path)
        file = facts.article.file
        if file not in articles:
            raise CorpusError(f"{file} is not loaded in the database")
        taken: dict[tuple[str, str], int] = defaultdict(int)
        for kind in KINDS:
            for record in _records(kind, facts):
                label = _label(kind, record)
                if (file, label) not in gold[kind]:
                    raise CorpusError(f"identities.yaml has no {KINDS[kind]} entry for {file} {label}")
                seen[kind].add((file, label))
                name = name_key(record[kinds.kind(kind).name_field])
                rows = decided.get((articles[file], kind, name), [])
                index = taken[(kind, name)]
                taken[(kind, name)] += 1
                if index >= len(rows):
                    raise CorpusError(f"no match decision for the {kind} {name!r} of {file}")
                placed[kind].append(Placed(file, " ".join(str(x) for x in label if x), gold[kind][(file, label)],
                                           rows[index]))
    for kind in KINDS:
        for file, label in sorted(set(gold[kind]) - seen[kind], key=str):
            raise CorpusError(f"identities.yaml lists {KINDS[kind]} {label} of {file}, which its facts file lacks")
    return placed


def outcomes(engine: Engine, corpus_dir: Path) -> dict[str, Outcome]:
    result = {}
    for kind, records in place_records(engine, corpus_dir).items():
        out = Outcome(records)
        for a, b in combinations(records, 2):
            together, same = a.row == b.row, a.entity == b.entity
            out.together += together
            out.same += same
            out.both += together and same
            if together and not same:
                out.wrong_merges.append((a, b))
            elif same and not together:
                out.missed_merges.append((a, b))
        result[kind] = out
    return result


def pairwise_scores(engine: Engine, corpus_dir: Path) -> dict[str, Scores]:
    """kind → (precision, recall, f1, pairs) of the loaded corpus's resolution against its gold identities."""
    return {kind: out.scores for kind, out in outcomes(engine, Path(corpus_dir)).items()}


def report(results: dict[str, Outcome]) -> str:
    lines = [f"{'kind':<11} {'records':>7} {'pairs':>6} {'gold':>5} {'merged':>6} {'right':>5} "
             f"{'precision':>9} {'recall':>6} {'F1':>5}"]
    for kind, out in results.items():
        s = out.scores
        lines.append(f"{kind:<11} {len(out.records):>7} {s.pairs:>6} {out.same:>5} {out.together:>6} {out.both:>5} "
                     f"{s.precision:>9.3f} {s.recall:>6.3f} {s.f1:>5.3f}")
    for kind, out in results.items():
        for title, pairs in (("wrongly merged", out.wrong_merges), ("missed", out.missed_merges)):
            if pairs:
                lines.append(f"\n{kind}: {title}")
                lines += [f"  {a.label!r} ({a.file}) ~ {b.label!r} ({b.file})  [{a.entity} / {b.entity}]"
                          for a, b in pairs]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="benchmarks/evaluate_resolution.py", description=__doc__.split("\n")[0])
    parser.add_argument("corpus", type=Path, help="Folder of articles, facts files and identities.yaml.")
    parser.add_argument("--db", help="Database to load into (default: a new temporary SQLite file).")
    args = parser.parse_args(argv)
    from kb.db import open_database
    from kb.load import load_paths

    with tempfile.TemporaryDirectory() as tmp:
        engine = open_database(args.db or f"sqlite:///{Path(tmp) / 'kb.db'}")
        loaded = load_paths(engine, [args.corpus])
        for message in loaded.errors:
            print(f"Error: {message}", file=sys.stderr)
        try:
            print(report(outcomes(engine, args.corpus)))
        except CorpusError as exc:
            print(f"Error: {exc}", file=sys.stderr)
            return 1
        finally:
            engine.dispose()
    return 1 if loaded.failed else 0


if __name__ == "__main__":
    sys.exit(main())
