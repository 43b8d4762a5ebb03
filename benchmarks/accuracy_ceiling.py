"""How far filtering our predictions could go: an oracle ceiling on the accuracy benchmark.

Each predicted surface form (and, in the second table, each form in or out of a list) is kept
or dropped by its own precision on the gold labels themselves: keep it when at least a share
`t` of its documents annotate it. No real rule can know that, so the best F1 of these rows
bounds what any vocabulary or context rule working on the same predictions can reach.

The held-out rows learn the same keep/drop choice on a random half of the documents and apply
it to the other half (keys unseen in the learning half are kept), for three random splits: what
tuning the vocabulary on annotated resumes like these would really gain.

    python benchmarks/accuracy_ceiling.py [--data ../shared/data] [--only dotin]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
from collections import defaultdict
from pathlib import Path

from accuracy import DATASETS, TARGETS, form, overlaps, score_document

import skillmatch

THRESHOLDS = (0.0, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7)
_LIST_BEFORE = set(",:;|/()\n*-•·●▪")
_LIST_AFTER = set(",;|/()\n.")


def in_list(text: str, start: int, end: int) -> bool:
    """Whether a mention reads as a list item: a separator or line break next to it."""
    before = text[max(0, start - 3):start].strip()[-1:] or "\n"
    after = text[end:end + 3].strip()[:1] or "\n"
    return before in _LIST_BEFORE or after in _LIST_AFTER


def figures(rows, key, keep) -> tuple[float, float, float]:
    """Precision, recall and F1 when only predictions whose key is in `keep` are kept."""
    tp = npred = found = ngold = 0
    for text, gold, pred in rows:
        kept = [p for p in pred if key(text, p) in keep]
        good, preds, hit, golds = score_document(text, gold, kept)
        tp, npred, found, ngold = tp + len(good), npred + len(preds), found + len(hit), ngold + len(golds)
    p = tp / npred if npred else 0.0
    r = found / ngold if ngold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def shares(rows, key) -> tuple[dict, dict]:
    """Per key: the number of documents where it is right, and where it is predicted."""
    right: dict = defaultdict(int)
    total: dict = defaultdict(int)
    for text, gold, pred in rows:
        seen: dict = {}
        for p in pred:
            k = key(text, p)
            seen[k] = seen.get(k, False) or overlaps(p, gold)
        for k, ok in seen.items():
            right[k] += ok
            total[k] += 1
    return right, total


def ceiling(rows, key) -> list[tuple[float, int, tuple[float, float, float]]]:
    """For each threshold: (threshold, keys kept, figures) when keys are kept by their own precision."""
    right, total = shares(rows, key)
    out = []
    for t in THRESHOLDS:
        keep = {k for k in total if right[k] / total[k] >= t}
        out.append((t, len(keep), figures(rows, key, keep)))
    return out


def held_out(rows, key, threshold: float, seeds: int = 3) -> tuple[list, list]:
    """Figures per half, unfiltered and with keys kept by their share on the other half."""
    before, after = [], []
    for seed in range(seeds):
        order = list(range(len(rows)))
        random.Random(seed).shuffle(order)
        halves = [rows[i] for i in order[::2]], [rows[i] for i in order[1::2]]
        for learn, test in (halves, halves[::-1]):
            right, total = shares(learn, key)
            present = {key(text, p) for text, _, pred in test for p in pred}
            before.append(figures(test, key, present))
            after.append(figures(test, key, {k for k in present
                                             if k not in total or right[k] / total[k] >= threshold}))
    return before, after


def _median(figs: list) -> str:
    p, r, f1 = (statistics.median(f[i] for f in figs) for i in range(3))
    return f"P={p:.3f} R={r:.3f} F1={f1:.3f}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[1] / ".." / "shared" / "data")
    ap.add_argument("--only", choices=sorted(DATASETS), help="run one dataset")
    args = ap.parse_args(argv)

    sm = skillmatch.load()
    keys = {
        "form": lambda text, p: form(text[p[0]:p[1]]),
        "form and list": lambda text, p: (form(text[p[0]:p[1]]), in_list(text, *p)),
    }
    for name, (rel, labels) in DATASETS.items():
        path = args.data / rel
        if (args.only and name != args.only) or not path.exists():
            if not path.exists():
                print(f"{name}: skipped, {path} not found", file=sys.stderr)
            continue
        docs = [json.loads(line) for line in path.open(encoding="utf-8")]
        rows = [(d["text"], [(s, e) for s, e, label in d["entities"] if label in labels],
                 [(m.start, m.end) for m in mentions])
                for d, mentions in zip(docs, sm.extract_many([d["text"] for d in docs]))]
        target = ", ".join(f"{k} >= {v}" for k, v in TARGETS[name].items())
        print(f"{name} (target {target}); t = keep a key annotated in at least this share of its documents")
        for label, key in keys.items():
            for t, kept, (p, r, f1) in ceiling(rows, key):
                print(f"  by {label:13s} t={t:.1f}  {kept:5d} kept  P={p:.3f} R={r:.3f} F1={f1:.3f}")
            for t in THRESHOLDS[2:5]:
                before, after = held_out(rows, key, t)
                print(f"  held out, by {label}, t={t:.1f}: {_median(after)} on the test halves "
                      f"(unfiltered {_median(before)}; medians of 6 halves)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
