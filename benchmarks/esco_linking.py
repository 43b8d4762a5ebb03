"""Text-to-ESCO linking: precision, recall and F1 of ESCO skills found in job-ad sentences.

Data (not shipped; see ../shared/README.md):
  ../shared/data/decorte-esco/{tech,house}_validation_annotations.csv  (sentence, span, sub_span, label)
  ../shared/data/esco-v1.1.1/  imported once into the cache unless --taxonomy is given, as
      `skillmatch taxonomy import esco DIR --enrich` does (`--plain`: without --enrich)

Scoring, per sentence: gold = the set of ESCO preferred labels annotated on the sentence's spans
(`LABEL NOT PRESENT` and `UNDERSPECIFIED` left out); predicted = the set of preferred labels of the
skills found in the sentence. TP, FP and FN are summed over sentences (micro average). A sentence
whose gold set is empty still counts: everything predicted there is a false positive.

    python benchmarks/esco_linking.py [--data ../shared/data] [--taxonomy esco.yaml] [--plain]
                                      [--linking on|off|both] [--show-errors N] [--json] [--speed N]

`--speed N` also times extraction with the ESCO taxonomy on the first N LiveCareer resumes
(../shared/data/livecareer-resumes/resumes_text.csv), one process: resumes/s per linking mode
(and for the plain import too, unless --plain or --taxonomy), median of 5 passes after a warm-up
pass, the pipelines' passes interleaved.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

import skillmatch

FILES = ("tech", "house")
NO_LABEL = {"LABEL NOT PRESENT", "UNDERSPECIFIED"}
TARGET_F1 = 0.45


def read_gold(path: Path) -> dict[str, set[str]]:
    """Sentence -> set of gold ESCO preferred labels, sentences in file order."""
    gold: dict[str, set[str]] = {}
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            labels = gold.setdefault(row["sentence"], set())
            if row["label"].strip() not in NO_LABEL:
                labels.add(row["label"].strip())
    return gold


def evaluate(sm, gold: dict[str, set[str]]) -> tuple[dict, list[tuple[str, set[str], set[str]]]]:
    """Micro P/R/F1 over sentences, and (sentence, false positives, false negatives) per sentence."""
    tp = fp = fn = 0
    errors = []
    sentences = list(gold)
    for sentence, mentions in zip(sentences, sm.extract_many(sentences)):
        pred = {m.name for m in mentions}
        truth = gold[sentence]
        tp, fp, fn = tp + len(pred & truth), fp + len(pred - truth), fn + len(truth - pred)
        if pred != truth:
            wrong = {f"{m.name} <- {m.text!r}" for m in mentions if m.name not in truth}
            errors.append((sentence, wrong, truth - pred))
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f1, "tp": tp, "fp": fp, "fn": fn,
            "sentences": len(sentences)}, errors


def esco_taxonomy(data: Path, enrich: bool = True) -> Path:
    """The ESCO import (`--enrich`ed with the shipped taxonomy unless `enrich` is false) as a YAML
    file in the cache, made on first use."""
    from skillmatch.importers import import_esco
    from skillmatch.taxonomy import load_taxonomy
    from skillmatch.taxonomy_enrich import enrich_taxonomy
    from skillmatch.taxonomy_io import write_taxonomy

    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "skillmatch"
    shipped = load_taxonomy()
    out = cache / (f"esco-v1.1.1-enriched-{shipped.fingerprint}.yaml" if enrich else "esco-v1.1.1.yaml")
    if not out.exists():
        cache.mkdir(parents=True, exist_ok=True)
        esco = import_esco(data / "esco-v1.1.1").taxonomy
        write_taxonomy(enrich_taxonomy(esco, shipped).taxonomy if enrich else esco, out, linking=True)
    return out


def speeds(pipelines: dict[str, "skillmatch.SkillMatch"], texts: list[str], repeats: int = 5) -> dict[str, float]:
    """Median resumes/s of `extract_many` per pipeline: passes interleaved, after a warm-up pass."""
    rates: dict[str, list[float]] = {name: [] for name in pipelines}
    for _ in range(repeats + 1):
        for name, sm in pipelines.items():
            t0 = time.perf_counter()
            for _ in sm.extract_many(texts):
                pass
            rates[name].append(len(texts) / (time.perf_counter() - t0))
    return {name: statistics.median(r[1:]) for name, r in rates.items()}


def resumes(data: Path, limit: int) -> list[str]:
    csv.field_size_limit(1 << 30)
    with (data / "livecareer-resumes" / "resumes_text.csv").open(encoding="utf-8", newline="") as fh:
        rows = csv.DictReader(fh)
        column = next(c for c in rows.fieldnames or () if "text" in c.lower())
        return [row[column] for _, row in zip(range(limit), rows)]


def show_errors(errors, limit: int) -> None:
    fps = Counter(label.split(" <- ")[0] for _, fp, _ in errors for label in fp)
    fns = Counter(label for _, _, fn in errors for label in fn)
    print(f"  most frequent false positives: {fps.most_common(limit)}")
    print(f"  most frequent false negatives: {fns.most_common(limit)}")
    for sentence, fp, fn in errors[:limit]:
        print(f"  - {sentence[:150]}")
        print(f"      FP {sorted(fp)}  FN {sorted(fn)}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[1] / ".." / "shared" / "data")
    ap.add_argument("--taxonomy", type=Path, default=None, help="an imported ESCO taxonomy (default: import one)")
    ap.add_argument("--plain", action="store_true", help="import ESCO without `--enrich` (the shipped taxonomy's forms)")
    ap.add_argument("--linking", choices=("on", "off", "both"), default="both",
                    help="ESCO linking mode of the matcher (default: report both)")
    ap.add_argument("--show-errors", type=int, default=0, metavar="N",
                    help="list the N most frequent FP/FN labels and N sentences with errors")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("--speed", type=int, default=0, metavar="N", help="also time extraction on N resumes")
    args = ap.parse_args(argv)
    folder = args.data / "decorte-esco"
    if not folder.is_dir() or (args.taxonomy is None and not (args.data / "esco-v1.1.1").is_dir()):
        print(f"skipped: {folder} or the ESCO export is missing (see ../shared/README.md)", file=sys.stderr)
        return 0
    taxonomy = args.taxonomy or esco_taxonomy(args.data, enrich=not args.plain)
    modes = {"on": [True], "off": [False], "both": [False, True]}[args.linking]
    results: dict = {}
    for linking in modes:
        sm = skillmatch.load(taxonomy, linking=linking)
        for name in FILES:
            figures, errors = evaluate(sm, read_gold(folder / f"{name}_validation_annotations.csv"))
            results[f"{name}, linking {'on' if linking else 'off'}"] = figures
            if not args.json:
                met = "met" if figures["f1"] >= TARGET_F1 else "missed"
                print(f"{name:5} linking {'on ' if linking else 'off'}  P {figures['precision']:.3f}  "
                      f"R {figures['recall']:.3f}  F1 {figures['f1']:.3f}  (target F1 >= {TARGET_F1}: {met}; "
                      f"{figures['sentences']} sentences, TP {figures['tp']} FP {figures['fp']} FN {figures['fn']})")
                if args.show_errors:
                    show_errors(errors, args.show_errors)
    if args.speed:
        imports = {"": taxonomy}
        if args.taxonomy is None and not args.plain:  # also time the plain import, in the same passes
            imports["plain import, "] = esco_taxonomy(args.data, enrich=False)
        pipelines = {f"{what}linking {'on' if linking else 'off'}": skillmatch.load(path, linking=linking)
                     for what, path in imports.items() for linking in modes}
        for name, rate in speeds(pipelines, resumes(args.data, args.speed)).items():
            results[f"speed, {name}"] = rate
            if not args.json:
                print(f"speed {name:27} {rate:.0f} resumes/s (ESCO taxonomy, first {args.speed} LiveCareer "
                      "resumes, one process, median of 5 interleaved passes)")
    if args.json:
        print(json.dumps({"target_f1": TARGET_F1, "results": results}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
