"""Concept linking: find a taxonomy label whose content words occur close together in any order.

Large classifications such as ESCO name skills as phrases ("work in teams", "principles of
artificial intelligence", "develop automated software tests") that texts rarely repeat word for
word ("enjoy working in a team", "Artificial Intelligence"). Linking matches labels by the stems
of their content words:

- every label (name or alias) becomes a set of word stems; stop words and filler words
  ("skills", "ability") are left out;
- a label is found when its stems occur within a short window of content words, in any order,
  that no punctuation or line break cuts, except that two words next to each other in the label
  keep their order ("team development" is not a "development team") unless "of" joins them the
  other way round ("development of the team"), or the first is a frame (a verb: "manage budgets",
  "the budgets you manage");
- a label may miss its first word when that word is a *frame* that starts many labels: mostly
  found first ("manage", "use") or heading an "of" phrase ("principles of", "types of"), as long
  as half the label's weight (inverse skill frequency) is found;
- at least two words must be found, except for a one-word name written with capitals
  (`Python`, `English`; an acronym such as `SQL` only in capitals): one-word everyday labels, and
  one-word forms that need evidence (`ambiguous`), are left to exact matching and its evidence
  rules;
- where found labels overlap, the one that found most words wins, then the best covered.

Labels are looked up by the pair of their two rarest stems that must be found, among the pairs
of nearby words (one vectorised membership test), so the cost per document grows with its length,
not with the size of the taxonomy.
"""

from __future__ import annotations

import bisect
import hashlib
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import numpy
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.strings import hash_string

from .guards import Candidate, DocView, hashes
from .phrases import KeySet, pair_key, pair_key_of
from .taxonomy import Taxonomy, guarded_forms, insensitive_forms

FRAME_SHARE = 0.004  # a stem that starts labels of this share of skills (and most labels it is in) is a frame
MIN_COVERAGE = 0.5  # share of a label's weight that must be found
SLACK = 2  # extra content words a window may hold beyond the label's own stems
MAX_STEMS = 6  # longer labels are descriptions, not names: not linked
REACH = MAX_STEMS + SLACK  # the widest window, in content words
_SUFFIXES = ("ings", "ing", "ies", "ied", "ed", "es", "s")  # inflections only: derivations mislead
BARRIERS = (",", ";", ":", ".", "!", "?", "(", ")", "[", "]", "|", "•", "·")  # windows never cross these
CONJUNCTIONS = ("and", "or", "&", "/")  # two found words on either side are coordinated, not a phrase
# Prepositions that end an "of" phrase: "development of products" is "product development",
# "development of staff for budgets" is not "budget development".
PREPOSITIONS = frozenset({"for", "in", "on", "with", "to", "at", "by", "from", "into", "about", "as"})
# Words that say a skill is meant without naming it: never part of what a label must find.
FILLERS = frozenset({"skill", "skills", "ability", "abilities", "capability", "capabilities", "competence",
                     "competences"})
# spaCy's stop words that name things in skill labels ("calls", "front-end", "mine surveying").
NOUNS = frozenset({"call", "calls", "front", "side", "fire", "mine", "top", "bottom"})
STOPS = STOP_WORDS - NOUNS
_WORD = re.compile(r"^[a-z][a-z'’]*$")


def stem(word: str) -> str:
    """A crude English stem of a lowercase word, the same for its inflections and spellings
    (`works`, `working`, `worked` -> `work`; `organised`, `organized` -> `organiz`)."""
    if not _WORD.match(word):
        return word
    word = re.sub(r"['’]s?$", "", word)
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            if suffix in ("s", "es") and word.endswith(("ss", "us", "is")):
                continue
            if suffix == "es" and not word[:-2].endswith(("s", "x", "z", "ch", "sh")):
                continue
            word = word[: -len(suffix)] + ("y" if suffix in ("ies", "ied") else "")
            break
    if word.endswith("e") and len(word) > 3:
        word = word[:-1]
    return re.sub(r"(?<=[a-z]{3})([iy])s$", r"\1z", word)  # organise/organize, analyse/analyze


def content_stems(tokens: list[str]) -> list[str | None]:
    """Each token's stem, or None for stop words and punctuation."""
    out: list[str | None] = []
    for token in tokens:
        lower = token.lower()
        skip = lower in STOPS or lower in FILLERS or not any(c.isalnum() for c in lower)
        out.append(None if skip else stem(lower))
    return out


