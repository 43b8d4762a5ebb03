"""Propose new skills from a corpus: candidate phrases counted, grouped and ranked.

Each document goes through spaCy once (`nlp.pipe`); `mining.candidates` finds the phrases.
Variants of one skill (`Node.js`, `NodeJS`, `node js`; `APIs`; `modeling`, `modelling`;
`work independently`, `working independently`; `writing`, `writing skills`) are grouped: same
letters once case, spaces, hyphens, dots, plural `s`, a leading `-ing` and a generic last noun
are set aside, or a spelling one edit away (rapidfuzz) for long ones. A group is proposed when
at least `min_docs` documents name it in a skill context (a cue or a list), or, for a
distinctive name (tech-shaped or no English word: `Sitecore`, `J2EE`), when one does and it
occurs in at least `min_docs`. It is ranked by

    score = sqrt(share of documents naming it in a skill context)
            x share of the documents containing the phrase at all that name it so

so a skill named in many postings, and named mostly as a skill, comes first; a common word
(`develop`, `team`) that sometimes lands in a list scores low.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Callable, Iterable

import spacy
from rapidfuzz import process
from rapidfuzz.distance import OSA
from spacy.language import Language

from .api import TOKENIZER_CONFIG, SkillMatch
from .mentions import doc_mentions, quote
from .mining import CUE, GENERIC_HEADS, LIST, candidates, clauses, distinctive
from .variants import compact

FUZZY_MAX_EDITS = 1  # spellings of 8+ letters this many edits apart are one skill
FUZZY_MIN_LENGTH = 8
EXAMPLES = 2
MIN_DOCS = 3


@dataclass(frozen=True)
class Proposal:
    """A proposed skill: its name, other spellings, evidence counts and two example contexts."""

    name: str
    aliases: tuple[str, ...]
    documents: int
    score: float
    examples: tuple[str, ...]


@dataclass
class _Group:
    spellings: Counter = field(default_factory=Counter)
    docs: set = field(default_factory=set)
    skill_docs: set = field(default_factory=set)  # docs naming it in a cue or list context
    examples: list = field(default_factory=list)  # (doc index, start, end), one per document


def group_key(phrase: str) -> str:
    """What variants of one skill share: `Node.js`, `node js`, `NodeJS` -> `nodejs`; `APIs` -> `api`;
    `work independently`, `working independently` -> `workindependently`; `writing skills` -> `writing`."""
    words = phrase.split(" ")
    if len(words) > 1 and words[-1].lower() in GENERIC_HEADS:
        words.pop()
    if len(words) > 1 and len(words[0]) > 5 and words[0].lower().endswith("ing"):
        words[0] = words[0][:-3]
    return compact(" ".join(_singular(w) for w in words))


def _singular(word: str) -> str:
    if len(word) > 3 and word.isalpha() and word.endswith("s") and word[-2:] not in ("ss", "us", "is"):
        return word[:-3] + "y" if word.endswith("ies") else word[:-1]
    return word


class Tally:
    """Candidates counted over a corpus, grouped by `group_key`."""

    def __init__(self) -> None:
        self.groups: dict[str, _Group] = defaultdict(_Group)
        self.words: list[list[str]] = []  # each document's lowercase words, for phrase counts
        self.texts: list[str] = []

    def add(self, doc, skip: Callable[[int, int], bool] = lambda s, e: False) -> None:
        """Count the candidates of one spaCy `Doc`, except those `skip(start, end)` rejects."""
        index = len(self.texts)
        self.texts.append(doc.text)
        parts = clauses(doc)
        self.words.append([w.text.lower() if w else "" for c in parts for w in (*c.words, None)])
        for cand in candidates(parts):
            if skip(cand.start, cand.end):
                continue
            group = self.groups[group_key(cand.text)]
            group.spellings[cand.text] += 1
            if index not in group.docs:
                group.docs.add(index)
                if len(group.examples) < EXAMPLES:
                    group.examples.append((index, cand.start, cand.end))
            if cand.context in (CUE, LIST):
                group.skill_docs.add(index)

    def proposals(self, min_docs: int, known: Callable[[list[str]], set[str]] = lambda forms: set()
                  ) -> list[Proposal]:
        """Groups named as skills in at least `min_docs` documents, best first; `known(spellings)`
        returns the spellings that name skills already known, whose groups are left out."""
        merged = _merge_near_spellings(self.groups, min_docs)
        keep = {k: g for k, g in merged.items() if len(g.skill_docs) >= min_docs or (
            g.skill_docs and len(g.docs) >= min_docs and any(map(distinctive, g.spellings)))}
        taken = known([s for g in keep.values() for s in g.spellings])
        keep = {k: g for k, g in keep.items() if taken.isdisjoint(g.spellings)}
        anywhere = self._phrase_documents(keep)
        n = len(self.texts)
        out = []
        for key, group in keep.items():
            skill_share = len(group.skill_docs) / n
            specificity = len(group.skill_docs) / max(anywhere[key], len(group.docs))
            score = math.sqrt(skill_share) * specificity
            out.append(self._proposal(group, score))
        out.sort(key=lambda p: (-p.score, -p.documents, p.name))
        return out

    def _phrase_documents(self, groups: dict[str, _Group]) -> Counter:
        """For each group, the documents where one of its spellings occurs at all, in any context."""
        owner = {s.lower(): key for key, g in groups.items() for s in g.spellings}
        lengths: dict[str, set[int]] = defaultdict(set)
        for phrase in owner:
            words = phrase.split(" ")
            lengths[words[0]].add(len(words))
        counts: Counter = Counter()
        for words in self.words:
            found = set()
            for i, word in enumerate(words):
                for n in lengths.get(word, ()):
                    key = owner.get(" ".join(words[i:i + n]))
                    if key is not None:
                        found.add(key)
            counts.update(found)
        return counts

    def _proposal(self, group: _Group, score: float) -> Proposal:
        ranked = [s for s, _ in sorted(group.spellings.items(), key=lambda kv: (-kv[1], kv[0]))]
        name = _preferred_spelling(ranked)
        seen = {name.lower()}
        aliases = []
        for s in ranked:
            if s.lower() not in seen:
                seen.add(s.lower())
                aliases.append(s)
        examples = tuple(quote(self.texts[i], s, e, 50) for i, s, e in group.examples)
        return Proposal(name, tuple(aliases), len(group.docs), round(score, 4), examples)


def _preferred_spelling(ranked: list[str]) -> str:
    """The most frequent spelling, unless a capitalised one is nearly as frequent (`Python`)."""
    first = ranked[0]
    if first.islower():
        for other in ranked[1:3]:
            if other.lower() == first and other[:1].isupper():
                return other
    return first


def _merge_near_spellings(groups: dict[str, _Group], min_docs: int) -> dict[str, _Group]:
    """Fold each long key into a frequent key spelled nearly the same (`modelling` -> `modeling`)."""
    frequent = sorted((k for k, g in groups.items() if len(g.skill_docs) >= min_docs), key=lambda k: (
        -len(groups[k].docs), k))
    by_letter: dict[str, list[str]] = defaultdict(list)
    for key in frequent:
        if len(key) >= FUZZY_MIN_LENGTH:
            by_letter[key[0]].append(key)
    target: dict[str, str] = {}
    for key in sorted(groups, key=lambda k: (-len(groups[k].docs), k)):
        if len(key) < FUZZY_MIN_LENGTH or key in target:
            continue
        hits = process.extract(key, by_letter.get(key[0], ()), scorer=OSA.distance,
                               score_cutoff=FUZZY_MAX_EDITS, limit=3)
        hit = next((h[0] for h in hits if h[0] != key and h[0] not in target), None)
        if hit is not None and len(groups[hit].docs) >= len(groups[key].docs):
            target[key] = hit
    merged: dict[str, _Group] = {}
    for key, group in groups.items():
        into = merged.setdefault(target.get(key, key), _Group())
        into.spellings.update(group.spellings)
        into.skill_docs |= group.skill_docs
        for item in group.examples:
            if item[0] not in into.docs and len(into.examples) < EXAMPLES:
                into.examples.append(item)
        into.docs |= group.docs
    return merged


def propose(texts: Iterable[str], *, min_docs: int = MIN_DOCS, extend: SkillMatch | None = None) -> list[Proposal]:
    """Ranked proposals for `texts`: one spaCy pass per text. With `extend`, what its taxonomy
    finds in a text is not a candidate, and a group is dropped when it names a known skill."""
    tally = Tally()
    if extend is None:
        for doc in plain_pipeline().pipe(texts, batch_size=64):
            tally.add(doc)
        return tally.proposals(min_docs)
    for doc in extend.nlp.pipe(texts, batch_size=64):
        taken = {i for m in doc_mentions(doc, extend.matcher.spans_key, doc.text) for i in range(m.start, m.end)}
        tally.add(doc, lambda s, e: not taken.isdisjoint(range(s, e)))
    return tally.proposals(min_docs, lambda forms: set(known_skills(extend, forms)))


def plain_pipeline() -> Language:
    """`spacy.blank("en")` with the tech tokenizer and nothing else."""
    return spacy.blank("en", config=TOKENIZER_CONFIG)


def known_skills(sm: SkillMatch, forms: Iterable[str]) -> dict[str, str]:
    """Of `forms`, those the taxonomy of `sm` names, with the skill id: by name or alias, or as
    the extractor reads the form alone after a cue ("Skills: NodeJS.")."""
    forms = list(dict.fromkeys(forms))
    out = {}
    cue = "Skills: "
    for form, found in zip(forms, sm.extract_many(f"{cue}{f}." for f in forms)):
        whole = [m.skill_id for m in found if m.start == len(cue) and m.end == len(cue) + len(form)]
        skill = sm.taxonomy.find(form) if not whole else None
        if whole or skill is not None:
            out[form] = whole[0] if whole else skill.id
    return out
