"""Batch scoring: many resumes against one or many jobs, locally or on a Dask cluster.

Each resume and each job is extracted once; scoring a (resume, job) pair after that is set
arithmetic on skill ids (`coverage.judge`). Resumes stream through in chunks: a worker
reads, extracts and scores a chunk against every job, and the rows go to an on-disk SQLite
spill, from which they come back ranked within each job. Memory stays bounded by the chunk
size and the number of chunks in flight, whatever the input size.
"""

from __future__ import annotations

import multiprocessing
import os
import re
import signal
import sqlite3
import tempfile
import time
from collections import deque
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence

import pandas as pd

from .coverage import DEFAULT_CREDITS, CreditSources, Credits, ResumeSkills, gap_groups, judge
from .errors import SkillmatchError
from .roles import DEFAULT_ROLE, Target
from .tables import LIST_SEPARATOR, Item, Source, TableWriter, is_table, item_text, neutralise, sql_neutralise
from .taxonomy import Taxonomy

COLUMNS = ["resume_id", "job_id", "job_name", "rank", "coverage", "required_coverage", "matched",
           "partial", "missing", "missing_required_count", "status", "error"]
LISTS = ("matched", "partial", "missing")
_SEP = "\x1f"  # joins list cells inside the spill
CHUNKS_PER_WORKER = 40


@dataclass(frozen=True)
class Job:
    """A target to score every resume against; `error` says why it could not be built."""

    id: str
    name: str
    target: Target | None
    error: str | None = None


@dataclass(frozen=True)
class Summary:
    resumes: int
    jobs: int
    rows: int
    failed_resumes: int
    failed_jobs: int
    seconds: float

    def line(self) -> str:
        failed = f"{self.failed_resumes} resume(s)" + (f" and {self.failed_jobs} job(s)" if self.failed_jobs else "")
        return (f"Scored {self.resumes - self.failed_resumes:,} of {self.resumes:,} resumes against "
                f"{self.jobs - self.failed_jobs:,} job(s) in {self.seconds:.1f} s; {self.rows:,} rows; "
                + (f"{failed} failed (status=error rows say why)." if self.failed_resumes or self.failed_jobs
                   else "none failed."))


# ------------------------------------------------------------------------ jobs
def load_jobs(sm, job: str | Path | pd.DataFrame | Target | Sequence | None = None,
              role: str | None = None) -> list[Job]:
    """Targets from a role id, a posting file, a table of postings or `Target`s."""
    if isinstance(job, Target):
        return [Job(job.id, job.name, job)]
    if isinstance(job, (list, tuple)):
        return [j if isinstance(j, Job) else Job(j.id, j.name, j) for j in job]
    if job is None:
        target = sm.role(role or DEFAULT_ROLE)
        return [Job(target.id, target.name, target)]
    if isinstance(job, pd.DataFrame) or is_table(job):
        items = [item for chunk in Source(job) for item in chunk]
    else:
        name = Path(job).name
        items = [Item(Path(job).stem, text=sm.read(job), name=name)]
    jobs = []
    for item in items:
        text, error = item_text(item)
        target = sm.posting(text, name=item.name or item.id) if error is None else None
        if error is None and not target.skills:
            error = "no skills found in the job posting."
        jobs.append(Job(item.id, item.name or item.id, target if error is None else None, error))
    if not any(j.target for j in jobs):
        reason = jobs[0].error if jobs else "no jobs given."
        raise SkillmatchError(f"nothing to score against: {reason}")
    return _unique_ids(jobs)


def _unique_ids(jobs: list[Job]) -> list[Job]:
    """Jobs sharing an id get `#2`, `#3`... so that every output row names one job."""
    seen: dict[str, int] = {}
    out = []
    for job in jobs:
        seen[job.id] = seen.get(job.id, 0) + 1
        out.append(job if seen[job.id] == 1 else Job(f"{job.id}#{seen[job.id]}", job.name, job.target, job.error))
    return out


