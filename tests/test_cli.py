"""The command line as users run it: tables, JSON, files, and one plain sentence on bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from skillmatch.cli import app

ROOT = Path(__file__).resolve().parents[1]
RESUME_PDF = str(ROOT / "examples" / "resume.pdf")
RESUME_TXT = str(ROOT / "examples" / "resume.txt")
POSTING = str(ROOT / "examples" / "job-posting.md")
runner = CliRunner()


def run(*args, input=None):
    return runner.invoke(app, list(args), input=input)


def test_default_command_scores_the_default_role():
    result = run(RESUME_PDF)
    assert result.exit_code == 0, result.output
    assert "Coverage of Machine Learning Engineer by resume.pdf" in result.output
    assert "matched" in result.output and "missing" in result.output


def test_json_report_against_a_posting():
    result = run(RESUME_TXT, "--job", POSTING, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["target_name"] == "job-posting.md"
    assert 0 < data["score"] <= 1
    statuses = {r["name"]: r["status"] for r in data["results"]}
    assert statuses["Python"] == "matched"


def test_markdown_to_an_output_file(tmp_path):
    out = tmp_path / "report.md"
    result = run(RESUME_TXT, "--role", "ml-engineer", "--format", "markdown", "--output", str(out))
    assert result.exit_code == 0 and result.output == ""
    assert out.read_text(encoding="utf-8").startswith("## Coverage of Machine Learning Engineer")



def test_an_output_suffix_that_names_no_report_format_is_an_error(tmp_path):
    out = tmp_path / "report.pdf"
    result = run(RESUME_TXT, "--output", str(out))
    assert result.exit_code == 2 and not out.exists()
    assert "cannot tell the output format from '.pdf'" in result.output
    assert run(RESUME_TXT, "--output", str(out), "--format", "json").exit_code == 0  # told: any name


@pytest.mark.parametrize("args", [(RESUME_TXT, "--format", "xml"), ("extract", RESUME_TXT, "-f", "xml")])
def test_an_unknown_format_is_named_plainly(args):
    result = run(*args)
    assert result.exit_code == 2
    assert "Invalid value for '--format' / '-f': 'xml' is not one of 'table', 'json', 'markdown'" in result.output
    assert "Value error" not in result.output

def test_extract_many_files_as_json():
    result = run("extract", RESUME_TXT, POSTING, "-f", "json")
    assert result.exit_code == 0, result.output
    docs = json.loads(result.output)
    assert [Path(d["document"]).name for d in docs] == ["resume.txt", "job-posting.md"]
    text = Path(RESUME_TXT).read_text(encoding="utf-8")
    for m in docs[0]["mentions"]:
        assert text[m["start"]:m["end"]] == m["text"]


def test_extract_from_stdin():
    result = run("extract", "-", "-f", "json", input="Kubernetes and Pyhton\n")
    assert result.exit_code == 0, result.output
    assert set(json.loads(result.output)["skills"]) == {"Kubernetes", "Python"}


def test_roles_lists_the_default_role():
    result = run("roles")
    assert result.exit_code == 0 and "ml-engineer" in result.output


@pytest.mark.parametrize(
    "args, message",
    [
        (["missing.pdf"], "skillmatch: missing.pdf: no such file."),
        ([RESUME_TXT, "--role", "astronaut"], "skillmatch: unknown role 'astronaut'"),
        ([RESUME_TXT, "--job", POSTING, "--role", "ml-engineer"], "use either --job or --role"),
        (["extract", RESUME_TXT, "--taxonomy", "nope.yaml"], "nope.yaml: no such taxonomy"),
    ],
)
def test_bad_input_gives_one_sentence_and_nonzero_exit(args, message):
    result = run(*args)
    assert result.exit_code != 0
    assert message in result.output
    assert "Traceback" not in result.output


def test_bad_files_through_the_real_entry_point(tmp_path):
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    bad_tax = tmp_path / "tax.yaml"
    bad_tax.write_text("skills:\n  - {id: x, name: X, kind: tool, broader: [y]}\n", encoding="utf-8")
    for args, expected in (([str(empty)], "empty.pdf: the file is empty."),
                           ([RESUME_TXT, "--taxonomy", str(bad_tax)], "unknown broader skill 'y'")):
        proc = subprocess.run([sys.executable, "-m", "skillmatch.cli", *args], capture_output=True, text=True)
        assert proc.returncode == 1
        assert proc.stdout == ""
        assert expected in proc.stderr and len(proc.stderr.strip().splitlines()) == 1
        assert "Traceback" not in proc.stderr


def test_output_is_not_left_half_written(tmp_path):
    out = tmp_path / "report.json"
    out.write_text("previous report", encoding="utf-8")
    result = run("missing.pdf", "--output", str(out))
    assert result.exit_code == 1
    assert out.read_text(encoding="utf-8") == "previous report"
    assert list(tmp_path.iterdir()) == [out]


def test_pdf_through_stdin():
    result = runner.invoke(app, ["extract", "-", "-f", "json"], input=Path(RESUME_PDF).read_bytes())
    assert result.exit_code == 0, result.output
    assert "Python" in json.loads(result.output)["skills"]


@pytest.mark.parametrize(
    "args, stdin, message",
    [
        (["extract", "-"], b"", "standard input: the file is empty."),
        ([RESUME_TXT, "--job", "-"], b"We are a friendly bakery.", "stdin: no skills found in the job posting"),
    ],
)
def test_empty_or_skill_less_input_is_an_error(args, stdin, message):
    result = runner.invoke(app, args, input=stdin)
    assert result.exit_code == 1 and message in result.output


def test_output_to_a_directory_or_unwritable_place(tmp_path):
    result = run(RESUME_TXT, "--output", str(tmp_path))
    assert result.exit_code == 1 and "is a directory; give a file name" in result.output
    result = run(RESUME_TXT, "--output", "/proc/no/such/report.md")
    assert result.exit_code == 1 and "/proc/no/such/report.md: cannot write the file" in result.output
    assert ".report.md." not in result.output  # never the temporary file's name


def test_import_does_not_load_pandas():
    """`skillmatch resume.pdf` starts fast: pandas (batch scoring only) is imported on first use."""
    code = "import sys, skillmatch; assert 'pandas' not in sys.modules; skillmatch.score_frame"
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0


def test_extract_says_which_mentions_are_negated_or_hedged(tmp_path):
    doc = tmp_path / "r.txt"
    doc.write_text("Skills: Python, familiar with Docker. No experience with Kubernetes.\n", encoding="utf-8")
    result = run("extract", str(doc), "--format", "markdown")
    assert result.exit_code == 0, result.output
    assert "| Docker | Docker | hedged (familiar with) |" in result.output
    assert "| Kubernetes | Kubernetes | negated (No experience) |" in result.output


def test_own_taxonomy_with_the_default_role_says_what_to_do(tmp_path):
    tax = tmp_path / "mine.yaml"
    tax.write_text("category: mine\nskills:\n  - {id: terraform, name: Terraform, kind: tool}\n", encoding="utf-8")
    result = run(RESUME_TXT, "--taxonomy", str(tax))
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "which the taxonomy 'mine' does not have; score against a posting with --job" in result.output


def test_preferred_weight_applies_to_role_profiles_too():
    default = json.loads(run(RESUME_TXT, "--format", "json").output)
    required_only = json.loads(run(RESUME_TXT, "--format", "json", "--preferred-weight", "0").output)
    assert required_only["score"] == required_only["required_score"] == default["required_score"]
    assert required_only["score"] != default["score"]
    assert required_only["preferred_score"] == default["preferred_score"]  # still shown, as a plain average
    weights = {r["name"]: r["weight"] for r in required_only["results"] if r["importance"] == "preferred"}
    assert weights and set(weights.values()) == {0}


def test_resume_and_posting_cannot_both_come_from_stdin():
    result = run("-", "--job", "-", input="Python, SQL and Docker.\n")
    assert result.exit_code == 2
    assert "only one of the resume and the job posting can be read from standard input" in result.output


def test_leading_taxonomy_option_works_for_taxonomy_stats_and_validate():
    taxonomy = str(ROOT / "taxonomy")
    stats = run("-t", taxonomy, "taxonomy", "stats", "--json")
    assert stats.exit_code == 0, stats.output
    assert json.loads(stats.output)["skills"] > 1500
    validate = run("--taxonomy", taxonomy, "taxonomy", "validate")
    assert validate.exit_code == 0 and "valid" in validate.output


def test_extract_output_format_follows_the_suffix(tmp_path):
    doc = tmp_path / "fe.txt"
    doc.write_text("Frontend developer. No Kubernetes experience. Skills: React, TypeScript.\n", encoding="utf-8")
    assert run("extract", str(doc), "-o", str(tmp_path / "skills.json")).exit_code == 0
    data = json.loads((tmp_path / "skills.json").read_text(encoding="utf-8"))
    assert data["skills"] == ["React.js", "TypeScript"] and data["negated_skills"] == ["Kubernetes"]
    assert run("extract", str(doc), "-o", str(tmp_path / "skills.md")).exit_code == 0
    assert (tmp_path / "skills.md").read_text(encoding="utf-8").startswith("## ")
    refused = run("extract", str(doc), "-o", str(tmp_path / "skills.html"))
    assert refused.exit_code == 2 and "cannot tell the output format from '.html'" in refused.output
    assert not (tmp_path / "skills.html").exists()


def test_a_negated_skill_is_not_listed_among_the_resumes_other_skills(tmp_path):
    doc = tmp_path / "fe.txt"
    doc.write_text("Frontend developer. No Kubernetes experience. Skills: React, TypeScript.\n", encoding="utf-8")
    data = json.loads(run(str(doc), "--format", "json").output)  # the default role asks for neither
    assert "kubernetes" not in {r["skill_id"] for r in data["results"]}
    assert "Kubernetes" not in data["extra"] and "React.js" in data["extra"]


def test_extract_reports_the_readable_documents_and_names_the_others(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("Skills: Python, SQL.\n", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(good), str(tmp_path / "missing.txt"), str(tmp_path / "empty.txt"),
                                 "--format", "json"])
    assert result.exit_code == 1
    assert "missing.txt: no such file." in result.output and "empty.txt: the file is empty." in result.output
    data = json.loads(result.output[result.output.index("["):])
    assert [d["skills"] for d in data] == [["Python", "SQL"]]  # a list, as for several documents
    none = run("extract", str(tmp_path / "missing.txt"), str(tmp_path / "empty.txt"))
    assert none.exit_code == 1 and "none of the 2 documents could be read." in none.output
