"""Score the extractor on the development set, split into the articles worked on and the ones set aside.

Eight of the 24 development articles added for issue 7 were chosen at random before
anyone read them (`random.Random(20261205).sample(new, 8)`) and kept unread and untuned
as an honest yardstick; they are listed in SET_ASIDE. This script extracts every
development article once, then runs the project's scorer on all of them, on the
worked-on ones and on the set-aside ones.

    uv run python benchmarks/score_dev.py                      # ../shared/eval/dev
    uv run python benchmarks/score_dev.py DEV_DIR --scorer PATH/score.py
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SET_ASIDE = frozenset((
    "2015-02-11-japan-times-japan-mongolia-epa",
    "2019-04-01-namibian-sun-first-beef-consignment-china",
    "2022-11-24-rio-times-brazil-first-corn-cargo-china",
    "2023-05-10-caspian-news-azerbaijan-gas-exports-four-months",
    "2023-05-26-trend-turkmenistan-gas-exports-china",
    "2024-01-18-fish-farmer-norway-seafood-exports-2023",
    "2024-05-02-shrimp-insider-ecuador-china-fta-in-force",
    "2025-05-05-city-paper-bogota-colombia-coffee-exports-first-quarter",
))


def stem(path: Path) -> str:
    return path.name.split(".")[0]


def subset(dev: Path, into: Path, keep: bool) -> Path:
    """A folder of links to the development files whose stem is (or is not) set aside."""
    into.mkdir()
    for path in dev.iterdir():
        if (stem(path) in SET_ASIDE) == keep:
            (into / path.name).symlink_to(path.resolve())
    return into


def score(scorer: Path, gold: Path, predicted: Path) -> str:
    result = subprocess.run(["uv", "run", "--quiet", str(scorer), str(gold), str(predicted)],
                            capture_output=True, text=True, check=True)
    return result.stdout


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("dev", type=Path, nargs="?", default=ROOT.parent / "shared" / "eval" / "dev")
    parser.add_argument("--scorer", type=Path, default=ROOT.parent / "shared" / "eval" / "score.py")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "predicted"
        subprocess.run(["uv", "run", "--quiet", "kb", "extract", str(args.dev), "--out", str(out)], check=True,
                       stdout=subprocess.DEVNULL)
        for label, gold in (("all", args.dev),
                            ("worked on", subset(args.dev, Path(tmp) / "worked", keep=False)),
                            ("set aside", subset(args.dev, Path(tmp) / "aside", keep=True))):
            print(f"## {label} ({sum(1 for p in gold.iterdir() if p.name.endswith('.facts.yaml'))} articles)")
            print(score(args.scorer, gold, out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