# ------------------------------------------------------------------------ scoring
class Scorer:
    """Reads, extracts and scores chunks of resumes against fixed jobs (one per process)."""

    def __init__(self, sm, jobs: Sequence[Job], credits: Credits = DEFAULT_CREDITS):
        self.sm = sm
        self.jobs = [j for j in jobs if j.target is not None]
        self.credits = credits
        self._needs_years = any(ts.min_years is not None for j in self.jobs for ts in j.target.skills)
        tax = sm.taxonomy
        sources = CreditSources(tax)
        # per job: its skills (target skill, name, required?), the order missing ones are listed
        # in (required first), the total weights, and the row of a resume with none of them
        self._plans = []
        # resume skill -> (job index, skill index) of every job skill it may earn credit for
        self._credits: dict[str, list[tuple[int, int]]] = {}
        for j, job in enumerate(self.jobs):
            skills = [(ts, tax[ts.skill_id].name, ts.importance == "required") for ts in job.target.skills]
            order = [k for k, s in enumerate(skills) if s[2]] + [k for k, s in enumerate(skills) if not s[2]]
            total = sum(ts.weight for ts in job.target.skills)
            required = sum(ts.weight for ts in job.target.skills if ts.importance == "required")
            nothing = (0.0, 0.0 if required else None, "", "", *_missing_cells(skills, order), "ok", "")
            self._plans.append((skills, order, total, required, nothing))
            for k, (ts, _, _) in enumerate(skills):
                for sid in sources(ts):
                    self._credits.setdefault(sid, []).append((j, k))

    def score(self, items: Sequence[Item]) -> list[tuple]:
        """Spill rows `(job index, resume id, job id, job name, ..., status, error)` for a chunk."""
        texts: list[str | None] = []
        errors: list[str | None] = []
        for item in items:
            text, error = item_text(item)
            if error is None and not (text or "").strip():
                error = "the document has no text."
            texts.append(text if error is None else None)
            errors.append(error)
        extracted = iter(self.sm.extract_many(t for t in texts if t is not None))
        rows = []
        tax = self.sm.taxonomy
        for item, text, error in zip(items, texts, errors):
            if text is None:
                rows += [(j, item.id, job.id, job.name, None, None, "", "", "", None, "error", error)
                         for j, job in enumerate(self.jobs)]
                continue
            have = ResumeSkills.from_mentions(next(extracted), tax, text if self._needs_years else None)
            candidates: dict[int, set[int]] = {}  # job index -> job skills this resume may cover
            for sid in have.mentioned():
                for j, k in self._credits.get(sid, ()):
                    candidates.setdefault(j, set()).add(k)
            for j, (job, plan) in enumerate(zip(self.jobs, self._plans)):
                ks = candidates.get(j)
                rows.append((j, item.id, job.id, job.name, *(self._pair(plan, have, ks) if ks else plan[4])))
        return rows

    def _pair(self, plan: tuple, have: ResumeSkills, ks: set[int]) -> tuple:
        """Coverage, required coverage, matched, partial and missing names, missing-required count
        for a resume that may cover the job skills `ks` (all others are missing)."""
        skills, order, total, required_total, _ = plan
        tax = self.sm.taxonomy
        matched, partial, covered = [], [], set()
        earned = required_earned = 0.0
        for k in sorted(ks):
            ts, name, required = skills[k]
            j = judge(ts, have, tax, self.credits)
            if j.status == "missing":
                continue
            covered.add(k)
            earned += ts.weight * j.credit
            required_earned += ts.weight * j.credit if required else 0.0
            label = f"{name} (via {tax[j.via].name})" if j.via else name
            if j.status == "matched":
                matched.append(label)
            elif j.years is not None and j.years.status == "unmet":
                partial.append(f"{label} ({j.years.found:g} of {j.years.required:g} years)")
            else:
                partial.append(label if j.via else f"{name} ({j.basis})")
        return (round(earned / total, 4) if total else 0.0,
                round(required_earned / required_total, 4) if required_total else None,
                _SEP.join(matched), _SEP.join(partial), *_missing_cells(skills, [k for k in order if k not in covered]),
                "ok", "")


