"""Many loaders, one database: four `kb load` processes started together on overlapping folders store the
same rows as one process loading every file (in the order the four stored them).

The loaders are real processes (`kb load FOLDER --db URL`), started at once on folders that share half their
articles, into one database that none of them has created yet. The rows are compared without their ids:
every entity row is named by the records (article file, name) it holds, which is what a user sees, whatever
the numbering and whichever process stored an article first.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import postgres_schema
from sqlalchemy import select

from kb.db import make_engine
from kb.kinds import KINDS
from kb.store import T

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(__file__).parent / "resolution_corpus"
LOADERS = 4
# Claim fields whose value is the id of another row, and the kind of that row.
ENTITY_KINDS = tuple(k.name for k in KINDS)
REFERENCE_FIELDS = {field: kind.name for kind in KINDS for field in kind.id_claims}


def kb_process(*args: object) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-c", "from kb.cli import main; main()", *map(str, args)], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finished(proc: subprocess.Popen[str]) -> str:
    out, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, f"{proc.args}: exit {proc.returncode}\n{out}\n{err}"
    assert "Traceback" not in err
    return out


def corpus_articles() -> list[Path]:
    return sorted(CORPUS.glob("*.txt"))


def copy_articles(articles: list[Path], folder: Path) -> Path:
    folder.mkdir(parents=True)
    for article in articles:
        shutil.copy(article, folder / article.name)
        shutil.copy(article.with_name(f"{article.stem}.facts.yaml"), folder)
    return folder


def overlapping_folders(tmp_path: Path) -> list[Path]:
    """Four folders, each article in two of them (so every article is offered to two loaders)."""
    articles = corpus_articles()
    return [copy_articles([a for n, a in enumerate(articles) if n % LOADERS in (i, (i + 1) % LOADERS)],
                          tmp_path / f"folder{i}") for i in range(LOADERS)]


def canonical_rows(url: str) -> dict[str, list[tuple]]:
    """Articles, entity rows, claims, evidence, positions, parties, signatories and aliases, without ids."""
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            files = dict(conn.execute(select(T["article"].c.id, T["article"].c.file_name)).all())
            claims = [r._asdict() for r in conn.execute(select(T["claim"]))]
            # A row is the set of records it holds: (article, field, value) of its claims that name no other row.
            held: dict[tuple[str, int], set[tuple]] = defaultdict(set)
            for c in claims:
                kind = next(k for k in ENTITY_KINDS if c[f"{k}_id"] is not None)
                if c["field"] not in REFERENCE_FIELDS:
                    held[(kind, c[f"{kind}_id"])].add((files[c["article_id"]], c["field"], c["value"]))

            def label(kind: str, rid: int | None) -> tuple:
                return (kind, tuple(sorted(held.get((kind, rid), ())))) if rid is not None else ()

            positions = {p.id: (label("official", p.official_id), label("agency", p.agency_id), p.title)
                         for p in conn.execute(select(T["position"]))}

            def owner(row: dict) -> tuple:
                if row.get("position_id") is not None:
                    return ("position", positions[row["position_id"]])
                kind = next(k for k in ENTITY_KINDS if row[f"{k}_id"] is not None)
                return label(kind, row[f"{kind}_id"])

            out: dict[str, list[tuple]] = {
                "article": sorted(tuple(v for k, v in r._asdict().items()
                                        if k not in ("id", "source_path", "loaded_at"))
                                  for r in conn.execute(select(T["article"]))),
                "claim": sorted((files[c["article_id"]], owner(c), c["field"],
                                 label(REFERENCE_FIELDS[c["field"]], int(c["value"]))
                                 if c["field"] in REFERENCE_FIELDS else c["value"]) for c in claims),
                "evidence": sorted((files[e["article_id"]], owner(e), e["quote"] or "", e["char_start"] or -1,
                                    e["char_end"] or -1)
                                   for e in (r._asdict() for r in conn.execute(select(T["evidence"])))),
                "position": sorted(positions.values()),
                "party": sorted((label("agreement", p.agreement_id), p.country_code or "",
                                 label("agency", p.agency_id)) for p in conn.execute(select(T["party"]))),
                "signatory": sorted((label("agreement", s.agreement_id), label("official", s.official_id))
                                    for s in conn.execute(select(T["signatory"]))),
                "alias": sorted((owner(a), a["name"], a["origin"])
                                for a in (r._asdict() for r in conn.execute(select(T["alias"])))),
            }
            for kind in ENTITY_KINDS:
                table = T[kind]
                refs = {column for k, column in ((k, c) for k, cs in REFERENCE_COLUMNS.items() for c in cs)
                        if k == kind}
                out[kind] = sorted(
                    (label(kind, r.id), tuple((k, label(REFERENCE_KIND[k], v) if k in refs else v)
                                              for k, v in r._asdict().items() if k != "id"))
                    for r in conn.execute(select(table)))
            return out
    finally:
        engine.dispose()


# Columns of entity rows that hold another row's id.
REFERENCE_COLUMNS = {"agreement": ("amends_id",), "trade_flow": ("exporter_agency_id", "importer_agency_id")}
REFERENCE_KIND = {"amends_id": "agreement", "exporter_agency_id": "agency", "importer_agency_id": "agency"}


def test_every_corpus_row_has_a_label_of_its_own(tmp_path: Path) -> None:
    """The comparison below is only as good as its labels: no two rows of a kind may share one."""
    url = f"sqlite:///{tmp_path / 'kb.db'}"
    finished(kb_process("load", copy_articles(corpus_articles(), tmp_path / "all"), "--db", url))
    rows = canonical_rows(url)
    for kind in ENTITY_KINDS:
        labels = [label for label, _ in rows[kind]]
        assert len(labels) == len(set(labels)) > 1, kind
    assert len(rows["claim"]) > 300 and len(rows["evidence"]) > 100


@pytest.mark.parametrize("engine", ["postgres", "sqlite"])
def test_four_loaders_at_once_store_the_same_rows_as_one(engine: str, tmp_path: Path,
                                                         request: pytest.FixtureRequest) -> None:
    """Four processes on overlapping folders into one new database: the rows of one process loading them all."""
    together, alone = (request.getfixturevalue(f"{engine}_url"),
                       request.getfixturevalue("second_postgres_url" if engine == "postgres" else "second_sqlite"))
    folders = overlapping_folders(tmp_path)
    loaders = [kb_process("load", folder, "--db", together) for folder in folders]
    outputs = [finished(proc) for proc in loaders]
    assert all("0 failed" in out for out in outputs), outputs
    # One process loads the same files in the order the four stored them (article ids): the rows must be
    # the same. (That they do not depend on the order is tests/test_resolution_corpus.py's business.)
    everything = copy_articles(corpus_articles(), tmp_path / "all")
    order = [everything / name for name in stored_order(together)]
    assert sorted(p.name for p in order) == [a.name for a in corpus_articles()]
    finished(kb_process("load", *order, "--db", alone))
    assert canonical_rows(together) == canonical_rows(alone)


def stored_order(url: str) -> list[str]:
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            art = T["article"]
            return list(conn.execute(select(art.c.file_name).order_by(art.c.id)).scalars())
    finally:
        engine.dispose()


@pytest.fixture
def second_postgres_url() -> Iterator[str]:
    with postgres_schema() as url:
        yield url


@pytest.fixture
def second_sqlite(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'alone.db'}"
