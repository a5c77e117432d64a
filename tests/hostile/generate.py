"""Write a corpus of hostile input for `kb load`: good files kb must store, and files that must each cost
one line naming them — bad encodings, binary data, NUL bytes, bombs, deep nesting, huge lines, oversize
files, impossible dates, unknown countries, negative amounts, evidence out of range, pipes, sockets,
devices, broken and looping links, folders named like articles, lone facts files, missing paths.

    uv run python tests/hostile/generate.py /tmp/hostile        # writes /tmp/hostile/corpus, lists the cases

Load it as the tests do (`load_arguments` gives the paths and limits):

    uv run kb load /tmp/hostile/corpus /tmp/hostile/missing.txt /tmp/hostile/notes.pdf \\
        --max-file-size 1 --file-timeout 10 --db sqlite:////tmp/hostile/kb.db
"""

from __future__ import annotations

import gzip
import json
import os
import random
import shutil
import socket
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

MAX_MB = 1  # --max-file-size for the corpus
TIMEOUT = 10  # --file-timeout for the corpus
CORPUS = Path(__file__).resolve().parent.parent / "data" / "corpus"
STORED = "2021-04-10-north-wire-iceland-paraguay-customs"  # a tests/data/corpus article, copied as a moved file


@dataclass(frozen=True)
class Case:
    """One hostile input and what kb load must make of it.

    expect: "stored" (the article is stored), "error" (one Error line naming `path`, containing `problem`,
    counted as failed), "skipped" (the same, counted as skipped), "ignored" (no line), "note" (stored, and
    one Note line naming it).
    """

    name: str
    path: Path
    expect: str
    problem: str = ""


# ---------------------------------------------------------------- text

_COUNTRIES = ("Tonga", "Samoa", "Vanuatu", "Tuvalu", "Kiribati", "Nauru", "Palau")
_GOODS = ("squash", "kava", "vanilla", "copra", "taro", "coconut oil", "tuna")


def _sentences(rng: random.Random, n: int) -> list[str]:
    out = []
    for _ in range(n):
        a, b = rng.sample(_COUNTRIES, 2)
        good = rng.choice(_GOODS)
        out.append(rng.choice((
            f"{a} exported {rng.randint(2, 900)} tonnes of {good} to {b} last year, the customs service said.",
            f"Officials from {a} and {b} met in the capital to discuss faster clearance of {good} shipments.",
            f"The ministry of trade of {a} said {good} sales abroad rose by {rng.randint(2, 40)} percent.",
        )))
    return out


def _article(rng: random.Random, title: str, paragraphs: int = 3) -> str:
    body = "\n\n".join(" ".join(_sentences(rng, 2)) for _ in range(paragraphs))
    return f"{title}\n\n{body}\n"


def _facts(article: str, **records: object) -> str:
    data = {"format": "kb-facts/1", "article": {"file": article, "title": "A curated article"},
            "agencies": [{"name": "Tonga Customs and Revenue", "country": "TO", "kind": "customs"}], **records}
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


def _pathological(rng: random.Random, size: int) -> str:
    """Trade words without a full stop: one endless sentence, which the extractor reads in quadratic time."""
    words = ["customs", "trade", "export", "import", "agreement", "the", "of", "and", "Korea", "Uzbekistan",
             "signed", "protocol", "tonnes", "wheat", "minister"]
    out, length = [], 0
    while length < size:
        word = rng.choice(words)
        out.append(word)
        length += len(word) + 1
    return " ".join(out)


def _alias_bomb(levels: int = 9) -> str:
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, levels):
        prev, name = chr(96 + i), chr(97 + i)
        lines.append(f"{name}: &{name} [{', '.join(['*' + prev] * 9)}]")
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- the corpus

