"""Batch scoring through the CLI: wall time end to end and peak memory.

    python benchmarks/batch.py [--data ../shared/data] [--repeats 3] [--replicate 100000] [--skip-large]

1. 2,484 LiveCareer resumes (CSV in, CSV out) x 1 job (the default role).
2. The same x 100 jobs (the first 100 distinct postings of job-postings/DataScientist.csv).
3. The 480 LiveCareer PDFs as a folder x 1 job; checks that 12632728.pdf is an error row and
   every other PDF is scored.
4. 100,000 resumes (the 2,484 replicated) x 1 job: peak RSS of the main process and of the
   largest worker (run once; it takes a few minutes).

Each CLI run is a fresh process (interpreter start included); times are medians over repeats.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


_WRAPPER = ("import json, resource, subprocess, sys; code = subprocess.run(sys.argv[1:]).returncode; "
            "print(json.dumps([code, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss]), file=sys.stderr)")


def cli(*args: str, sample_every: float = 0.2) -> tuple[float, float, float]:
    """One `skillmatch ... --quiet` run: wall seconds, the peak RSS (MB) of its largest process
    (kernel accounting, through a wrapper process) and of its largest worker (VmHWM sampled)."""
    exe = Path(sys.executable).with_name("skillmatch")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "skillmatch.cli"]
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", _WRAPPER, *cmd, *args, "--quiet"], stderr=subprocess.PIPE,
                            text=True)
    workers = 0.0
    while proc.poll() is None:
        for main in _children(proc.pid):
            for worker in _children(main):
                workers = max(workers, _peak_mb(worker))
        time.sleep(sample_every)
    wall = time.perf_counter() - started
    err = proc.stderr.read()
    code, peak_kb = json.loads(err.strip().splitlines()[-1])
    if code != 0:
        raise SystemExit(f"CLI failed: {' '.join(args)}\n{err}")
    return wall, peak_kb / 1024, workers


def median_runs(repeats: int, *args: str) -> tuple[float, list[float], float]:
    runs = [cli(*args) for _ in range(repeats)]
    walls = [r[0] for r in runs]
    return statistics.median(walls), walls, max(r[1] for r in runs)


def rows(path: Path) -> list[dict]:
    csv.field_size_limit(sys.maxsize)
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=ROOT / ".." / "shared" / "data")
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--replicate", type=int, default=100_000, help="resumes in the memory run")
    ap.add_argument("--skip-large", action="store_true", help="skip the 100,000-resume memory run")
    args = ap.parse_args(argv)

    resumes = args.data / "livecareer-resumes" / "resumes_text.csv"
    postings = args.data / "job-postings" / "DataScientist.csv"
    pdfs = args.data / "livecareer-resumes" / "pdf"
    if not resumes.exists():
        print(f"skipped: {resumes} not found", file=sys.stderr)
        return 0
    import pandas as pd

    with tempfile.TemporaryDirectory(prefix="skillmatch-bench-") as tmp:
        tmp = Path(tmp)
        out = tmp / "out.csv"
        n = len(pd.read_csv(resumes, usecols=["ID"]))
        print(f"machine: {os.cpu_count()} cores; every figure is a fresh `skillmatch batch` process")

        med, walls, rss = median_runs(args.repeats, "batch", str(resumes), "-o", str(out))
        print(f"{n:,} resumes x 1 job (CSV in, CSV out): median {med:.1f} s over {args.repeats} runs "
              f"({', '.join(f'{w:.1f}' for w in walls)}); peak RSS of any process {rss:.0f} MB (target <= 10 s)")

        if postings.exists():
            jobs = tmp / "jobs100.csv"
            (pd.read_csv(postings).drop_duplicates("description").head(100)[["title", "description"]]
             .to_csv(jobs, index_label="job_id"))
            med, walls, rss = median_runs(args.repeats, "batch", str(resumes), "--job", str(jobs), "-o", str(out))
            scored = rows(out)
            print(f"{n:,} resumes x 100 jobs: median {med:.1f} s ({', '.join(f'{w:.1f}' for w in walls)}); "
                  f"{len(scored):,} rows; peak RSS of any process {rss:.0f} MB (target <= 20 s)")

        if pdfs.exists():
            med, walls, rss = median_runs(args.repeats, "batch", str(pdfs), "-o", str(out))
            scored = rows(out)
            errors = [r for r in scored if r["status"] == "error"]
            ok = sum(r["status"] == "ok" for r in scored)
            print(f"{len(scored)} PDFs as a folder x 1 job: median {med:.1f} s ({', '.join(f'{w:.1f}' for w in walls)}); "
                  f"{ok} scored, errors: {[r['resume_id'] for r in errors]} (target <= 30 s, only 12632728.pdf failing)")

        if not args.skip_large:
            big = tmp / "big.csv"
            frame = pd.read_csv(resumes, usecols=["ID", "Resume_text"])
            copies = -(-args.replicate // len(frame))
            big_frame = pd.concat([frame] * copies, ignore_index=True).head(args.replicate)
            big_frame["ID"] = range(len(big_frame))
            big_frame.to_csv(big, index=False)
            del frame, big_frame
            wall, rss, workers = cli("batch", str(big), "-o", str(out))
            print(f"{args.replicate:,} resumes x 1 job: {wall:.0f} s ({args.replicate / wall:.0f} resumes/s); "
                  f"peak RSS of the largest process {rss:.0f} MB, of the largest worker {workers:.0f} MB "
                  f"(target < 1 GB)")
    return 0


def _children(pid: int) -> list[int]:
    try:
        return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def _peak_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0



if __name__ == "__main__":
    sys.exit(main())