@dataclass
class LinkIndex:
    """Labels as stem sets with weights, indexed by stem pairs (plain picklable data)."""

    labels: list[tuple[str, tuple[str, ...], tuple[float, ...], frozenset[str], bool, tuple[tuple[str, str], ...]]]
    # (skill id, stems rarest first, their weights, stems that must be found, an acronym,
    #  pairs of stems that must be found in this order)
    pairs: dict[int, list[int]]  # `pair_key` of two stem hashes (smaller first) -> labels
    singles: dict[int, list[int]]  # stem hash -> one-word labels
    loose: frozenset[tuple[str, str]]  # (stem, skill id) of one-word lowercase aliases


def compile_links(taxonomy: Taxonomy, words: Callable[[str], list[str]]) -> LinkIndex:
    """Stem sets of every matchable skill's name and aliases, weighted by inverse skill frequency."""
    # stems -> (priority, skill id, first stem, form, first word heads an "of" phrase, adjacent stem pairs)
    forms: dict[frozenset[str], tuple[int, str, str, str, bool, tuple[tuple[str, str], ...]]] = {}
    df: dict[str, int] = {}
    starts: dict[str, int] = {}  # stem -> labels of several stems it starts
    pairs: dict[tuple[frozenset[str], str], set[tuple[str, str]]] = {}  # a skill's adjacent stems, all its forms
    inside: dict[str, int] = {}  # stem -> labels of several stems it is in
    skills = sorted((s for s in taxonomy if s.match), key=lambda s: s.id)
    for skill in skills:
        seen: set[str] = set()
        for form in dict.fromkeys((*insensitive_forms(skill), *guarded_forms(skill))):
            tokens = words(form)
            stems = content_stems(tokens)
            ordered = list(dict.fromkeys(s for s in stems if s))
            if not ordered or len(ordered) > MAX_STEMS:
                continue
            seen.update(ordered)
            if len(ordered) > 1:
                starts[ordered[0]] = starts.get(ordered[0], 0) + 1
                for s in ordered:
                    inside[s] = inside.get(s, 0) + 1
            if len(ordered) == 1 and form in skill.ambiguous:
                continue  # one word that needs evidence ("Go", "React"): left to its guards
            adjacent = tuple((a, b) for a, b in zip(stems, stems[1:]) if a and b and a != b)
            pairs.setdefault((frozenset(ordered), skill.id), set()).update(adjacent)
            claim = (0 if form == skill.name else 1, skill.id, ordered[0], form, tokens[1:2] == ["of"], adjacent)
            if claim < forms.get(frozenset(ordered), (2, "", "", "", False, ())):
                forms[frozenset(ordered)] = claim
        for s in seen:
            df[s] = df.get(s, 0) + 1
    n = max(1, len(skills))
    idf = {s: math.log(n / d) for s, d in df.items()}
    heads = {s for s, k in starts.items() if k >= max(2, FRAME_SHARE * n)}
    frames = {s for s in heads if 2 * starts[s] >= inside[s]}
    index = LinkIndex([], {}, {}, frozenset(
        (stem(form), s.id) for s in skills for form in s.aliases if form.islower() and form.isalpha()))
    for stems, (_, sid, first, form, of_phrase, adjacent) in sorted(forms.items(), key=lambda kv: kv[1][1:]):
        if len(stems) == 1 and form.islower():
            continue  # a single everyday word: left to exact matching and its evidence rules
        ordered = tuple(sorted(stems, key=lambda s: (-idf[s], s)))
        frame = first in frames or of_phrase and first in heads  # "manage ...", "principles of ..."
        required = stems - {first} if len(stems) > 1 and frame else stems
        # a compound keeps its order ("team development" is not a "development team"), but a
        # first word that starts many labels, a verb, may follow its object ("project management")
        # (a skill that lists both orders, "manufacture ingredients" and "ingredients manufacture", has none)
        listed = pairs.get((stems, sid), set())
        order = tuple(p for p in adjacent if not (p[0] == first and first in frames) and (p[1], p[0]) not in listed)
        if len(stems) == 1:
            index.singles.setdefault(hash_string(ordered[0]), []).append(len(index.labels))
        else:  # two words must be found: the two rarest of those required, or both of a pair
            key = list(dict.fromkeys([*(s for s in ordered if s in required), *ordered]))[:2]
            a, b = sorted(map(hash_string, key))
            index.pairs.setdefault(pair_key_of(a, b), []).append(len(index.labels))
        index.labels.append((sid, ordered, tuple(idf[s] for s in ordered), frozenset(required), form.isupper(),
                             order))
    return index


def index_key(taxonomy: Taxonomy) -> bytes:
    """Cache key of a taxonomy's `LinkIndex`: its content and this module's code and settings."""
    return b"links\0" + hashlib.sha1(Path(__file__).read_bytes()).digest() + taxonomy.fingerprint.encode()


