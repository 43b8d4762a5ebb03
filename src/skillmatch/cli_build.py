"""`skillmatch taxonomy build` and `skillmatch role build`: taxonomies and role profiles from documents."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

DocsArg = typer.Argument(None, metavar="DOCS", show_default=False,
                         help="Postings or resumes: PDF/DOCX/TXT/MD/HTML files, folders of them, or "
                              "CSV/JSONL/Parquet tables with a text column. Identical texts count once.")
OutputOpt = typer.Option(None, "--output", "-o", show_default=False, help="The YAML file to write (atomically).")


def _checked(docs: Optional[List[str]], output: Optional[Path]) -> tuple[List[str], Path]:
    from .cli import _fail

    if not docs:
        _fail("no documents given; name posting or resume files, folders, or tables of them.", 2)
    if output is None:
        _fail("--output FILE is needed: where to write the YAML.", 2)
    return docs, output


def taxonomy_build_cmd(
    docs: Optional[List[str]] = DocsArg,
    output: Optional[Path] = OutputOpt,
    extend: Optional[Path] = typer.Option(None, "--extend", metavar="TAXONOMY",
                                          help="Propose only skills this taxonomy (YAML file or folder) lacks."),
    min_docs: int = typer.Option(3, "--min-docs", min=1, help="Propose a skill named in at least N documents."),
    top: Optional[int] = typer.Option(None, "--top", min=1, help="Write only the N best proposals."),
) -> None:
    """Propose skills from a corpus of postings or resumes, as a taxonomy file to review.

    Candidates are list items ("experience with X, Y and Z", "Skills: ..."), tech-shaped words
    (C++, Node.js, CI/CD) and capitalised names; variants are grouped into one skill with
    aliases; each comes with its document count, score and two example contexts.
    """
    from .cli import _errors

    docs, output = _checked(docs, output)
    with _errors():
        from . import load
        from .corpus import read_corpus
        from .proposals import propose
        from .proposals_io import proposals_yaml
        from .taxonomy_io import atomic_write_text

        base = load(extend) if extend is not None else None
        corpus = read_corpus(docs)
        proposals = propose([d.text for d in corpus], min_docs=min_docs, extend=base)[:top]
        header = (f"Skills proposed by `skillmatch taxonomy build` from {len(corpus):,} documents "
                  f"(named as a skill in at least {min_docs})"
                  + (f", left out what {extend.name} already has" if extend is not None else "") + ".\n"
                  "Review before use: keep, rename or delete entries, and check each `kind`.\n"
                  "`evidence` (documents, score, example contexts) is for the review; loading ignores it.")
        atomic_write_text(output, proposals_yaml(proposals, header))
        typer.echo(f"{_count(len(proposals), 'skill')} proposed from {_count(len(corpus), 'document')}: {output}",
                   err=True)


role_app = typer.Typer(help="Build role profiles from documents.", no_args_is_help=True)


@role_app.command("build")
def role_build_cmd(
    name: str = typer.Argument(..., metavar="NAME", help="The role id, e.g. data-analyst (also its --role name)."),
    docs: Optional[List[str]] = DocsArg,
    output: Optional[Path] = OutputOpt,
    title: Optional[str] = typer.Option(None, "--title", help="The role's display name (default: from NAME)."),
    description: str = typer.Option("", "--description", help="One or two sentences on the role."),
    required_share: float = typer.Option(0.5, "--required-share", min=0.0, max=1.0,
                                         help="Required when at least this share of the documents require it."),
    min_share: float = typer.Option(0.1, "--min-share", min=0.0, max=1.0,
                                    help="Kept when at least this share of the documents ask for it."),
    taxonomy: Optional[Path] = typer.Option(None, "--taxonomy", "-t",
                                            help="Taxonomy YAML file or directory (default: the shipped one)."),
) -> None:
    """A role profile from postings for one role: the skills they ask for, required or preferred.

    A skill is required when at least --required-share of the documents require it, preferred
    when fewer do but at least --min-share ask for it; skills are listed most asked-for first.
    """
    from .cli import _errors, _fail

    docs, output = _checked(docs, output)
    from .taxonomy import _ID_RE

    if not _ID_RE.match(name):
        _fail(f"'{name}' cannot be a role id; use lowercase letters, digits and hyphens.", 2)
    with _errors():
        from . import load
        from .corpus import read_corpus
        from .rolebuild import choose_skills, role_yaml, tally_skills
        from .taxonomy_io import atomic_write_text

        sm = load(taxonomy)
        corpus = read_corpus(docs)
        texts = [d.text for d in corpus]
        n, skills = tally_skills(zip(texts, sm.extract_many(texts)))
        required, preferred = choose_skills(skills, n, required_share, min_share)
        shown = ", ".join(d.name for d in corpus[:5]) + (", ..." if n > 5 else "")
        header = (f"Built by `skillmatch role build` from {n} documents ({shown}):\n"
                  f"required: asked for as required by at least {required_share:.0%} of them; "
                  f"preferred: asked for by at least {min_share:.0%}.\n"
                  "After each skill: documents asking for it, and mentions.")
        text = role_yaml(name, title or name.replace("-", " ").capitalize(), description, required, preferred, n, header)
        atomic_write_text(output, text)
        typer.echo(f"{len(required)} required and {len(preferred)} preferred skills from {n} documents: {output}",
                   err=True)


def _count(n: int, noun: str) -> str:
    """ "1 skill", "2,310 documents"."""
    return f"{n:,} {noun}{'' if n == 1 else 's'}"
