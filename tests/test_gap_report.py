"""The explainable gap report: sections, required/preferred reasons, years, credits, reports."""

from __future__ import annotations

import json
import textwrap
from datetime import date

import pytest

import skillmatch
from skillmatch.experience import dated_roles, resume_years, stated_years
from skillmatch.sections import sections

AS_OF = date(2026, 11, 1)

RESUME = textwrap.dedent("""\
    Sam Rivera
    Backend engineer

    PROFESSIONAL SUMMARY
    Backend engineer with 6 years of Java.

    Technical Skills: Java, Spring Boot, PostgreSQL, Docker, Git
    Exposure to Kubernetes. No experience with Go.

    Work Experience
    Senior Engineer, Payflow — Jan 2022 – Present
    • Built payment APIs in Java and Spring Boot on PostgreSQL.
    • Wrote Terraform for AWS.
    Engineer, Shopline — 03/2019 - 12/2021
    • Python services and MySQL reporting.

    EDUCATION
    BSc Computer Science, 2014-2018
    """)

POSTING = textwrap.dedent("""\
    Senior Backend Engineer

    About us
    We build fintech with Python and a love of Rust.

    Requirements:
    - 5+ years of Java
    - 4+ years of Python
    - SQL (3 years)
    - Go is not required.
    - Kubernetes

    Nice to have
    - Terraform
    - Experience with AWS is required.

    Kafka is a plus.

    Benefits
    - Free Docker training
    """)


def test_resume_sections_from_headings_in_many_forms():
    kinds = [(s.kind, s.heading) for s in sections(RESUME)]
    assert kinds == [("summary", ""), ("summary", "PROFESSIONAL SUMMARY"), ("skills", "Technical Skills"),
                     ("experience", "Work Experience"), ("education", "EDUCATION")]



def test_named_kinds_of_experience_open_experience_sections():
    text = "TEACHING EXPERIENCE\nSubstitute Teacher, 2019 - 2021\nResearch Experience:\nLab assistant\nPython experience\n"
    assert [(s.kind, s.heading) for s in sections(text)] == [
        ("experience", "TEACHING EXPERIENCE"), ("experience", "Research Experience")]

def test_posting_sections():
    kinds = [s.kind for s in sections(POSTING, "posting")]
    assert kinds == ["intro", "about", "requirements", "preferred", "benefits"]
    assert [s.kind for s in sections("WHAT YOU'LL BRING\nSQL\n• Bonus points:\nDbt\nPerks & benefits\nGym", "posting")
            ] == ["requirements", "preferred", "benefits"]


def test_years_stated_and_from_dated_roles(sm):
    mentions = sm.extract(RESUME)
    found = resume_years(RESUME, mentions, sections(RESUME), AS_OF)
    assert found["java"] == (6.0, "stated")
    # Jan 2022 - Nov 2026 (59 months, Present = as_of) + 03/2019 - 12/2021 (34 months)
    assert found["postgresql"] == (4.9, "dated roles")
    assert found["python"] == (2.8, "dated roles")
    assert "docker" not in found  # only in the skills list: no dates, no years
    roles = dated_roles(RESUME, sections(RESUME), AS_OF)
    assert len(roles) == 2  # the education dates are not a role


@pytest.mark.parametrize("text, expected", [
    ("5+ years of Python and SQL", {"python": 5, "sql": 5}),
    ("Python (3 years), SQL: 2 yrs", {"python": 3, "sql": 2}),
    ("3-5 yrs SQL", {"sql": 3}),
    ("at least four years of experience with Python", {"python": 4}),
    ("Python; 5 years of SQL", {"sql": 5}),
    ("a 4-year degree and Python", {}),
    ("7+ years in software, including 3 with Java", {"java": 3}),  # a part of the years stated
    ("5+ years of nursing experience, 2 in leadership", {"nursing": 5, "leadership": 2}),
    ("3-5 years of Python; 2 with AWS", {"python": 3, "aws": 2}),
    ("Python (5 years), 2 with Django", {"python": 5, "django": 2}),
    ("Python, 2 in total", {}),  # no years stated before it
    ("5 years of experience with Python, one of our core languages, and Django", {"python": 5, "django": 5}),
    ("3 years of Java; 10 with Spring", {"java": 3}),  # a part is never more than the whole
])
def test_stated_years_phrases(sm, text, expected):
    assert stated_years(text, sm.extract(text)) == expected


