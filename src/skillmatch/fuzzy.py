"""Typo-tolerant lookup of single words against a vocabulary of skill forms (rapidfuzz)."""

from __future__ import annotations

from collections import defaultdict
from typing import Callable, Iterable

from rapidfuzz import process
from rapidfuzz.distance import OSA

Scorer = Callable[..., float]


class FuzzyIndex:
    """Skill forms bucketed by first letter, so each lookup compares a handful of candidates.

    Typos in the first letter are rare in practice and requiring it removes most false
    friends; the scorer defaults to the optimal-string-alignment similarity (0..1), which
    counts a transposition (`Pyhton`) as one edit.
    """

    def __init__(self, forms: Iterable[tuple[str, str]], min_length: int = 6):
        self.min_length = min_length
        self._buckets: dict[str, dict[str, str]] = defaultdict(dict)
        for form, skill_id in forms:
            if len(form) >= min_length - 1 and form.isalpha():
                self._buckets[form[0]][form] = skill_id

    def lookup(
        self,
        word: str,
        *,
        score_cutoff: float,
        scorer: Scorer = OSA.normalized_similarity,
    ) -> tuple[str, str, float] | None:
        """Best `(form, skill_id, score)` for a lowercase word, or None below `score_cutoff`."""
        return best_match(word, self._buckets.get(word[:1], {}), min_length=self.min_length,
                          score_cutoff=score_cutoff, scorer=scorer)


def best_match(
    word: str,
    choices: dict[str, str],
    *,
    min_length: int,
    score_cutoff: float,
    scorer: Scorer = OSA.normalized_similarity,
) -> tuple[str, str, float] | None:
    """Best `(form, value, score)` among `choices` (form -> value) for `word`, or None.

    Words shorter than `min_length` or containing non-letters are never matched.
    """
    if len(word) < min_length or not word.isalpha() or not choices:
        return None
    hit = process.extractOne(word, choices.keys(), scorer=scorer, score_cutoff=score_cutoff)
    if hit is None:
        return None
    form, score, _ = hit
    return form, choices[form], float(score)
