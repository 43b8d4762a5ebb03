"""Tables of documents in, tables of scores out: CSV, JSONL, Parquet and folders of files.

Inputs are read in chunks so memory stays bounded whatever their size; a bad row becomes an
`Item` carrying its error instead of stopping the run. Outputs are written to a temporary
file beside the target and renamed into place, so an interrupted run never leaves a partial
file; CSV cells that a spreadsheet would run as formulas are neutralised.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import tempfile
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Sequence

import pandas as pd

from .errors import SkillmatchError
from .readers import DOCUMENT_SUFFIXES, read_document

TABLE_SUFFIXES = {".csv", ".jsonl", ".ndjson", ".parquet", ".pq"}
TEXT_COLUMNS = ("text", "resume_text", "resume", "resume_str", "cv", "cv_text", "content", "body",
                "document", "description", "job_description", "posting", "posting_text")
PATH_COLUMNS = ("path", "file", "filepath", "file_path", "filename", "pdf_path", "document_path")
ID_COLUMNS = ("id", "resume_id", "candidate_id", "job_id", "posting_id", "uid", "key")
NAME_COLUMNS = ("title", "job_title", "name", "position")
MIN_TEXT_LENGTH = 80  # mean length above which an unnamed string column is taken as the text
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_BAD_LINE = re.compile(r"Skipping line (\d+): (.*)")


@dataclass(frozen=True)
class Item:
    """One document to score: its text, or a path to read, or the reason it cannot be read."""

    id: str
    text: str | None = None
    path: str | None = None
    error: str | None = None
    name: str = ""


@dataclass(frozen=True)
class Columns:
    text: str | None
    path: str | None
    id: str | None
    name: str | None = None


def item_text(item: Item) -> tuple[str | None, str | None]:
    """`(text, error)` of an item: its own text, or its file read now, or its error."""
    if item.error or item.path is None:
        return item.text, item.error
    path = item.path
    if len(path) > 1024 or "\n" in path:
        return None, "the path column holds text, not a file path; use --text-column for text."
    try:
        return read_document(path), None
    except SkillmatchError as exc:
        return None, str(exc)
    except Exception as exc:  # a reader bug must not sink the batch: record it on the row
        return None, f"{Path(path).name}: could not be read ({type(exc).__name__}: {exc})."


def is_table(path: str | Path) -> bool:
    return Path(path).suffix.lower() in TABLE_SUFFIXES


class Source:
    """Documents from a table, a folder or a DataFrame, yielded in chunks of `Item`s.

    `total` is the size of the whole in the units `progress` reports after each chunk (rows,
    files or bytes), or None when unknown.
    """

    def __init__(self, where: str | Path | pd.DataFrame, *, text_column: str | None = None,
                 path_column: str | None = None, id_column: str | None = None, chunk_size: int = 256):
        self.where = where
        self.chosen = (text_column, path_column, id_column)
        self.chunk_size = chunk_size
        self.total: int | None = None
        self.progress = 0
        self._rows = 0  # rows turned into items so far (numbers rows without an id column)
        self.in_memory = isinstance(where, pd.DataFrame)
        if self.in_memory:
            self.name, self.total = "the table", len(where)
            return
        path = Path(where)
        self.name = path.name
        if not path.exists():
            raise SkillmatchError(f"{path}: no such file or folder.")
        if path.is_dir():
            self._files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in DOCUMENT_SUFFIXES)
            if not self._files:
                raise SkillmatchError(f"{path}: the folder holds no PDF, DOCX, TXT, MD or HTML files.")
            self.total = len(self._files)
        elif path.suffix.lower() not in TABLE_SUFFIXES:
            raise SkillmatchError(f"{path.name}: batch input must be a CSV, JSONL or Parquet file or a folder.")
        elif path.stat().st_size == 0:
            raise SkillmatchError(f"{path.name}: the file is empty.")
        else:
            self.total = _parquet_rows(path) if path.suffix.lower() in (".parquet", ".pq") else path.stat().st_size
            if path.suffix.lower() == ".csv":
                self._check_csv(path)

    def _check_csv(self, path: Path) -> None:
        """Find the CSV's encoding (kept for reading it) and refuse binary data or broken quoting."""
        with path.open("rb") as fh:
            head = fh.read(1 << 20)
        self._encoding = _sniff_encoding(head)
        if head[:4096].count(b"\x00") > 8 and self._encoding != "utf-16":  # a stray NUL is only a bad cell
            raise SkillmatchError(f"{path.name}: not a text CSV file (it holds binary data).")
        if where := _broken_quoting(path, self._encoding):
            raise SkillmatchError(
                f"{path.name}: the quoting breaks at {where}, so rows cannot be told apart reliably; "
                "fix the file (every quoted cell needs its closing \", and a quote inside one is written \"\").")

    def __iter__(self) -> Iterator[list[Item]]:
        where = self.where
        if self.in_memory:
            yield from self._frames(where.iloc[i : i + self.chunk_size] for i in range(0, len(where), self.chunk_size))
            return
        path = Path(where)
        if path.is_dir():
            for i in range(0, len(self._files), self.chunk_size):
                files = self._files[i : i + self.chunk_size]
                self.progress += len(files)
                yield [Item(str(p.relative_to(path)), path=str(p)) for p in files]
        elif path.suffix.lower() == ".csv":
            yield from self._csv(path)
        elif path.suffix.lower() in (".jsonl", ".ndjson"):
            yield from self._jsonl(path)
        else:
            yield from self._parquet(path)

    # ------------------------------------------------------------------ formats
    def _frames(self, frames: Iterable[pd.DataFrame], base: Path | None = None) -> Iterator[list[Item]]:
        columns = None
        for frame in frames:
            if columns is None:
                columns = choose_columns(frame, *self.chosen, source=self.name)
            self.progress += len(frame)
            yield self._items(frame, columns, base)

    def _items(self, frame: pd.DataFrame, columns: "Columns", base: Path | None) -> list[Item]:
        items = rows_to_items(frame, columns, base, first_row=self._rows + 1)
        self._rows += len(frame)
        return items

    def _csv(self, path: Path) -> Iterator[list[Item]]:
        with path.open("rb") as fh:
            reader = _csv_chunks(fh, self._encoding, self.chunk_size, path.name)
            columns = rows = None
            for frame, bad in reader:
                self.progress = fh.tell()
                items = [Item(f"line {n}", error=f"{path.name}, line {n}: {why}") for n, why in bad]
                if frame is not None and len(frame):
                    if columns is None:
                        columns = choose_columns(frame, *self.chosen, source=path.name)
                    items += self._items(frame, columns, path.parent)
                if items:
                    rows = True
                    yield items
            if rows is None:
                raise SkillmatchError(f"{path.name}: no rows under the header line; a batch CSV needs a header "
                                      "and one row per document.")

    def _jsonl(self, path: Path) -> Iterator[list[Item]]:
        def chunks() -> Iterator[tuple[list[dict], list[Item]]]:
            rows: list[dict] = []
            bad: list[Item] = []
            with path.open("rb") as fh:
                for n, raw in enumerate(fh, 1):
                    if not raw.strip():
                        continue
                    try:
                        row = json.loads(raw.decode("utf-8-sig" if n == 1 else "utf-8"))
                        if not isinstance(row, dict):
                            raise ValueError
                        rows.append(row)
                    except (ValueError, UnicodeDecodeError):
                        bad.append(Item(f"line {n}", error=f"{path.name}, line {n}: not a JSON object."))
                    if len(rows) + len(bad) >= self.chunk_size:
                        self.progress = fh.tell()
                        yield rows, bad
                        rows, bad = [], []
                self.progress = fh.tell()
            if rows or bad:
                yield rows, bad

        columns = None
        for rows, bad in chunks():
            items = list(bad)
            if rows:
                frame = pd.DataFrame(rows)
                columns = columns or choose_columns(frame, *self.chosen, source=path.name)
                items += self._items(frame, columns, path.parent)
            yield items

    def _parquet(self, path: Path) -> Iterator[list[Item]]:
        parquet = _pyarrow_parquet()
        try:
            batches = parquet.ParquetFile(path).iter_batches(batch_size=self.chunk_size)
            yield from self._frames((b.to_pandas() for b in batches), path.parent)
        except OSError as exc:
            raise SkillmatchError(f"{path.name}: not a readable Parquet file ({exc}).") from None


