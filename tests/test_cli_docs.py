"""Every kb command can be learnt by using it: help text ending with an example, and a place in the README."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from kb.cli import app

README = Path(__file__).resolve().parent.parent / "README.md"
runner = CliRunner()


def walk(command: Any, path: tuple[str, ...]) -> Iterator[tuple[tuple[str, ...], Any]]:
    yield path, command
    for name, sub in sorted(getattr(command, "commands", {}).items()):
        yield from walk(sub, (*path, name))


ALL = list(walk(typer.main.get_command(app), ("kb",)))
COMMANDS = {" ".join(path): command for path, command in ALL}
LEAVES = [name for name, command in COMMANDS.items() if not hasattr(command, "commands")]
GROUPS = [name for name, command in COMMANDS.items() if hasattr(command, "commands")]


def test_the_walk_finds_the_commands() -> None:
    assert {"kb load", "kb extract", "kb show", "kb sql", "kb query agreements", "kb query agencies",
            "kb query officials", "kb query flows", "kb query articles", "kb db upgrade", "kb db downgrade",
            "kb db current", "kb db history"} <= set(LEAVES)
    assert {"kb", "kb query", "kb db"} <= set(GROUPS)


def example_line(help_text: str | None) -> str:
    lines = [line.strip() for line in (help_text or "").splitlines() if line.strip()]
    return lines[-1] if lines else ""


@pytest.mark.parametrize("name", LEAVES + GROUPS)
def test_help_ends_with_an_example_of_the_command(name: str) -> None:
    command = COMMANDS[name]
    assert (command.help or "").strip(), f"{name} has no help"
    last = example_line(command.help)
    assert "Example: kb " in last, f"{name}: last help line is {last!r}"
    assert last[last.index("Example: ") + len("Example: "):].startswith(name), f"{name}: example of another command"


@pytest.mark.parametrize("name", LEAVES + GROUPS)
def test_help_is_printed(name: str) -> None:
    result = runner.invoke(app, [*name.split()[1:], "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage: kb" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("name", LEAVES)
def test_every_option_and_argument_has_help(name: str) -> None:
    missing = [p.name for p in COMMANDS[name].params if not (getattr(p, "help", None) or "").strip()]
    assert missing == [], name


def mentioned(readme: str, name: str) -> bool:
    """`kb db current` is mentioned as itself or in a shorthand such as `kb db upgrade|downgrade|current`."""
    *prefix, last = name.split()
    word = r"[\w-]+"
    pattern = rf"{re.escape(' '.join(prefix))} (?:{word}\|)*{re.escape(last)}(?:\|{word})*(?![\w-])"
    return re.search(pattern, readme) is not None


def test_mentioned_understands_shorthands() -> None:
    text = "run `kb db upgrade\\|downgrade\\|current` or `kb load PATH`".replace("\\|", "|")
    assert mentioned(text, "kb db downgrade") and mentioned(text, "kb db current") and mentioned(text, "kb load")
    assert not mentioned(text, "kb db history") and not mentioned(text, "kb db up")


@pytest.mark.parametrize("name", LEAVES)
def test_readme_mentions_the_command(name: str) -> None:
    readme = README.read_text(encoding="utf-8").replace("\\|", "|")
    assert mentioned(readme, name), f"README.md does not mention `{name}`"


def test_version_is_the_packages() -> None:
    from kb import __version__

    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.output.strip() == f"kb {__version__}"


def test_completion_script_is_printed_for_bash(monkeypatch: pytest.MonkeyPatch) -> None:
    """docs/install.md tells people to install it with `kb --install-completion`, which writes this script."""
    # the shell named, not detected from the parent process (a run with no shell above it would find none)
    monkeypatch.setenv("_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION", "1")
    result = runner.invoke(app, ["--show-completion", "bash"], prog_name="kb")
    assert result.exit_code == 0, result.output
    assert "_KB_COMPLETE" in result.output and "complete" in result.output
