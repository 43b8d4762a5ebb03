"""A phrase table over token hashes: what `PhraseMatcher` does, without a `Doc` per pattern.

Patterns are tuples of spaCy string hashes (of `LOWER` or `ORTH` values), so a taxonomy of
tens of thousands of surface forms compiles in a fraction of a second. Matching a document
is two vectorised membership tests over its token hashes (one-token patterns, and the first
two tokens of longer ones) plus a dictionary lookup where a longer pattern can start.
"""

from __future__ import annotations

from typing import Generic, Sequence, TypeVar

import numpy
from spacy.strings import hash_string
from spacy.symbols import IDS

V = TypeVar("V")
_MULTIPLIER = 0x9E3779B97F4A7C15


def token_hash(word: str) -> int:
    """The id a `Doc` gives `word`: its string hash, or its symbol id (`agent`, `cc`, `ORG`)."""
    return IDS.get(word) or hash_string(word)


def pair_key(first: numpy.ndarray, second: numpy.ndarray) -> numpy.ndarray:
    """One uint64 key per pair of token hashes (wrapping arithmetic; equal pairs, equal keys)."""
    return first * numpy.uint64(_MULTIPLIER) + second


def pair_key_of(first: int, second: int) -> int:
    """`pair_key` for one pair of Python ints."""
    return (first * _MULTIPLIER + second) & 0xFFFFFFFFFFFFFFFF


class KeySet:
    """A set of uint64 keys with a vectorised membership test.

    A bitmap over the keys' low bits rules out nearly every non-member in one gather; the few
    that pass are checked exactly.
    """

    def __init__(self, keys) -> None:
        self.keys = frozenset(keys)
        bits = min(24, max(8, len(self.keys).bit_length() + 5))  # about 3% of the bitmap set
        self._mask = numpy.int64((1 << bits) - 1)
        self._bitmap = numpy.zeros(1 << bits, dtype=bool)
        if self.keys:
            self._bitmap[numpy.array(list(self.keys), dtype="uint64").view("int64") & self._mask] = True

    def __len__(self) -> int:
        return len(self.keys)

    def positions(self, values: numpy.ndarray) -> list[int]:
        """Indices of `values` (uint64) that are in the set."""
        return [i for i, _ in self.members(values)]

    def members(self, values: numpy.ndarray) -> list[tuple[int, int]]:
        """`(index, value)` of the `values` (uint64) that are in the set, values as Python ints."""
        if not self.keys or not len(values):
            return []
        maybe = numpy.flatnonzero(self._bitmap.take(values.view("int64") & self._mask)).tolist()
        if not maybe:
            return []
        keys = self.keys
        return [(i, v) for i, v in zip(maybe, values[maybe].tolist()) if v in keys]


class PhraseTable(Generic[V]):
    """Maps token-hash sequences to values; finds every occurrence in a hash sequence."""

    def __init__(self) -> None:
        self._table: dict[tuple[int, ...], V] = {}
        self._index: tuple | None = None

    def __len__(self) -> int:
        return len(self._table)

    def add(self, words: list[str], value: V) -> bool:
        """Add a pattern (its token strings, already cased as matched); first one added wins."""
        key = tuple(token_hash(w) for w in words)
        if not key or key in self._table:
            return False
        self._table[key] = value
        self._index = None
        return True

    def index(self) -> tuple:
        """The search index (made once after the last change, and pickled with the table)."""
        if self._index is None:
            self._index = self._make_index()
        return self._index

    def _make_index(self) -> tuple:
        longer = [k for k in self._table if len(k) > 1]
        heads = pair_key(numpy.array([k[0] for k in longer], dtype="uint64"),
                         numpy.array([k[1] for k in longer], dtype="uint64")).tolist()
        lengths: dict[int, set[int]] = {}
        for head, k in zip(heads, longer):
            lengths.setdefault(head, set()).add(len(k))
        by_head = {head: tuple(sorted(sizes, reverse=True)) for head, sizes in lengths.items()}
        ones = {k[0]: value for k, value in self._table.items() if len(k) == 1}
        return KeySet(ones), ones, KeySet(by_head), by_head

    def find(self, hashes: numpy.ndarray, values: list[int] | None = None,
             at: Sequence[int] | None = None) -> list[tuple[int, int, V]]:
        """Every `(start, end, value)` whose tokens `hashes[start:end]` (uint64) form a pattern.

        A caller holding the hashes as Python ints passes them as `values[at[i]] == hashes[i]`,
        which saves converting the whole array (64-bit ints are costly to make) where longer
        patterns may start; without them, the array is converted only if one may.
        """
        singles, ones, heads, by_head = self.index()
        n = len(hashes)
        found = [(i, i + 1, ones[value]) for i, value in singles.members(hashes)]
        starts = heads.positions(pair_key(hashes[:-1], hashes[1:])) if n > 1 else []
        if starts:
            if values is None:
                values, at = hashes.tolist(), range(n)
            table, value_at = self._table, values.__getitem__
            for i in starts:
                for size in by_head[pair_key_of(values[at[i]], values[at[i + 1]])]:
                    if i + size <= n:
                        value = table.get(tuple(map(value_at, at[i : i + size])))
                        if value is not None:
                            found.append((i, i + size, value))
        return found
