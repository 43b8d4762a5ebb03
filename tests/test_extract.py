"""What users rely on when extracting: variants, typos and abbreviations found, English left alone."""

from __future__ import annotations

import pytest


def ids(sm, text: str) -> set[str]:
    return {m.skill_id for m in sm.extract(text)}


def names(sm, text: str) -> set[str]:
    return {m.name for m in sm.extract(text)}


@pytest.mark.parametrize(
    "text, skill",
    [
        ("Deployed services on k8s clusters", "kubernetes"),
        ("Experience in ML and statistics", "machine-learning"),
        ("Worked on NLP for chat logs", "natural-language-processing"),
        ("Backend in Node.js", "nodejs"),
        ("Backend in NodeJS", "nodejs"),
        ("Backend in node js", "nodejs"),
        ("Wrote services in C# and .NET", "c-sharp"),
        ("Wrote services in C# and .NET", "dotnet"),
        ("Optimised C++ code", "cpp"),
        ("Reports in MS Excel", "ms-excel"),
        ("Stored procedures in PL/SQL", "plsql"),
        ("Models with scikit-learn", "scikit-learn"),
        ("Models with sklearn", "scikit-learn"),
        ("Models with scikit learn", "scikit-learn"),
        ("Trained neural networks", "neural-networks"),
        ("Hands-on with Machine-Learning", "machine-learning"),
        ("Ran CI/CD with GitHub Actions", "ci-cd"),
        ("Skills: Python, R, SQL", "r-language"),
        ("Languages: C, C++, Java", "c-language"),
        ("Wrote microservices in Go and Python", "golang"),
        ("Advanced Excel (pivot tables, VLOOKUP)", "ms-excel"),
        ("Reports in Microsoft Office Excel 2010", "ms-excel"),  # the suite's name for its apps, 2003-2013
        ("Decks in Microsoft Office PowerPoint", "ms-powerpoint"),
        ("Known for proactive thinking", "proactivity"),
        ("Building business relationships with suppliers", "relationship-building"),
        ("Good at building trust with clients", "trust-building"),
        # words spaCy keeps as built-in symbols (dependency and POS labels) still match
        ("Licensed Enrolled Agent since 2015", "enrolled-agent"),
        ("Layouts in Adobe CC", "adobe-creative-suite"),
        ("Payroll through ADP for 300 staff", "adp"),
        ("Certifications: Security +, Network +", "comptia-security-plus"),
        ("Queues on RabbitMQ and IBM MQ", "ibm-mq"),
    ],
)
def test_variants_and_abbreviations(sm, text, skill):
    assert skill in ids(sm, text)


@pytest.mark.parametrize(
    "text, skill",
    [
        ("Expert in Pyhton scripting", "python"),
        ("Managed Kubernates clusters", "kubernetes"),
        ("Deep learning with Tensorflow", "tensorflow"),
        ("Tuned Postgre SQL queries", "postgresql"),
        ("Built dashboards in Tablaeu", "tableau"),
    ],
)
def test_typos_found_and_marked_fuzzy(sm, text, skill):
    hits = [m for m in sm.extract(text) if m.skill_id == skill]
    assert hits, f"{skill} not found in {text!r}"
    if skill not in ("tensorflow", "postgresql"):  # case and spacing are not typos
        assert hits[0].method == "fuzzy" and 0 < hits[0].score < 1


@pytest.mark.parametrize(
    "text",
    [
        "I will go to the office every day.",
        "Go to the office and ask for the manager.",
        "Ten years in R&D at a chemicals firm.",
        "He got a C grade in chemistry.",
        "I excel at customer care.",
        "Excel at every task you are given.",
        "Decluttering to spark joy at home.",
        "Most of our clients come by word of mouth.",
        "Word of mouth brought new customers.",
        "Employees get access to benefits after 90 days.",
        "Access to benefits is immediate.",
        "We promise a swift response to every ticket.",
        "Swift response to customer complaints.",
        "Improved the R-squared of the model.",
        "Go-to-market strategy for new stores.",
        "Reported to the C-level executives.",
        "- Go to the office daily",  # a bulleted item, but not the name alone
        "- Excel at customer service",
        "- Access to benefits",
    ],
)
def test_plain_english_is_not_a_skill(sm, text):
    found = ids(sm, text)
    ambiguous = {"golang", "r-language", "c-language", "ms-excel", "apache-spark",
                 "ms-word", "ms-access", "swift"}
    assert not found & ambiguous, f"false hit in {text!r}: {found & ambiguous}"


