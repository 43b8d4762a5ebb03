"""Coverage and gaps: credit rules, evidence, required vs preferred, job postings."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

import skillmatch
from skillmatch.roles import Target, TargetSkill

ROOT = Path(__file__).resolve().parents[1]

TAXONOMY = """
skills:
  - {id: databases, name: databases, kind: knowledge}
  - {id: postgresql, name: PostgreSQL, kind: database, aliases: [Postgres], broader: [databases]}
  - {id: pytorch, name: PyTorch, kind: framework, related: [tensorflow]}
  - {id: tensorflow, name: TensorFlow, kind: framework}
  - {id: python, name: Python, kind: language}
  - {id: kafka, name: Kafka, kind: tool}
  - {id: terraform, name: Terraform, kind: tool}
"""


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    path = tmp_path_factory.mktemp("tax") / "t.yaml"
    path.write_text(TAXONOMY, encoding="utf-8")
    return skillmatch.load(path)


def target(*pairs):
    weights = {"required": 1.0, "preferred": 0.5}
    return Target("t", "Test role", tuple(TargetSkill(s, imp, weights[imp]) for s, imp in pairs))


def test_credit_rules_and_evidence(small):
    resume = "Python developer.\nTuned Postgres for 5 years; some TensorFlow."
    tgt = target(("python", "required"), ("databases", "required"), ("pytorch", "required"),
                 ("kafka", "preferred"))
    report = small.match(resume, tgt)
    by = {r.skill_id: r for r in report.results}
    assert (by["python"].status, by["python"].credit) == ("matched", 1.0)
    assert by["databases"].status == "matched" and by["databases"].via == "postgresql"
    assert (by["pytorch"].status, by["pytorch"].credit, by["pytorch"].via) == ("partial", 0.5, "tensorflow")
    assert by["kafka"].status == "missing" and by["kafka"].evidence == []
    # evidence quotes the resume with exact offsets
    ev = by["databases"].evidence[0]
    assert resume[ev.start:ev.end] == "Postgres" and "Tuned Postgres" in ev.quote
    # score: required (1 + 1 + 0.5) / 3 ; preferred 0 ; overall (2.5*1 + 0*0.5) / 3.5
    assert report.required_score == pytest.approx(2.5 / 3, abs=1e-3)
    assert report.preferred_score == 0
    assert report.score == pytest.approx(2.5 / 3.5, abs=1e-3)
    assert [r.skill_id for r in report.missing] == ["kafka"]


@pytest.mark.parametrize("resume, target, what", [("", None, "resume"), (" \n\t", "ml-engineer", "resume"),
                                                  ("Python and SQL.", "  ", "job posting")])
def test_an_empty_resume_or_posting_is_an_error_not_a_score_of_zero(sm, resume, target, what):
    with pytest.raises(skillmatch.DocumentError, match=f"The {what} text is empty"):
        sm.match(resume, target)


def test_report_to_dict_is_json_ready(small):
    import json

    report = small.match("Python", target(("python", "required"), ("kafka", "required")))
    data = json.loads(json.dumps(report.to_dict()))
    assert data["counts"] == {"matched": 1, "partial": 0, "missing": 1}
    assert data["schema_version"] == "1.2" and data["missing_required"] == ["Kafka"]
    assert [r["name"] for r in data["results"]] == ["Kafka", "Python"]  # missing required first
    assert data["results"][1]["evidence"][0]["text"] == "Python"


def test_posting_required_and_preferred(small):
    posting = textwrap.dedent("""\
        Data Engineer
        Requirements:
        - Python and PostgreSQL
        Nice to have:
        - Kafka
        - Terraform is a plus
        Responsibilities
        - Own our Python services
        """)
    tgt = small.posting(posting)
    imp = {s.skill_id: s.importance for s in tgt.skills}
    assert imp == {"python": "required", "postgresql": "required", "kafka": "preferred",
                   "terraform": "preferred"}
    report = small.match("I know Python and Kafka.", posting)
    assert {r.skill_id for r in report.missing} == {"postgresql", "terraform"}


def test_inline_preferred_marker(small):
    tgt = small.posting("Must know Python. Experience with Kafka is a plus.\nTerraform preferred.")
    imp = {s.skill_id: s.importance for s in tgt.skills}
    assert imp == {"python": "required", "kafka": "preferred", "terraform": "preferred"}


@pytest.mark.parametrize("line, expected", [
    ("Strong SQL skills, Tableau is a plus", {"sql": "required", "tableau": "preferred"}),
    ("Python required, Kafka a plus", {"python": "required", "apache-kafka": "preferred"}),
    ("Requires Python, and familiarity with Spark is a plus", {"python": "required", "apache-spark": "preferred"}),
    ("Docker, Kubernetes a plus", {"docker": "preferred", "kubernetes": "preferred"}),  # a list shares the cue
    ("Nice to have: Python, SQL, Docker", {"python": "preferred", "sql": "preferred", "docker": "preferred"}),
    ("Unreal Engine is a bonus, as is C++", {"unreal-engine": "preferred", "cpp": "preferred"}),
])
def test_a_cue_after_a_comma_covers_its_own_clause_or_list(sm, line, expected):
    tgt = sm.posting("Requirements:\n- " + line + "\n")
    assert {s.skill_id: s.importance for s in tgt.skills} == expected



def test_an_item_saying_a_plus_does_not_open_a_preferred_section(small):
    tgt = small.posting("Requirements\n- Python\n- Kafka is a plus\n- PostgreSQL\nExperience with AWS is preferred\n"
                        "- Terraform")
    imp = {s.skill_id: s.importance for s in tgt.skills}
    assert imp == {"python": "required", "kafka": "preferred", "postgresql": "required",
                   "terraform": "required"}


def test_a_hedged_alternative_gives_the_whole_requirement_partial_credit(sm):
    report = sm.match("Skills: React, TypeScript. Willing to learn Vue; no Angular experience.",
                      "Requirements:\n- Vue or Angular\n- TypeScript")
    by = {r.skill_id: r for r in report.results}
    assert (by["angular"].status, by["angular"].basis, by["angular"].via) == ("partial", "hedged", "vuejs")
    assert by["angular"].reason.startswith("alternative Vue.js only tentatively")
    assert by["angular"].evidence[0].text == "Vue" and report.score == pytest.approx(0.75)

def test_mistyped_role_id_is_an_error_not_a_posting(sm):
    with pytest.raises(skillmatch.TaxonomyError, match="unknown role 'ml-enginer'"):
        sm.match("Python", "ml-enginer")


def test_default_role_on_the_example_resume(sm):
    text = (ROOT / "examples" / "resume.txt").read_text(encoding="utf-8")
    report = sm.match(text)
    assert report.target_id == "ml-engineer"
    assert report.score > 0.6
    matched = {r.skill_id for r in report.matched}
    assert {"python", "machine-learning", "mathematics", "linear-algebra"} <= matched  # the role built from the seeds
    for r in report.matched:
        for ev in r.evidence:
            assert text[ev.start:ev.end] == ev.text


def test_example_resume_against_example_posting(sm):
    resume = (ROOT / "examples" / "resume.txt").read_text(encoding="utf-8")
    posting = (ROOT / "examples" / "job-posting.md").read_text(encoding="utf-8")
    report = sm.match(resume, sm.posting(posting))
    status = {r.skill_id: r.status for r in report.results}
    imp = {r.skill_id: r.importance for r in report.results}
    assert status["python"] == "matched" and status["kubernetes"] == "matched"
    assert imp["terraform"] == "preferred" and status["terraform"] == "missing"
    assert imp["apache-kafka"] == "preferred"
    assert imp["python"] == "required"


def test_unknown_role_is_a_clear_error(sm):
    with pytest.raises(skillmatch.TaxonomyError, match="unknown role 'astronaut'; available roles: ml-engineer"):
        sm.role("astronaut")


def test_shipped_roles_load(sm):
    for rid in sm.roles():
        role = sm.role(rid)
        assert role.skills and all(s.skill_id in sm.taxonomy for s in role.skills)


def test_alternatives_in_a_posting_are_satisfied_by_any_one(small):
    posting = "Requirements:\n- PyTorch or TensorFlow\n- Kafka, Terraform\n"
    tgt = small.posting(posting)
    alts = {s.skill_id: set(s.alternatives) for s in tgt.skills}
    assert alts["pytorch"] == {"tensorflow"} and alts["tensorflow"] == {"pytorch"}
    assert alts["kafka"] == set()  # a comma list without "or" asks for both
    report = small.match("Five years of TensorFlow.", tgt)
    by = {r.skill_id: r for r in report.results}
    assert by["pytorch"].status == "matched" and by["pytorch"].via == "tensorflow"
    assert by["pytorch"].basis == "alternative" and by["kafka"].basis == "missing"
    assert by["kafka"].status == "missing"


@pytest.mark.parametrize(
    "text, skill, polarity, cue",
    [
        ("No experience with Kubernetes or Docker.", "docker", "negated", "No experience"),
        ("Python, not Java", "java", "negated", "not"),
        ("Do not have SQL", "sql", "negated", "Do not have"),
        ("Built the pipelines without Airflow", "apache-airflow", "negated", "without"),
        ("Lacking experience in AWS", "aws", "negated", "Lacking experience"),
        ("Willing to learn Rust and Go.", "rust", "hedged", "Willing to learn"),
        ("Exposure to Spark; expert in SQL", "apache-spark", "hedged", "Exposure to"),
        ("Basic knowledge of Tableau", "tableau", "hedged", "Basic knowledge of"),
        ("Currently learning TypeScript", "typescript", "hedged", "Currently learning"),
        ("No experience with Kubernetes, but strong Docker skills.", "docker", "affirmed", None),
        ("Not only Python but also SQL", "python", "affirmed", None),
        ("Ensured services did not fail on AWS", "aws", "affirmed", None),
        ("Adult Learning, Apache Kafka", "apache-kafka", "affirmed", None),
        ("Side projects: learning Rust", "rust", "hedged", "learning"),
        ("Studying Go and Kubernetes", "golang", "hedged", "Studying"),
        ("Learning Rust and Go.", "golang", "hedged", "Learning"),  # the list after a clause-initial learning word
        ("Learning Management Systems and Python", "python", "affirmed", None),
        ("Machine learning Python pipelines", "python", "affirmed", None),
        # a cue glued to the word before by a full stop, as text from PDFs often has it
        ("Wrote some scripts in Python.Familiar with Docker", "docker", "hedged", "Familiar with"),
        ("Python (basic). Used Java.No experience with Kubernetes", "kubernetes", "negated", "No experience"),
        ("Built scripts in Python.Familiar with Docker", "docker", "hedged", "Familiar with"),
        ("Used Java.No experience with Kubernetes", "kubernetes", "negated", "No experience"),
        ("Cleaned data in Google Sheets.I have never used Looker.", "looker", "negated", "never used"),
        # every word a cue can start with (the patterns skip positions where none can)
        ('Zero experience with Docker', 'docker', 'negated', 'Zero experience'),
        ('Never used Kafka', 'apache-kafka', 'negated', 'Never used'),
        ("Haven't used Terraform", 'terraform', 'negated', "Haven't used"),
        ("Hasn't worked with Java", 'java', 'negated', "Hasn't worked"),
        ('Eager to learn Kotlin', 'kotlin', 'hedged', 'Eager to learn'),
        ('Keen to learn Scala', 'scala', 'hedged', 'Keen to learn'),
        ('Hoping to learn Elixir', 'elixir', 'hedged', 'Hoping to learn'),
        ('Planning to learn Swift', 'swift', 'hedged', 'Planning to learn'),
        ('Aspiring to learn React', 'react', 'hedged', 'Aspiring to learn'),
        ('Now learning Django', 'django', 'hedged', 'Now learning'),
        ('Self-learning Haskell', 'haskell', 'hedged', 'Self-learning'),
        ('Introduction to Docker', 'docker', 'hedged', 'Introduction to'),
        ('Familiar with Jenkins', 'jenkins', 'hedged', 'Familiar with'),
        ('Some experience with Ansible', 'ansible', 'hedged', 'Some experience with'),
        ('Elementary knowledge of MATLAB', 'matlab', 'hedged', 'Elementary knowledge of'),
        ('Limited exposure to Tableau', 'tableau', 'hedged', 'exposure to'),
        ('Interested in Flutter', 'flutter', 'hedged', 'Interested in'),
        ('Hobbies: (learning Rust)', 'rust', 'hedged', 'learning'),
        ('Little understanding of Perl', 'perl', 'hedged', 'Little understanding of'),
        ('Beginner experience with Ruby', 'ruby', 'hedged', 'Beginner experience with'),
        # a level beside the name, starting a list item or in brackets after it
        ('Languages: English (native), basic Spanish', 'spanish', 'hedged', 'basic'),
        ('Native English; Basic French', 'french', 'hedged', 'Basic'),
        ('Beginner-level Java, advanced SQL', 'java', 'hedged', 'Beginner-level'),
        ('Spanish (basic), French (fluent)', 'spanish', 'hedged', 'basic'),
        ('Photoshop (Novice); Excel: beginner', 'photoshop', 'hedged', 'Novice'),
        ('Spanish (basic), French (fluent)', 'french', 'affirmed', None),
        ('Wrote basic SQL reports daily', 'sql', 'affirmed', None),  # a verb before it: a duty
        ('Emergency Medical Technician - Basic', 'emt-certification', 'affirmed', None),
        ('Teacher Certification: Elementary Education', 'teaching-license', 'affirmed', None),
    ],
)
def test_negated_and_hedged_mentions(sm, text, skill, polarity, cue):
    found = [m for m in sm.extract(text) if m.skill_id == skill]
    assert found, f"{skill} not found in {text!r}"
    assert (found[0].polarity, found[0].cue) == (polarity, cue)



def test_a_cue_is_never_read_from_inside_a_word(sm):
    from skillmatch.polarity import WINDOW

    lead = "no experience desk, then wrote the internal tools "  # "casi|no": the window cuts the word
    text = "Ran the casi" + lead + "x" * (WINDOW - len(lead) - 1) + " Python"
    python = next(m for m in sm.extract(text) if m.skill_id == "python")
    assert text[python.start - WINDOW : python.start].startswith("no experience")
    assert python.polarity == "affirmed"


@pytest.mark.parametrize("newline", ["\n", "\r", "\u2028", " "])
def test_polarity_with_any_line_break_and_very_long_lines(sm, newline):
    text = newline.join(["Python and SQL every day.", "No experience with Kubernetes."] * 200)
    found = [m for m in sm.extract(text) if m.skill_id in ("python", "kubernetes")]
    assert {m.polarity for m in found if m.skill_id == "python"} == {"affirmed"}
    assert {m.polarity for m in found if m.skill_id == "kubernetes"} == {"negated"}

def test_negated_skills_do_not_count_and_hedged_ones_count_half(sm):
    resume = "Python and SQL every day.\nNo experience with Kubernetes.\nExposure to Spark.\n"
    posting = "Requirements:\n- Python\n- Kubernetes\n- Spark\n- SQL\n"
    report = sm.match(resume, posting)
    by_id = {r.skill_id: r for r in report.results}
    assert by_id["python"].status == "matched" and by_id["sql"].status == "matched"
    k8s = by_id["kubernetes"]
    assert (k8s.status, k8s.basis, k8s.credit) == ("missing", "negated", 0.0)
    assert "No experience" in k8s.reason and k8s.evidence[0].quote == "No experience with Kubernetes."
    spark = by_id["apache-spark"]
    assert (spark.status, spark.basis, spark.credit) == ("partial", "hedged", 0.5)
    assert "Exposure to" in spark.reason
    assert report.score == pytest.approx(2.5 / 4)


def test_a_skill_a_posting_does_not_require_is_not_a_requirement(sm):
    target = sm.posting("Requirements: Python and SQL. Java is not required.")
    assert {ts.skill_id for ts in target.skills} == {"python", "sql"}


def test_company_and_benefits_sections_ask_for_nothing(sm):
    posting = ("About us:\nWe build cloud security software on AWS.\n\nRequirements:\n- Python\n- SQL\n\n"
               "About you:\n- Docker\n\nBenefits:\n- Free Coursera and Udemy courses on Kubernetes\n")
    assert {ts.skill_id for ts in sm.posting(posting).skills} == {"python", "sql", "docker"}
    blurb_first = "About Acme Corp:\nWe use Java.\n\nThe role:\nGo and Rust"
    assert {ts.skill_id for ts in sm.posting(blurb_first).skills} == {"golang", "rust"}


def test_one_of_lists_are_alternatives(sm):
    target = sm.posting("Experience in at least one of these toolkits: numpy, scikit-learn, pytorch, keras.")
    alternatives = {ts.skill_id: set(ts.alternatives) for ts in target.skills}
    assert alternatives["pytorch"] == {"numpy", "scikit-learn", "keras"}
    report = sm.match("Deep learning with Keras.", target)
    assert report.score == 1.0


def test_a_javascript_test_framework_implies_unit_testing(sm):
    report = sm.match("Frontend developer. Wrote component tests with Jest and React Testing Library.",
                      sm.posting("Requirements: experience with unit testing."))
    [result] = report.to_dict()["results"]
    assert (result["name"], result["status"], result["basis"]) == ("unit testing", "matched", "implied")
    assert result["evidence"][0]["text"] == "Jest"


def test_evidence_quotes_are_cut_at_whole_words(sm):
    text = ("Responsible for the development and maintenance of distributed data processing pipelines "
            "using Apache Spark and Kafka across multiple business units worldwide every single day.")
    report = sm.match(text, sm.posting("Requirements: Apache Spark."))
    quoted = report.results[0].evidence[0].quote
    assert quoted.startswith("…") and quoted.endswith("…") and "using Apache Spark and Kafka" in quoted
    assert all(word in text.split() for word in quoted.strip("…").split())


def test_a_nursing_licence_implies_nursing(sm):
    report = sm.match("Jane Doe, RN, BSN\nCharge nurse on a medical unit.", sm.posting("Requirements:\n- Nursing"))
    [result] = report.results
    assert (result.status, result.basis, result.via) == ("matched", "implied", "rn-license")