def test_overlapping_roles_count_once(sm):
    text = "Experience\nAcme, Jan 2020 - Dec 2020\n- Python\nBeta, Jun 2020 - Jun 2021\n- Python\n"
    assert resume_years(text, sm.extract(text), sections(text), AS_OF)["python"] == (1.5, "dated roles")


def test_posting_required_preferred_with_reasons(sm):
    target = sm.posting(POSTING)
    by = {ts.skill_id: ts for ts in target.skills}
    assert "rust" not in by and "docker" not in by  # about-us and benefits ask for nothing
    assert "go" not in by  # "Go is not required"
    assert (by["java"].importance, by["java"].min_years) == ("required", 5)
    assert by["python"].min_years == 4 and by["sql"].min_years == 3
    assert by["kubernetes"].reason == 'section "Requirements"'
    assert (by["terraform"].importance, by["terraform"].reason) == ("preferred", 'section "Nice to have"')
    assert (by["aws"].importance, by["aws"].reason) == ("required", 'cue "required"')
    assert (by["apache-kafka"].importance, by["apache-kafka"].reason) == ("preferred", 'cue "a plus"')
    assert by["java"].quote == "5+ years of Java"


def test_report_verdicts_years_and_evidence(sm):
    report = sm.match(RESUME, sm.posting(POSTING), as_of=AS_OF)
    by = {r.skill_id: r for r in report.results}
    java = by["java"]
    assert (java.status, java.years.status, java.years.found) == ("matched", "met", 6.0)
    python = by["python"]  # 2.8 of 4 years: partial, credit in proportion, both figures in the reason
    assert (python.status, python.credit, python.years.status) == ("partial", 0.7, "unmet")
    assert "2.8 of 4+ years (dated roles)" in python.reason
    sql = by["sql"]  # covered through PostgreSQL and MySQL; years through the skill that gave the credit
    assert sql.status == "matched" and sql.via in ("postgresql", "mysql") and sql.years.status == "met"
    kube = by["kubernetes"]
    assert (kube.status, kube.basis, kube.credit) == ("partial", "hedged", 0.5)
    assert kube.evidence[0].polarity == "hedged" and kube.evidence[0].section == "skills"
    assert by["terraform"].evidence[0].section == "experience"
    # missing required skills come first
    statuses = [(r.importance, r.status) for r in report.results]
    assert statuses == sorted(statuses, key=lambda s: (s[0] != "required", ["missing", "partial", "matched"].index(s[1])))


def test_years_unknown_without_dates(sm):
    report = sm.match("Skills: Java, Python", "Requirements:\n- 5+ years of Java", as_of=AS_OF)
    java = report.results[0]
    assert (java.status, java.credit, java.years.status, java.years.found) == ("matched", 1.0, "unknown", None)


def test_negated_resume_skill_is_missing_with_the_cue(sm):
    report = sm.match("Python developer. No experience with Kubernetes.", "Requirements: Kubernetes, Python")
    kube = next(r for r in report.results if r.skill_id == "kubernetes")
    assert (kube.status, kube.basis) == ("missing", "negated") and "No experience" in kube.reason
    assert kube.evidence[0].polarity == "negated"


def test_credits_and_weights_are_configurable(sm):
    resume = "Skills: TensorFlow. Exposure to Spark."
    posting = "Requirements: PyTorch, Apache Spark\nNice to have: Kafka"
    default = sm.match(resume, sm.posting(posting))
    custom = sm.match(resume, sm.posting(posting, weights={"preferred": 0.0}),
                      credits=skillmatch.Credits(related=0.25, hedged=0.0))
    d = {r.skill_id: r.credit for r in default.results}
    c = {r.skill_id: r.credit for r in custom.results}
    assert (d["pytorch"], d["apache-spark"]) == (0.5, 0.5)
    assert (c["pytorch"], c["apache-spark"]) == (0.25, 0.0)
    assert custom.score == pytest.approx(0.125) and default.score == pytest.approx(1.0 / 2.5)
    with pytest.raises(ValueError):
        skillmatch.Credits(related=1.5)