def test_offsets_point_into_the_text(sm):
    text = "Summary\n\n  Senior engineer: Python,  Kubernetes and PostgreSQL; some Pyhton typos.\r\n"
    mentions = sm.extract(text)
    assert mentions
    for m in mentions:
        assert text[m.start : m.end] == m.text
        assert 0 <= m.score <= 1 and m.method in {"exact", "alias", "fuzzy"}



def test_mentions_are_frozen_hashable_values(sm):
    import dataclasses

    from skillmatch import Mention

    m = sm.extract("Python")[0]
    same = Mention(m.skill_id, m.name, m.start, m.end, m.text, m.score, m.method)
    assert m == same and hash(m) == hash(same) and len({m, same}) == 1
    assert m.to_dict() == {"skill_id": "python", "name": "Python", "start": 0, "end": 6, "text": "Python",
                           "score": 1.0, "method": "exact", "polarity": "affirmed", "cue": None}
    with pytest.raises(dataclasses.FrozenInstanceError):
        m.score = 0.5
    assert dataclasses.replace(m, polarity="negated").polarity == "negated"

def test_longest_mention_wins(sm):
    found = sm.extract("Built APIs with Spring Boot and Ruby on Rails")
    texts = {m.text for m in found}
    assert "Spring Boot" in texts and "Ruby on Rails" in texts


def test_extract_many_matches_extract(sm):
    texts = ["Python and SQL", "", "Docker, Kubernetes", "Pyhton"]
    assert list(sm.extract_many(texts)) == [sm.extract(t) for t in texts]


def test_extract_many_in_two_processes(sm):
    texts = ["Python and SQL", "Docker, Kubernetes"] * 3
    assert list(sm.extract_many(texts, n_process=2, batch_size=2)) == [sm.extract(t) for t in texts]


def test_fuzzy_leaves_english_alone(sm):
    text = "Managed the docket, led a sprint planning meeting, sails and flasks, shifted priorities."
    fuzzy = [m for m in sm.extract(text) if m.method == "fuzzy"]
    assert fuzzy == []


def test_links_and_emails_are_not_skills(sm):
    text = "Contact hiring@techsolutions.com, https://github.com/jane, www.linkedin.com/in/jane"
    assert sm.extract(text) == []


def test_phrases_wrapped_across_pdf_lines(sm):
    found = sm.extract("Worked on Natural\nLanguage Processing tasks")
    assert [m.skill_id for m in found] == ["natural-language-processing"]
    assert found[0].text == "Natural\nLanguage Processing"
    # a blank line ends a phrase
    assert "natural-language-processing" not in ids(sm, "Natural\n\nLanguage Processing")


def test_bulleted_lines_are_separate_items(sm):
    found = {(m.text, m.skill_id) for m in sm.extract("Requirements:\n- Spark\n- SQL\n")}
    assert found == {("Spark", "apache-spark"), ("SQL", "sql")}


