"""Where the trade flows kb misses are lost: the reading layer that fails first, per missed gold flow.

READING.md's advice — score each layer on its own, so a miss is found in the layer that caused it — as a
benchmark. For every gold trade flow the extractor does not produce (paired as the project's scorer pairs them),
the flow's evidence sentences are checked layer by layer:

0. ``named otherwise`` kb wrote a flow between the same two countries from the same sentence, but the pairing
   rejected it (goods named or coded differently): a reading that was there, not a layer that failed;
1. ``no evidence``   the gold record quotes no sentence (nothing to check);
2. ``no trade word`` no cue of `trade_frames.yaml` in the sentences;
3. ``seller absent`` / ``buyer absent``  the country is not named there (it must come from the article frame);
4. ``goods unknown`` neither a known term of the same heading nor the goods' words are found there;
5. ``figure unread`` the gold quantity or value is not among the amounts read there;
6. ``frame/roles``   every mention is there: the frames, roles or merging lost the flow.

By default it prints counts only, so it can run on a sealed set without showing its text; ``--show`` lists each
miss with its sentence, for sets that are read.

    uv run python benchmarks/layer_recall.py benchmarks/dev18 --scorer ../shared/eval/score.py [--show]
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType

from kb.extract import extract
from kb.extract.commodities import find_commodities, fold
from kb.extract.countries import find_countries
from kb.extract.flows.goods import goods_hs
from kb.extract.flows.lexicon import lexicon
from kb.extract.quantities import find_amounts
from kb.readers import is_article, read_article

LAYERS = ("named otherwise", "no evidence", "no trade word", "seller absent", "buyer absent", "goods unknown",
          "figure unread", "frame/roles")


def _scorer(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("score", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"{path}: not a Python file")
    module = importlib.util.module_from_spec(spec)
    sys.modules["score"] = module
    spec.loader.exec_module(module)
    return module


def _goods_found(text: str, commodity: str, hs: str) -> bool:
    """A known term of the gold heading, or the goods' own words, in the text."""
    for term in find_commodities(text):
        known = goods_hs(term.name) or ""
        if (hs and known[:4] == hs[:4]) or fold(term.name) in fold(commodity):
            return True
    words = [w for w in fold(commodity).split() if len(w) > 2]
    return bool(words) and all(w.rstrip("s") in fold(text) for w in words)


def _figure_found(text: str, gold: dict) -> bool:
    wanted = [float(gold[k]) for k in ("quantity", "value") if gold.get(k) is not None]
    if not wanted:
        return True
    amounts = find_amounts(text)
    # (a figure in thousands, "2,310 thousand t", which a gold file may write whole, counts as read)
    return all(any(abs(a.value - w) <= max(1.0, abs(w) * 0.01) or abs(a.value * 1000 - w) <= abs(w) * 0.01
                   for a in amounts) for w in wanted)


def layer_of(gold: dict, published: str | None) -> str:
    """The first layer that fails for one missed gold flow."""
    quotes = [e.get("quote") for e in gold.get("evidence") or [] if e.get("quote")]
    if not quotes:
        return "no evidence"
    said = " ".join(quotes)
    if not lexicon().cue.search(said):
        return "no trade word"
    codes = {c.code for c in find_countries(said, published)}
    if gold.get("from") not in codes:
        return "seller absent"
    if gold.get("to") not in codes:
        return "buyer absent"
    if not _goods_found(said, str(gold.get("commodity") or ""), str(gold.get("hs") or "")):
        return "goods unknown"
    if not _figure_found(said, gold):
        return "figure unread"
    return "frame/roles"


def _named_otherwise(gold: dict, unpaired: list[dict]) -> bool:
    """A flow kb left unpaired between the same countries, told in one of the gold record's sentences."""
    quotes = {e.get("quote") for e in gold.get("evidence") or [] if e.get("quote")}
    return any((p.get("from"), p.get("to")) == (gold.get("from"), gold.get("to"))
               and quotes & {e.get("quote") for e in p.get("evidence") or []} for p in unpaired)


def absent_detail(gold: dict, layer: str, predicted: list[dict]) -> str:
    """For a side left to the story: whether kb wrote a flow from the sentence with the side told there and
    another country on the side left out ("other side lent"), some other flow there ("read otherwise": its goods,
    date or figure paired it elsewhere), or nothing from it ("nothing read")."""
    quotes = {e.get("quote") for e in gold.get("evidence") or [] if e.get("quote")}
    here = [p for p in predicted if quotes & {e.get("quote") for e in p.get("evidence") or []}]
    told, lent = ("to", "from") if layer == "seller absent" else ("from", "to")
    if any(p.get(told) == gold.get(told) and p.get(lent) != gold.get(lent) for p in here):
        return "other side lent"
    return "read otherwise" if here else "nothing read"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folder", type=Path, help="articles with their gold NAME.facts.yaml beside them")
    ap.add_argument("--scorer", type=Path, default=Path(__file__).resolve().parents[2] / "shared/eval/score.py")
    ap.add_argument("--show", action="store_true", help="list each miss with its sentence (read sets only)")
    args = ap.parse_args(argv)
    score = _scorer(args.scorer)
    counts: Counter[str] = Counter()
    details: Counter[tuple[str, str]] = Counter()
    gold_total = 0
    for path in sorted(p for p in args.folder.iterdir() if is_article(p) and p.name != "README.md"):
        facts_path = path.with_name(path.name.rsplit(".", 1)[0] + ".facts.yaml")
        if not facts_path.exists():
            continue
        gold = score.load(facts_path)
        document = read_article(path)
        predicted = [f.model_dump(by_alias=True, mode="json") for f in extract(document).trade_flows]
        golds = gold.get("trade_flows") or []
        gold_total += len(golds)
        paired = {g for g, _ in score.pair("trade_flows", golds, predicted)}
        taken = {p for _, p in score.pair("trade_flows", golds, predicted)}
        for i, g in enumerate(golds):
            if i in paired:
                continue
            layer = "named otherwise" if _named_otherwise(g, [p for j, p in enumerate(predicted) if j not in taken]) \
                else layer_of(g, document.published)
            counts[layer] += 1
            if layer in ("seller absent", "buyer absent"):
                details[layer, absent_detail(g, layer, predicted)] += 1
            if args.show:
                quote = " ".join(e.get("quote", "") for e in g.get("evidence") or [])
                absent = layer in ("seller absent", "buyer absent")
                detail = f" ({absent_detail(g, layer, predicted)})" if absent else ""
                print(f"{layer:15}{detail} {g.get('commodity')} {g.get('from')}->{g.get('to')}  [{path.name}]  "
                      f"{quote[:160]}")
    missed = sum(counts.values())
    print(f"gold trade flows {gold_total}, missed {missed} (recall {1 - missed / gold_total:.3f})" if gold_total
          else "no gold trade flows")
    for layer in LAYERS:
        if counts[layer]:
            print(f"  {layer:15} {counts[layer]:4}  {counts[layer] / missed:.0%}")
            for (of, detail), n in sorted(details.items()):
                if of == layer:
                    print(f"    {detail:17} {n:4}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
