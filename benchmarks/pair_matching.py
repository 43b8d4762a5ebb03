"""Cost of matching one resume against one job once both are extracted.

    python benchmarks/pair_matching.py [--data ../shared/data] [--limit 500] [--repeats 5]

Resumes: ../shared/data/livecareer-resumes/resumes_text.csv (falls back to the shipped example
resume when absent). Job: examples/job-posting.md, which asks for years ("3+ years of Python
and SQL"), so the years-of-experience work is included. Extraction is done once, outside the
timing; then every resume is matched against the job:

- full report: `coverage.match` as `sm.match` runs it (verdicts, years, sections, evidence
  quotes): what a recruiter's report costs per resume;
- batch pair: what `skillmatch batch` does per (resume, job) pair after the resume's skills
  are reduced once (`ResumeSkills`, shared by all jobs).

Prints the median per pair over repeats (each repeat is a pass over all resumes) and
compares with extraction per resume measured in the same run. Target: <= 1 ms per pair.
"""

from __future__ import annotations

import argparse
import csv
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def load_resumes(data: Path, limit: int) -> tuple[list[str], str]:
    path = data / "livecareer-resumes" / "resumes_text.csv"
    if not path.exists():
        return [(ROOT / "examples" / "resume.txt").read_text(encoding="utf-8")] * 50, "examples/resume.txt x50"
    csv.field_size_limit(sys.maxsize)
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    column = next(c for c in rows[0] if "text" in c.lower() or "resume" in c.lower())
    return [r[column] for r in rows[:limit] if r[column].strip()], f"{path.name} (first {limit})"


def per_item_ms(fn, items: list, repeats: int) -> list[float]:
    """Median-ready list: ms per item for each repeat."""
    out = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        for item in items:
            fn(item)
        out.append((time.perf_counter() - t0) * 1000 / len(items))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--limit", type=int, default=500)
    ap.add_argument("--repeats", type=int, default=5)
    args = ap.parse_args()

    import skillmatch
    from skillmatch.batch import Job, Scorer
    from skillmatch.coverage import ResumeSkills, match

    sm = skillmatch.load()
    texts, label = load_resumes(args.data, args.limit)
    job = sm.posting((ROOT / "examples" / "job-posting.md").read_text(encoding="utf-8"))
    tax = sm.taxonomy

    t0 = time.perf_counter()
    extracted = list(sm.extract_many(texts))
    extract_ms = (time.perf_counter() - t0) * 1000 / len(texts)

    pairs = list(zip(texts, extracted))
    full = per_item_ms(lambda p: match(p[0], p[1], job, tax), pairs, args.repeats)

    scorer = Scorer(sm, [Job("job", "job", job)])
    plan = scorer._plans[0]
    reduced = [ResumeSkills.from_mentions(m, tax, t) for t, m in pairs]
    every_skill = set(range(len(job.skills)))
    pair = per_item_ms(lambda have: scorer._pair(plan, have, every_skill), reduced, args.repeats)
    reduce = per_item_ms(lambda p: ResumeSkills.from_mentions(p[1], tax, p[0]), pairs, args.repeats)

    print(f"resumes: {label}: {len(texts)}; job: examples/job-posting.md, {len(job.skills)} skills "
          f"({sum(ts.min_years is not None for ts in job.skills)} with years)")
    print(f"extraction (once, for scale):        {extract_ms:7.3f} ms per resume")
    print(f"full report per pair (sm.match):     {statistics.median(full):7.3f} ms median "
          f"(runs {', '.join(f'{x:.3f}' for x in full)})")
    print(f"batch: reduce a resume once:         {statistics.median(reduce):7.3f} ms median (incl. years)")
    print(f"batch: per (resume, job) pair:       {statistics.median(pair):7.3f} ms median "
          f"(runs {', '.join(f'{x:.3f}' for x in pair)})")
    verdict = "met" if statistics.median(full) <= 1.0 else "MISSED"
    print(f"target <= 1 ms per pair: {verdict}; a full report costs "
          f"{statistics.median(full) / extract_ms:.0%} of extracting the resume")


if __name__ == "__main__":
    main()
