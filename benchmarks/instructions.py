"""Extraction cost in CPU instructions per resume, counted by valgrind: repeatable on a busy machine.

    python benchmarks/instructions.py [--data ../shared/data] [--docs 50] [--src PATH ...]

Wall-clock rates on a shared machine swing by 2x from run to run; instruction counts do not.
Each measurement runs a fresh process under `valgrind --tool=callgrind` with counting switched
on only around the measured loop (after imports, loading and a warm-up pass over the same
resumes), and off again before the interpreter exits. Stages, per resume, on `--docs` LiveCareer
resumes (../shared/data/livecareer-resumes/resumes_text.csv):

  tokenizer   nlp.tokenizer(text)               (regex and building the Doc; warm, as in a batch)
  component   the skillmatch component on it    (candidates, typo lookups, evidence rules, spans)
  mentions    doc_mentions(doc)                 (offsets, polarity, list negation)
  total       sm.extract_many(texts)

`--src PATH` measures another checkout's `src` folder too (e.g. a worktree of the previous
release), in the same run, and prints the ratio to the first.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STAGES = ("tokenizer", "component", "mentions", "total")

_CHILD = r"""
import os, subprocess, sys
sys.path.insert(0, {bench!r})
from throughput import load_resumes
from pathlib import Path
import skillmatch
from skillmatch.mentions import doc_mentions
texts = load_resumes(Path({data!r}), {docs})
sm = skillmatch.load()
nlp, matcher = sm.nlp, sm.matcher
for _ in sm.extract_many(texts):
    pass
docs = [nlp.tokenizer(t) for t in texts]
done = [matcher(nlp.tokenizer(t)) for t in texts]
switch = lambda state: subprocess.run(["callgrind_control", "-i", state, str(os.getpid())], capture_output=True)
switch("on")
if {stage!r} == "tokenizer":
    for t in texts: nlp.tokenizer(t)
elif {stage!r} == "component":
    for d in docs: matcher(d)
elif {stage!r} == "mentions":
    for d, t in zip(done, texts): doc_mentions(d, matcher.spans_key, t)
else:
    for _ in sm.extract_many(texts): pass
switch("off")
os._exit(0)
"""


def count(stage: str, src: Path, data: Path, docs: int) -> int:
    """Instructions valgrind counted while `stage` ran over `docs` resumes with `src` on the path."""
    code = _CHILD.format(bench=str(ROOT / "benchmarks"), data=str(data), docs=docs, stage=stage)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "callgrind.out"
        proc = subprocess.run(
            ["valgrind", "--tool=callgrind", "--instr-atstart=no", f"--callgrind-out-file={out}",
             sys.executable, "-c", code],
            capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(src)})
    hit = re.search(r"Collected : (\d+)", proc.stderr)
    if proc.returncode != 0 or hit is None or int(hit.group(1)) == 0:
        raise SystemExit(f"valgrind counted nothing for {stage} (is callgrind_control working?): "
                         f"{proc.stderr[-400:]}")
    return int(hit.group(1))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=ROOT / ".." / "shared" / "data")
    ap.add_argument("--docs", type=int, default=50, help="resumes measured (the first N)")
    ap.add_argument("--src", type=Path, action="append", default=[],
                    help="another checkout's src folder to compare with (repeatable)")
    args = ap.parse_args(argv)
    if not shutil.which("valgrind") or not shutil.which("callgrind_control"):
        print("instructions: skipped, valgrind is not installed", file=sys.stderr)
        return 0
    if not (args.data / "livecareer-resumes" / "resumes_text.csv").exists():
        print("instructions: skipped, the LiveCareer resumes are not in --data", file=sys.stderr)
        return 0
    sources = [ROOT / "src", *args.src]
    base: dict[str, int] = {}
    print(f"million instructions per resume, first {args.docs} LiveCareer resumes (valgrind callgrind)")
    print(f"{'source':40s} " + " ".join(f"{s:>10s}" for s in STAGES))
    for src in sources:
        counts = {stage: count(stage, src, args.data, args.docs) for stage in STAGES}
        base = base or counts
        cells = " ".join(f"{counts[s] / args.docs / 1e6:10.2f}" for s in STAGES)
        ratio = "" if counts is base else f"   total {counts['total'] / base['total']:.2f}x the first"
        print(f"{str(src)[-40:]:40s} {cells}{ratio}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
