"""Check that `find_amounts` and `find_dates` stay linear: 5 MB single-line texts, CPU seconds each.

Each text repeats one shape that could make a regex backtrack or a pass go quadratic (digit runs, commas,
spaced groups, hyphens, month names, "since", years, weekdays...). Seconds should grow with the size, not
its square: run it under `timeout` and compare with a smaller `--mb`; no timing is asserted.

    timeout 600 uv run python benchmarks/check_linear_numbers.py
    timeout 600 uv run python benchmarks/check_linear_numbers.py --mb 1 dates mixed since
"""

from __future__ import annotations

import argparse
import time

from kb.extract.dates import find_dates
from kb.extract.quantities import find_amounts

SENTENCE = ("Exports of 12 million 60-kg bags rose 10,000-12,000 tonnes in the first half of 2023, worth R2.5 billion "
            "(US$135 million) since the campaign opened in November, 3,45,000 tonnes at $300 a tonne on Friday. ")
SHAPES = {
    "mixed": SENTENCE, "digits": "1", "commas": "1,2", "spaces": "1 2 ", "thin": "12\u00a0", "groups": "1 000 ",
    "letters": "a ", "hyphens": "5-", "months": "January ", "since": "since ", "the": "the first ",
    "years": "2019 ", "weekday": "Friday (", "between": "between 5 and ", "words": "one two three ",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("which", nargs="?", choices=["amounts", "dates", "both"], default="both")
    parser.add_argument("shapes", nargs="*", help=f"some of: {', '.join(SHAPES)} (default all)")
    parser.add_argument("--mb", type=float, default=5.0, help="size of each text in megabytes (default 5)")
    args = parser.parse_args()
    if unknown := set(args.shapes) - set(SHAPES):
        parser.error(f"unknown shape {', '.join(sorted(unknown))}")
    funcs = {"amounts": find_amounts, "dates": lambda t: find_dates(t, "2023-09-26")}
    for name in args.shapes or list(SHAPES):
        text = SHAPES[name] * int(args.mb * 1_000_000 // len(SHAPES[name]))
        for what, func in funcs.items():
            if args.which not in (what, "both"):
                continue
            start = time.process_time()
            found = len(func(text))
            print(f"{what:7s} {name:8s} {len(text) / 1e6:4.1f} MB {time.process_time() - start:6.2f} s CPU "
                  f"({found} found)", flush=True)


if __name__ == "__main__":
    main()
