"""The `skillmatch` command line."""

from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path
from typing import List, Optional

import click
import typer
from typer.core import TyperGroup

from .errors import SkillmatchError

HELP = """Find skills in resumes and job postings, and measure coverage and gaps.

Run `skillmatch RESUME` to score a resume against the default role (ml-engineer),
`skillmatch RESUME --job POSTING` to score it against a job posting, and
`skillmatch extract FILE...` to list the skills found with their evidence.
Documents may be PDF, DOCX, TXT, MD or HTML; `-` reads standard input.
"""


class _DefaultToMatch(TyperGroup):
    """Route `skillmatch RESUME ...` to the `match` command."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h", "--version"):
            args = ["match", *args]
        return super().parse_args(ctx, args)


app = typer.Typer(cls=_DefaultToMatch, help=HELP, no_args_is_help=True, add_completion=False,
                  pretty_exceptions_enable=False, rich_markup_mode=None)


class Format(str, Enum):
    table = "table"
    json = "json"
    markdown = "markdown"


TaxonomyOpt = typer.Option(None, "--taxonomy", "-t", help="Taxonomy YAML file or directory (default: the shipped one).")
FormatOpt = typer.Option(Format.table, "--format", "-f", help="table for people, json for machines, or markdown.")
OutputOpt = typer.Option(None, "--output", "-o", help="Write the report to this file (atomically) instead of the screen.")


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
    fmt: Format = FormatOpt,
    output: Optional[Path] = OutputOpt,
) -> None:
    """Coverage of a role or job posting by a resume: matched skills with evidence, and gaps."""
    if job and role:
        _fail("use either --job or --role, not both.", 2)
    with _errors():
        from . import load
        from .report import render_match

        sm = load(taxonomy)
        text = sm.read(resume)
        target = sm.posting(sm.read(job), name=_display(job)) if job else sm.role(role or "ml-engineer")
        if not target.skills:
            _fail(f"{_display(job)}: no skills found in the job posting, so there is nothing to score against.")
        report = sm.match(text, target, source=_display(resume))
        _emit(render_match(report, fmt.value), output)


@app.command("extract")
def extract_cmd(
    files: List[str] = typer.Argument(..., metavar="FILE...",
                                      help="Documents to read (PDF, DOCX, TXT, MD, HTML) or - for stdin."),
    taxonomy: Optional[Path] = TaxonomyOpt,
    fmt: Format = FormatOpt,
    output: Optional[Path] = OutputOpt,
) -> None:
    """The skills found in each document, with the text, offsets and method of every mention."""
    with _errors():
        from . import load
        from .report import render_extract

        sm = load(taxonomy)
        texts = [(f if f != "-" else "stdin", sm.read(f)) for f in files]
        results = [(name, text, mentions)
                   for (name, text), mentions in zip(texts, sm.extract_many(t for _, t in texts))]
        _emit(render_extract(results, fmt.value), output)


@app.command("roles")
def roles_cmd(taxonomy: Optional[Path] = TaxonomyOpt) -> None:
    """List the role profiles available as --role."""
    with _errors():
        from . import load

        sm = load(taxonomy)
        for rid in sm.roles():
            target = sm.role(rid)
            typer.echo(f"{rid}\t{target.name} ({len(target.skills)} skills)")


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
