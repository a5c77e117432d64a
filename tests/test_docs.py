"""The documentation stays true and inside the repository: the README is short and every link of README.md
and docs/ leads to a file of the repository; the facts-file example of docs/facts-format.md loads, and what
it stores is what it says."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from helpers import kb, load, query

from kb.facts import parse_facts

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
DOCS = sorted((ROOT / "docs").glob("*.md"))
SEED_ARTICLE = next((ROOT / "seed").glob("*.txt"))
# Pages that other branches add (the README links them already); drop a name here once its page is in docs/.
PENDING: set[str] = set()
LINK = re.compile(r"\]\(([^)\s]+)\)")


def test_readme_is_a_short_front_door() -> None:
    assert len(README.read_text(encoding="utf-8").splitlines()) <= 200


def links(page: Path) -> list[str]:
    text = re.sub(r"```.*?```", "", page.read_text(encoding="utf-8"), flags=re.S)  # code is not a link
    return LINK.findall(text)


@pytest.mark.parametrize("page", [README, *DOCS], ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_link_leads_to_a_file_of_the_repository(page: Path) -> None:
    for target in links(page):
        if target.startswith(("http://", "https://")):
            continue  # the web, e.g. uv's installation page: not a path out of the checkout
        path = (page.parent / target.split("#")[0]).resolve()
        assert path.is_relative_to(ROOT), f"{page.name}: {target} leads out of the repository"
        relative = path.relative_to(ROOT).as_posix()
        assert path.exists() or relative in PENDING, f"{page.name}: {target} does not exist"


@pytest.mark.parametrize("page", [README, *DOCS], ids=lambda p: p.relative_to(ROOT).as_posix())
def test_no_page_points_at_the_shared_folder(page: Path) -> None:
    """The evaluation set lives outside the repository: pages may say so, never link or `cd` there."""
    text = page.read_text(encoding="utf-8")
    assert "../shared" not in text and "/work/shared" not in text


def test_the_readme_links_every_page_of_docs() -> None:
    readme_links = {(ROOT / target).resolve() for target in links(README)}
    assert {page.resolve() for page in DOCS} <= readme_links
    assert {(ROOT / pending).resolve() for pending in PENDING} <= readme_links


def facts_example() -> dict:
    text = (ROOT / "docs" / "facts-format.md").read_text(encoding="utf-8")
    (block,) = re.findall(r"```yaml\n(.*?)```", text, re.S)
    return yaml.safe_load(block)


def test_the_facts_example_is_valid_and_complete() -> None:
    facts = parse_facts(facts_example(), "docs/facts-format.md")
    assert facts.agencies and facts.officials and facts.agreements and facts.trade_flows
    every_key = {"file", "title", "publisher", "author", "published", "url", "language"}
    assert every_key <= set(facts_example()["article"])


def test_the_facts_example_loads_as_it_says(url: str, tmp_path: Path) -> None:
    shutil.copy(SEED_ARTICLE, tmp_path / SEED_ARTICLE.name)
    example = facts_example()
    (tmp_path / f"{SEED_ARTICLE.stem}.facts.yaml").write_text(yaml.safe_dump(example, allow_unicode=True),
                                                              encoding="utf-8")
    load(url, tmp_path)
    assert [a["facts"] for a in query(url, "articles")] == ["curated"]
    agencies = {a["name"]: a for a in query(url, "agencies")}
    assert set(agencies) == {a["name"] for a in example["agencies"]}
    assert agencies["Customs Committee of Uzbekistan"]["aliases"] == "Uzbekistan's Customs Committee"
    (protocol,) = query(url, "agreements", "--kind", "protocol")
    assert (protocol["signed"], protocol["place"], protocol["status"]) == ("2023-09-22", "Tashkent", "signed")
    flows = {f["commodity"]: f for f in query(url, "flows")}
    assert flows["service dogs"]["hs"] == "0106" and flows["service dogs"]["period"] == "2023-08"
    assert (flows["fruit juice"]["quantity"], flows["fruit juice"]["unit"]) == (250, "t")
    # The evidence quotes are the article's own sentences at the offsets given.
    shown = kb("show", "flow", str(flows["fruit juice"]["id"]), "--db", url).stdout
    assert "annually exports 250 tons to Korea" in shown
