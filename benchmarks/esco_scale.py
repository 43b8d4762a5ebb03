"""A taxonomy of ESCO's size: import, cold compile, warm CLI start, extraction throughput, all
without linking (benchmarks/esco_linking.py times linking).

    python benchmarks/esco_scale.py [--data ../shared/data] [--taxonomy esco.yaml] [--repeats 7]

1. Import ESCO v1.1.1 (`skillmatch taxonomy import esco`) into a temporary folder, timed once;
   `--taxonomy` reuses an earlier import instead.
2. Cold compile: `skillmatch.load(esco.yaml)` in a fresh process with an empty cache (parse and
   validate the YAML, then compile the matcher), once.
3. Warm CLI start: `skillmatch --taxonomy esco.yaml extract small.txt` against the same command
   with the default taxonomy, both with a warm cache, runs interleaved; medians of wall and CPU
   time (CPU time is steadier on a busy machine). Target: <= 1.5 s over the plain start.
4. Extraction: `extract_many` over 500 livecareer resumes in one process (one core), with ESCO
   and with the default taxonomy, runs interleaved; median resumes/s per wall and per CPU second,
   and the median ratio of each pair of runs. Target with ESCO: >= 200 resumes/s.

Everything runs with its own cache folder, so the user's cache neither helps nor suffers.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from throughput import load_resumes  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SMALL_TEXT = "Jane Doe\nSkills: Python, SQL, project management, machine learning, customer service.\n"
LOAD_SCRIPT = """
import json, sys, time
t0 = time.perf_counter()
import skillmatch
from skillmatch.taxonomy import load_taxonomy
t1 = time.perf_counter()
taxonomy = load_taxonomy(sys.argv[1])
t2 = time.perf_counter()
skillmatch.load(sys.argv[1], linking=False)
t3 = time.perf_counter()
print(json.dumps({"import_s": t1 - t0, "taxonomy_s": t2 - t1, "compile_s": t3 - t2, "entries": len(taxonomy)}))
"""


def skillmatch_cmd() -> list[str]:
    exe = Path(sys.executable).with_name("skillmatch")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "skillmatch.cli"]


def timed(cmd: list[str]) -> tuple[float, float, str]:
    """Wall and CPU seconds (user + system) of one subprocess, and its standard output."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed: {proc.stderr.strip()}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, proc.stdout


def import_esco(data: Path, out: Path) -> tuple[float, float]:
    source = data / "esco-v1.1.1"
    if not source.exists():
        raise SystemExit(f"{source} not found; pass --taxonomy with an earlier ESCO import")
    wall, cpu, _ = timed([*skillmatch_cmd(), "taxonomy", "import", "esco", str(source), "--output", str(out)])
    return wall, cpu


def cli_starts(taxonomy: Path, small: Path, repeats: int) -> dict[str, list[tuple[float, float]]]:
    """(wall, cpu) of each run, plain and with `taxonomy`, after one warm-up run of each."""
    commands = {"plain": [*skillmatch_cmd(), "extract", str(small)],
                "esco": [*skillmatch_cmd(), "--taxonomy", str(taxonomy), "extract", "--no-linking", str(small)]}
    runs: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    for i in range(repeats + 1):
        for name, cmd in commands.items():
            wall, cpu, _ = timed(cmd)
            if i:
                runs[name].append((wall, cpu))
    return runs


def extraction_rates(texts: list[str], taxonomies: dict[str, Path | None], repeats: int
                     ) -> dict[str, list[tuple[float, float]]]:
    """(resumes per wall second, per CPU second) of `extract_many` with each taxonomy, runs
    interleaved so that a busy spell on the machine hits both alike; one warm-up run each."""
    import skillmatch

    pipelines = {name: skillmatch.load(path, linking=False) for name, path in taxonomies.items()}
    rates: dict[str, list[tuple[float, float]]] = {name: [] for name in pipelines}
    for i in range(repeats + 1):
        for name, sm in pipelines.items():
            t0, c0 = time.perf_counter(), time.process_time()
            for _ in sm.extract_many(texts):
                pass
            if i:
                rates[name].append((len(texts) / (time.perf_counter() - t0), len(texts) / (time.process_time() - c0)))
    return rates


