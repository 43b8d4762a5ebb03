"""The `skillmatch` command line."""

from __future__ import annotations

import os
import signal
import sys
import time
from enum import Enum
from pathlib import Path
from typing import List, Optional

import click
import typer
from typer.core import TyperGroup

from .cli_build import role_app, taxonomy_build_cmd
from .cli_taxonomy import taxonomy_app
from .errors import SkillmatchError

HELP = """Find skills in resumes and job postings, and measure coverage and gaps.

Run `skillmatch RESUME` to score a resume against the default role (ml-engineer),
`skillmatch RESUME --job POSTING` to score it against a job posting, and
`skillmatch extract FILE...` to list the skills found with their evidence.
Documents may be PDF, DOCX, TXT, MD or HTML; `-` reads standard input.
"""


class _DefaultToMatch(TyperGroup):
    """Route `skillmatch RESUME ...` to the `match` command, and a leading `--taxonomy FILE`
    (`skillmatch --taxonomy esco.yaml extract ...`) to the command that follows it; word bad
    option values plainly."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if len(args) > 2 and args[0] in ("--taxonomy", "-t") and args[2] in self.commands:
            if args[2] == "taxonomy" and args[3:4] in (["stats"], ["validate"]):
                args = [*args[2:4], args[1], *args[4:]]  # these take the taxonomy as their argument
            else:
                args = [args[2], *args[:2], *args[3:]]
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h", "--version"):
            args = ["match", *args]
        return super().parse_args(ctx, args)

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except typer.BadParameter as exc:  # typer words a bad choice "Value error, 'xml' is not one of ..."
            exc.message = exc.message.removeprefix("Value error, ")
            raise


app = typer.Typer(cls=_DefaultToMatch, help=HELP, no_args_is_help=True, add_completion=False,
                  pretty_exceptions_enable=False, rich_markup_mode=None)
app.add_typer(taxonomy_app, name="taxonomy")


class Format(str, Enum):
    table = "table"
    json = "json"
    markdown = "markdown"


TaxonomyOpt = typer.Option(None, "--taxonomy", "-t", help="Taxonomy YAML file or directory (default: the shipped one).")
LinkingOpt = typer.Option(None, "--linking/--no-linking", show_default="as the taxonomy file says (on for an ESCO import)",
                          help="Also link skills named by their content words in any order and inflection, "
                          "for ESCO-style taxonomies (docs/esco-linking.md).")


class ReportFormat(str, Enum):
    table = "table"
    json = "json"
    markdown = "markdown"
    html = "html"


_SUFFIX_FORMATS = {".json": ReportFormat.json, ".md": ReportFormat.markdown, ".html": ReportFormat.html,
                   ".htm": ReportFormat.html}
OutputOpt = typer.Option(None, "--output", "-o", help="Write the report to this file (atomically) instead of the screen.")


def _format_for(fmt: Optional[Enum], output: Optional[Path], formats: type[Enum]) -> Enum:
    """The format asked for, else the one the --output suffix names (.json, .md, .html), else table."""
    if fmt is not None:
        return fmt
    suffix = output.suffix.lower() if output else ""
    named = _SUFFIX_FORMATS.get(suffix)
    if suffix in ("", ".txt") or named is not None and named.value in formats.__members__:
        return formats(named.value if named is not None else "table")
    known = ", ".join(s for s, f in _SUFFIX_FORMATS.items() if f.value in formats.__members__ and s != ".htm")
    _fail(f"{output}: cannot tell the output format from '{suffix}'; use {known} or .txt, or give --format.", 2)


def _display(path: str) -> str:
    return "stdin" if path == "-" else Path(path).name


def _fail(message: str, code: int = 1) -> None:
    typer.echo(f"skillmatch: {message}", err=True)
    raise typer.Exit(code)


def _emit(renderable, output: Optional[Path]) -> None:
    from .report import to_text
    from .taxonomy_io import atomic_write_text

    if output is not None:
        atomic_write_text(output, to_text(renderable))
        return
    if isinstance(renderable, str):
        sys.stdout.write(renderable)
    else:
        from rich.console import Console

        Console(soft_wrap=False).print(renderable)


def _version(value: bool) -> None:
    if value:
        from . import __version__

        typer.echo(f"skillmatch {__version__}")
        raise typer.Exit()


@app.callback()
def main(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                      help="Show the version and exit.")) -> None:
    """Find skills in resumes and job postings, and measure coverage and gaps."""


@app.command("match")
def match_cmd(
    resume: str = typer.Argument(..., metavar="RESUME", help="Resume file (PDF, DOCX, TXT, MD, HTML) or - for stdin."),
    job: Optional[str] = typer.Option(None, "--job", "-j", help="Job posting file to score against."),
    role: Optional[str] = typer.Option(None, "--role", "-r", help="Role profile id or YAML file (default: ml-engineer)."),
    taxonomy: Optional[Path] = TaxonomyOpt,
    linking: Optional[bool] = LinkingOpt,
    fmt: Optional[ReportFormat] = typer.Option(
        None, "--format", "-f", help="table for people, json for machines, markdown, or html (a page with the "
        "resume highlighted). Default: from the --output suffix (.json, .md, .html), else table."),
    output: Optional[Path] = OutputOpt,
    related_credit: float = typer.Option(0.5, min=0, max=1, help="Credit for a related skill (TensorFlow for PyTorch)."),
    hedged_credit: float = typer.Option(0.5, min=0, max=1, help="Credit for a tentative mention (\"exposure to Spark\")."),
    preferred_weight: Optional[float] = typer.Option(
        None, min=0, show_default="0.5, or the role file's", help="Weight of a preferred skill in the score (required: 1)."),
) -> None:
    """Coverage of a role or job posting by a resume: a verdict with evidence for every skill asked for, gaps first."""
    if job and role:
        _fail("use either --job or --role, not both.", 2)
    if resume == job == "-":
        _fail("only one of the resume and the job posting can be read from standard input (-).", 2)
    fmt = _format_for(fmt, output, ReportFormat)
    with _errors():
        from . import load
        from .coverage import Credits
        from .report import render_match

        sm = load(taxonomy, linking=linking)
        text = sm.read(resume)
        weights = None if preferred_weight is None else {"preferred": preferred_weight}
        target = (sm.posting(sm.read(job), name=_display(job), weights=weights) if job
                  else sm.role(role or "ml-engineer", weights=weights))
        if not target.skills:
            _fail(f"{_display(job)}: no skills found in the job posting, so there is nothing to score against.")
        credits = Credits(related=related_credit, hedged=hedged_credit)
        report = sm.match(text, target, credits=credits, source=_display(resume))
        _emit(render_match(report, fmt.value), output)


@app.command("extract")
def extract_cmd(
    files: List[str] = typer.Argument(..., metavar="FILE",
                                      help="Documents to read (PDF, DOCX, TXT, MD, HTML) or - for stdin."),
    taxonomy: Optional[Path] = TaxonomyOpt,
    linking: Optional[bool] = LinkingOpt,
    fmt: Optional[Format] = typer.Option(None, "--format", "-f", help="table for people, json for machines, or "
                                         "markdown. Default: from the --output suffix (.json, .md), else table."),
    output: Optional[Path] = OutputOpt,
) -> None:
    """The skills found in each document, with the text, offsets and method of every mention.

    A document that cannot be read is named on stderr and the others are still reported; the
    exit code is then 1."""
    fmt = _format_for(fmt, output, Format)
    with _errors():
        from . import load
        from .report import render_extract

        sm = load(taxonomy, linking=linking)
        texts, failed = [], []
        for f in files:
            try:
                texts.append((f if f != "-" else "stdin", sm.read(f)))
            except SkillmatchError as exc:
                if len(files) == 1:
                    raise
                typer.echo(f"skillmatch: {exc}", err=True)
                failed.append(f)
        if not texts:
            _fail(f"none of the {len(files)} documents could be read.")
        results = [(name, text, mentions)
                   for (name, text), mentions in zip(texts, sm.extract_many(t for _, t in texts))]
        _emit(render_extract(results, fmt.value, as_list=len(files) > 1), output)
        if failed:
            raise typer.Exit(1)


class Engine(str, Enum):
    local = "local"
    dask = "dask"


@app.command("batch")
def batch_cmd(
    resumes: Path = typer.Argument(..., metavar="RESUMES",
                                   help="CSV, JSONL or Parquet of resumes (a text or file-path column), or a folder of resume files."),
    output: Path = typer.Option(..., "--output", "-o", help="Where to write the rows: .csv, .jsonl or .parquet (written atomically)."),
    job: Optional[str] = typer.Option(None, "--job", "-j", help="A job posting file, or a CSV/JSONL/Parquet of postings (one job per row)."),
    role: Optional[str] = typer.Option(None, "--role", "-r", help="Role profile id or YAML file (default when no --job: ml-engineer)."),
    text_column: Optional[str] = typer.Option(None, "--text-column", help="Column holding the resume text (default: recognised by name or length)."),
    path_column: Optional[str] = typer.Option(None, "--path-column", help="Column holding resume file paths, relative to the table's folder."),
    id_column: Optional[str] = typer.Option(None, "--id-column", help="Column holding resume ids (default: an 'id' column, else row numbers)."),
    top: Optional[int] = typer.Option(None, "--top", min=1, help="Keep only the K best resumes per job (failed rows are always kept)."),
    jobs: int = typer.Option(0, "--jobs", min=0, show_default="the cores available",
                      help="Worker processes to run (postings are given with --job)."),
    engine: Engine = typer.Option(Engine.local, "--engine", help="local processes, or dask (pip install 'skillmatch[dask]')."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help="Dask scheduler address, e.g. tcp://10.0.0.5:8786 (default: a local cluster)."),
    chunk_size: int = typer.Option(256, "--chunk-size", min=1, help="Resumes per work unit."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar and no summary line."),
    taxonomy: Optional[Path] = TaxonomyOpt,
    linking: Optional[bool] = LinkingOpt,
) -> None:
    """Score many resumes against one or many jobs: one row per (resume, job), ranked within each job.

    Rows hold coverage, required coverage, matched, partial and missing skills, the rank within
    the job, and status (ok or error, with the reason). A resume that cannot be read gets an
    error row and the rest are scored.
    """
    if job and role:
        _fail("use either --job or --role, not both.", 2)
    if scheduler and engine is not Engine.dask:
        _fail("--scheduler needs --engine dask.", 2)
    with _errors():
        from . import load
        from .batch import load_jobs, run_batch, sink
        from .tables import Source, TableWriter

        if output.exists() and output.resolve() in {resumes.resolve(), Path(job).resolve() if job else None}:
            _fail(f"{output}: is one of the inputs; write the scores to another file.", 2)
        signal.signal(signal.SIGTERM, _terminate)  # clean up like Ctrl-C
        sm = load(taxonomy, linking=linking)
        targets = load_jobs(sm, job, role)
        source = Source(resumes, text_column=text_column, path_column=path_column, id_column=id_column,
                        chunk_size=chunk_size)
        workers = jobs or _cores()
        show = not quiet and sys.stderr.isatty()
        with TableWriter(output) as writer, _progress(show, source) as progress:
            write, list_cells = sink(writer)
            summary = run_batch(sm, source, targets, write, workers=workers, engine=engine.value,
                                scheduler=scheduler, top=top, list_cells=list_cells, progress=progress)
        if not quiet:
            typer.echo(summary.line() + f" Output: {output}", err=True)


def _terminate(signum, frame) -> None:
    raise KeyboardInterrupt


def _cores() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return os.cpu_count() or 1


class _progress:
    """A rich progress bar on stderr with rate and ETA, or nothing."""

    def __init__(self, show: bool, source):
        self.show, self.source = show, source

    def __enter__(self):
        if not self.show:
            return None
        from rich.console import Console
        from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

        self.bar = Progress(TextColumn("scoring"), BarColumn(), TextColumn("{task.fields[done]:,} resumes"),
                            TextColumn("{task.fields[rate]:.0f}/s"), TimeElapsedColumn(), TextColumn("ETA"),
                            TimeRemainingColumn(), console=Console(stderr=True), transient=True)
        self.bar.start()
        self.task = self.bar.add_task("scoring", total=self.source.total, done=0, rate=0.0)
        self.started = time.perf_counter()

        def update(progress: int, done: int) -> None:
            rate = done / max(time.perf_counter() - self.started, 1e-9)
            self.bar.update(self.task, completed=progress, done=done, rate=rate)

        return update

    def __exit__(self, *exc) -> None:
        if self.show:
            self.bar.stop()


@app.command("roles")
def roles_cmd(taxonomy: Optional[Path] = TaxonomyOpt) -> None:
    """List the role profiles available as --role."""
    with _errors():
        from . import load

        sm = load(taxonomy)
        for rid in sm.roles():
            target = sm.role(rid)
            typer.echo(f"{rid}\t{target.name} ({len(target.skills)} skills)")


taxonomy_app.command("build")(taxonomy_build_cmd)
app.add_typer(role_app, name="role")


class _errors:
    """Turn expected failures into one plain sentence and a non-zero exit."""

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        if exc_type is None or issubclass(exc_type, (typer.Exit, click.exceptions.Exit, SystemExit)):
            return False
        if issubclass(exc_type, SkillmatchError):
            _fail(str(exc))
        if issubclass(exc_type, KeyboardInterrupt):
            _fail("interrupted.", 130)
        if issubclass(exc_type, BrokenPipeError):
            raise typer.Exit(1)
        if issubclass(exc_type, OSError):
            _fail(f"{getattr(exc, 'filename', None) or 'file'}: {exc.strerror or exc}.")
        if os.environ.get("SKILLMATCH_DEBUG"):
            return False
        _fail(f"unexpected error ({exc_type.__name__}: {exc}); set SKILLMATCH_DEBUG=1 for details.", 3)
        return False


def run() -> None:  # console-script entry point
    app()


if __name__ == "__main__":  # pragma: no cover
    run()