@pytest.mark.parametrize(
    "text, skill",
    [
        ("- 3+ years of accounting experience", "accounting"),  # "X experience" claims X
        ("- Python or Go for tooling", "golang"),  # an alternative to a named language
        ("Kanban, MS Project, Asana, budgeting", "budgeting"),  # "MS" here is Microsoft, not a degree
        ("Strengths: budgeting, forecasting, reconciliations", "forecasting"),
        ("- Clear written communication: every launch gets a brief", "communication"),
        ("Work in two-week Scrum sprints", "scrum"),
        ("Good at Python and SQL", "python"),  # "at" after a word that is not a title or work word
        ("Requirements\n- Retrofit\n- Kotlin", "retrofit"),
        ("Five years of teaching experience in middle schools", "teaching"),  # a claim, not a heading
        ("Eight years of experience in IT, mostly service desk", "information-technology"),
        ("Communication skills    Experience in child care", "communication"),  # two lines, flattened
        ("Layouts in Adobe In Design and Photoshop", "indesign"),
        ("Learning Rust in my spare time", "rust"),
        ("Requirements\n- Snowflake\n- Go\n", "golang"),  # an ambiguous name alone in a bulleted item
        ("Requirements\n- Go\n- Excel, with pivot tables\n", "ms-excel"),
        ("Tools: Excel", "ms-excel"),  # a field label naming a list of skills
        ("Tech stack: Go", "golang"),  # a learning word right before an ambiguous name
        ("Took machine learning courses at Coursera", "machine-learning"),  # courses are not a title
    ],
)
def test_generic_and_ambiguous_words_with_evidence(sm, text, skill):
    assert skill in ids(sm, text)


@pytest.mark.parametrize(
    "text, skill",
    [
        ("Management Experience\nLed a team of nine.", "management"),  # a heading, not a claim
        ("B.S. Accounting, San Jose State University", "accounting"),  # the field of a degree
        ("Databases: MySQL, PostgreSQL", "databases"),  # a field label
        ("We retrofit old buildings.", "retrofit"),
        ("Go for a run, or go for a swim.", "golang"),
        ("Nine years in the IT industry as an SAP consultant", "information-technology"),  # a field of work
        ("WE MAKE IT HAPPEN FOR OUR CLIENTS", "information-technology"),  # the pronoun in capitals
        ("HTML5 (Less than 1 year), SPSS (Less\nthan 1 year)", "less"),  # a betraying word on a wrapped line
        ("Software Engineer, Oracle Corporation, 2015 - 2018", "oracle-database"),  # an employer
        ("Software Engineer at Oracle (2019 - 2021)", "oracle-database"),  # an employer
        ("Worked @ Salesforce on billing", "salesforce"),
        ("Experience\nData Engineer, Oracle, 2019 - 2022\n- Built ETL in Python", "oracle-database"),  # role lines
        ("Data Engineer | Oracle | Jan 2019 - Present", "oracle-database"),
        ("Senior Analyst, Salesforce (2018-2020)", "salesforce"),
        ("Oracle — Senior Data Engineer (2019-2022)", "oracle-database"),
        ("Account Executive - Salesforce\nClosed deals", "salesforce"),
        ("Completed the OCA course at Oracle University", "oracle-database"),  # a school
        ("Head of Information Technology, Northwind Traders", "information-technology"),  # a job title
        ("Assistant Professor, School of Social Work, Lakeside University", "social-work"),  # an employer
        ("BE in Computer Science and Engineering, 2014", "computer-science"),  # the field of a degree
        ("M.Tech, Computer Science — College of Engineering, 2019", "computer-science"),
        ("B.S., Computer Science, 2014", "computer-science"),
        ("Jan 2019 – May 2021    TEACHING EXPERIENCE    Substitute Teacher, Oak Ridge Schools", "teaching"),
        ("Sales and Marketing Experience\nRegional Sales Lead, Acme", "marketing"),  # a heading
        ("Used Figma to mock up screens; experience in design and testing", "indesign"),  # not "InDesign"
    ],
)
def test_headings_degrees_and_english_are_not_claims(sm, text, skill):
    assert skill not in ids(sm, text)


def test_duties_written_as_verbs_name_the_skill(sm):
    assert "patient-education" in ids(sm, "- Educate patients and families on discharge instructions")
    assert "patient-education" in ids(sm, "- Educated patients on insulin pens")


def test_a_name_in_the_first_line_is_not_a_skill_by_context_from_the_next(sm):
    resume = "Gina Go\nBackend Engineer, 2016 - Present\n- Java and Spring Boot microservices"
    assert "golang" not in ids(sm, resume)
    assert "golang" in ids(sm, "Go Developer\nBuilt backend services in Go and Python")
    assert "golang" in ids(sm, "Skills: Go, Rust\nmore") and "golang" in ids(sm, "Go, Rust")


