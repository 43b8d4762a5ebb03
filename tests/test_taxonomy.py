"""The taxonomy loader: the default taxonomy is complete, and bad files fail with a clear message."""

from __future__ import annotations

import textwrap

import pytest

from skillmatch import TaxonomyError, load_taxonomy
from skillmatch.taxonomy import KINDS


def write(tmp_path, body: str, name: str = "skills.yaml"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return path


def test_default_taxonomy_is_broad():
    tax = load_taxonomy()
    assert len(tax) >= 1500
    kinds = {s.kind for s in tax}
    assert kinds == set(KINDS)
    # every entry is reachable by its own name
    assert tax.find("Python").id == "python"
    assert tax.find("k8s").id == "kubernetes"


# Every skill the two seed documents name (what a machine learning engineer does and needs).
SEED_SKILLS = [
    "machine learning", "artificial intelligence", "data science", "Python", "R", "Java",
    "probability", "statistics", "probability distributions", "multivariate calculus", "linear algebra",
    "space complexity", "algorithms", "data cleaning", "hyperparameter tuning", "model deployment",
    "mathematics", "physics", "computer science", "statistical analysis", "linear regression",
    "logistic regression", "decision trees", "neural networks", "data manipulation", "data preprocessing",
    "feature selection", "model training", "model evaluation", "fine-tuning", "software engineering",
    "DevOps", "web development", "data collection", "problem solving", "analytical skills",
]


@pytest.mark.parametrize("name", SEED_SKILLS)
def test_seed_skills_are_in_the_default_taxonomy(name):
    assert load_taxonomy().find(name) is not None, name


@pytest.mark.parametrize(
    "body, message",
    [
        ("""
         skills:
           - {id: python, name: Python, kind: language}
           - {id: python, name: Python 3, kind: language}
         """, "skill 'python' is defined twice"),
        ("""
         skills:
           - {id: python, name: Python, kind: language, aliases: [py3]}
           - {id: pypy, name: PyPy, kind: tool, aliases: [PY3]}
         """, "skill 'pypy' claims the alias 'PY3', which already belongs to skill 'python'"),
        ("""
         skills:
           - {id: django, name: Django, kind: framework, broader: [web-frameworks]}
         """, "skill 'django' lists unknown broader skill 'web-frameworks'"),
        ("""
         skills:
           - {id: a, name: A thing, kind: knowledge, broader: [b]}
           - {id: b, name: B thing, kind: knowledge, broader: [a]}
         """, "broader cycle"),
        ("""
         skills:
           - {id: Bad Id, name: X, kind: tool}
         """, "needs an 'id' of lowercase letters"),
        ("""
         skills:
           - {id: x, name: X, kind: gadget}
         """, "skill 'x' has kind 'gadget'"),
        ("""
         skills:
           - {id: x, name: X, kind: tool, synonyms: [y]}
         """, "skill 'x' has unknown field(s): synonyms"),
        ("""
         skills:
           - {id: x, name: X, kind: tool
         """, "not valid YAML at line"),
        ("""
         just: a mapping
         """, "must be a mapping with a 'skills' list"),
    ],
)
def test_invalid_taxonomy_names_the_offending_entry(tmp_path, body, message):
    path = write(tmp_path, body)
    with pytest.raises(TaxonomyError) as err:
        load_taxonomy(path)
    assert message in str(err.value)
    assert "skills.yaml" in str(err.value) or "skills" in str(err.value)


def test_guarded_form_cannot_shadow_another_skills_alias(tmp_path):
    path = write(tmp_path, """
        skills:
          - {id: go-language, name: Go, kind: language, ambiguous: [Go]}
          - {id: board-game, name: board game, kind: knowledge, aliases: [go]}
        """)
    with pytest.raises(TaxonomyError, match="claims the alias"):
        load_taxonomy(path)


def test_missing_taxonomy_path(tmp_path):
    with pytest.raises(TaxonomyError, match="no such taxonomy"):
        load_taxonomy(tmp_path / "nope.yaml")


def test_not_utf8(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_bytes(b"skills:\n  - {id: x, name: \xff\xfe, kind: tool}\n")
    with pytest.raises(TaxonomyError, match="not UTF-8"):
        load_taxonomy(path)


def test_custom_taxonomy_is_used_for_extraction(tmp_path):
    import skillmatch

    path = write(tmp_path, """
        category: In-house
        skills:
          - {id: acme-flow, name: AcmeFlow, kind: tool, aliases: [Acme Flow Engine]}
          - {id: widget-design, name: widget design, kind: knowledge, broader: [acme-flow]}
        """)
    sm = skillmatch.load(path)
    found = {(m.skill_id, m.method) for m in sm.extract("Built widget designs on the acme flow engine; Acmeflow")}
    assert ("widget-design", "exact") in found and ("acme-flow", "alias") in found
    assert len(sm.taxonomy) == 2


def test_hierarchy_queries():
    tax = load_taxonomy()
    assert "machine-learning" in tax.ancestors("deep-learning")
    assert "deep-learning" in tax.descendants("machine-learning")


def test_an_edited_taxonomy_is_never_served_from_a_stale_cache(tmp_path):
    import skillmatch

    path = write(tmp_path, """
        skills:
          - {id: acme-flow, name: AcmeFlow, kind: tool}
        """)
    assert [m.skill_id for m in skillmatch.load(path).extract("AcmeFlow and WidgetCo")] == ["acme-flow"]
    path.write_text(path.read_text(encoding="utf-8") + "  - {id: widgetco, name: WidgetCo, kind: tool}\n",
                    encoding="utf-8")
    assert [s.id for s in skillmatch.load_taxonomy(path)] == ["acme-flow", "widgetco"]
    assert [m.skill_id for m in skillmatch.load(path).extract("AcmeFlow and WidgetCo")] == \
        ["acme-flow", "widgetco"]
