"""Accuracy of the gap report on the hand-written gold pairs in tests/data/gold_pairs/.

    python benchmarks/gap_accuracy.py [--gold tests/data/gold_pairs] [--show-errors]

Each gold file holds a resume, a job posting and the expected judgement of every skill the
posting names (see tests/data/gold_pairs/README.md). Reported:

- verdict accuracy: over the skills the job asks for (gold importance required/preferred),
  the share whose predicted status (matched/partial/missing) is the gold one; a skill the
  tool does not list as asked for counts as wrong;
- required/preferred accuracy: over every gold skill, the share whose predicted importance
  (required, preferred, or none = not asked for) is the gold one; skills the tool asks for
  that the gold does not list are reported separately, and as errors in the strict figure;
- per case: negated, hedged, related, implied, years met/unmet/unknown, not asked for.

Targets: verdict and required/preferred accuracy >= 0.90.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from datetime import date
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
TARGET = 0.90


def load_gold(folder: Path) -> list[tuple[str, dict]]:
    files = sorted(folder.glob("*.yaml"))
    if not files:
        sys.exit(f"gap_accuracy: no gold pairs in {folder}")
    return [(f.name, yaml.safe_load(f.read_text(encoding="utf-8"))) for f in files]


def cases(gold: dict) -> list[str]:
    """The case labels of one gold skill, for the per-case breakdown."""
    why = str(gold.get("why", "")).lower()
    out = []
    if gold.get("importance") == "none":
        out.append("not asked for")
    if gold.get("negated"):
        out.append("negated in resume")
    if gold.get("years"):
        out.append(f"years {gold['years']}")
    for word, label in (("related", "related"), ("narrower", "implied"), ("hedg", "hedged"),
                        ("familiar", "hedged"), ("exposure", "hedged"), ("learning", "hedged"),
                        ("alternative", "alternative"), (" or ", "alternative")):
        if word in why and label not in out:
            out.append(label)
    return out


def evaluate(sm, pairs: list[tuple[str, dict]]) -> dict:
    verdict_ok = verdict_n = importance_ok = importance_n = spurious = 0
    per_case: dict[str, Counter] = {}
    confusion: Counter = Counter()
    errors: list[str] = []
    for name, pair in pairs:
        as_of = pair.get("as_of")
        as_of = as_of if isinstance(as_of, date) else date.fromisoformat(as_of) if as_of else None
        target = sm.posting(pair["job"])
        report = sm.match(pair["resume"], target, as_of=as_of)
        got = {r.skill_id: r for r in report.results}
        listed = set()
        for gold in pair["expected"]:
            sid = gold["skill"]
            listed.add(sid)
            result = got.get(sid)
            predicted_importance = result.importance if result else "none"
            importance_n += 1
            ok_importance = predicted_importance == gold["importance"]
            importance_ok += ok_importance
            ok = ok_importance
            if gold["importance"] != "none":
                verdict_n += 1
                predicted = result.status if result else "not asked"
                confusion[(gold["verdict"], predicted)] += 1
                ok_verdict = predicted == gold["verdict"]
                if gold.get("years") and result is not None and result.years is not None:
                    ok_verdict = ok_verdict and (gold["verdict"] == "missing" or result.years.status == gold["years"])
                verdict_ok += ok_verdict
                ok = ok and ok_verdict
                if not ok_verdict or not ok_importance:
                    errors.append(f"{name}: {sid}: expected {gold['verdict']}/{gold['importance']}"
                                  f"{' years ' + gold['years'] if gold.get('years') else ''}, got "
                                  f"{predicted}/{predicted_importance}"
                                  + (f" ({result.reason}; {result.importance_reason})" if result else ""))
            elif not ok_importance:
                errors.append(f"{name}: {sid}: expected not asked for, got {predicted_importance} "
                              f"({result.importance_reason})")
            for case in cases(gold):
                per_case.setdefault(case, Counter())[ok] += 1
        for sid, result in got.items():
            if sid not in listed:
                spurious += 1
                errors.append(f"{name}: {sid}: asked for ({result.importance}, {result.importance_reason}) "
                              f"but not in the gold list: \"{result.job_quote}\"")
    return {"verdict_ok": verdict_ok, "verdict_n": verdict_n, "importance_ok": importance_ok,
            "importance_n": importance_n, "spurious": spurious, "per_case": per_case,
            "confusion": confusion, "errors": errors}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--gold", type=Path, default=ROOT / "tests" / "data" / "gold_pairs")
    ap.add_argument("--show-errors", action="store_true", help="list every wrong judgement")
    args = ap.parse_args()

    import skillmatch

    pairs = load_gold(args.gold)
    res = evaluate(skillmatch.load(), pairs)
    verdict = res["verdict_ok"] / res["verdict_n"]
    importance = res["importance_ok"] / res["importance_n"]
    strict = res["importance_ok"] / (res["importance_n"] + res["spurious"])
    print(f"gold pairs: {len(pairs)}, skills judged: {res['importance_n']} ({res['verdict_n']} asked for)")
    print(f"verdict accuracy:            {verdict:.3f}  ({res['verdict_ok']}/{res['verdict_n']})  "
          f"target {TARGET}: {'met' if verdict >= TARGET else 'MISSED'}")
    print(f"required/preferred accuracy: {importance:.3f}  ({res['importance_ok']}/{res['importance_n']})  "
          f"target {TARGET}: {'met' if importance >= TARGET else 'MISSED'}")
    print(f"  with the {res['spurious']} skills asked for but not in the gold lists counted as errors: {strict:.3f}")
    print("per case (both verdict and importance right):")
    for case, counts in sorted(res["per_case"].items()):
        print(f"  {case:<20} {counts[True] / sum(counts.values()):.3f}  ({counts[True]}/{sum(counts.values())})")
    print("verdict confusion (gold -> predicted: count):")
    for (gold, predicted), n in sorted(res["confusion"].items()):
        if gold != predicted:
            print(f"  {gold} -> {predicted}: {n}")
    if args.show_errors:
        print("\n".join(["errors:"] + [f"  {e}" for e in res["errors"]]))


if __name__ == "__main__":
    main()