@pytest.mark.parametrize("text", [
    "Database Administrator, Oracle, SQL Server, MySQL",  # a title, then a list of skills
    "Oracle, Developer, Oracle Enterprise",  # a flattened list with a title word in it
    "SAP, Lotus Notes, Team Leader and mentor",
    "Skills: Oracle, SQL, Python",
])
def test_an_employer_name_in_a_list_of_skills_is_a_skill(sm, text):
    assert {"oracle-database", "sap"} & ids(sm, text)


@pytest.mark.parametrize("text, skill", [
    ("Trained spaCy models for NER and POS tagging", "point-of-sale"),  # "and" is not "or"; "tagging" is a noun
    ("Configured DHCP, DNS and MAC address filtering", "macos"),
    ("- Windows and doors installation", "windows"),  # a bullet is no evidence for a name that is also a word
    ("Partnered with sales, marketing, and finance stakeholders on pricing", "sales"),  # a list that modifies a noun
])
def test_new_evidence_rules_do_not_admit_plain_english(sm, text, skill):
    assert skill not in ids(sm, text)


NURSE = ("Registered nurse: IV therapy, wound care, medication administration, patient education in a "
         "critical care unit. Vital signs, Epic charting.")


def test_clinical_skills_are_found_one_by_one(sm):
    found = {(m.skill_id, m.text) for m in sm.extract(NURSE)}
    assert {("iv-therapy", "IV therapy"), ("wound-care", "wound care"),
            ("medication-administration", "medication administration"),
            ("patient-education", "patient education"), ("critical-care", "critical care"),
            ("vital-signs", "Vital signs"), ("epic-ehr", "Epic")} <= found
    assert not {"nursing", "patient-care"} & {sid for sid, _ in found}  # no longer folded into the broad ones


@pytest.mark.parametrize(
    "resume, asked, implied, via",
    [
        ("Skills: IV therapy, wound care.", "Nursing", "nursing", "iv-therapy"),  # a nurse's procedure
        ("Skills: ICU nursing.", "Nursing", "nursing", "critical-care-nursing"),  # a nursing specialty
        ("Skills: ICU nursing.", "Critical care", "critical-care", "critical-care-nursing"),
        ("Five years of critical care in a trauma center.", "Patient care", "patient-care", "critical-care"),
    ],
)
def test_a_clinical_skill_implies_the_broad_one(sm, resume, asked, implied, via):
    report = sm.match(resume, sm.posting(f"Requirements:\n- {asked}"))
    [result] = report.results
    assert (result.skill_id, result.status, result.basis, result.via) == (implied, "matched", "implied", via)


@pytest.mark.parametrize(
    "text, skill",
    [
        ("Drafted a care plan for each account.", "care-planning"),
        ("We sell a customer care plan with every laptop.", "care-planning"),
        ("Labor and delivery of materials to the construction site.", "labor-and-delivery-nursing"),
        ("Triage incoming support tickets and security alerts.", "patient-triage"),
        ("Built telemetry pipelines; telemetry monitoring of services.", "cardiac-telemetry"),
    ],
)
def test_clinical_words_in_other_trades_are_not_clinical_skills(sm, text, skill):
    assert skill not in ids(sm, text)


@pytest.mark.parametrize(
    "text, skill",
    [
        ("Developed and updated care plans for residents with the interdisciplinary team.", "care-planning"),
        ("Labor and Delivery RN at a level III hospital.", "labor-and-delivery-nursing"),
        ("Staff RN, 3 years in the MICU.", "critical-care"),
        ("Skills: IV starts, Foley catheters, med pass", "catheterization"),
        ("Skills: IV starts, Foley catheters, med pass", "iv-therapy"),
    ],
)
def test_clinical_skills_as_nurses_write_them(sm, text, skill):
    assert skill in ids(sm, text)
