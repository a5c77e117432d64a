"""The built wheel is all kb needs: installed into a fresh virtual environment, it creates a database from
the migrations it carries and answers a query, run from a folder that is not the checkout.

uv builds and installs offline, from its cache (CI's `uv sync --locked` has filled it with the locked
dependencies and with hatchling, the build backend).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import postgres_schema

from kb import __version__

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 600


def uv() -> str:
    found = os.environ.get("UV") or shutil.which("uv")
    if not found:
        pytest.skip("uv is not installed: the wheel test needs it to build and install")
    return found


def run(*command: str | Path, cwd: Path, env: dict[str, str] | None = None) -> str:
    result = subprocess.run([str(part) for part in command], cwd=cwd, env=env, capture_output=True, text=True,
                            timeout=TIMEOUT)
    assert result.returncode == 0, f"{command}:\n{result.stdout}\n{result.stderr}"
    return result.stdout


def outside_env(venv: Path) -> dict[str, str]:
    """The environment of someone who installed kb: no checkout on the path, no uv project, offline."""
    env = {key: value for key, value in os.environ.items()
           if key not in {"PYTHONPATH", "VIRTUAL_ENV", "KB_DATABASE_URL", "UV_PROJECT_ENVIRONMENT"}}
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    env["UV_OFFLINE"] = "1"
    return env


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    run(uv(), "build", "--wheel", "--offline", "--out-dir", out, ROOT, cwd=out)
    (built,) = out.glob("kb-*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A fresh virtual environment with only the wheel (and its dependencies) in it; yields its bin folder."""
    venv = tmp_path_factory.mktemp("venv") / ".venv"
    env = outside_env(venv)
    # First the dependencies, as uv.lock pins them (uv's cache has those), then the wheel alone; `uv pip
    # check` then proves that what the wheel's metadata asks for is installed.
    run(uv(), "sync", "--frozen", "--offline", "--no-dev", "--no-install-project", "--python", sys.executable,
        cwd=ROOT, env=dict(env, UV_PROJECT_ENVIRONMENT=str(venv)))
    python = venv / "bin" / "python"
    run(uv(), "pip", "install", "--python", python, "--no-deps", wheel, cwd=venv.parent, env=env)
    run(uv(), "pip", "check", "--python", python, cwd=venv.parent, env=env)
    yield venv / "bin"


def test_the_wheel_carries_the_migrations_inside_the_package(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    assert "kb/migrations/env.py" in names
    assert any(name.startswith("kb/migrations/versions/") and name.endswith("_0001_create_core_tables.py")
               for name in names)
    assert not any(name.startswith(("migrations/", "tests/", "seed/")) for name in names)


def test_the_installed_kb_is_the_wheels(installed: Path, tmp_path: Path) -> None:
    env = outside_env(installed.parent)
    where = run(installed / "python", "-c", "import kb; print(kb.__file__)", cwd=tmp_path, env=env)
    assert Path(where.strip()).is_relative_to(installed.parent)
    assert run(installed / "kb", "--version", cwd=tmp_path, env=env).strip() == f"kb {__version__}"


@pytest.mark.parametrize("engine", ["sqlite", "postgres"])
def test_the_installed_kb_loads_the_seed_and_answers_a_query(installed: Path, tmp_path: Path, engine: str) -> None:
    env = outside_env(installed.parent)
    shutil.copytree(ROOT / "seed", tmp_path / "seed")
    with _database(engine, tmp_path) as db:
        if db is not None:
            env["KB_DATABASE_URL"] = db
        loaded = run(installed / "kb", "load", "seed/", cwd=tmp_path, env=env)
        assert "failed" in loaded and ": 1 new" in loaded, loaded
        rows = json.loads(run(installed / "kb", "query", "agreements", "--format", "json", cwd=tmp_path, env=env))
    assert rows and all(row["name"] for row in rows)
    assert engine != "sqlite" or (tmp_path / "kb.db").is_file()


class _database:
    """None for SQLite (kb's default, kb.db in the working folder); a scratch schema's URL for PostgreSQL."""

    def __init__(self, engine: str, folder: Path) -> None:
        self.engine, self.folder = engine, folder

    def __enter__(self) -> str | None:
        if self.engine == "sqlite":
            return None
        self.schema = postgres_schema()
        return self.schema.__enter__()

    def __exit__(self, *exc: object) -> None:
        if self.engine != "sqlite":
            self.schema.__exit__(*exc)
