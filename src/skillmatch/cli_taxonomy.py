"""`skillmatch taxonomy ...`: import, merge, validate and describe taxonomies (`build` is in cli_build).

Mounted on the main app in cli.py; add a command with `@taxonomy_app.command("name")`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Callable, List

import typer

taxonomy_app = typer.Typer(help="Import, build, merge, validate and describe skill taxonomies.",
                           no_args_is_help=True, rich_markup_mode=None)
import_app = typer.Typer(help="Import a taxonomy from ESCO, O*NET or your own CSV list (see docs/taxonomy-import.md).",
                         no_args_is_help=True, rich_markup_mode=None)
taxonomy_app.add_typer(import_app, name="import")

OutputOpt = typer.Option(..., "--output", "-o", help="The taxonomy YAML file to write (atomically).")


def _errors():
    from .cli import _errors  # the main CLI's one-sentence error handling (cli.py imports this module)

    return _errors()


def _say(message: str) -> None:
    typer.echo(f"skillmatch: {message}", err=True)


def _write(skills, notes: list[str], output: Path, what: str, linking: bool = False) -> None:
    from .taxonomy_io import write_taxonomy

    for note in notes:
        _say(note)
    skills = list(skills)
    write_taxonomy(skills, output, linking=linking)
    matched = sum(1 for s in skills if s.match)
    _say(f"wrote {matched:,} skills and {len(skills) - matched:,} grouping nodes from {what} to {output}.")


def _import(load: Callable, source: Path, output: Path, what: str, enrich: bool = False, linking: bool = False) -> None:
    with _errors():
        result = load(source)
        skills, notes = result.taxonomy, result.notes
        if enrich:
            from .taxonomy import default_taxonomy_dir, load_taxonomy
            from .taxonomy_enrich import enrich_taxonomy

            enriched = enrich_taxonomy(result.taxonomy, load_taxonomy(default_taxonomy_dir()))
            skills, notes = enriched.taxonomy, [*notes, *enriched.conflicts]
        _write(skills, notes, output, what, linking)


@import_app.command("esco")
def import_esco_cmd(
    folder: Path = typer.Argument(..., metavar="DIR", help="Folder of the ESCO CSV export (English classification and relations)."),
    output: Path = OutputOpt,
    enrich: bool = typer.Option(False, "--enrich", help="Also give ESCO skills the written forms and guards of "
                                "the shipped skills that share a label with them (docs/esco-linking.md)."),
) -> None:
    """Import ESCO skills: labels as aliases, skill groups as broader nodes, URIs kept; the file
    asks for linking (`linking: true`), as ESCO names skills as phrases."""
    from .importers import import_esco

    _import(import_esco, folder, output, "ESCO", enrich, linking=True)


@import_app.command("onet")
def import_onet_cmd(
    folder: Path = typer.Argument(..., metavar="DIR", help="Folder holding O*NET 'Technology Skills.txt' and 'Tools Used.txt'."),
    output: Path = OutputOpt,
) -> None:
    """Import O*NET technologies and tools: commodity titles as broader nodes, hot technologies flagged."""
    from .importers import import_onet

    _import(import_onet, folder, output, "O*NET")


@import_app.command("csv")
def import_csv_cmd(
    file: Path = typer.Argument(..., metavar="FILE", help="CSV with columns name, aliases, category, broader (and optional id, kind, description)."),
    output: Path = OutputOpt,
) -> None:
    """Import your own skill list from a CSV file."""
    from .importers import import_csv

    _import(import_csv, file, output, file.name)


@taxonomy_app.command("merge")
def merge_cmd(
    taxonomies: List[Path] = typer.Argument(..., metavar="TAXONOMY", help="Taxonomy files or directories; earlier ones win conflicts."),
    output: Path = OutputOpt,
) -> None:
    """Merge taxonomies into one file, listing every conflict and how it was settled."""
    with _errors():
        from .taxonomy import load_taxonomy
        from .taxonomy_merge import merge_taxonomies

        merged = merge_taxonomies([load_taxonomy(t) for t in taxonomies])
        for conflict in merged.conflicts:
            typer.echo(conflict)
        _write(merged.taxonomy, [f"{len(merged.conflicts):,} conflict(s), listed above."] if merged.conflicts else [],
               output, f"{len(taxonomies)} taxonomies", merged.taxonomy.linking)


@taxonomy_app.command("validate")
def validate_cmd(taxonomy: Path = typer.Argument(..., metavar="TAXONOMY", help="Taxonomy YAML file or directory.")) -> None:
    """Check a taxonomy; on the first problem, name the file and the skill and exit 1."""
    with _errors():
        from .taxonomy import load_taxonomy

        tax = load_taxonomy(taxonomy)
        typer.echo(f"{taxonomy}: valid, {len(tax):,} entries.")


@taxonomy_app.command("stats")
def stats_cmd(
    taxonomy: Path = typer.Argument(..., metavar="TAXONOMY", help="Taxonomy YAML file or directory."),
    as_json: bool = typer.Option(False, "--json", help="Print the figures as JSON."),
) -> None:
    """Skills, labels, kinds, categories, links and depth of a taxonomy."""
    with _errors():
        from .taxonomy import load_taxonomy
        from .taxonomy_stats import format_stats, taxonomy_stats

        stats = taxonomy_stats(load_taxonomy(taxonomy))
        typer.echo(json.dumps(stats, indent=2) if as_json else format_stats(stats), nl=as_json)
