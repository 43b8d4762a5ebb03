"""A phrase table over token hashes: what `PhraseMatcher` does, without a `Doc` per pattern.

Patterns are tuples of spaCy string hashes (of `LOWER` or `ORTH` values), so a taxonomy of
tens of thousands of surface forms compiles in a fraction of a second, and matching a document
costs one set lookup per token plus dictionary lookups where a pattern can start.
"""

from __future__ import annotations

from typing import Generic, Iterator, TypeVar

from spacy.strings import hash_string

V = TypeVar("V")


class PhraseTable(Generic[V]):
    """Maps token-hash sequences to values; finds every occurrence in a hash sequence."""

    def __init__(self) -> None:
        self._table: dict[tuple[int, ...], V] = {}
        self._lengths: dict[int, tuple[int, ...]] = {}  # first hash -> pattern lengths, longest first

    def __len__(self) -> int:
        return len(self._table)

    def add(self, words: list[str], value: V) -> bool:
        """Add a pattern (its token strings, already cased as matched); first one added wins."""
        key = tuple(hash_string(w) for w in words)
        if not key or key in self._table:
            return False
        self._table[key] = value
        lengths = set(self._lengths.get(key[0], ()))
        lengths.add(len(key))
        self._lengths[key[0]] = tuple(sorted(lengths, reverse=True))
        return True

    def find(self, hashes: list[int]) -> Iterator[tuple[int, int, V]]:
        """Every `(start, end, value)` whose tokens `hashes[start:end]` form a pattern."""
        lengths, table = self._lengths, self._table
        n = len(hashes)
        for i in [i for i, h in enumerate(hashes) if h in lengths]:
            for size in lengths[hashes[i]]:
                if i + size <= n:
                    value = table.get(tuple(hashes[i : i + size]))
                    if value is not None:
                        yield i, i + size, value