def _missing_cells(skills: list[tuple], missing: list[int]) -> tuple[str, int]:
    """The `missing` cell (alternatives missing together once, "Vue.js or Angular") and the number
    of required skills it names (such a group counts once)."""
    groups = gap_groups([(skills[k][0].skill_id, skills[k][0].alternatives) for k in missing])
    return (_SEP.join(" or ".join(skills[missing[i]][1] for i in group) for group in groups),
            sum(skills[missing[group[0]]][2] for group in groups))


@dataclass(frozen=True)
class _Spec:
    """What a worker process needs to build its own `Scorer`."""

    taxonomy: Taxonomy
    jobs: tuple[Job, ...]
    credits: Credits
    linking: bool

    def key(self) -> tuple:
        return self.taxonomy.fingerprint, tuple(j.id for j in self.jobs), self.credits, self.linking


# A worker's scorer, built once per process: inherited on fork, or built from a `_Spec`.
_WORKER: dict = {}


def _init_worker(spec: _Spec) -> None:
    from .api import load

    _WORKER["scorer"] = Scorer(load(spec.taxonomy, linking=spec.linking), spec.jobs, spec.credits)
    _WORKER["key"] = spec.key()


def _quiet_worker(spec: _Spec | None) -> None:
    """Pool initializer: Ctrl-C and SIGTERM are the main process's to handle (it stops the pool)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if spec is not None:
        _init_worker(spec)


def _score_in_worker(items: Sequence[Item]) -> list[tuple]:
    return _WORKER["scorer"].score(items)


def _score_with_spec(spec: _Spec, items: Sequence[Item]) -> list[tuple]:
    """Dask task: build (or reuse) this worker's scorer for `spec`, then score."""
    if _WORKER.get("key") != spec.key():
        _init_worker(spec)
    return _score_in_worker(items)


# ------------------------------------------------------------------------ engines
def _local(chunks: Iterator[list[Item]], scorer: Scorer, spec: _Spec, workers: int,
           in_process: bool) -> Iterator[list[tuple]]:
    """Score in this process, or in `workers` processes that are replaced every
    `CHUNKS_PER_WORKER` chunks (spaCy's vocabulary grows with every new word it sees)."""
    if in_process:
        for chunk in chunks:
            yield scorer.score(chunk)
        return
    if "fork" in multiprocessing.get_all_start_methods():  # children inherit the loaded pipeline
        _WORKER["scorer"] = scorer
        pool = multiprocessing.get_context("fork").Pool(workers, _quiet_worker, (None,),
                                                        maxtasksperchild=CHUNKS_PER_WORKER)
    else:
        pool = multiprocessing.get_context("spawn").Pool(workers, _quiet_worker, (spec,),
                                                         maxtasksperchild=CHUNKS_PER_WORKER)
    try:
        yield from _bounded(chunks, lambda c: pool.apply_async(_score_in_worker, (c,)), lambda f: f.get(),
                            2 * workers)
    finally:
        pool.terminate()
        _WORKER.pop("scorer", None)


def _dask(chunks: Iterator[list[Item]], spec: _Spec, workers: int, scheduler: str | None) -> Iterator[list[tuple]]:
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise SkillmatchError("--engine dask needs Dask: pip install 'skillmatch[dask]'.") from None
    cluster = None
    try:
        if scheduler:
            client = Client(scheduler, timeout="20s")
        else:
            cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                   dashboard_address=None)
            client = Client(cluster)
    except OSError as exc:
        raise SkillmatchError(f"cannot reach the Dask scheduler {scheduler or '(local)'} ({exc}).") from None
    try:
        shared = client.scatter(spec, broadcast=True)
        n = max(workers, len(client.scheduler_info().get("workers", ())) or workers)
        yield from _bounded(chunks, lambda c: client.submit(_score_with_spec, shared, c, pure=False),
                            lambda f: f.result(), 2 * n)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _bounded(chunks: Iterable, submit: Callable, result: Callable, in_flight: int) -> Iterator:
    """Submit chunks keeping at most `in_flight` pending; yield results in submission order."""
    pending: deque = deque()
    for chunk in chunks:
        pending.append(submit(chunk))
        if len(pending) >= in_flight:
            yield result(pending.popleft())
    while pending:
        yield result(pending.popleft())