def choose_columns(frame: pd.DataFrame, text_column: str | None, path_column: str | None,
                   id_column: str | None, *, source: str) -> Columns:
    """The text (or path), id and name columns: as named, or recognised by name and content."""
    names = [str(c) for c in frame.columns]
    lower = {n.lower(): n for n in names}

    def named(wanted: str | None, what: str) -> str | None:
        if wanted is None:
            return None
        if wanted in names:
            return wanted
        raise SkillmatchError(f"{source} has no {what} column '{wanted}'; its columns are: {', '.join(names)}.")

    def known(candidates: tuple[str, ...]) -> str | None:
        return next((lower[c] for c in candidates if c in lower), None)

    text, path, ident = named(text_column, "text"), named(path_column, "path"), named(id_column, "id")
    if text is None and path is None:
        text = known(TEXT_COLUMNS)
        if text is None:
            path = known(PATH_COLUMNS)
        if text is None and path is None:
            strings = [n for n in names if not pd.api.types.is_numeric_dtype(frame[n])]
            lengths = {n: frame[n].astype(str).str.len().mean() for n in strings}
            longest = max(lengths, key=lengths.get, default=None)
            if longest is not None and lengths[longest] >= MIN_TEXT_LENGTH:
                text = longest
            else:
                path = next((n for n in strings if frame[n].astype(str).str.lower()
                             .str.endswith(tuple(DOCUMENT_SUFFIXES)).mean() > 0.5), None)
        if text is None and path is None:
            raise SkillmatchError(f"{source}: no column of document text or file paths found among "
                                  f"{', '.join(names)}; name one with --text-column or --path-column.")
    if ident is None:
        ident = known(ID_COLUMNS)
    name = known(NAME_COLUMNS)
    return Columns(text, path, ident, name if name not in (text, path, ident) else None)


