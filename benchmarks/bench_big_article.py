"""Time reading and extracting one big article (5 MB by default) in shapes that make text processing crawl.

Each shape is written at a quarter of the size and at the full size; the table
gives both times and their ratio. Linear work gives a ratio near 4, quadratic
work near 16. Reading runs in this process; extraction runs in a child
process stopped after `--extract-timeout` seconds (the extractor is the part
`kb load --file-timeout` bounds). A measurement, not a test: nothing asserts.

    uv run python benchmarks/bench_big_article.py                    # 5 MB, every shape, read only
    uv run python benchmarks/bench_big_article.py --extract --shapes prose-line,prose-wrapped
"""

from __future__ import annotations

import argparse
import contextlib
import multiprocessing
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from _common import header, table

_SENTENCE = ("Uzbekistan exported 12,500 tonnes of wheat to South Korea in January-March 2024, "
             "the State Customs Committee said on Friday. ")
_WRAPPED = "the customs service of the republic said trade with its neighbours grew\n"


def _repeat(unit: str, size: int) -> str:
    return unit * max(1, size // len(unit))


# name -> (file suffix, text of about `size` characters)
SHAPES: dict[str, tuple[str, Callable[[int], str]]] = {
    "prose-line": (".txt", lambda n: "Trade news\n\n" + _repeat(_SENTENCE, n)),
    "prose-wrapped": (".txt", lambda n: "Trade news\n\n" + _repeat(_WRAPPED, n)),
    "one-word": (".txt", lambda n: "Trade news\n\n" + "x" * n),
    "capitals": (".txt", lambda n: "Trade news\n\n" + "A" * n),
    "capital-words": (".txt", lambda n: "Trade news\n\n" + _repeat("Aa ", n)),
    "md-emphasis": (".md", lambda n: "# News\n\n" + _repeat("*a _b ", n)),
    "md-links": (".md", lambda n: "# News\n\n" + _repeat("[a](b ", n)),
    "md-brackets": (".md", lambda n: "# News\n\n" + _repeat("[a ", n)),
    "md-heading-hashes": (".md", lambda n: "# News\n\n# a" + "#" * n + "b\n\nSome text here.\n"),
    "md-autolinks": (".md", lambda n: "# News\n\n" + _repeat("<http://a ", n)),
    "html-open-tags": (".html", lambda n: "<html><body><p>" + _repeat("<a ", n) + "</p></body></html>"),
    "html-scripts": (".html", lambda n: "<html><body><p>" + _repeat("<script x ", n) + "</p></body></html>"),
    "html-meta": (".html", lambda n: "<html><head>" + _repeat("<meta ", n) + "</head><body><p>Hi.</p></body></html>"),
    "html-title": (".html", lambda n: "<html><head>" + _repeat("<title>", n) + "</head><body><p>Hi.</p></body></html>"),
    "html-link": (".html", lambda n: "<html><head>" + _repeat("<link rel ", n) + "</head><body></body></html>"),
    "json-tags": (".json", lambda n: '{"title": "T", "text": "<p>' + _repeat("<b ", n) + '"}'),
}


def _read(path: Path) -> float:
    from kb.errors import KbError
    from kb.readers import read_article

    start = time.perf_counter()
    with contextlib.suppress(KbError):  # a refusal is an answer too; the time to reach it is what counts
        read_article(path, max_bytes=1 << 30)
    return time.perf_counter() - start


def _extract_child(path: str, out: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    from kb.extract import extract
    from kb.readers import read_article

    document = read_article(Path(path), max_bytes=1 << 30)
    extract(document)  # warm: gazetteers
    start = time.perf_counter()
    extract(document)
    out.put(time.perf_counter() - start)


def _extract(path: Path, timeout: float) -> float | None:
    queue: multiprocessing.Queue = multiprocessing.Queue()  # type: ignore[type-arg]
    child = multiprocessing.Process(target=_extract_child, args=(str(path), queue))
    child.start()
    child.join(timeout)
    if child.is_alive():
        child.kill()
        child.join()
        return None
    return queue.get() if not queue.empty() else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=float, default=5.0, help="article size in MB (default 5)")
    parser.add_argument("--shapes", default=",".join(SHAPES), help="comma-separated shapes (default: all)")
    parser.add_argument("--extract", action="store_true", help="time the extractor too (in a child process)")
    parser.add_argument("--extract-timeout", type=float, default=300.0, help="stop extraction after this (s)")
    args = parser.parse_args(argv)
    size = int(args.size * 1024 * 1024)
    _read(Path(__file__).resolve().parent.parent / "seed" / "2023-09-26-korea-herald-uzbekistan-korea-customs.txt")
    rows = []
    with tempfile.TemporaryDirectory(prefix="kb-big-") as tmp:
        for name in args.shapes.split(","):
            suffix, make = SHAPES[name]
            times: list[float | None] = []
            for n in (size // 4, size):
                path = Path(tmp) / f"{name}{suffix}"
                path.write_text(make(n), encoding="utf-8")
                times.append(_read(path))
                if args.extract:
                    times.append(_extract(path, args.extract_timeout))
            read_q, read_full = times[0], times[2 if args.extract else 1]
            row: list[object] = [name, read_q, read_full, (read_full or 0) / max(read_q or 1e-9, 1e-3)]
            if args.extract:
                ext_q, ext_full = times[1], times[3]
                row += [_fmt(ext_q, args.extract_timeout), _fmt(ext_full, args.extract_timeout),
                        f"{ext_full / ext_q:.1f}" if ext_q and ext_full else "—"]
            rows.append(row)
            print(f"  {name}: {row[1:]}", file=sys.stderr, flush=True)
    headers = ["shape", f"read {args.size / 4:g} MB s", f"read {args.size:g} MB s", "ratio"]
    if args.extract:
        headers += [f"extract {args.size / 4:g} MB s", f"extract {args.size:g} MB s", "ratio"]
    print(header(f"One {args.size:g} MB article"))
    print()
    print(table(headers, rows))
    return 0


def _fmt(seconds: float | None, timeout: float) -> str:
    return f"> {timeout:g}" if seconds is None else f"{seconds:.2f}"


if __name__ == "__main__":
    raise SystemExit(main())
