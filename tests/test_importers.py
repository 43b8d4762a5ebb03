"""`skillmatch taxonomy import esco|onet|csv`: what an imported taxonomy holds, and bad input."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

import skillmatch
from conftest import shared
from skillmatch import component
from skillmatch.cli import app
from skillmatch.taxonomy import load_taxonomy

DATA = Path(__file__).parent / "data"
ESCO_MINI = DATA / "esco-mini"
ONET_MINI = DATA / "onet-mini"
USER_CSV = DATA / "my-skills.csv"
PYTHON = "esco-aaaa0001-0000-4000-8000-000000000001"
ML = "esco-aaaa0002-0000-4000-8000-000000000002"
SPREADSHEETS = "esco-aaaa0003-0000-4000-8000-000000000003"
ICT, SOFTWARE = "esco-bbbb0001-0000-4000-8000-000000000001", "esco-bbbb0002-0000-4000-8000-000000000002"
runner = CliRunner()


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


def imported(tmp_path: Path, source: str, path: Path):
    out = tmp_path / f"{source}.yaml"
    result = run("taxonomy", "import", source, path, "--output", out)
    assert result.exit_code == 0, result.output
    return load_taxonomy(out), result.output, out


@pytest.fixture
def esco(tmp_path):
    return imported(tmp_path, "esco", ESCO_MINI)[0]


def forms(skill) -> set[str]:
    return {*skill.aliases, *skill.exact, *skill.ambiguous}


# ---------------------------------------------------------------- ESCO

def test_esco_ids_come_from_uris_and_names_are_unchanged(esco):
    python = esco[PYTHON]
    assert python.uri == "http://data.europa.eu/esco/skill/aaaa0001-0000-4000-8000-000000000001"
    assert python.id == "esco-" + python.uri.rsplit("/", 1)[1]
    assert python.name == "Python (computer programming)"
    assert esco[ML].name == "machine learning"


def test_esco_alternative_and_hidden_labels_become_aliases(esco):
    assert {"Python programming", "Python 3", "python scripting"} <= forms(esco[PYTHON])
    assert "Python" in forms(esco[PYTHON])  # the preferred label without its qualifier
    assert {"statistical learning", "ML"} <= forms(esco[ML])
    assert "spreadsheet skills" in forms(esco[SPREADSHEETS])  # a hidden label


def test_esco_hierarchy_becomes_broader_links_to_grouping_nodes(esco):
    assert esco[PYTHON].broader == (SOFTWARE,)
    assert esco[SOFTWARE].broader == (ICT,)
    assert not esco[SOFTWARE].match and not esco[ICT].match
    assert esco[PYTHON].category == "software and applications development and analysis"
    assert esco[ML].related == (PYTHON,)


def test_esco_skill_type_reuse_level_and_group_codes_are_kept(esco):
    assert dict(esco[PYTHON].attributes) == {"skill_type": "knowledge", "reuse_level": "sector-specific"}
    assert dict(esco[SPREADSHEETS].attributes)["skill_type"] == "skill/competence"
    assert dict(esco[SOFTWARE].attributes) == {"code": "0613"}
    kinds = {s.name: s.kind for s in esco}
    assert kinds["communicate with customers"] == "soft-skill"  # transversal
    assert kinds["Icelandic"] == "human-language"  # in the language collection


def test_esco_import_is_stable(tmp_path):
    first = imported(tmp_path, "esco", ESCO_MINI)[2].read_bytes()
    assert imported(tmp_path, "esco", ESCO_MINI)[2].read_bytes() == first


def test_imported_esco_extracts_skills_and_never_grouping_nodes(tmp_path):
    _, _, path = imported(tmp_path, "esco", ESCO_MINI)
    sm = skillmatch.load(taxonomy=path)
    text = "Built ML models in Python 3; strong customer communication. Information and communication technologies."
    found = {m.skill_id for m in sm.extract(text)}
    assert {PYTHON, ML, "esco-aaaa0004-0000-4000-8000-000000000004"} <= found
    assert not found & {ICT, SOFTWARE}


def test_compiled_matcher_is_cached_by_content(tmp_path, monkeypatch):
    _, _, path = imported(tmp_path, "esco", ESCO_MINI)
    skillmatch.load(taxonomy=path)
    copy = tmp_path / "copy" / "esco-copy.yaml"
    copy.parent.mkdir()
    copy.write_bytes(path.read_bytes())

    def compile_again(*args, **kwargs):
        raise AssertionError("an unchanged taxonomy was compiled again")

    monkeypatch.setattr(component, "compile_taxonomy", compile_again)
    mentions = skillmatch.load(taxonomy=copy).extract("Python 3 and ML.")
    assert {m.skill_id for m in mentions} == {PYTHON, ML}


def test_esco_missing_file_is_one_sentence(tmp_path):
    (tmp_path / "skills_en.csv").write_text("conceptUri,preferredLabel,altLabels\n", encoding="utf-8")
    result = run("taxonomy", "import", "esco", tmp_path, "-o", tmp_path / "out.yaml")
    assert result.exit_code == 1
    assert "skillGroups_en.csv not found" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "out.yaml").exists()


def test_esco_missing_column_names_the_file(tmp_path):
    for name in ("skills_en.csv", "skillGroups_en.csv", "broaderRelationsSkillPillar.csv"):
        (tmp_path / name).write_text("conceptUri,label\nx,y\n", encoding="utf-8")
    result = run("taxonomy", "import", "esco", tmp_path, "-o", tmp_path / "out.yaml")
    assert result.exit_code == 1
    assert "skills_en.csv: missing column(s) preferredLabel" in result.output
    assert len(result.output.strip().splitlines()) == 1


# ---------------------------------------------------------------- O*NET

def test_onet_examples_under_commodities_with_hot_technology_flag(tmp_path):
    onet, _, _ = imported(tmp_path, "onet", ONET_MINI)
    by_name = {s.name: s for s in onet if s.match}
    excel = by_name["Microsoft Excel"]
    assert dict(excel.attributes) == {"hot_technology": True}  # hot in one occupation is hot
    assert dict(by_name["Atlassian JIRA"].attributes) == {"hot_technology": False}
    assert excel.broader == ("onet-unspsc-43232110",)
    group = onet["onet-unspsc-43232110"]
    assert group.name == "Spreadsheet software" and not group.match
    assert excel.category == "Spreadsheet software"
    assert by_name["Desktop computers"].attributes == ()  # a tool: no hot-technology flag
    assert "All-terrain vehicles ATV" not in by_name  # the same example spelt twice is one skill
    assert "All terrain vehicles ATV" in by_name


def test_onet_missing_file(tmp_path):
    (tmp_path / "Technology Skills.txt").write_text("Example\tCommodity Code\tCommodity Title\n", encoding="utf-8")
    result = run("taxonomy", "import", "onet", tmp_path, "-o", tmp_path / "out.yaml")
    assert result.exit_code == 1
    assert "Tools Used.txt not found" in result.output and "Traceback" not in result.output


# ---------------------------------------------------------------- user CSV

def test_csv_import_reads_names_aliases_categories_and_broader(tmp_path):
    tax, output, path = imported(tmp_path, "csv", USER_CSV)
    assert "wrote 4 skills" in output
    airflow = tax["apache-airflow"]
    assert airflow.name == "Apache Airflow" and airflow.category == "Data"
    assert {"Airflow", "Airflow DAGs"} <= forms(airflow)
    assert {"Kafka", "Kafka Streams"} <= forms(tax["apache-kafka"])  # `|` separates too
    assert tax["apache-kafka"].broader == ("data-engineering",)  # broader by name, any case
    mentions = skillmatch.load(taxonomy=path).extract("Scheduled Airflow DAGs on K8s.")
    assert {m.skill_id for m in mentions} == {"apache-airflow", "kubernetes"}


def test_csv_names_that_differ_only_in_symbols_get_their_own_ids(tmp_path):
    src = tmp_path / "langs.csv"
    src.write_text("name,kind\nC,language\nC++,language\nC#,language\n", encoding="utf-8")
    tax, output, _ = imported(tmp_path, "csv", src)
    assert {s.id for s in tax} == {"c", "cpp", "c-sharp"}, output


@pytest.mark.parametrize("body, message", [
    ("skill,aliases\nPython,py\n", "missing column(s) name"),
    ("name,broader\nPython,Programming\n", "row 2: broader skill 'Programming' is not a row of the file"),
    ("name\nPython\npython\n", "row 3: 'python' repeats the skill 'Python' of row 2"),
    ("name,kind\nPython,snake\n", "row 2: kind 'snake' is not one of"),
    ('name,aliases\nPython,"py\n', "not a readable CSV file"),
])
def test_csv_errors_name_the_file_and_row(tmp_path, body, message):
    path = tmp_path / "mine.csv"
    path.write_text(body, encoding="utf-8")
    result = run("taxonomy", "import", "csv", path, "-o", tmp_path / "out.yaml")
    assert result.exit_code == 1, result.output
    assert "mine.csv" in result.output and message in result.output, result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "out.yaml").exists()


def test_csv_in_another_encoding_is_rejected_plainly(tmp_path):
    path = tmp_path / "latin1.csv"
    path.write_bytes("name\nCaf\xe9 management\n".encode("latin-1"))
    result = run("taxonomy", "import", "csv", path, "-o", tmp_path / "out.yaml")
    assert result.exit_code == 1
    assert "latin1.csv: the file is not UTF-8 text" in result.output


def test_output_is_replaced_atomically(tmp_path):
    out = tmp_path / "out.yaml"
    out.write_text("old", encoding="utf-8")
    assert run("taxonomy", "import", "csv", USER_CSV, "-o", out).exit_code == 0
    assert "apache-airflow" in out.read_text(encoding="utf-8")
    assert [p.name for p in tmp_path.iterdir()] == ["out.yaml"]  # no temporary file left behind


# ---------------------------------------------------------------- the real releases (../shared/data)

def test_full_esco_release(tmp_path):
    tax, output, _ = imported(tmp_path, "esco", shared("esco-v1.1.1"))
    assert "wrote 13,896 skills and 640 grouping nodes" in output
    python = tax["esco-ccd0a1d9-afda-43d9-b901-96344886e14d"]
    assert python.name == "Python (computer programming)"
    assert dict(python.attributes)["skill_type"] == "knowledge"


def test_full_onet_release(tmp_path):
    tax, _, _ = imported(tmp_path, "onet", shared("onet-29.2"))
    hot = [s for s in tax if dict(s.attributes).get("hot_technology")]
    assert len(hot) == 170
    assert any(s.name == "Microsoft Excel" for s in hot)
