"""`skillmatch taxonomy build` and `skillmatch role build`: skills and roles from documents."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from conftest import ROOT
from skillmatch.cli import app
from skillmatch.mining import candidates, clauses
from skillmatch.proposals import plain_pipeline
from skillmatch.taxonomy import load_taxonomy

POSTINGS = ROOT / "tests" / "data" / "mining" / "postings"
ROLE_POSTINGS = ROOT / "tests" / "data" / "mining" / "role"
SEEDS = ROOT.parent / "shared" / "seeds"
runner = CliRunner()


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


def mined(text: str) -> list[str]:
    return [c.text for c in candidates(clauses(plain_pipeline()(text)))]


@pytest.fixture(scope="module")
def proposed(tmp_path_factory) -> dict[str, dict]:
    out = tmp_path_factory.mktemp("build") / "proposed.yaml"
    result = run("taxonomy", "build", POSTINGS, "--output", out)
    assert result.exit_code == 0, result.output
    return {e["name"]: e for e in yaml.safe_load(out.read_text(encoding="utf-8"))["skills"]}


@pytest.mark.parametrize("text, expected", [
    ("Experience with Snowflake, dbt and Looker.", ["Snowflake", "dbt", "Looker"]),
    ("Skills: statistics, data modelling, forecasting", ["statistics", "data modelling", "forecasting"]),
    ("Experience in software development.", ["software development"]),
    ("Ability to work independently and as part of a team.", ["work independently"]),
    ("Two years as an analyst in a fast-paced environment, with experience of it.", ["fast-paced environment"]),
    ("Proactive, resourceful and detail-oriented.", ["Proactive", "resourceful", "detail-oriented"]),
])
def test_list_and_cue_contexts(text, expected):
    assert mined(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("We ship with C++ daily", ["C++"]),
    ("our services run on Node.js behind ASP.NET", ["Node.js", "ASP.NET"]),
    ("the team owns CI/CD end to end", ["CI/CD"]),
])
def test_tech_shaped_words_anywhere(text, expected):
    assert mined(text) == expected


def test_not_skills():
    assert mined("Experience as a data analyst, a Bachelor's degree and 5+ years.") == []


def test_variants_are_grouped_into_one_skill_with_aliases(proposed):
    assert proposed["Node.js"]["aliases"] == ["NodeJS", "node js"]
    assert proposed["work independently"]["aliases"] == ["working independently"]


def test_output_is_a_reviewable_taxonomy_file(proposed, tmp_path):
    zephyr = proposed["Zephyrlake"]
    assert zephyr["id"] == "zephyrlake" and zephyr["kind"] == "tool"
    assert zephyr["evidence"]["documents"] == 4
    assert len(zephyr["evidence"]["examples"]) == 2
    assert all("Zephyrlake" in example for example in zephyr["evidence"]["examples"])
    # it loads as a taxonomy as it is
    path = tmp_path / "proposed.yaml"
    run("taxonomy", "build", POSTINGS, "-o", path)
    assert load_taxonomy(path).find("NodeJS").id == "node-js"


def test_extend_proposes_only_what_the_taxonomy_lacks(tmp_path):
    out = tmp_path / "new.yaml"
    result = run("taxonomy", "build", POSTINGS, "--extend", ROOT / "taxonomy" / "skills", "-o", out)
    assert result.exit_code == 0, result.output
    names = [e["name"] for e in yaml.safe_load(out.read_text(encoding="utf-8"))["skills"]]
    assert names == ["Zephyrlake"]


def empty_folder(path: Path) -> Path:
    path.mkdir()
    return path


def damaged_pdf(path: Path) -> Path:
    path = path.with_suffix(".pdf")
    path.write_bytes(b"%PDF-1.4 broken")
    return path


@pytest.mark.parametrize("make, message", [
    (empty_folder, "the folder holds no PDF, DOCX, TXT, MD or HTML files."),
    (damaged_pdf, "the PDF is damaged and cannot be read."),
    (lambda path: path / "missing.txt", "no such file."),
])
def test_bad_input_is_one_sentence_and_a_non_zero_exit(tmp_path, make, message):
    docs = make(tmp_path / "docs")
    for command in (["taxonomy", "build"], ["role", "build", "analyst"]):
        result = run(*command, docs, "-o", tmp_path / "out.yaml")
        assert result.exit_code == 1
        assert result.output.strip().endswith(message) and len(result.output.strip().splitlines()) == 1
        assert "Traceback" not in result.output and not (tmp_path / "out.yaml").exists()


def test_role_build_weights_required_and_preferred(tmp_path):
    out = tmp_path / "analyst.yaml"
    result = run("role", "build", "data-analyst", ROLE_POSTINGS, "--min-share", "0.3", "-o", out)
    assert result.exit_code == 0, result.output
    role = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert role["id"] == "data-analyst" and role["name"] == "Data analyst"
    assert role["required"] == ["python", "sql"]  # most asked-for first
    assert role["preferred"] == ["tableau"]  # "a plus", "nice to have"
    text = out.read_text(encoding="utf-8")
    assert "- python  # 4 of 4 documents (required in 4)" in text
    assert "- tableau  # 2 of 4 documents (required in 0, preferred in 2)" in text
    assert "excel" not in text  # 1 of 4 documents, under --min-share


def test_role_id_must_be_an_id(tmp_path):
    result = run("role", "build", "Data Analyst", ROLE_POSTINGS, "-o", tmp_path / "r.yaml")
    assert result.exit_code == 2 and "cannot be a role id" in result.output


def readme_role_command() -> list[str]:
    """The role build command of README.md, as its arguments."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index("skillmatch role build ml-engineer")
    return shlex.split(text[start:text.index("\n```", start)].replace("\\\n", " "))[1:]


def test_shipped_role_is_the_build_of_the_seeds(tmp_path, monkeypatch):
    if not SEEDS.exists():
        pytest.skip(f"{SEEDS} not found: the seed documents are not part of the repository")
    args = readme_role_command()
    out = args.index("--output") + 1
    args[out] = str(tmp_path / "ml-engineer.yaml")
    monkeypatch.chdir(ROOT)
    result = run(*args)
    assert result.exit_code == 0, result.output
    shipped = ROOT / "taxonomy" / "roles" / "ml-engineer.yaml"
    assert Path(args[out]).read_text(encoding="utf-8") == shipped.read_text(encoding="utf-8")