def test_page_numbers_for_pdf_evidence(sm, tmp_path):
    from pdfmaker import build_pdf

    lines = ["Skills: Python"] + ["filler line"] * 60 + ["Experience with Kubernetes"]
    pdf = tmp_path / "two-pages.pdf"
    pdf.write_bytes(build_pdf([lines[:52], lines[52:]]))
    text = sm.read(pdf)
    report = sm.match(text, "Requirements: Python, Kubernetes")
    pages = {r.skill_id: r.evidence[0].page for r in report.results}
    assert pages == {"python": 1, "kubernetes": 2}
    assert sm.match("Skills: Python", "Requirements: Python").results[0].evidence[0].page is None


def test_json_markdown_and_html_outputs(sm):
    resume = 'Skills: Python, <script>alert("x")</script> SQL & Java'
    report = sm.match(resume, "Requirements: Python, Kubernetes\nNice to have: Java")
    data = json.loads(report.to_json())
    assert data["schema_version"] == "1.2" and "resume_text" not in data and "mentions" not in data
    assert data["results"][0]["name"] == "Kubernetes" and data["results"][0]["status"] == "missing"
    md = report.to_markdown()
    assert md.startswith("## Coverage of") and "**Required gaps:** Kubernetes" in md
    page = report.to_html()
    assert "<script>" not in page and "&lt;script&gt;" in page  # document text is escaped
    assert "http://" not in page and "https://" not in page and "<link" not in page  # self-contained
    assert '<mark class="matched" id="m8" title="Python: matched"><a href="#skill-' in page


