"""`skillmatch taxonomy merge|validate|stats`, and `--taxonomy` before a command."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from skillmatch.cli import app
from skillmatch.taxonomy import load_taxonomy

DATA = Path(__file__).parent / "data"
runner = CliRunner()

FIRST = """
category: Data
skills:
  - {id: python, name: Python, kind: language, aliases: [Python 3]}
  - {id: spark, name: Apache Spark, kind: framework, aliases: [PySpark, Spark SQL]}
  - {id: etl, name: ETL, kind: method, uri: "http://example.org/etl"}
"""
SECOND = """
category: More
skills:
  - {id: python-lang, name: Python, kind: language, aliases: [CPython]}
  - {id: pyspark, name: PySpark API, kind: library, aliases: [PySpark], broader: [python-lang]}
  - {id: extract-transform-load, name: extract transform load, kind: method, uri: "http://example.org/etl"}
  - {id: spark, name: Spark AR, kind: tool, aliases: [Spark augmented reality]}
"""


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


def write(tmp_path: Path, name: str, body: str) -> Path:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return path


def test_merge_reports_every_conflict_and_writes_a_valid_taxonomy(tmp_path):
    out = tmp_path / "merged.yaml"
    result = run("taxonomy", "merge", write(tmp_path, "a.yaml", FIRST), write(tmp_path, "b.yaml", SECOND),
                 "-o", out)
    assert result.exit_code == 0, result.output
    report = result.output
    # the same skill under two ids: by name, and by URI
    assert "'Python' (python-lang, b.yaml) is the same skill as 'Python' (python, a.yaml); merged into 'python'" in report
    assert "'extract transform load' (extract-transform-load, b.yaml) is the same skill as 'ETL'" in report
    # the same alias on two skills: the earlier taxonomy keeps it
    assert "label 'PySpark' of 'PySpark API' (b.yaml) already belongs to 'Apache Spark' (spark); dropped." in report
    # one id naming two different skills: the later one is renamed
    assert "id 'spark' names different skills in a.yaml and b.yaml; the second is now 'spark-2'" in report
    assert "4 conflict(s)" in report
    merged = load_taxonomy(out)
    assert {"Python 3", "CPython"} <= set(merged["python"].aliases)
    assert merged["pyspark"].broader == ("python",)  # links follow the merged skill
    assert merged["spark-2"].name == "Spark AR"
    assert "extract transform load" in merged["etl"].aliases


def test_merge_of_imports_keeps_grouping_nodes(tmp_path):
    esco = tmp_path / "esco.yaml"
    onet = tmp_path / "onet.yaml"
    assert run("taxonomy", "import", "esco", DATA / "esco-mini", "-o", esco).exit_code == 0
    assert run("taxonomy", "import", "onet", DATA / "onet-mini", "-o", onet).exit_code == 0
    out = tmp_path / "merged.yaml"
    result = run("taxonomy", "merge", esco, onet, "-o", out)
    assert result.exit_code == 0, result.output
    merged = load_taxonomy(out)
    assert not merged["onet-unspsc-43232110"].match
    assert "'Python' (onet-python, onet.yaml) is the same skill as 'Python (computer programming)'" in result.output


def test_validate_accepts_a_good_taxonomy(tmp_path):
    result = run("taxonomy", "validate", write(tmp_path, "a.yaml", FIRST))
    assert result.exit_code == 0
    assert result.output.strip().endswith("a.yaml: valid, 3 entries.")


def test_validate_names_the_file_and_entry_of_the_first_problem(tmp_path):
    bad = FIRST + "  - {id: pandas, name: pandas, kind: library, broader: [numpy]}\n"
    result = run("taxonomy", "validate", write(tmp_path, "bad.yaml", bad))
    assert result.exit_code == 1
    line, = result.output.strip().splitlines()
    assert "bad.yaml" in line and "'pandas'" in line and "numpy" in line
    assert "Traceback" not in result.output


def test_validate_rejects_a_bad_match_flag_and_attributes(tmp_path):
    flag = FIRST + "  - {id: group, name: group, kind: knowledge, match: maybe}\n"
    result = run("taxonomy", "validate", write(tmp_path, "flag.yaml", flag))
    assert result.exit_code == 1 and "field 'match' must be true or false" in result.output
    attrs = FIRST + "  - {id: group, name: group, kind: knowledge, attributes: [1, 2]}\n"
    result = run("taxonomy", "validate", write(tmp_path, "attrs.yaml", attrs))
    assert result.exit_code == 1 and "field 'attributes' must map names to single values" in result.output


def test_stats_of_an_imported_taxonomy(tmp_path):
    esco = tmp_path / "esco.yaml"
    run("taxonomy", "import", "esco", DATA / "esco-mini", "-o", esco)
    text = run("taxonomy", "stats", esco)
    assert text.exit_code == 0
    assert "skills: 5\n" in text.output and "grouping_nodes: 4\n" in text.output
    stats = json.loads(run("taxonomy", "stats", esco, "--json").output)
    assert stats["kinds"] == {"knowledge": 2, "method": 1, "soft-skill": 1, "human-language": 1}
    assert stats["max_depth"] == 2 and stats["with_uri"] == 9
    assert stats["attributes"]["reuse_level=transversal"] == 2


def test_stats_of_a_missing_file(tmp_path):
    result = run("taxonomy", "stats", tmp_path / "nope.yaml")
    assert result.exit_code == 1
    assert "nope.yaml: no such taxonomy file or directory." in result.output


def test_taxonomy_option_may_come_before_the_command(tmp_path):
    taxonomy = write(tmp_path, "a.yaml", FIRST)
    doc = write(tmp_path, "doc.txt", "ETL jobs in Python 3.")
    result = run("--taxonomy", taxonomy, "extract", doc, "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["skills"] == ["ETL", "Python"]
