"""A corpus to build from: document files, folders of them, and tables with a text column.

Identical texts (the same posting in two files) are kept once, so document counts are honest.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Sequence

from .errors import SkillmatchError
from .readers import read_document


@dataclass(frozen=True)
class Document:
    """One text of the corpus and where it came from (`file` or `table:row id`)."""

    name: str
    text: str


def read_corpus(paths: Sequence[str | Path]) -> list[Document]:
    """Every distinct document in `paths`; errors are one sentence naming the file."""
    seen: set[str] = set()
    out = []
    for doc in (d for path in paths for d in _documents(Path(path))):
        if doc.text not in seen:
            seen.add(doc.text)
            out.append(doc)
    if not out:
        raise SkillmatchError("the documents given hold no text.")
    return out


def _documents(path: Path) -> Iterator[Document]:
    from .tables import is_table

    if not (path.is_dir() or is_table(path)):
        yield Document(path.name, read_document(path))
        return
    from .tables import Source

    for chunk in Source(path):
        yield from _items(path, chunk)


def _items(path: Path, items: Iterable) -> Iterator[Document]:
    """Documents of a table or folder chunk; empty rows are skipped, unreadable files are errors."""
    from .tables import item_text

    for item in items:
        if item.error and item.path is None:  # an empty row
            continue
        text, error = item_text(item)
        if error:
            raise SkillmatchError(error)
        yield Document(f"{path.name}:{item.id}" if item.path is None else Path(item.path).name, text)