def rows_to_items(frame: pd.DataFrame, columns: Columns, base: Path | None = None,
                  first_row: int = 1) -> list[Item]:
    """One `Item` per row (ids from the id column, else row numbers); empty rows carry an error."""
    ids = (frame[columns.id].astype(str).tolist() if columns.id
           else [f"row {first_row + i}" for i in range(len(frame))])
    names = frame[columns.name].astype(str).tolist() if columns.name else [""] * len(frame)
    items = []
    values = frame[columns.text or columns.path].tolist()
    for ident, name, value in zip(ids, names, values):
        if not isinstance(value, str) or not value.strip():
            what = "text" if columns.text else "file path"
            items.append(Item(ident, error=f"the {what} is empty.", name=name))
        elif columns.text:
            items.append(Item(ident, text=value, name=name))
        else:
            file = Path(value)
            if base is not None and not file.is_absolute():
                file = base / file
            items.append(Item(ident, path=str(file), name=name))
    return items


def _csv_chunks(fh, encoding: str, size: int, name: str) -> Iterator[tuple[pd.DataFrame | None, list]]:
    """CSV chunks with the lines the parser had to skip (line number, reason)."""
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            reader = pd.read_csv(fh, chunksize=size, dtype=str, keep_default_na=False, encoding=encoding,
                                 encoding_errors="replace", on_bad_lines="warn")
            for frame in reader:
                yield frame, _bad_lines(caught)
                caught.clear()
            yield None, _bad_lines(caught)
    except pd.errors.EmptyDataError:
        raise SkillmatchError(f"{name}: the file has no header row.") from None
    except pd.errors.ParserError as exc:
        yield None, [("?", f"the rest of the file cannot be parsed as CSV ({str(exc).strip()}).")]


def _bad_lines(caught: list) -> list[tuple[str, str]]:
    out = []
    for w in caught:
        for line in str(w.message).splitlines():
            if m := _BAD_LINE.search(line):
                out.append((m.group(1), m.group(2).rstrip(".") + "; the row was not scored."))
    return out


def _broken_quoting(path: Path, encoding: str) -> str | None:
    """Where a CSV's quoting breaks ("line 3", "the end of the file"): a quote never closed, or text
    after a closing quote. None when the quoting is sound."""
    with path.open(encoding=encoding, errors="replace", newline="") as fh:
        reader = csv.reader((line.replace("\x00", "") for line in fh), strict=True)
        try:
            for _ in reader:
                pass
        except csv.Error as exc:
            if "field larger than field limit" in str(exc):
                return None  # a long cell, not a quoting problem; pandas reads it
            return "the end of the file" if "unexpected end of data" in str(exc) else f"line {reader.line_num}"
    return None


def _sniff_encoding(head: bytes) -> str:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 4:  # not just a character cut at the sniffing boundary
            return "cp1252"
    return "utf-8-sig"


def _pyarrow_parquet():
    try:
        import pyarrow.parquet as parquet
    except ImportError:
        raise SkillmatchError("Parquet needs pyarrow: pip install 'skillmatch[parquet]'.") from None
    return parquet


