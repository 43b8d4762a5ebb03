"""Read the delimited text files importers take, with one-sentence errors for bad input."""

from __future__ import annotations

import csv
import sys
from pathlib import Path
from typing import Iterator

from ..errors import TaxonomyError


def source_file(folder: Path, name: str, what: str) -> Path:
    """`folder/name`, also found one level down (`classification_en/`), or a clear error."""
    if not folder.is_dir():
        raise TaxonomyError(f"{folder}: no such directory; give the folder that holds {what}.")
    path = optional_file(folder, name)
    if path is None:
        raise TaxonomyError(f"{folder}: {name} not found; give the folder that holds {what}.")
    return path


def optional_file(folder: Path, name: str) -> Path | None:
    """`folder/name` or `folder/*/name`, or None."""
    for candidate in (folder / name, *sorted(folder.glob(f"*/{name}"))):
        if candidate.is_file():
            return candidate
    return None


def read_rows(path: Path, required: tuple[str, ...], delimiter: str = ",") -> Iterator[dict[str, str]]:
    """Rows of a UTF-8 CSV/TSV file as dicts (values stripped); checks the header first."""
    csv.field_size_limit(sys.maxsize)
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            quoting = csv.QUOTE_NONE if delimiter == "\t" else csv.QUOTE_MINIMAL  # TSV releases are unquoted
            reader = csv.DictReader(handle, delimiter=delimiter, quoting=quoting, strict=True)
            header = [h.strip() for h in reader.fieldnames or ()]
            missing = [c for c in required if c not in header]
            if missing:
                raise TaxonomyError(f"{path}: missing column(s) {', '.join(missing)}; "
                                    f"the header has {', '.join(header) or 'nothing'}.")
            reader.fieldnames = header
            for row in reader:
                yield {k: (v or "").strip() for k, v in row.items() if k is not None}
    except UnicodeDecodeError:
        raise TaxonomyError(f"{path}: the file is not UTF-8 text; save it as UTF-8 and try again.") from None
    except csv.Error as exc:
        raise TaxonomyError(f"{path}: not a readable {'TSV' if delimiter == chr(9) else 'CSV'} file ({exc}).") from None
    except OSError as exc:
        raise TaxonomyError(f"{path}: cannot read the file ({exc.strerror or exc}).") from None


def split_list(value: str, separators: str = "\n") -> list[str]:
    """Items of a cell holding a list (one per line, or separated by any of `separators`)."""
    for sep in separators[1:]:
        value = value.replace(sep, separators[0])
    return [item.strip() for item in value.split(separators[0]) if item.strip()]