class Linker:
    """Finds linked candidates in a `DocView` (see the module docstring)."""

    def __init__(self, index: LinkIndex, strings):
        self.index = index
        self.strings = strings
        self._pairs = KeySet(index.pairs)
        self._singles = KeySet(index.singles)
        # lowercase token hash -> (stem, its hash), None for a stop word, "" for a barrier, "+" for `and`,
        # "of" for `of`, "in" for other prepositions
        self._stems: dict[int, tuple[str, int] | str | None] = {}
        self._barriers = hashes(strings, BARRIERS)
        self._conjunctions = hashes(strings, CONJUNCTIONS)

    def _stem_of(self, h: int) -> tuple[str, int] | str | None:
        text = self.strings[h]
        if h in self._barriers or text.isspace():  # whitespace kept among words is a line barrier
            return ""
        if h in self._conjunctions:
            return "+"
        if text == "of":
            return "of"
        if text in PREPOSITIONS:
            return "in"
        s = content_stems([text])[0]
        return None if s is None else (s, hash_string(s))

    def link(self, view: DocView, found: list[Candidate]) -> list[Candidate]:
        """`found` (exact, alias, fuzzy candidates) without one-word loose synonyms, plus linked ones.

        One-word lowercase aliases of large classifications are loose synonyms ("design" for
        "think creatively", "data" for "statistics"): linking leaves them out.
        """
        def is_loose(c: Candidate) -> bool:
            info = self._info(view.lower[c.start])
            return isinstance(info, tuple) and (info[0], c.skill_id) in self.index.loose

        kept = [c for c in found if not (c.method == "alias" and c.end - c.start == 1 and is_loose(c))]
        return kept + self.candidates(view)

    def _info(self, h: int) -> tuple[str, int] | str | None:
        """`_stem_of(h)`, remembered."""
        cache = self._stems
        return cache[h] if h in cache else cache.setdefault(h, self._stem_of(h))

    def candidates(self, view: DocView) -> list[Candidate]:
        """Linked candidates in `view`, one per group of overlapping ones."""
        lowers = view.lower
        words = view.words
        distinct, inverse = numpy.unique(view.lower_array[words], return_inverse=True)
        info = [self._info(h) for h in distinct.tolist()]
        steps = numpy.array([REACH if x == "" else 1 if isinstance(x, tuple) else 0 for x in info])[inverse]
        content = numpy.flatnonzero(steps == 1)
        if not len(content):
            return []
        after = numpy.cumsum(steps)
        places = (after - 1)[content]  # barriers put the next word out of reach
        conjunction = numpy.array([x == "+" for x in info])[inverse]
        joins = set(after[conjunction].tolist())  # places of words right after a conjunction
        # places of words right after "of" and after other prepositions
        ofs = _marks(after, numpy.array([x == "of" for x in info])[inverse],
                     numpy.array([x == "in" for x in info])[inverse])
        kinds = inverse[content]
        ids = numpy.array([x[1] if isinstance(x, tuple) else 0 for x in info], dtype="uint64")[kinds]
        todo, pairs = self._labels(ids, places, ofs)
        places = places.tolist()
        positions: dict[str, list[int]] = {}  # stem -> places, ascending
        at = dict(zip(places, words[content].tolist()))  # place -> token index
        for k, p in zip(kinds.tolist(), places):
            positions.setdefault(info[k][0], []).append(p)
        found = []
        for li, (lo, hi) in pairs.items():  # two-word labels: the pair is the match
            sid, _, weights, _, _, _ = self.index.labels[li]
            if not (hi == lo + 1 and hi in joins):
                found.append((at[lo], at[hi] + 1, 2, sum(weights), 1.0, sid))
        for li, near in sorted(todo.items()):
            sid, label_stems, weights, required, acronym, order = self.index.labels[li]
            if not required <= positions.keys():
                continue
            hit = _window(label_stems, weights, required, positions, sorted(near), joins, order, ofs)
            if hit is not None:
                lo, hi = at[hit[0]], at[hit[1] - 1] + 1
                if not (acronym and view.orth_at(lo) == lowers[lo]):  # an acronym counts in capitals only
                    found.append((lo, hi, *hit[2:], sid))
        return _resolve(found)

    def _labels(self, ids: numpy.ndarray, places: numpy.ndarray, ofs: list[tuple[int, bool]] = ()
                ) -> tuple[dict[int, set[int]], dict[int, tuple[int, int]]]:
        """Labels worth a look, each with the places to look at (one-word names present, and
        longer labels whose key pair occurs within reach), and two-word labels found, each with
        the places of its closest pair in an order it allows (`ofs`: see `_marks`)."""
        todo: dict[int, set[int]] = {}
        pairs: dict[int, tuple[int, int]] = {}
        labels = self.index.labels
        for k in self._singles.positions(ids):
            for li in self.index.singles[int(ids[k])]:
                todo.setdefault(li, set()).add(int(places[k]))
        n = len(ids)
        if n < 2:
            return todo, pairs
        firsts = numpy.concatenate([numpy.arange(n - d) for d in range(1, min(REACH, n))])
        seconds = firsts + numpy.repeat(numpy.arange(1, min(REACH, n)), [n - d for d in range(1, min(REACH, n))])
        close = numpy.flatnonzero(places[seconds] - places[firsts] < REACH)
        firsts, seconds = firsts[close], seconds[close]
        a, b = ids[firsts], ids[seconds]
        keys = pair_key(numpy.minimum(a, b), numpy.maximum(a, b))
        for k in self._pairs.positions(keys):
            lo, d = int(places[firsts[k]]), int(seconds[k] - firsts[k])
            for li in self.index.pairs[int(keys[k])]:
                size = len(labels[li][1])
                if d >= size + SLACK:
                    continue  # the pair does not fit the label's window
                if size > 2:
                    todo.setdefault(li, set()).add(lo)
                elif (labels[li][5] and hash_string(labels[li][5][0][0]) != int(ids[firsts[k]])
                      and not _of_between(ofs, lo, lo + d)):
                    continue  # a compound found in the other order, not "B of A"
                elif li not in pairs or d < pairs[li][1] - pairs[li][0]:
                    pairs[li] = (lo, lo + d)
        return todo, pairs