def _parquet_rows(path: Path) -> int:
    try:
        return _pyarrow_parquet().ParquetFile(path).metadata.num_rows
    except OSError as exc:
        raise SkillmatchError(f"{path.name}: not a readable Parquet file ({exc}).") from None


# ---------------------------------------------------------------------- outputs
LIST_SEPARATOR = "; "  # joins list cells (matched skills, ...) in a CSV


def neutralise(value: object) -> object:
    """A string a spreadsheet would run as a formula, made inert with a leading apostrophe."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def sql_neutralise(expr: str) -> str:
    """SQLite expression doing what `neutralise` does to the text value of `expr`."""
    starts = ", ".join(f"char({ord(c)})" for c in _FORMULA_START)
    return f"CASE WHEN substr({expr}, 1, 1) IN ({starts}) THEN char(39) || {expr} ELSE {expr} END"


def _csv_cell(value: object) -> object:
    if isinstance(value, list):
        value = LIST_SEPARATOR.join(value)
    elif value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return ""
    return neutralise(value)


class TableWriter:
    """Write DataFrame chunks to `path` (.csv, .jsonl or .parquet) atomically."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.kind = self.path.suffix.lower()
        if self.kind not in TABLE_SUFFIXES:
            raise SkillmatchError(f"{self.path.name}: the output must end in .csv, .jsonl or .parquet.")
        if self.path.is_dir():
            raise SkillmatchError(f"{self.path}: is a directory; give a file name to write to.")
        if self.kind in (".parquet", ".pq"):
            _pyarrow_parquet()
        self._tmp: str | None = None
        self._handle = None
        self._parquet = None
        self._csv = None
        self._text: io.TextIOWrapper | None = None

    def __enter__(self) -> "TableWriter":
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, self._tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".part", dir=self.path.parent)
        except OSError as exc:
            raise SkillmatchError(f"{self.path}: cannot write the file ({exc.strerror or exc}).") from None
        self._handle = os.fdopen(fd, "wb")
        return self

    def write_rows(self, columns: Sequence[str], rows: Iterable[tuple], csv_ready: bool = False) -> None:
        """Append rows (tuples in `columns` order). `csv_ready` rows already hold CSV cells:
        lists joined with `LIST_SEPARATOR` and formulas neutralised."""
        if self.kind != ".csv":
            self.write(pd.DataFrame.from_records(list(rows), columns=list(columns)))
            return
        if self._csv is None:
            self._text = io.TextIOWrapper(self._handle, encoding="utf-8", newline="", write_through=True)
            self._csv = csv.writer(self._text, lineterminator="\n")
            self._csv.writerow(columns)
        self._csv.writerows(rows if csv_ready else (tuple(_csv_cell(v) for v in row) for row in rows))

    def write(self, frame: pd.DataFrame) -> None:
        """Append a DataFrame's rows."""
        if self.kind == ".csv":
            self.write_rows([str(c) for c in frame.columns], frame.itertuples(index=False, name=None))
        elif self.kind in (".jsonl", ".ndjson"):
            text = frame.to_json(orient="records", lines=True, force_ascii=False)
            self._handle.write(text.encode("utf-8") + (b"" if text.endswith("\n") else b"\n"))
        else:
            import pyarrow as pa

            table = pa.Table.from_pandas(frame, preserve_index=False)
            if self._parquet is None:
                self._parquet = _pyarrow_parquet().ParquetWriter(self._handle, table.schema)
            self._parquet.write_table(table.cast(self._parquet.schema))

    def __exit__(self, exc_type, exc, tb) -> None:
        try:
            if self._parquet is not None:
                self._parquet.close()
            if self._text is not None:
                self._text.flush()
                self._text.detach()
            self._handle.flush()
            if exc_type is None:
                os.fsync(self._handle.fileno())
            self._handle.close()
            if exc_type is None:
                umask = os.umask(0)
                os.umask(umask)
                os.chmod(self._tmp, 0o666 & ~umask)
                os.replace(self._tmp, self.path)
        except OSError as exc2:
            raise SkillmatchError(f"{self.path}: cannot write the file ({exc2.strerror or exc2}).") from None
        finally:
            if os.path.exists(self._tmp):
                os.unlink(self._tmp)


__all__ = ["Item", "Source", "TableWriter", "choose_columns", "is_table", "neutralise"]