def write_corpus(root: Path, seed: int = 1) -> list[Case]:
    """Write the corpus under `root` (which must not exist yet or be empty) and return its cases."""
    rng = random.Random(seed)
    folder = root / "corpus"
    folder.mkdir(parents=True, exist_ok=True)
    cases: list[Case] = []

    def file(name: str, content: str | bytes, expect: str, problem: str = "", where: Path = folder) -> Path:
        path = where / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            path.write_text(content, encoding="utf-8", newline="")
        else:
            path.write_bytes(content)
        if expect:
            cases.append(Case(name, path, expect, problem))
        return path

    def curated(name: str, text: str, expect: str = "stored", problem: str = "", facts: str | None = None,
                blame_facts: bool = True) -> None:
        """An article with a facts file beside it (no extraction: what is read is what is tested)."""
        article = file(name, text, "")
        facts_path = article.with_name(article.stem + ".facts.yaml")
        facts_path.write_text(facts if facts is not None else _facts(name), encoding="utf-8")
        blamed = facts_path if expect == "error" and blame_facts else article
        cases.append(Case(name, blamed, expect, problem))

    # -- good files: stored
    file("good-plain.txt", _article(rng, "Tonga and Samoa sign customs pact"), "stored")
    file("good-crlf.txt", _article(rng, "Vanuatu customs opens new post").replace("\n", "\r\n"), "stored")
    file("good-bom.txt", "\ufeff" + _article(rng, "Palau customs goes digital"), "stored")
    file("good-nul.txt", _article(rng, "Nauru clears tuna faster").replace(" the ", " the\x00 ", 3)
         .replace(", ", ",\x07 ", 2), "stored")
    file("good-unicode.txt", "Tuvalu customs — ‏العربية‏ 📦 Ŝ̷̛\n\n" + " ".join(_sentences(rng, 3))
         + " Ürümqi, Zürich and 東京 were named. \u202eevil\u202c text.\n", "stored")
    file("good-front.md", "---\ntitle: Samoa and Tonga trade\ndate: 2024-03-01\nurl: https://example.org/a?utm_source=x\n"
         "---\n\n# Samoa and Tonga trade\n\n" + " ".join(_sentences(rng, 3)) + " *Emphasis* and [a link](http://x).\n",
         "stored")
    file("good-page.html", "<html><head><title>Kiribati copra | Pacific Wire</title>"
         "<meta property='og:url' content='https://example.org/kiribati'></head><body><article><p>"
         + "</p><p>".join(_sentences(rng, 4)) + "</p></article></body></html>", "stored")
    file("good-record.json", json.dumps({"title": "Vanilla exports rise", "url": "http://[::1", "published_at": 1e300,
                                         "text": "\n\n".join(_sentences(rng, 3)) + "\u0000"}), "stored")
    file("good-surrogate.json", '{"title": "Lone \\ud800 surrogate", "text": "' + " ".join(_sentences(rng, 3))
         + ' \\udfff and \\u0007."}', "stored")
    curated("good-curated.txt", _article(rng, "Tonga customs chief visits Samoa"))
    big = " ".join(_sentences(rng, 8000))[: int(0.9 * 1024 * 1024)]
    curated("good-long-line.txt", "Tonga trade in one line\n\n" + big + "\n")
    wrapped = "\n".join("the customs service of the republic said trade with its neighbours grew"
                        for _ in range(12000))
    curated("good-hard-wrapped.txt", "Samoa trade, hard-wrapped\n\n" + wrapped + ".\n")
    curated("good-emphasis.md", "# Emphasis\n\n" + "*a _b " * 100_000 + "\n")
    curated("good-links.md", "# Links\n\n" + "[a](b " * 100_000 + "\n")
    curated("good-capitals.txt", "Capitals\n\n" + "A" * 500_000 + " and more.\n")
    curated("good-scripts.html", "<html><body><p>Vanuatu trade news about kava exports to Fiji.</p>"
            + "<script x " * 50_000 + "</body></html>")
    curated("good-tags.json", json.dumps({"title": "Tags", "text": "<p>Samoa taro exports grew.</p>"
                                          + "<b " * 200_000}))
    file("inside.txt", _article(rng, "Palau tuna goes to Tonga"), "stored", where=folder / "folder-named.txt")
    repeated = ("The customs service of Tonga said exports of squash to Samoa rose again this season. " * 4
                + "\n\n") * 2200
    file("good-repeated.txt", "Squash again\n\n" + repeated, "note", "of text became a body of")
    moved = folder / "moved"
    moved.mkdir()
    for suffix in (".txt", ".facts.yaml"):
        shutil.copy(CORPUS / f"{STORED}{suffix}", moved / f"{STORED}{suffix}")
    cases.append(Case("moved-copy", moved / f"{STORED}.txt", "unchanged"))

    # -- bad article files: one line each
    file("bad-empty.txt", "", "error", "the file is empty")
    file("bad-blank.txt", " \n\t\n  \r\n", "error", "the file is empty")
    file("bad-binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "error", "not UTF-8 text")
    file("bad-latin1.txt", "Caf\xe9 exports from Tonga to Samoa rose.".encode("latin-1"), "error", "not UTF-8 text")
    file("bad-utf16.txt", "Tonga exports squash.".encode("utf-16"), "error", "not UTF-8 text")
    file("bad-zip-bomb.txt", gzip.compress(b"\0" * 10_000_000), "error", "not UTF-8 text")
    file("bad-nul-only.txt", b"\x00" * 5000, "error", "the file is empty")
    file("bad-boilerplate.txt", "Advertisement\n\nShare | Print\n\nTags: customs\n", "error", "no article text")
    file("bad-deep.json", "[" * 100_000 + "]" * 100_000, "error", "JSON nested too deeply")
    file("bad-broken.json", '{"title": "T", "text": ', "error", "invalid JSON")
    file("bad-no-text.json", '{"title": "T", "url": "https://example.org"}', "error", "no article text")
    file("bad-list.json", '[{"text": "a"}, {"text": "b"}]', "error", "found a list of 2")
    file("bad-huge.txt", "Huge\n\n" + "Tonga exports squash. " * 60_000, "error", "over the limit of 1.0 MB per file")
    file("bad-front-bomb.md", "---\n" + _alias_bomb() + "title: *i\n---\n\nBody text about Tonga and Samoa.\n",
         "error", "YAML aliases (*name) are not allowed")
    file("bad-front-broken.md", "---\ntitle: [unclosed\n---\n\nBody text.\n", "error", "invalid YAML front matter")
    file("bad-slow.txt", "Slow\n\n" + _pathological(rng, 300_000) + "\n", "error",
         f"took longer than {TIMEOUT} s to read and extract (--file-timeout)")

    # -- bad facts files: the line names the facts file, nothing of the article is stored
    def flow(**fields: object) -> dict[str, object]:
        return {"trade_flows": [{"commodity": "squash", "from": "TO", "to": "WS", **fields}]}

    curated("facts-alias-bomb.txt", _article(rng, "Bomb"), "error", "YAML aliases (*name) are not allowed",
            "format: kb-facts/1\narticle: {file: facts-alias-bomb.txt}\n" + _alias_bomb() + "x: *i\n")
    curated("facts-unquoted-date.txt", _article(rng, "Date"), "error", "no such date: '2023-02-30'",
            _facts("facts-unquoted-date.txt") + "agreements:\n- name: Tonga memorandum\n  signed: 2023-02-30\n")
    curated("facts-quoted-date.txt", _article(rng, "Date"), "error", "no such date: '2023-02-30'",
            _facts("facts-quoted-date.txt", agreements=[{"name": "Tonga memorandum", "signed": "2023-02-30"}]))
    curated("facts-reversed-period.txt", _article(rng, "Period"), "error", "the interval ends before it starts",
            _facts("facts-reversed-period.txt", **flow(date="2023-05/2023-01")))
    curated("facts-country.txt", _article(rng, "Country"), "error", "no country has the ISO 3166-1 code 'XX'",
            _facts("facts-country.txt", agreements=[{"name": "Tonga memorandum", "parties": ["TO", "XX"]}]))
    curated("facts-negative.txt", _article(rng, "Negative"), "error", "greater than or equal to 0",
            _facts("facts-negative.txt", **flow(quantity=-250, unit="t")))
    curated("facts-nan.txt", _article(rng, "NaN"), "error", "finite number",
            _facts("facts-nan.txt").replace("agencies:", "trade_flows:\n- {commodity: squash, value: .nan}\nagencies:"))
    curated("facts-infinite.txt", _article(rng, "Inf"), "error", "finite number",
            _facts("facts-infinite.txt").replace("agencies:", "trade_flows:\n- {commodity: squash, quantity: 1e400}"
                                                              "\nagencies:"))
    curated("facts-evidence.txt", _article(rng, "Evidence"), "error", "runs past the end of the article's text",
            _facts("facts-evidence.txt", officials=[{"name": "Sione Tupou", "evidence": [
                {"quote": "Nothing of the sort.", "start": 10, "end": 99_999}]}]))
    curated("facts-evidence-order.txt", _article(rng, "Evidence"), "error", "the span ends before it starts",
            _facts("facts-evidence-order.txt", officials=[{"name": "Sione Tupou", "evidence": [
                {"quote": "x", "start": 20, "end": 10}]}]))
    curated("facts-wrong-file.txt", _article(rng, "Wrong"), "error", "article.file: says 'another.txt'",
            _facts("another.txt"))
    curated("facts-invalid-yaml.txt", _article(rng, "Invalid"), "error", "not valid YAML",
            "format: kb-facts/1\narticle: {file: facts-invalid-yaml.txt\n")
    curated("facts-deep.txt", _article(rng, "Deep"), "error", "not valid YAML",
            "format: kb-facts/1\narticle: {file: facts-deep.txt}\nx: " + "[" * 20_000 + "]" * 20_000 + "\n")
    curated("facts-not-mapping.txt", _article(rng, "List"), "error", "not a kb-facts/1 mapping", "- a\n- b\n")
    curated("facts-nul.txt", _article(rng, "Nul"), "error", "agencies[0].name: holds a NUL",
            'format: kb-facts/1\narticle: {file: facts-nul.txt}\nagencies:\n- {name: "Tonga\\0Customs"}\n')
    curated("facts-bad-escape.txt", _article(rng, "Escape"), "error", "not valid YAML",
            'format: kb-facts/1\narticle: {file: facts-bad-escape.txt}\nagencies:\n- {name: "Tonga \\ud800"}\n')
    curated("facts-blank-name.txt", _article(rng, "Blank"), "error", "must not be blank",
            _facts("facts-blank-name.txt", officials=[{"name": "   "}]))
    curated("facts-unknown-key.txt", _article(rng, "Key"), "error", "unknown key",
            _facts("facts-unknown-key.txt", colour="blue"))
    curated("facts-huge.txt", _article(rng, "Huge facts"), "error", "over the limit of 1,048,576 bytes per file",
            _facts("facts-huge.txt") + "# " + "x" * (1024 * 1024 + 10) + "\n")
    article = file("facts-binary.txt", _article(rng, "Binary facts"), "")
    facts_path = article.with_name("facts-binary.facts.yaml")
    facts_path.write_bytes(b"\xff\xfe\x00binary")
    cases.append(Case("facts-binary.txt", facts_path, "error", "not UTF-8 text"))
    article = file("facts-pipe.txt", _article(rng, "Piped facts"), "")
    os.mkfifo(article.with_name("facts-pipe.facts.yaml"))
    cases.append(Case("facts-pipe.txt", article.with_name("facts-pipe.facts.yaml"), "error", "is a named pipe"))

    # -- things that are no article: one line each, never opened
    os.mkfifo(folder / "pipe.txt")
    cases.append(Case("pipe.txt", folder / "pipe.txt", "skipped", "is a named pipe, not a regular file"))
    (folder / "dangling.txt").symlink_to(folder / "nowhere" / "gone.txt")
    cases.append(Case("dangling.txt", folder / "dangling.txt", "skipped", "a broken symbolic link"))
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    cases.append(Case("loop.txt", folder / "loop.txt", "skipped", "cannot be read"))
    (folder / "device.txt").symlink_to("/dev/zero")
    cases.append(Case("device.txt", folder / "device.txt", "skipped", "is a character device"))
    _socket(folder / "socket.txt", cases)
    cases.append(Case("folder-named.txt", folder / "folder-named.txt", "skipped", "is a folder, not an article file"))
    (folder / "linked-folder.md").symlink_to(folder / "moved", target_is_directory=True)
    cases.append(Case("linked-folder.md", folder / "linked-folder.md", "skipped", "is a link to a folder"))
    file("lonely.facts.yaml", _facts("lonely.txt"), "skipped", "a facts file with no article beside it")
    cases.append(Case("missing", root / "missing.txt", "skipped", "no such file or folder"))
    file("notes.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "skipped", "not an article file", where=root)

    # -- passed over quietly
    file("notes.yaml", "not: an article\n", "ignored")
    file("picture.png", b"\x89PNG\r\n\x1a\n", "ignored")
    file(".hidden.txt", "Hidden files are not read.\n", "ignored")
    file("x.txt", b"\xff\xfe", "ignored", where=folder / ".git")
    return cases


def _socket(path: Path, cases: list[Case]) -> None:
    if not hasattr(socket, "AF_UNIX") or len(str(path)) > 100:
        return  # no UNIX sockets, or a path too long to bind
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    server.close()  # the socket file stays
    cases.append(Case("socket.txt", path, "skipped", "is a socket, not a regular file"))


def load_arguments(root: Path) -> list[str]:
    """The `kb load` arguments (after `load`) for the corpus under `root`."""
    return [str(root / "corpus"), str(root / "missing.txt"), str(root / "notes.pdf"),
            "--max-file-size", str(MAX_MB), "--file-timeout", str(TIMEOUT)]


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    root = Path(args[0])
    if root.exists() and any(root.iterdir()):
        print(f"error: {root} is not empty", file=sys.stderr)
        return 2
    cases = write_corpus(root)
    counts: Callable[[str], int] = lambda kind: sum(c.expect == kind for c in cases)  # noqa: E731
    for case in cases:
        print(f"{case.expect:9} {case.path}  {case.problem}")
    print(f"{len(cases)} cases: " + ", ".join(f"{counts(k)} {k}" for k in
                                              ("stored", "note", "unchanged", "error", "skipped", "ignored")))
    print("kb load " + " ".join(load_arguments(root)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
