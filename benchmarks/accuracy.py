"""Extraction precision, recall and F1 on annotated resumes and job postings.

Data (not shipped; see ../shared/README.md):
  dotin   ../shared/data/dotin-resumes/train.jsonl     labels Tech Tools, Job Specific Skills, Soft Skills
  skillspan ../shared/data/skillspan/documents_dev.jsonl  label Knowledge

Scoring, per document over unique surface forms (lowercased, whitespace collapsed): a predicted
form is correct if any of its occurrences overlaps a gold span; a gold form is found if any of
its occurrences overlaps a prediction. Counts are summed over documents (micro average).

    python benchmarks/accuracy.py [--data ../shared/data] [--errors 30] [--taxonomy PATH]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

import skillmatch

DATASETS = {
    "dotin": ("dotin-resumes/train.jsonl", {"Tech Tools", "Job Specific Skills", "Soft Skills"}),
    "skillspan": ("skillspan/documents_dev.jsonl", {"Knowledge"}),
}
TARGETS = {"dotin": {"f1": 0.70, "precision": 0.75}, "skillspan": {"f1": 0.55}}


def form(text: str) -> str:
    return " ".join(text.lower().split())


def overlaps(a: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(a[0] < e and s < a[1] for s, e in spans)


def score_document(text: str, gold: list[tuple[int, int]], pred: list[tuple[int, int]]):
    """(correct predicted forms, all predicted forms, found gold forms, all gold forms) as sets."""
    pred_forms: dict[str, list] = {}
    for s, e in pred:
        pred_forms.setdefault(form(text[s:e]), []).append((s, e))
    gold_forms: dict[str, list] = {}
    for s, e in gold:
        gold_forms.setdefault(form(text[s:e]), []).append((s, e))
    good = {f for f, occ in pred_forms.items() if any(overlaps(o, gold) for o in occ)}
    found = {f for f, occ in gold_forms.items() if any(overlaps(o, pred) for o in occ)}
    return good, set(pred_forms), found, set(gold_forms)


def evaluate(sm, docs: list[dict], labels: set[str], kinds: set[str] | None = None):
    tp = npred = found = ngold = 0
    fp_counter: Counter = Counter()
    fn_counter: Counter = Counter()
    texts = [d["text"] for d in docs]
    for doc, mentions in zip(docs, sm.extract_many(texts)):
        gold = [(s, e) for s, e, label in doc["entities"] if label in labels]
        pred = [(m.start, m.end) for m in mentions
                if kinds is None or sm.taxonomy[m.skill_id].kind in kinds]
        good, preds, hit, golds = score_document(doc["text"], gold, pred)
        tp, npred, found, ngold = tp + len(good), npred + len(preds), found + len(hit), ngold + len(golds)
        fp_counter.update(preds - good)
        fn_counter.update(golds - hit)
    p = tp / npred if npred else 0.0
    r = found / ngold if ngold else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f1, "predicted_forms": npred, "gold_forms": ngold,
            "documents": len(docs)}, fp_counter, fn_counter


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[1] / ".." / "shared" / "data")
    ap.add_argument("--taxonomy", default=None, help="taxonomy path (default: the shipped one)")
    ap.add_argument("--errors", type=int, default=0, help="print the N most frequent false positives/negatives")
    ap.add_argument("--only", choices=sorted(DATASETS), help="run one dataset")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args(argv)

    sm = skillmatch.load(args.taxonomy)
    results = {}
    for name, (rel, labels) in DATASETS.items():
        if args.only and name != args.only:
            continue
        path = args.data / rel
        if not path.exists():
            print(f"{name}: skipped, {path} not found", file=sys.stderr)
            continue
        docs = [json.loads(line) for line in path.open(encoding="utf-8")]
        figures, fps, fns = evaluate(sm, docs, labels)
        results[name] = figures
        if not args.json:
            target = ", ".join(f"{k} >= {v}" for k, v in TARGETS[name].items())
            print(f"{name:10s} P={figures['precision']:.3f} R={figures['recall']:.3f} "
                  f"F1={figures['f1']:.3f}  ({figures['documents']} docs, {figures['predicted_forms']} "
                  f"predicted / {figures['gold_forms']} gold forms; target {target})")
        if args.errors:
            print(f"  false positives: {fps.most_common(args.errors)}")
            print(f"  false negatives: {fns.most_common(args.errors)}")
    if args.json:
        print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
