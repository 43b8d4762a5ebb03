"""Building a taxonomy from 2,310 real job postings: recall, precision of the top proposals, time.

    python benchmarks/taxonomy_build.py [--data ../shared/data] [--top 200] [--min-docs 3] [--show 0]

1. Runs `skillmatch taxonomy build` (the CLI, in a subprocess, timed) on the four CSV files of
   ../shared/data/job-postings: 2,310 distinct descriptions once duplicates are dropped.
2. Recall: of the default taxonomy's skills that our extractor finds in those postings, the
   share the build rediscovers. A proposal rediscovers a skill when its name or an alias maps to
   it: as a name or alias of the skill, or read as that skill by the extractor ("Skills: X.").
   Reported over every such skill, and over those found in at least --min-docs postings (a
   skill in fewer cannot be proposed by design).
3. Precision: the share of the top --top proposals that are real skills. A proposal is judged,
   in this order, real when its name or an alias maps to a default-taxonomy skill (as above),
   or equals an ESCO v1.1.1 skill label (preferred or alternative), or an O*NET 29.2 Technology
   Skills example (also without a vendor word that starts five or more examples: "Apache Hive"
   -> "Hive"), after normalisation (case, spaces, hyphens, dots, a plural s and a parenthesised
   qualifier set aside); otherwise by the hand review below (REVIEWED). A proposal none of
   these judges counts as not real, and is listed.
"""

from __future__ import annotations

import argparse
import csv
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
POSTINGS = ("DataAnalyst.csv", "DataScientist.csv", "cal_da_500.csv", "cal_ds_500.csv")
TARGETS = {"recall": 0.80, "precision": 0.80}

# Proposals that none of the sources above judge, looked at one by one (name as proposed ->
# verdict). Accepted: names of tools, languages, methods or fields of knowledge a posting asks a
# candidate to have. Rejected: places, employers, generic words, legal or benefits wording.
REVIEWED = {
    # fields of knowledge and methods
    "Computational Biology": "accept", "Applied Math": "accept", "statistical models": "accept",
    "analyzing datasets": "accept", "Industrial Engineering": "accept", "Macros": "accept",
    # section labels, generic words, phrases of prose
    "Training": "reject", "Reporting": "reject", "Analysis": "reject", "reports": "reject", "Reports": "reject",
    "Combination": "reject", "Duties": "reject", "Education": "reject", "Attention": "reject",
    "Addition": "reject", "Following": "reject", "Wide Range": "reject", "Track record": "reject",
    "Quantitative Discipline": "reject", "statistical software": "reject", "Data Scientists": "reject",
    "non-technical audiences": "reject", "provide insights": "reject", "draw conclusions": "reject",
    "solve business problems": "reject", "Ability to collect": "reject", "Ability to initiate": "reject",
    "employees assigned": "reject", "exhaustive list": "reject", "job successfully": "reject", "concise manner": "reject",
    # places and equal-opportunity wording
    "London": "reject", "Female": "reject", "Minorities": "reject", "layoff": "reject", "recall": "reject",
    "policy applies": "reject", "consider qualified applicants regardless": "reject",
}


def norm(label: str) -> str:
    """The normalised form labels and proposals are compared in."""
    from skillmatch.proposals import group_key

    label = re.sub(r"\s*\([^)]*\)\s*", " ", label).strip()
    return group_key(" ".join(label.split())) if label else ""


