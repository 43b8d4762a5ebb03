"""The hand-written gold pairs: well-formed, and the gap report agrees with them."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "data" / "gold_pairs"
VERDICTS = {"matched", "partial", "missing"}
IMPORTANCE = {"required", "preferred", "none"}


def _benchmark():
    spec = importlib.util.spec_from_file_location("gap_accuracy", ROOT / "benchmarks" / "gap_accuracy.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def gap_accuracy():
    return _benchmark()


def test_gold_pairs_are_well_formed(sm, gap_accuracy):
    pairs = gap_accuracy.load_gold(GOLD)
    assert len(pairs) >= 25
    for name, pair in pairs:
        assert pair["resume"].strip() and pair["job"].strip(), name
        seen = set()
        for gold in pair["expected"]:
            assert gold["skill"] in sm.taxonomy, f"{name}: unknown skill {gold['skill']}"
            assert gold["skill"] not in seen, f"{name}: {gold['skill']} listed twice"
            seen.add(gold["skill"])
            assert gold["importance"] in IMPORTANCE, name
            assert gold["importance"] == "none" or gold["verdict"] in VERDICTS, name
            assert gold.get("years") in (None, "met", "unmet", "unknown"), name


def test_gap_report_agrees_with_the_gold_pairs(sm, gap_accuracy):
    res = gap_accuracy.evaluate(sm, gap_accuracy.load_gold(GOLD))
    errors = "\n".join(res["errors"])
    assert res["verdict_ok"] / res["verdict_n"] >= gap_accuracy.TARGET, errors
    assert res["importance_ok"] / res["importance_n"] >= gap_accuracy.TARGET, errors