# ------------------------------------------------------------------------ ranking
class _Spill:
    """Rows on disk (SQLite), read back ranked within each job."""

    def __init__(self, directory: str | None = None):
        fd, self.path = tempfile.mkstemp(prefix="skillmatch-batch-", suffix=".sqlite", dir=directory)
        os.close(fd)
        self.db = sqlite3.connect(self.path)
        self.db.execute("PRAGMA journal_mode=OFF")
        self.db.execute("PRAGMA synchronous=OFF")
        self.db.execute("PRAGMA cache_size=-65536")  # 64 MB of pages: reading back by key stays in memory
        self.db.execute("CREATE TABLE rows (seq INTEGER PRIMARY KEY, job INTEGER, resume_id TEXT, job_id TEXT,"
                        " job_name TEXT, coverage REAL, required_coverage REAL, matched TEXT, partial TEXT,"
                        " missing TEXT, missing_required_count INTEGER, status TEXT, error TEXT)")
        self.count = 0

    def add(self, rows: list[tuple]) -> None:
        self.db.executemany("INSERT INTO rows VALUES (NULL,?,?,?,?,?,?,?,?,?,?,?,?)", rows)
        self.count += len(rows)

    def ranked(self, top: int | None, list_cells: bool = True, chunk_size: int = 20_000) -> Iterator[list[tuple]]:
        """Rows (in `COLUMNS` order) by job and rank; list cells as lists, or (`list_cells=False`)
        ready for a CSV: lists joined with `LIST_SEPARATOR`, formulas neutralised. Ranks are computed over the narrow columns and indexed, so the
        wide rows are read in order by key instead of being sorted."""
        self.db.executescript(
            "CREATE TEMP TABLE ranks AS SELECT seq, job, status != 'ok' AS failed, CASE WHEN status = 'ok' THEN"
            " ROW_NUMBER() OVER (PARTITION BY job, status = 'ok' ORDER BY coverage DESC, required_coverage DESC,"
            " seq) END AS rank FROM rows; CREATE INDEX temp.ranks_order ON ranks (job, failed, rank, seq);")
        def text(expr: str) -> str:
            return expr if list_cells else sql_neutralise(expr)

        lists = ", ".join(f"r.{c}" if list_cells else text(f"REPLACE(r.{c}, char(31), '{LIST_SEPARATOR}')")
                          for c in LISTS)
        cursor = self.db.execute(
            f"SELECT {text('r.resume_id')}, {text('r.job_id')}, {text('r.job_name')}, k.rank, r.coverage,"
            f" r.required_coverage, {lists}, r.missing_required_count, r.status, {text('r.error')}"
            " FROM ranks k INDEXED BY ranks_order"
            " JOIN rows r ON r.seq = k.seq WHERE k.rank IS NULL OR k.rank <= ? ORDER BY k.job, k.failed, k.rank, k.seq",
            (top if top is not None else 1 << 62,))
        at = [COLUMNS.index(c) for c in LISTS]
        while batch := cursor.fetchmany(chunk_size):
            if list_cells:
                for i, row in enumerate(batch):
                    row = list(row)
                    for k in at:
                        row[k] = row[k].split(_SEP) if row[k] else []
                    batch[i] = tuple(row)
            yield batch

    def close(self) -> None:
        self.db.close()
        Path(self.path).unlink(missing_ok=True)


