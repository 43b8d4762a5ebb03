"""The `skillmatch` spaCy component: finds taxonomy skills in a `Doc`.

    nlp = spacy.blank("en")
    nlp.add_pipe("skillmatch", config={"taxonomy": "path/to/taxonomy"})
    doc = nlp("Pyhton, k8s and scikit-learn")
    [(s.text, s.label_, s._.skill_score, s._.skill_method) for s in doc.spans["skills"]]

Results go to `doc.spans[spans_key]`; each span's label is the skill id and its extensions
`skill_id`, `skill_name`, `skill_score` (0..1) and `skill_method` (exact/alias/fuzzy) say why.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Iterable

from spacy.attrs import LOWER
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from . import guards
from .fuzzy import FuzzyIndex
from .guards import Candidate
from .taxonomy import Taxonomy, english_words, insensitive_forms, load_taxonomy
from .variants import compact, guarded_variants, variants

DEFAULT_CONFIG = {
    "taxonomy": None,
    "spans_key": "skills",
    "fuzzy": True,
    "fuzzy_cutoff": 0.8,
    "fuzzy_min_length": 6,
}
WEAK_KINDS = frozenset({"knowledge", "soft-skill", "method"})
SCORES = {"exact": 1.0, "alias": 0.95, "context": 0.9, "list": 0.85, "spacing": 0.9}
_METHOD_RANK = {"exact": 0, "alias": 1, "fuzzy": 2}

for _name in ("skill_id", "skill_name", "skill_score", "skill_method"):
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=None)


@Language.factory("skillmatch", default_config=DEFAULT_CONFIG)
def make_skillmatch(
    nlp: Language,
    name: str,
    taxonomy: str | None,
    spans_key: str,
    fuzzy: bool,
    fuzzy_cutoff: float,
    fuzzy_min_length: int,
) -> "SkillMatcher":
    """Factory behind `nlp.add_pipe("skillmatch", config={...})`."""
    return SkillMatcher(nlp, name, taxonomy=load_taxonomy(taxonomy), taxonomy_path=taxonomy,
                        spans_key=spans_key, fuzzy=fuzzy, fuzzy_cutoff=fuzzy_cutoff,
                        fuzzy_min_length=fuzzy_min_length)


class SkillMatcher:
    """Exact, alias, guarded and fuzzy matching of taxonomy skills, one pass per `Doc`."""

    def __init__(
        self,
        nlp: Language,
        name: str = "skillmatch",
        *,
        taxonomy: Taxonomy,
        taxonomy_path: str | None = None,
        spans_key: str = "skills",
        fuzzy: bool = True,
        fuzzy_cutoff: float = 0.8,
        fuzzy_min_length: int = 6,
    ):
        self.nlp = nlp
        self.name = name
        self.taxonomy_path = taxonomy_path
        self.spans_key = spans_key
        self.fuzzy = fuzzy
        self.fuzzy_cutoff = fuzzy_cutoff
        self.fuzzy_min_length = fuzzy_min_length
        self.set_taxonomy(taxonomy)

    # ---------------------------------------------------------------- compile
    def set_taxonomy(self, taxonomy: Taxonomy) -> None:
        """Turn the taxonomy into two phrase matchers and the fuzzy lookup tables."""
        self.taxonomy = taxonomy
        vocab = self.nlp.vocab
        strings = vocab.strings
        self._loose = PhraseMatcher(vocab, attr=LOWER)
        self._strict = PhraseMatcher(vocab)
        self._keys: dict[int, tuple[str, str, bool]] = {}
        loose: dict[str, tuple[str, str]] = {}  # lowercase variant -> (skill id, method)
        strict: dict[str, tuple[str, str, bool]] = {}
        skills = sorted(taxonomy, key=lambda s: s.id)
        for generated in (False, True):  # forms written in the taxonomy win over generated ones
            for skill in skills:
                for form in insensitive_forms(skill):
                    method = "exact" if form == skill.name else "alias"
                    for v in variants(form) if generated else (form.lower(),):
                        loose.setdefault(v, (skill.id, method))
        for skill in skills:
            for form in skill.exact:
                for v in guarded_variants(form):
                    strict.setdefault(v, (skill.id, "exact" if form == skill.name else "alias", False))
            for form in skill.ambiguous:
                for v in guarded_variants(form):
                    strict.setdefault(v, (skill.id, "exact" if form == skill.name else "alias", True))
        self._add(self._loose, {v: (sid, m, False) for v, (sid, m) in loose.items()})
        self._add(self._strict, strict)

        self._context = {s.id: frozenset(w.lower() for w in s.context) for s in taxonomy}
        self._weak_kinds = {s.id for s in taxonomy if s.kind in WEAK_KINDS}
        self._stop_next = {s.id: frozenset(w.lower() for w in s.not_followed_by) for s in taxonomy}
        # fuzzy tables: single-word forms for typos, compact forms for spacing errors
        fuzzy_ok = {s.id for s in taxonomy if s.fuzzy}
        singles = {v: sid for v, (sid, _) in loose.items() if " " not in v}
        self._known = frozenset(singles) | {v.lower() for v in strict}
        self._fuzzy_index = FuzzyIndex(
            ((v, sid) for v, sid in singles.items() if sid in fuzzy_ok), self.fuzzy_min_length
        )
        self._compact: dict[str, str] = {}
        for v, (sid, _) in loose.items():
            key = compact(v)
            if sid in fuzzy_ok and len(key) >= self.fuzzy_min_length:
                self._compact.setdefault(key, sid)
        self._pairs: dict[tuple[int, int], str] = {}
        for key, sid in self._compact.items():
            for i in range(2, len(key) - 1):
                a, b = key[:i], key[i:]
                if a.isalnum() and b.isalnum():
                    self._pairs.setdefault((strings.add(a), strings.add(b)), sid)
        self._word_cache: dict[int, tuple[str, str, float] | None] = {}

    def _add(self, matcher: PhraseMatcher, table: dict[str, tuple[str, str, bool]]) -> None:
        grouped: dict[tuple[str, str, bool], list[str]] = {}
        for text, key in table.items():
            grouped.setdefault(key, []).append(text)
        for key, texts in grouped.items():
            label = f"{key[0]}|{key[1]}|{int(key[2])}"
            self._keys[self.nlp.vocab.strings.add(label)] = key
            matcher.add(label, list(self.nlp.tokenizer.pipe(texts)))

    # ---------------------------------------------------------------- matching
    def __call__(self, doc: Doc) -> Doc:
        found = self._exact_candidates(doc)
        if self.fuzzy:
            found += self._fuzzy_candidates(doc, found)
        accepted = self._apply_guards(doc, found)
        spans = []
        for cand in _resolve_overlaps(accepted):
            skill = self.taxonomy[cand.skill_id]
            span = Span(doc, cand.start, cand.end, label=skill.id)
            span._.skill_id = skill.id
            span._.skill_name = skill.name
            span._.skill_score = round(cand.score, 3)
            span._.skill_method = cand.method
            spans.append(span)
        doc.spans[self.spans_key] = spans
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterable[Doc]:
        for doc in docs:
            yield self(doc)

    def _exact_candidates(self, doc: Doc) -> list[Candidate]:
        out = []
        for matcher in (self._loose, self._strict):
            for match_id, start, end in matcher(doc):
                sid, method, guarded = self._keys[match_id]
                weak = not guarded and end - start == 1 and sid in self._weak_kinds \
                    and _is_plain_word(doc[start].text)
                out.append(Candidate(start, end, sid, method, SCORES[method], guarded, weak))
        return out

    def _fuzzy_candidates(self, doc: Doc, exact: list[Candidate]) -> list[Candidate]:
        """Typos in single words and words split or joined by a space."""
        lowers = doc.to_array(LOWER).tolist()
        cache = self._word_cache
        for h in set(lowers).difference(cache):
            cache[h] = self._fuzzy_word(self.nlp.vocab.strings[h])
        hits = {h: cache[h] for h in set(lowers) if cache[h] is not None}
        pairs = set(zip(lowers, lowers[1:])).intersection(self._pairs)
        if not hits and not pairs:
            return []
        covered = {i for c in exact for i in range(c.start, c.end)}
        out = []
        for i, h in enumerate(lowers):
            if i in covered:
                continue
            if h in hits:
                sid, method, score = hits[h]
                out.append(Candidate(i, i + 1, sid, method, score))
            if i + 1 < len(lowers) and (h, lowers[i + 1]) in pairs and i + 1 not in covered \
                    and doc[i].whitespace_ == " ":
                out.append(Candidate(i, i + 2, self._pairs[(h, lowers[i + 1])], "fuzzy",
                                     SCORES["spacing"]))
        return out

    def _fuzzy_word(self, word: str) -> tuple[str, str, float] | None:
        """Skill for one lowercase word: a multi-word form written joined, or a typo."""
        if word in self._known or len(word) < self.fuzzy_min_length or word in english_words():
            return None
        joined = self._compact.get(word)
        if joined is not None:
            return joined, "fuzzy", SCORES["spacing"]
        hit = self._fuzzy_index.lookup(word, score_cutoff=self.fuzzy_cutoff)
        if hit is None:
            return None
        _, sid, score = hit
        return sid, "fuzzy", score * 0.95

    def _apply_guards(self, doc: Doc, found: list[Candidate]) -> list[Candidate]:
        """Keep unguarded candidates; keep ambiguous ones only with context or list evidence."""
        found = [c for c in found if c.skill_id not in self._weak_kinds
                 or not guards.not_a_claim(doc, c.start, c.end)]
        accepted = [c for c in found if not c.guarded and not c.weak]
        pending = []
        for c in found:
            if c.weak:
                if guards.has_cue(doc, c.start) or guards.has_context(
                        doc, c.start, c.end, self._context.get(c.skill_id, frozenset())):
                    accepted.append(c)
                else:
                    pending.append(c)
                continue
            if not c.guarded:
                continue
            if guards.glued_to_hyphen(doc, c.start, c.end) or guards.followed_by(
                doc, c.end, self._stop_next.get(c.skill_id, frozenset())
            ):
                continue
            if guards.has_context(doc, c.start, c.end, self._context.get(c.skill_id, frozenset())):
                c.score = min(c.score, SCORES["context"])
                accepted.append(c)
            else:
                pending.append(c)
        changed = True
        while pending and changed:  # list evidence can chain: "C, R, Go"
            changed = False
            for c in list(pending):
                if guards.in_list(doc, c, accepted):
                    c.score = min(c.score, SCORES["list"])
                    accepted.append(c)
                    pending.remove(c)
                    changed = True
        return accepted

    # ---------------------------------------------------------------- serialization
    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        """Write the taxonomy as one YAML file next to a small config file."""
        from .taxonomy_io import write_taxonomy

        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        write_taxonomy(self.taxonomy, path / "taxonomy.yaml")
        cfg = {"spans_key": self.spans_key, "fuzzy": self.fuzzy, "fuzzy_cutoff": self.fuzzy_cutoff,
               "fuzzy_min_length": self.fuzzy_min_length}
        (path / "cfg.json").write_text(json.dumps(cfg, indent=2), encoding="utf-8")

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> "SkillMatcher":
        """Restore what `to_disk` wrote."""
        path = Path(path)
        cfg = json.loads((path / "cfg.json").read_text(encoding="utf-8"))
        for key, value in cfg.items():
            setattr(self, key, value)
        self.set_taxonomy(load_taxonomy(path / "taxonomy.yaml"))
        return self


def _is_plain_word(text: str) -> bool:
    """A word written as ordinary English (`management`, `Design`), not an acronym or a name."""
    return text.isalpha() and (text.islower() or text.istitle() or text.isupper() and len(text) > 4)


def _resolve_overlaps(cands: list[Candidate]) -> list[Candidate]:
    """Longest mention wins; ties go to the better method, then the higher score."""
    order = sorted(cands, key=lambda c: (-(c.end - c.start), _METHOD_RANK[c.method], -c.score, c.start))
    taken: set[int] = set()
    kept = []
    for c in order:
        if taken.isdisjoint(range(c.start, c.end)):
            kept.append(c)
            taken.update(range(c.start, c.end))
    return sorted(kept, key=lambda c: c.start)