def _window(stems, weights, required, positions, starts, joins, order=(), ofs=()):
    """(start, end, found words, weight found, coverage) of the tightest match around one of
    `starts` (places), or None; found words on both sides of a conjunction (`joins`) don't match,
    nor found pairs of `order` in the other order unless "of" joins them (`ofs`: see `_marks`)."""
    best = None
    width = len(stems) + SLACK
    total = sum(weights)
    for at in starts:
        got, weight, where = [], 0.0, {}
        for s, w in zip(stems, weights):
            near = _nearest(positions.get(s, ()), at, width)
            if near is not None:
                got.append(near)
                where[s] = near
                weight += w
            elif s in required:
                break
        else:
            lo, hi = min(got), max(got) + 1
            if any(p in joins and p - 1 in got for p in got):
                continue
            if any(a in where and b in where and where[a] > where[b] and not _of_between(ofs, where[b], where[a])
                   for a, b in order):
                continue
            if hi - lo <= len(got) + SLACK and weight >= MIN_COVERAGE * total:
                hit = (lo, hi, len(got), weight, weight / total)
                if best is None or hit[1] - hit[0] < best[1] - best[0]:
                    best = hit
    return best


def _marks(after: numpy.ndarray, of: numpy.ndarray, other: numpy.ndarray) -> list[tuple[int, bool]]:
    """(place, True after "of" / False after another preposition), ascending, one per place."""
    marks = dict.fromkeys(after[of].tolist(), True)
    marks.update(dict.fromkeys(after[other].tolist(), False))
    return sorted(marks.items())


def _of_between(ofs: list[tuple[int, bool]], lo: int, hi: int) -> bool:
    """True when "B of A" joins places `lo` (B) and `hi` (A): the last preposition before A is an
    "of" after B (`ofs`: see `_marks`)."""
    i = bisect.bisect_right(ofs, (hi, True)) - 1
    return i >= 0 and ofs[i][0] > lo and ofs[i][1]


def _nearest(places: list[int], at: int, width: int) -> int | None:
    """The place in ascending `places` nearest to `at`, if closer than `width`."""
    i = bisect.bisect_left(places, at)
    after = places[i] if i < len(places) and places[i] - at < width else None
    if i and at - places[i - 1] < width and (after is None or at - places[i - 1] <= after - at):
        return places[i - 1]
    return after


def _resolve(found) -> list[Candidate]:
    """Most found tokens first, then coverage, then weight; a token serves one label."""
    taken: set[int] = set()
    out = []
    for lo, hi, count, weight, coverage, sid in sorted(found, key=lambda f: (-f[2], -f[4], -f[3], f[0], f[5])):
        if taken.isdisjoint(range(lo, hi)):
            taken.update(range(lo, hi))
            out.append(Candidate(lo, hi, sid, "linked", round(0.6 + 0.3 * coverage, 3)))
    return out