# ------------------------------------------------------------------------ entry points
def run_batch(sm, source: Source, jobs: Sequence[Job], write: Callable[[pd.DataFrame], None], *,
              workers: int = 1, engine: str = "local", scheduler: str | None = None, top: int | None = None,
              credits: Credits = DEFAULT_CREDITS, list_cells: bool = True,
              progress: Callable[[int, int], None] | None = None) -> Summary:
    """Score every resume of `source` against `jobs`; ranked rows go to `write` in chunks.

    Rows are tuples in `COLUMNS` order (`rows_frame` makes a DataFrame of them). List cells
    (matched, partial, missing) are Python lists, or with `list_cells=False` text joined by
    `LIST_SEPARATOR` (what a CSV holds).
    """
    started = time.perf_counter()
    scorer = Scorer(sm, jobs, credits)
    spec = _Spec(sm.taxonomy, tuple(scorer.jobs), credits, sm.matcher.linking)
    failed_jobs = [j for j in jobs if j.target is None]
    chunks = iter(source)
    if engine == "dask":
        results = _dask(chunks, spec, workers, scheduler)
    elif engine == "local":
        results = _local(chunks, scorer, spec, workers, in_process=workers <= 1 and source.in_memory)
    else:
        raise SkillmatchError(f"unknown engine '{engine}'; use local or dask.")
    spill = _Spill()
    resumes = failed = 0
    n_jobs = len(scorer.jobs)
    try:
        for rows in results:
            spill.add(rows)
            resumes += len(rows) // n_jobs
            failed += sum(r[10] == "error" for r in rows) // n_jobs
            if progress:
                progress(source.progress, resumes)
        rows_out = 0
        for rows in spill.ranked(top, list_cells):
            rows_out += len(rows)
            write(rows)
        empty = [] if list_cells else ""
        cell = (lambda v: v) if list_cells else neutralise
        failed_rows = [("", cell(j.id), cell(j.name), None, None, None, empty, empty, empty, None, "error",
                        cell(j.error)) for j in failed_jobs]
        if failed_rows:
            write(failed_rows)
            rows_out += len(failed_rows)
    finally:
        spill.close()
    return Summary(resumes, len(jobs), rows_out, failed, len(failed_jobs), time.perf_counter() - started)


def score_frame(resumes: pd.DataFrame | pd.Series, jobs=None, *, text_column: str | None = None,
                path_column: str | None = None, id_column: str | None = None, role: str | None = None,
                taxonomy: str | Path | None = None, n_process: int = 1, engine: str = "local",
                scheduler: str | None = None, top: int | None = None,
                credits: Credits = DEFAULT_CREDITS) -> pd.DataFrame:
    """Score a DataFrame (or Series) of resumes against jobs; one row per (resume, job), ranked per job.

    `jobs` is a role id (default: the default role), the text of a posting, a posting file, a
    table (file or DataFrame) of postings, a `Target` or a list of them. Resume ids come from
    `id_column`, an `id` column, a non-default index, or row numbers.
    """
    from .api import load

    sm = load(taxonomy)
    if isinstance(resumes, pd.Series):
        resumes = resumes.to_frame(name=resumes.name if resumes.name is not None else "text")
    if id_column is None and not isinstance(resumes.index, pd.RangeIndex):
        id_column = resumes.index.name or "index"
        resumes = resumes.reset_index(names=id_column)
    if isinstance(jobs, str) and not _is_path(jobs):
        if re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", jobs.strip()) and role is None:
            jobs, role = None, jobs.strip()
        elif re.search(r"\s", jobs.strip()):
            jobs = sm.posting(jobs)
        else:
            raise SkillmatchError(f"{jobs}: no such file (give a role id, a posting file or the posting's text).")
    rows: list[tuple] = []
    source = Source(resumes, text_column=text_column, path_column=path_column, id_column=id_column)
    run_batch(sm, source, load_jobs(sm, jobs, role), rows.extend, workers=n_process, engine=engine,
              scheduler=scheduler, top=top, credits=credits)
    return rows_frame(rows)


def rows_frame(rows: Sequence[tuple]) -> pd.DataFrame:
    """A DataFrame of batch rows, with nullable integer rank and count."""
    frame = pd.DataFrame.from_records(list(rows), columns=COLUMNS)
    return frame.astype({"rank": "Int64", "missing_required_count": "Int64",
                         "coverage": "float64", "required_coverage": "float64"})


def sink(writer: TableWriter) -> tuple[Callable[[list[tuple]], None], bool]:
    """The `write` callback and `list_cells` flag of `run_batch` for an output file."""
    if writer.kind == ".csv":
        return (lambda rows: writer.write_rows(COLUMNS, rows, csv_ready=True)), False
    return (lambda rows: writer.write(rows_frame(rows))), True


def _is_path(value: str) -> bool:
    """True when `value` names an existing file or folder (a posting's text is never one)."""
    try:
        return "\n" not in value and Path(value).exists()
    except OSError:  # too long for a file name
        return False
