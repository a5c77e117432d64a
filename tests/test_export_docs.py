"""docs/exports.md stays true: every `$ kb export` example is run on the seed and prints what the page shows."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from helpers import kb

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "exports.md"


def examples() -> list[tuple[list[str], list[str]]]:
    """(the command's arguments after `kb`, the lines shown after it) for each `$ kb export` in a sh block."""
    found = []
    for block in re.findall(r"```sh\n(.*?)```", DOC.read_text(encoding="utf-8"), flags=re.S):
        lines = block.splitlines()
        for i, line in enumerate(lines):
            if line.startswith("$ kb export"):
                shown = []
                for after in lines[i + 1:]:
                    if after.startswith("$ "):
                        break
                    shown.append(after)
                found.append((line[len("$ kb "):].split(), shown))
    return found


@pytest.fixture(scope="module")
def seed_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("docs")
    shutil.copytree(ROOT / "seed", folder / "seed")
    url = f"sqlite:///{folder / 'kb.db'}"
    kb("load", folder / "seed", "--db", url)
    return url


def without_db(args: list[str]) -> list[str]:
    """The example's arguments with its --db (an example server) taken out."""
    out, skip = [], False
    for arg in args:
        if skip:
            skip = False
        elif arg == "--db":
            skip = True
        else:
            out.append(arg)
    return out


def test_the_page_has_an_example_of_every_format() -> None:
    formats = {args[args.index("--format") + 1] for args, _ in examples()}
    assert formats == {"csv", "jsonl", "sqlite", "ftm", "comtrade"}


@pytest.mark.parametrize("args,shown", examples(), ids=lambda v: " ".join(v) if isinstance(v, list) and v
                         and v[0] == "export" else None)
def test_an_example_prints_what_the_page_shows(args: list[str], shown: list[str], seed_db: str,
                                               tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    printed = kb(*without_db(args), "--db", seed_db).output.splitlines()
    lines = [line for line in shown if line != "…"]
    if "…" in shown:  # a selection of the lines printed
        assert set(lines) <= set(printed), set(lines) - set(printed)
    else:
        assert lines == printed


def test_the_datapackage_excerpt_is_the_real_one(seed_db: str, tmp_path: Path) -> None:
    kb("export", "--format", "csv", "--out", tmp_path / "csv", "--db", seed_db)
    package = json.loads((tmp_path / "csv" / "datapackage.json").read_text(encoding="utf-8"))
    (resource,) = [r for r in package["resources"] if r["name"] == "trade_flow"]
    excerpt = json.loads(re.search(r"```json\n(.*?)```", DOC.read_text(encoding="utf-8"), flags=re.S).group(1))
    resource["schema"]["fields"] = resource["schema"]["fields"][:len(excerpt["schema"]["fields"])]
    assert excerpt == resource