def test_json_report_follows_the_published_schema(sm):
    jsonschema = pytest.importorskip("jsonschema")
    from pathlib import Path

    schema = json.loads((Path(__file__).resolve().parents[1] / "docs" / "report.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    # to_dict() itself is plain JSON data (lists, not tuples), as embedding tools validate it
    jsonschema.validate(sm.match("Skills: Go", "Requirements: Python or Go", as_of=AS_OF).to_dict(), schema)
    for resume, target in [(RESUME, sm.posting(POSTING)), (RESUME, "ml-engineer"),
                           ("Skills: Python. No experience with Kubernetes.", "Requirements: Kubernetes, Python")]:
        data = json.loads(sm.match(resume, target, as_of=AS_OF).to_json())
        jsonschema.validate(data, schema)
    assert {r["years"]["status"] for r in json.loads(sm.match(RESUME, sm.posting(POSTING), as_of=AS_OF).to_json())[
        "results"] if r["years"]} == {"met", "unmet"}


def test_cues_and_alternatives_across_wrapped_lines(sm):
    posting = ("We are looking for a product manager who can own the roadmap and talk to customers.\n"
               "SQL is a plus, and ideally you have run A/B tests before. Experience with Amplitude or\n"
               "Mixpanel would be nice to have. No Kubernetes needed: we keep things simple.\n")
    by = {ts.skill_id: ts for ts in sm.posting(posting).skills}
    assert "kubernetes" not in by  # negated in the job: not a requirement
    for sid in ("amplitude", "mixpanel"):
        assert (by[sid].importance, by[sid].reason) == ("preferred", 'cue "would be nice"')
    assert by["amplitude"].alternatives == ("mixpanel",)
    report = sm.match("Tools: Jira, Amplitude, Looker", posting)
    assert next(r for r in report.results if r.skill_id == "mixpanel").status == "matched"


def test_hedge_wrapped_onto_the_next_line_and_negation_beats_related_credit(sm):
    resume = ("Security analyst, four years on Splunk and AWS. Currently\n"
              "  learning threat hunting through an evening course. I have never used Azure.\n")
    report = sm.match(resume, "Requirements\n- Threat hunting\n- Azure\n")
    by = {r.skill_id: r for r in report.results}
    assert (by["threat-hunting"].status, by["threat-hunting"].basis) == ("partial", "hedged")
    assert (by["azure"].status, by["azure"].basis) == ("missing", "negated")  # not partial through AWS


def test_a_preference_later_in_the_sentence_leaves_the_first_skill_required(sm):
    by = {ts.skill_id: ts for ts in sm.posting("What you'll bring:\n- 5+ years of SQL, ideally on Snowflake or BigQuery.\n").skills}
    assert (by["sql"].importance, by["sql"].min_years) == ("required", 5)
    assert (by["snowflake"].importance, by["snowflake"].reason, by["snowflake"].min_years) == ("preferred", 'cue "ideally"', None)


def test_stated_years_win_over_dated_roles(sm):
    resume = "Skills: Python (3 years)\n\nExperience\nData Engineer, Acme, Jan 2019 - Present\n- Python pipelines\n"
    python = sm.match(resume, "Requirements\n- 4+ years of Python", as_of=AS_OF).results[0]
    assert (python.status, python.credit, python.years.found, python.years.source) == ("partial", 0.75, 3.0, "stated")


@pytest.mark.parametrize("resume, skill, found", [
    ("Skills: Java since 2019, Go", "java", 7.9),  # to the report's date, 2026-11
    ("Skills: Python (since Mar 2024), SQL", "python", 2.8),
    ("Since 2021 I have built Python services.", "python", 5.9),  # forward, within the clause
])
def test_since_a_year_states_the_years_to_the_report_date(sm, resume, skill, found):
    posting = "Requirements\n- 4+ years of Java\n- 4+ years of Python\n"
    result = next(r for r in sm.match(resume, posting, as_of=AS_OF).results if r.skill_id == skill)
    assert (result.years.found, result.years.source) == (pytest.approx(found, abs=0.05), "stated")
    assert result.years.status == ("met" if found >= 4 else "unmet")


@pytest.mark.parametrize("resume, skill, found", [
    ("Registered nurse with 5 years of acute care experience.", "acute-care", 5.0),  # not the RN's
    ("Data engineer: Python, 4 years of hands-on Spark", "apache-spark", 4.0),
    ("Skills: Python, 4 years; SQL, 2 years", "python", 4.0),  # the figure after the name is its own
    ("Java 5 years in banking", "java", 5.0),
])
def test_a_figure_goes_to_the_skill_it_is_written_for(sm, resume, skill, found):
    posting = "Requirements\n- 2+ years of acute care\n- 4+ years of Python\n- 3+ years of Spark\n- 2+ years of Java\n"
    result = next(r for r in sm.match(resume, posting, as_of=AS_OF).results if r.skill_id == skill)
    assert result.years.found == found


def test_a_skill_also_asked_for_on_its_own_is_no_alternative(sm):
    """'Python or Go' and then '4+ years of Python': Python is required in any case, with its years."""
    by = {ts.skill_id: ts for ts in sm.posting("Requirements\n- Python or Go\n- 4+ years of Python\n").skills}
    assert (by["python"].alternatives, by["python"].weight, by["python"].min_years) == ((), 1.0, 4.0)
    assert (by["golang"].alternatives, by["golang"].weight) == (("python",), 0.5)
    report = sm.match("Skills: Go, Java, Kubernetes", "Requirements\n- Python or Go\n- 4+ years of Python\n")
    assert next(r for r in report.results if r.skill_id == "python").status != "matched"


def test_an_implied_skill_takes_the_years_of_a_narrower_one(sm):
    """The licence implies nursing (named most, it is the one quoted); med-surg nursing gives the years."""
    resume = ("Licenses\nRegistered Nurse, State of Ohio\nRegistered Nurse, State of Kentucky\n\nExperience\n"
              "Staff Nurse — Riverside General — 05/2019 – 08/2023\n- Med-surg nursing care for a 32-bed unit\n")
    nursing = next(r for r in sm.match(resume, "Requirements\n- 5+ years of clinical nursing\n", as_of=AS_OF).results
                   if r.skill_id == "nursing")
    assert (nursing.basis, nursing.via, nursing.years.source, nursing.years.status) == (
        "implied", "rn-license", "dated roles", "unmet")
    assert nursing.years.found == pytest.approx(4.3, abs=0.1)


def test_since_in_a_posting_asks_for_no_years(sm):
    by = {ts.skill_id: ts.min_years for ts in sm.posting("Requirements: Java (our stack since 2015), 3 years of Golang").skills}
    assert by == {"java": None, "golang": 3.0}


def test_an_alternative_is_covered_through_a_narrower_skill(sm):
    by = {r.skill_id: r for r in sm.match("Skills: PySpark, SQL", "Nice to have: Spark or Databricks.").results}
    assert by["apache-spark"].status == "matched" and by["databricks"].status == "matched"
    assert by["databricks"].evidence[0].text == "PySpark"


def test_the_hedge_nearest_the_skill_is_the_one_quoted(sm):
    found = {m.skill_id: m.cue for m in sm.extract("I am familiar with Terraform and have some exposure to Ansible.")}
    assert found == {"terraform": "familiar with", "ansible": "exposure to"}


def test_html_marks_a_lacking_skill_even_when_an_alternative_matched(sm):
    report = sm.match("Cloud: GCP. I have no experience with Azure.", "Requirements\n- Azure or GCP\n")
    page = report.to_html()
    azure = next(r for r in report.results if r.skill_id == "azure")
    assert azure.status == "matched" and '<mark class="negated"' in page
    assert 'title="Microsoft Azure: said to be lacking"' in page


def test_alternatives_share_one_requirements_weight(sm):
    report = sm.match("Skills: Python", "Requirements\n- Python\n- One of AWS, GCP or Azure\n")
    weights = {r.skill_id: round(r.weight, 3) for r in report.results}
    assert weights == {"python": 1.0, "aws": 0.333, "gcp": 0.333, "azure": 0.333}
    assert report.score == 0.5  # Python met, the cloud requirement not


def test_every_format_says_which_skills_are_alternatives_and_how_they_weigh(sm):
    """Four required rows, one of them met, would read as 25%: the rows must say why it is 50%."""
    from skillmatch.report import match_table, to_text

    report = sm.match("Skills: Python", "Requirements\n- Python\n- One of AWS, GCP or Azure\n")
    note = "skills asked for as alternatives share one skill's weight"
    table = to_text(match_table(report), width=200)
    assert "required (or Microsoft Azure, Google Cloud Platform)" in table and note in table
    md = report.to_markdown()
    assert "| Skill | Need | Weight | Verdict | Credit | Why |" in md
    assert "| Python | required (section \"Requirements\") | 1 | matched | 1 |" in md
    assert "(or Amazon Web Services, Google Cloud Platform) | 0.333 | missing | 0 |" in md and note in md
    assert "required (or Amazon Web Services, Microsoft Azure)" in report.to_html()
    assert note not in to_text(match_table(sm.match("Skills: Python", "Requirements: Python, SQL")), width=200)


@pytest.mark.parametrize("posting, skill, importance", [
    ("Must know SQL or Excel, travel is not required.", "sql", "required"),  # negation stays with travel
    ("Requirements\n5+ years of experience building pipelines with Python\nExperience with Snowflake is a plus",
     "python", "required"),  # the next line is a new sentence: its "a plus" is not Python's
    ("Requirements\nStrong Python (ideally Django) and AWS experience.", "aws", "required"),  # the aside closes
    ("Requirements\nAWS (preferably certified), Terraform and Kubernetes.", "terraform", "required"),
    ("- 3+ years as a data analyst using SQL and Tableau\n- Python is a plus", "sql", "required"),  # not a title
    ("Experience with Node.Js.Knowledge of Docker is a bonus.Must have SQL.", "sql", "required"),  # glued sentences
    ("Experience with Node.Js.Knowledge of Docker is a bonus.Must have SQL.", "nodejs", "required"),
])
def test_cues_stay_in_their_own_clause(sm, posting, skill, importance):
    by = {ts.skill_id: ts.importance for ts in sm.posting(posting).skills}
    assert by.get(skill) == importance


@pytest.mark.parametrize("text, skill, polarity", [
    ("Never used Java in production\npython and docker daily", "docker", "affirmed"),  # a new line, a new claim
    ("Databases: MySQL, MongoDB (No SQL), Redis", "nosql", "affirmed"),
    ("I have no SQL Server experience", "sql-server", "negated"),  # "no SQL" here is not NoSQL
    ("Skills: Excel; no SQL.", "sql", "negated"),
    ("Python, SQL, Docker, Kubernetes, Terraform and AWS are not required", "python", "negated"),
])
def test_polarity_does_not_leak_across_lines_and_covers_whole_lists(sm, text, skill, polarity):
    found = {m.skill_id: m.polarity for m in sm.extract(text)}
    assert found[skill] == polarity