def median(values) -> float:
    return statistics.median(values)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=ROOT / ".." / "shared" / "data")
    ap.add_argument("--taxonomy", type=Path, help="an earlier `taxonomy import esco` output to reuse")
    ap.add_argument("--repeats", type=int, default=7)
    ap.add_argument("--resumes", type=int, default=500)
    args = ap.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="esco-scale-"))
    os.environ["XDG_CACHE_HOME"] = str(work / "cache")  # for the subprocesses and this process

    taxonomy = args.taxonomy
    if taxonomy is None:
        taxonomy = work / "esco.yaml"
        wall, cpu = import_esco(args.data, taxonomy)
        print(f"import: `skillmatch taxonomy import esco` {wall:.1f} s wall, {cpu:.1f} s CPU "
              f"({taxonomy.stat().st_size / 1e6:.1f} MB of YAML)")

    wall, cpu, out = timed([sys.executable, "-c", LOAD_SCRIPT, str(taxonomy)])
    cold = json.loads(out)
    print(f"cold compile (empty cache): {cold['entries']:,} entries; parse + validate "
          f"{cold['taxonomy_s']:.1f} s, compile {cold['compile_s']:.1f} s; whole process {wall:.1f} s wall, "
          f"{cpu:.1f} s CPU")
    wall, cpu, out = timed([sys.executable, "-c", LOAD_SCRIPT, str(taxonomy)])
    warm = json.loads(out)
    print(f"warm load (same process layout, cache filled): taxonomy {warm['taxonomy_s']:.2f} s, "
          f"pipeline {warm['compile_s']:.2f} s")

    small = work / "small.txt"
    small.write_text(SMALL_TEXT, encoding="utf-8")
    runs = cli_starts(taxonomy, small, args.repeats)
    walls = {name: median(w for w, _ in r) for name, r in runs.items()}
    cpus = {name: median(c for _, c in r) for name, r in runs.items()}
    print(f"warm CLI start, `skillmatch extract small.txt`, median of {args.repeats} interleaved runs: "
          f"plain {walls['plain']:.2f} s wall / {cpus['plain']:.2f} s CPU; --taxonomy esco "
          f"{walls['esco']:.2f} s wall / {cpus['esco']:.2f} s CPU; over plain "
          f"+{walls['esco'] - walls['plain']:.2f} s wall, +{cpus['esco'] - cpus['plain']:.2f} s CPU "
          f"(target: <= +1.5 s)")
    print("  wall times (plain | esco): " + " ".join(f"{w:.2f}" for w, _ in runs["plain"]) + " | "
          + " ".join(f"{w:.2f}" for w, _ in runs["esco"]))

    texts = load_resumes(args.data, args.resumes)
    if texts:
        rates = extraction_rates(texts, {"esco": taxonomy, "plain": None}, args.repeats)
        wall = {name: median(w for w, _ in r) for name, r in rates.items()}
        cpu = {name: median(c for _, c in r) for name, r in rates.items()}
        ratio = median(e[0] / p[0] for e, p in zip(rates["esco"], rates["plain"]))
        print(f"extraction, {len(texts)} resumes, one process, median of {args.repeats} interleaved runs: "
              f"ESCO {wall['esco']:.0f} resumes/s ({cpu['esco']:.0f} per CPU second), default taxonomy "
              f"{wall['plain']:.0f}/s ({cpu['plain']:.0f} per CPU second); ESCO/default per run pair "
              f"{ratio:.2f}x (target with ESCO: >= 200 resumes/s)")
        print("  resumes/s (esco | plain): " + " ".join(f"{w:.0f}" for w, _ in rates["esco"]) + " | "
              + " ".join(f"{w:.0f}" for w, _ in rates["plain"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
