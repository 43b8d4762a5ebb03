"""Batch scoring: tables and folders in, ranked rows out; bad rows recorded, outputs atomic."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from pdfmaker import build_pdf, text_to_pdf
import skillmatch
from skillmatch import score_frame
from skillmatch.batch import COLUMNS
from skillmatch.cli import app

RESUMES = [
    ("ana", "Machine learning engineer. Python, PyTorch, scikit-learn, SQL, statistics, Docker, AWS."),
    ("bo", "Data analyst: SQL, Excel, Tableau, statistics and Python."),
    ("=cmd|' /C calc'!A0", "Java developer with Spring Boot and PostgreSQL."),
    ("dee", ""),
    ("eve", "Frontend developer: React, TypeScript, CSS."),
    ("fay", "Python and SQL analyst. No experience with PyTorch; exposure to Docker."),
]
JOBS = pd.DataFrame({
    "job_id": ["ml", "web"],
    "title": ["ML Engineer", "Web Developer"],
    "description": ["Requirements: Python, PyTorch and SQL. Nice to have: Docker.",
                    "Must have React and TypeScript. Bonus: GraphQL."],
})


def resumes_frame() -> pd.DataFrame:
    return pd.DataFrame(RESUMES, columns=["id", "resume_text"])


def run(*args):
    result = CliRunner().invoke(app, [str(a) for a in args])
    return result.exit_code, result.output


def test_csv_in_csv_out_ranked_per_job(tmp_path):
    src, jobs, out = tmp_path / "resumes.csv", tmp_path / "jobs.csv", tmp_path / "scores.csv"
    resumes_frame().to_csv(src, index=False)
    JOBS.to_csv(jobs, index=False)
    code, output = run("batch", src, "--job", jobs, "-o", out, "--jobs", "1")
    assert code == 0, output
    rows = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert list(rows.columns) == COLUMNS
    assert len(rows) == len(RESUMES) * 2
    ml = rows[rows.job_id == "ml"]
    assert ml.iloc[0].resume_id == "ana" and ml.iloc[0]["rank"] == "1"
    assert ml.iloc[0].coverage == "1.0" and "PyTorch" in ml.iloc[0].matched.split("; ")
    web = rows[rows.job_id == "web"]
    assert web.iloc[0].resume_id == "eve" and web.iloc[0].missing == "GraphQL"
    assert web.iloc[0].missing_required_count == "0" and ml.iloc[1].missing_required_count != "0"
    # the empty resume is an error row for each job, with a reason and no rank
    dee = rows[rows.resume_id == "dee"]
    assert set(dee.status) == {"error"} and set(dee["rank"]) == {""} and all(dee.error)
    # a cell a spreadsheet would run as a formula is neutralised
    assert "'=cmd|' /C calc'!A0" in set(rows.resume_id)
    assert "Scored 5 of 6 resumes" in output and "1 resume(s) failed" in output
    fay = ml[ml.resume_id == "fay"].iloc[0]
    assert "PyTorch" in fay.missing and fay.partial == "Docker (hedged)"


def test_top_k_keeps_the_best_and_every_failure(tmp_path):
    src, out = tmp_path / "resumes.jsonl", tmp_path / "top.jsonl"
    resumes_frame().to_json(src, orient="records", lines=True)
    code, output = run("batch", src, "--role", "ml-engineer", "-o", out, "--top", "2", "--jobs", "1")
    assert code == 0, output
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["rank"] for r in rows if r["status"] == "ok"] == [1, 2]
    assert [r["resume_id"] for r in rows if r["status"] == "error"] == ["dee"]
    assert isinstance(rows[0]["matched"], list)


def test_bad_lines_become_error_rows_and_the_rest_is_scored(tmp_path):
    src, out = tmp_path / "broken.csv", tmp_path / "out.csv"
    src.write_text('id,text\n1,"Python and SQL"\n2,"Java",extra,cells\n3,"React and CSS"\n', encoding="utf-8")
    code, output = run("batch", src, "-o", out, "--jobs", "1")
    assert code == 0, output
    rows = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert set(rows[rows.status == "ok"].resume_id) == {"1", "3"}
    bad = rows[rows.status == "error"]
    assert list(bad.resume_id) == ["line 3"] and "fields" in bad.iloc[0].error

    jsonl = tmp_path / "broken.jsonl"
    jsonl.write_text('{"id": "a", "text": "Python"}\n{not json\n', encoding="utf-8")
    code, output = run("batch", jsonl, "-o", tmp_path / "j.csv", "--jobs", "1")
    rows = pd.read_csv(tmp_path / "j.csv", dtype=str, keep_default_na=False)
    assert code == 0 and list(rows.status) == ["ok", "error"] and rows.iloc[1].resume_id == "line 2"


@pytest.mark.parametrize("content, says", [
    (b"\x00\x01\x02garbage\xff\xfe" * 40, "not a text CSV file"),
    (b"id,text\n", "no rows under the header line"),
])
def test_a_csv_without_documents_is_an_error_not_an_empty_result(tmp_path, content, says):
    src, out = tmp_path / "in.csv", tmp_path / "out.csv"
    src.write_bytes(content)
    code, output = run("batch", src, "-o", out, "--jobs", "1")
    assert code == 1 and says in output and "Traceback" not in output
    assert not out.exists()


def test_a_stray_nul_byte_does_not_reject_the_file(tmp_path):
    src, out = tmp_path / "in.csv", tmp_path / "out.csv"
    src.write_bytes(b"id,text\n1,Python and SQL developer\n2,Java dev\x00 with Spring\n")
    code, output = run("batch", src, "-o", out, "--jobs", "1")
    assert code == 0, output
    assert list(pd.read_csv(out, dtype=str).status) == ["ok", "ok"]


def test_folder_of_files_with_a_scanned_and_a_damaged_pdf(tmp_path):
    folder = tmp_path / "cvs"
    folder.mkdir()
    (folder / "good.pdf").write_bytes(text_to_pdf("Python developer\nPyTorch, SQL and Docker"))
    (folder / "scan.pdf").write_bytes(build_pdf([["x"]], image_only=True))
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4 this is not a real pdf")
    (folder / "notes.txt").write_text("Statistics and machine learning with scikit-learn", encoding="utf-8")
    out = tmp_path / "out.parquet"
    code, output = run("batch", folder, "-o", out, "--jobs", "2")
    assert code == 0, output
    rows = pd.read_parquet(out).set_index("resume_id")
    assert rows.loc["good.pdf", "status"] == "ok" and rows.loc["notes.txt", "status"] == "ok"
    assert "no text layer" in rows.loc["scan.pdf", "error"]
    assert rows.loc["broken.pdf", "status"] == "error" and rows.loc["broken.pdf", "error"]


def test_score_frame_agrees_with_match(sm):
    frame = score_frame(resumes_frame(), JOBS, text_column="resume_text", id_column="id")
    assert list(frame.columns) == COLUMNS and len(frame) == 2 * len(RESUMES)
    job = sm.posting(JOBS.description[0], name="ML Engineer")
    for resume_id, text in RESUMES:
        if text:
            report = sm.match(text, job)
            row = frame[(frame.resume_id == resume_id) & (frame.job_id == "ml")].iloc[0]
            assert row.coverage == pytest.approx(report.score)
            assert row.matched == [f"{r.name} (via {r.via_name})" if r.via else r.name
                                   for r in report.results if r.status == "matched"]
            assert len(row.partial) == len(report.partial)


def test_dask_engine_gives_the_same_rows_as_the_local_engine():
    pytest.importorskip("distributed", reason="Dask is an optional extra: pip install 'skillmatch[dask]'")
    local = score_frame(resumes_frame(), JOBS, n_process=2)
    dask = score_frame(resumes_frame(), JOBS, n_process=2, engine="dask")
    pd.testing.assert_frame_equal(local, dask)


def test_unknown_column_is_one_sentence(tmp_path):
    src = tmp_path / "r.csv"
    resumes_frame().to_csv(src, index=False)
    code, output = run("batch", src, "--text-column", "cv", "-o", tmp_path / "o.csv")
    assert code == 1 and "has no text column 'cv'" in output and "Traceback" not in output
    assert not (tmp_path / "o.csv").exists()


@pytest.mark.parametrize("previous", [None, "resume_id,job_id\nold,complete\n"])
def test_killed_run_leaves_nothing_or_the_previous_file(tmp_path, previous):
    src, out = tmp_path / "many.csv", tmp_path / "scores.csv"
    text = "Python, SQL, PyTorch, Docker, Kubernetes, statistics and machine learning. " * 40
    pd.DataFrame({"id": range(5_000), "text": [text] * 5_000}).to_csv(src, index=False)
    if previous:
        out.write_text(previous, encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "skillmatch.cli", "batch", str(src), "-o", str(out),
                             "--jobs", "1", "--quiet"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while not list(tmp_path.glob(".scores.csv.*.part")) and time.monotonic() < deadline:
        assert proc.poll() is None, proc.stderr.read().decode()
        time.sleep(0.05)
    time.sleep(1.0)  # well into scoring
    assert proc.poll() is None, "the run ended before it could be interrupted"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    if previous:
        assert out.read_text(encoding="utf-8") == previous
    else:
        assert not out.exists()


def test_progress_only_on_a_terminal(tmp_path):
    src, out = tmp_path / "r.csv", tmp_path / "o.csv"
    resumes_frame().to_csv(src, index=False)
    proc = subprocess.run([sys.executable, "-m", "skillmatch.cli", "batch", str(src), "-o", str(out), "--jobs", "1"],
                          capture_output=True, text=True)
    assert proc.returncode == 0 and proc.stderr.count("\n") == 1 and proc.stderr.startswith("Scored")
    quiet = subprocess.run([sys.executable, "-m", "skillmatch.cli", "batch", str(src), "-o", str(out), "-q"],
                           capture_output=True, text=True)
    assert quiet.returncode == 0 and quiet.stderr == ""


def test_unclosed_quote_and_output_over_input_are_refused(tmp_path):
    src = tmp_path / "unbalanced.csv"
    src.write_text('id,text\n1,"Python and SQL developer\n2,"Excel, Tableau"\n', encoding="utf-8")
    code, output = run("batch", src, "-o", tmp_path / "o.csv")
    assert code == 1 and "the quoting breaks at line 3" in output
    src.write_text('id,text\n1,"Python SQL\n2,unterminated "quote, Java\n3\n', encoding="utf-8")
    code, output = run("batch", src, "-o", tmp_path / "o.csv")
    assert code == 1 and "the quoting breaks at line 3" in output and not (tmp_path / "o.csv").exists()
    good = tmp_path / "good.csv"
    resumes_frame().to_csv(good, index=False)
    before = good.read_bytes()
    code, output = run("batch", good, "-o", good)
    assert code == 2 and "is one of the inputs" in output and good.read_bytes() == before


def test_a_binary_file_named_csv_is_refused_in_one_sentence(tmp_path):
    src = tmp_path / "resumes.csv"
    src.write_bytes(b"id,text\n" + bytes(range(256)) * 40)
    code, output = run("batch", src, "-o", tmp_path / "o.csv")
    assert code == 1 and "resumes.csv: not a text CSV file (it holds binary data)." in output
    assert not (tmp_path / "o.csv").exists()


def test_repeated_job_ids_are_made_unique(tmp_path):
    jobs = pd.concat([JOBS, JOBS.iloc[[0]]], ignore_index=True)
    frame = score_frame(resumes_frame(), jobs)
    assert sorted(frame.job_id.unique()) == ["ml", "ml#2", "web"]
    assert (frame[frame.status == "ok"].groupby("job_id")["rank"].min() == 1).all()


def test_score_frame_takes_posting_text_a_series_and_the_index(tmp_path):
    series = pd.Series([text for _, text in RESUMES], index=[rid for rid, _ in RESUMES], name="cv")
    frame = score_frame(series, "Requirements: Python and SQL. Nice to have: Docker.")
    assert set(frame.resume_id) == {rid for rid, _ in RESUMES}
    assert frame[frame.resume_id == "ana"].iloc[0].coverage == 1.0
    with pytest.raises(skillmatch.SkillmatchError, match="nope.pdf: no such file"):
        score_frame(series, "nope.pdf")


def test_score_frame_takes_a_long_posting_text():
    posting = "Requirements\n- Python and SQL\n" + "We build payment systems for small shops. " * 10
    frame = score_frame(resumes_frame(), posting, text_column="resume_text", id_column="id")
    assert len(frame) == len(RESUMES) and (frame.status == "ok").sum() == len(RESUMES) - 1  # one resume is empty


def test_alternatives_missing_together_are_one_gap(sm):
    posting = "Requirements:\n- Vue or Angular\n- TypeScript\n- Docker\n"
    resumes = pd.DataFrame({"id": ["none", "vue"], "text": ["Skills: Python.", "Skills: Vue, Docker"]})
    frame = score_frame(resumes, pd.DataFrame({"id": ["web"], "text": [posting]}))
    rows = {row.resume_id: row for row in frame.itertuples()}
    assert sorted(rows["none"].missing) == ["Docker", "TypeScript", "Vue.js or Angular"]
    assert rows["none"].missing_required_count == 3
    assert rows["vue"].missing == ["TypeScript"] and rows["vue"].missing_required_count == 1
    report = sm.match("Skills: Python.", posting)
    assert sorted(report.gaps("required")) == ["Angular or Vue.js", "Docker", "TypeScript"]
    assert {r.skill_id: r.alternatives for r in report.results}["vuejs"] == ("angular",)