def esco_labels(data: Path) -> set[str]:
    out = set()
    with open(data / "esco-v1.1.1" / "classification_en" / "skills_en.csv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            for label in [row["preferredLabel"], *row["altLabels"].split("\n")]:
                if label.strip():
                    out.add(norm(label))
    return out


def onet_labels(data: Path) -> set[str]:
    with open(data / "onet-29.2" / "Technology Skills.txt", encoding="utf-8") as fh:
        examples = {row["Example"] for row in csv.DictReader(fh, delimiter="\t")}
    firsts = Counter(e.split()[0] for e in examples if " " in e)
    out = {norm(e) for e in examples}
    out |= {norm(e.split(" ", 1)[1]) for e in examples if " " in e and firsts[e.split()[0]] >= 5}
    return out


def postings(data: Path) -> list[Path]:
    return [data / "job-postings" / name for name in POSTINGS]


def run_build(files: list[Path], out: Path, min_docs: int) -> float:
    exe = Path(sys.executable).with_name("skillmatch")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "skillmatch.cli"]
    t0 = time.perf_counter()
    proc = subprocess.run([*cmd, "taxonomy", "build", *map(str, files), "-o", str(out),
                           "--min-docs", str(min_docs)], capture_output=True, text=True)
    seconds = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SystemExit(f"taxonomy build failed: {proc.stderr}")
    print(proc.stderr.strip())
    return seconds


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=ROOT / ".." / "shared" / "data")
    ap.add_argument("--top", type=int, default=200)
    ap.add_argument("--min-docs", type=int, default=3)
    ap.add_argument("--show", type=int, default=0, help="print the first N proposals with their verdicts")
    args = ap.parse_args(argv)
    files = postings(args.data)
    if not all(f.exists() for f in files):
        print(f"{files[0].parent} not found: the shared data sets are not part of the repository")
        return 0

    import skillmatch
    from skillmatch.corpus import read_corpus
    from skillmatch.proposals import known_skills

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "proposed.yaml"
        seconds = run_build(files, out, args.min_docs)
        entries = yaml.safe_load(out.read_text(encoding="utf-8"))["skills"]
    texts = [d.text for d in read_corpus(files)]
    print(f"build: {len(texts):,} postings in {seconds:.1f} s (CLI wall time, {len(texts) / seconds:.0f} postings/s); "
          f"{len(entries):,} skills proposed")

    sm = skillmatch.load()
    df: Counter = Counter()
    for mentions in sm.extract_many(texts):
        df.update({m.skill_id for m in mentions})
    forms = {e["name"]: [e["name"], *e.get("aliases", [])] for e in entries}
    mapped = known_skills(sm, [f for fs in forms.values() for f in fs])
    skill_of = {name: {mapped[f] for f in fs if f in mapped} for name, fs in forms.items()}
    found = set().union(*skill_of.values())
    frequent = {s for s, n in df.items() if n >= args.min_docs}
    recall_all = len(found & set(df)) / len(df)
    recall_frequent = len(found & frequent) / len(frequent)
    print(f"recall: {recall_frequent:.3f} of the {len(frequent)} default skills found in >= {args.min_docs} "
          f"postings (target {TARGETS['recall']:.2f}); {recall_all:.3f} of all {len(df)} found in any posting")
    print("  (found: by the default extractor in the postings; rediscovered: a proposal's name or alias is a name "
          "or alias of the skill, or read alone as that skill)")
    missed = sorted(frequent - found, key=lambda s: -df[s])
    print("  most frequent missed:", ", ".join(f"{s} ({df[s]})" for s in missed[:25]))

    esco, onet = esco_labels(args.data), onet_labels(args.data)
    verdicts = Counter()
    unjudged = []
    for rank, entry in enumerate(entries[:args.top], 1):
        name = entry["name"]
        keys = {norm(f) for f in forms[name]}
        if skill_of[name]:
            verdict = "taxonomy"
        elif keys & esco:
            verdict = "esco"
        elif keys & onet:
            verdict = "onet"
        elif name in REVIEWED:
            verdict = "review:" + REVIEWED[name]
        else:
            verdict = "unjudged"
            unjudged.append(name)
        verdicts[verdict] += 1
        if rank <= args.show:
            print(f"  {rank:4d} {name!r:40} {entry['evidence']['documents']:5d} {verdict}")
    real = sum(n for v, n in verdicts.items() if v in ("taxonomy", "esco", "onet", "review:accept"))
    top = min(args.top, len(entries))
    print(f"precision: {real / top:.3f} of the top {top} proposals are real skills (target "
          f"{TARGETS['precision']:.2f}); judged by " + ", ".join(f"{v} {n}" for v, n in verdicts.most_common()))
    if unjudged:
        print("  unjudged (counted as not real):", ", ".join(unjudged))
    print("  rejected on review:", ", ".join(n for n, v in REVIEWED.items() if v == "reject") or "none")
    print("  accepted on review:", ", ".join(n for n, v in REVIEWED.items() if v == "accept") or "none")
    return 0


if __name__ == "__main__":
    sys.exit(main())
