"""The `skillmatch` spaCy component: finds taxonomy skills in a `Doc`.

    nlp = spacy.blank("en")
    nlp.add_pipe("skillmatch", config={"taxonomy": "path/to/taxonomy"})
    doc = nlp("Pyhton, k8s and scikit-learn")
    [(s.text, s.label_, s._.skill_score, s._.skill_method) for s in doc.spans["skills"]]

Results go to `doc.spans[spans_key]`; each span's label is the skill id and its extensions
`skill_id`, `skill_name`, `skill_score` (0..1) and `skill_method` (exact/alias/fuzzy/linked) say why.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from operator import attrgetter
from pathlib import Path
from typing import Callable, Iterable

import numpy
from spacy.language import Language
from spacy.tokens import Doc, Span

from . import guards
from .cache import cached
from .fuzzy import FuzzyIndex
from .guards import Candidate, DocView, Lexicon
from .linking import LinkIndex, Linker, compile_links, index_key
from .mentions import result_row
from .phrases import KeySet, PhraseTable, pair_key, token_hash
from .polarity import CUE_STARTS, CUES_KEY
from .taxonomy import Taxonomy, english_words, insensitive_forms, load_taxonomy
from .tokenizer import TechTokenizer
from .tokenizer import words as tokenizer_words
from .variants import compact, guarded_variants, variants

DEFAULT_CONFIG = {
    "taxonomy": None,
    "spans_key": "skills",
    "fuzzy": True,
    "fuzzy_cutoff": 0.8,
    "fuzzy_min_length": 6,
    "linking": False,
}
WEAK_KINDS = frozenset({"knowledge", "soft-skill", "method", "human-language"})
# Words that show a language name means the language, not a nationality ("a Danish company").
LANGUAGE_CUES = ("language", "languages", "fluent", "fluency", "native", "speak", "speaks", "speaker",
                 "speaking", "spoken", "written", "verbal", "oral", "bilingual", "trilingual",
                 "multilingual", "proficient", "proficiency", "mother", "tongue", "conversational",
                 "read", "write", "intermediate", "basic", "beginner", "advanced", "working", "level",
                 "c1", "c2", "b1", "b2", "a2", "translation", "translator", "interpreter", "ielts", "toefl")
SCORES = {"exact": 1.0, "alias": 0.95, "context": 0.9, "list": 0.85, "spacing": 0.9}
WORD_CACHE_SIZE = 500_000  # words remembered between documents for typo matching
_METHOD_RANK = {"exact": 0, "alias": 1, "fuzzy": 2, "linked": 3}

RESULTS_KEY = "skillmatch:"  # + spans_key; doc.user_data entry: [[start_char, end_char, id, name, score, method]]
_FIELDS = ("skill_id", "skill_name", "skill_score", "skill_method")


def _getter(index: int):
    def get(span: Span):
        for name, results in span.doc.user_data.items():
            if isinstance(name, str) and name.startswith(RESULTS_KEY):
                row = result_row(results, span.start_char, span.end_char)
                if row is not None:
                    return row[index]
        return None

    return get


for _i, _name in enumerate(_FIELDS):
    if not Span.has_extension(_name):
        Span.set_extension(_name, getter=_getter(_i))


@Language.factory("skillmatch", default_config=DEFAULT_CONFIG)
def make_skillmatch(
    nlp: Language,
    name: str,
    taxonomy: str | None,
    spans_key: str,
    fuzzy: bool,
    fuzzy_cutoff: float,
    fuzzy_min_length: int,
    linking: bool,
) -> "SkillMatcher":
    """Factory behind `nlp.add_pipe("skillmatch", config={...})`."""
    return SkillMatcher(nlp, name, taxonomy=load_taxonomy(taxonomy), taxonomy_path=taxonomy,
                        spans_key=spans_key, fuzzy=fuzzy, fuzzy_cutoff=fuzzy_cutoff,
                        fuzzy_min_length=fuzzy_min_length, linking=linking)


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
        linking: bool = False,
    ):
        self.nlp = nlp
        self.name = name
        self.taxonomy_path = taxonomy_path
        self.spans_key = spans_key
        self.fuzzy = fuzzy
        self.fuzzy_cutoff = fuzzy_cutoff
        self.fuzzy_min_length = fuzzy_min_length
        self.linking = linking  # also link labels by their content words (see linking.py)
        self.set_taxonomy(taxonomy)

    # ---------------------------------------------------------------- compile
    def set_taxonomy(self, taxonomy: Taxonomy) -> None:
        """Compile the taxonomy (cached on disk when our tokenizer makes the patterns)."""
        self.taxonomy = taxonomy
        strings = self.nlp.vocab.strings
        if isinstance(self.nlp.tokenizer, TechTokenizer):
            key = f"compiled\0{taxonomy.fingerprint}\0{self.fuzzy_min_length}".encode()
            self._tables = cached(key, lambda: compile_taxonomy(taxonomy, tokenizer_words,
                                                                self.fuzzy_min_length))
        else:
            self._tables = compile_taxonomy(taxonomy, self._words, self.fuzzy_min_length)
        self._lex = Lexicon(strings)
        self._context = {s.id: guards.hashes(strings, s.context) for s in taxonomy if s.context}
        language_cues = guards.hashes(strings, LANGUAGE_CUES)
        self._always_weak = {s.id for s in taxonomy if s.kind == "human-language"}
        for sid in self._always_weak:
            self._context[sid] = self._context.get(sid, frozenset()) | language_cues
        self._stop_next = {s.id: guards.hashes(strings, s.not_followed_by) for s in taxonomy
                           if s.not_followed_by}
        self._weak_kinds = {s.id for s in taxonomy if s.kind in WEAK_KINDS}
        self._names = {s.id: s.name for s in taxonomy}
        self._labels = {s.id: strings.add(s.id) for s in taxonomy}  # span labels, hashed once
        self._pair_keys = self._tables.pair_keys
        self._fuzzy_index = FuzzyIndex(self._tables.fuzzy_forms, self.fuzzy_min_length)
        self._word_cache: dict[int, tuple[str, str, float] | None] = {}
        self._word_hits: set[int] = set()
        self._linker = Linker(self._link_index(taxonomy), strings) if self.linking else None
        # our tokenizer keeps contractions whole, so cue words can be found among its tokens
        self._cue_words = KeySet(map(token_hash, CUE_STARTS)) if isinstance(self.nlp.tokenizer, TechTokenizer) else None

    def _link_index(self, taxonomy: Taxonomy) -> LinkIndex:
        """The linking index (cached on disk when our tokenizer makes the label words)."""
        if isinstance(self.nlp.tokenizer, TechTokenizer):
            return cached(index_key(taxonomy), lambda: compile_links(taxonomy, tokenizer_words))
        return compile_links(taxonomy, self._words)

    def _words(self, text: str) -> list[str]:
        """Pattern tokens for a pipeline whose tokenizer is not ours."""
        return [t.text for t in self.nlp.tokenizer(text) if not t.is_space]

    # ---------------------------------------------------------------- matching
    def __call__(self, doc: Doc) -> Doc:
        view = DocView(doc, self._lex)
        found = self._exact_candidates(view)
        if self.fuzzy:
            found += self._fuzzy_candidates(view, found)
        if self._linker is not None:
            found = self._linker.link(view, found)
        accepted = self._apply_guards(view, found)
        spans, results = [], []
        names, labels = self._names, self._labels
        for cand in _resolve_overlaps(accepted):
            sid = cand.skill_id
            span = Span(doc, cand.start, cand.end, label=labels[sid])
            spans.append(span)
            results.append([span.start_char, span.end_char, sid, names[sid], round(cand.score, 3), cand.method])
        doc.spans[self.spans_key] = spans
        doc.user_data[RESULTS_KEY + self.spans_key] = results
        if self._cue_words is not None:  # saves polarity a word search around every mention
            doc.user_data[CUES_KEY + self.spans_key] = [doc[i].idx for i in self._cue_words.positions(view.lower_array)]
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterable[Doc]:
        for doc in docs:
            yield self(doc)

    def _exact_candidates(self, view: DocView) -> list[Candidate]:
        out = []
        keep = view.words
        positions = keep.tolist()
        for table, hashes, values in ((self._tables.loose, view.lower_array, view.lower),
                                      (self._tables.strict, view.orth_array, None)):
            for s, e, (sid, method, guarded) in table.find(hashes[keep], values, positions):
                start, end = positions[s], positions[e - 1] + 1
                weak = not guarded and (sid in self._always_weak or end - start == 1 and sid in
                                        self._weak_kinds and _is_plain_word(view.text_at(start)))
                out.append(Candidate(start, end, sid, method, SCORES[method], guarded, weak))
        return out

    def _fuzzy_candidates(self, view: DocView, exact: list[Candidate]) -> list[Candidate]:
        """Typos in single words and words split or joined by a space."""
        lowers = view.lower
        unique = set(lowers)
        new = unique.difference(self._word_cache)
        if len(self._word_cache) + len(new) > WORD_CACHE_SIZE:
            self._word_cache.clear()
            self._word_hits.clear()
            new = unique
        for h in new:
            hit = self._word_cache[h] = self._fuzzy_word(self.nlp.vocab.strings[h])
            if hit is not None:
                self._word_hits.add(h)
        out = []
        hits = unique.intersection(self._word_hits)
        if hits:
            covered = {i for c in exact for i in range(c.start, c.end)}
            for i in [i for i, h in enumerate(lowers) if h in hits]:
                if i not in covered:
                    sid, method, score = self._word_cache[lowers[i]]
                    out.append(Candidate(i, i + 1, sid, method, score, weak=sid in self._weak_kinds))
        if len(self._pair_keys) and view.n > 1:
            keys = pair_key(view.lower_array[:-1], view.lower_array[1:])
            strings = self.nlp.vocab.strings
            for i in self._pair_keys.positions(keys):
                sid = self._tables.splits.get(strings[lowers[i]] + strings[lowers[i + 1]])
                # longer than any one-word match it covers; "in design" is not "In Design" (InDesign)
                if sid is not None and view.trailing_space(i) and (lowers[i] != view.orth_at(i)
                                                             or lowers[i] not in self._lex.function_words):
                    out.append(Candidate(i, i + 2, sid, "fuzzy", SCORES["spacing"],
                                         weak=sid in self._weak_kinds))
        return out

    def _fuzzy_word(self, word: str) -> tuple[str, str, float] | None:
        """Skill for one lowercase word: a multi-word form written joined, or a typo."""
        if word in self._tables.known or len(word) < self.fuzzy_min_length or word in english_words():
            return None
        joined = self._tables.compact.get(word)
        if joined is not None:
            return joined, "fuzzy", SCORES["spacing"]
        hit = self._fuzzy_index.lookup(word, score_cutoff=self.fuzzy_cutoff)
        if hit is None:
            return None
        _, sid, score = hit
        return sid, "fuzzy", score * 0.95

    def _apply_guards(self, view: DocView, found: list[Candidate]) -> list[Candidate]:
        """Keep plain candidates; keep ambiguous and generic ones only with evidence."""
        none: frozenset[int] = frozenset()
        accepted, pending = [], []
        plain_ends = {c.end for c in found if not (c.guarded or c.weak)}
        weak_kinds, context = self._weak_kinds, self._context
        not_a_claim, names_organisation, has_cue = guards.not_a_claim, guards.names_organisation, guards.has_cue
        for c in found:
            start, end, sid = c.start, c.end, c.skill_id
            if sid in weak_kinds and not_a_claim(view, start, end) or names_organisation(view, start, end):
                continue
            if c.guarded:
                if guards.glued_to_hyphen(view, start, end) or guards.followed_by(
                        view, end, self._stop_next.get(sid, none)) and not guards.after_alternative(
                        view, start, end, plain_ends):
                    continue
            elif not c.weak:
                accepted.append(c)
                continue
            if has_cue(view, start, end, c.weak) or sid in context and guards.has_context(
                    view, start, end, context[sid]) and not (c.guarded and guards.on_name_line(view, end)):
                if c.guarded:
                    c.score = min(c.score, SCORES["context"])
                accepted.append(c)
            else:
                pending.append(c)
        ends = {c.end: c for c in accepted}
        starts = {c.start: c for c in accepted}
        check = pending
        while check:  # list evidence can chain ("C, R, Go"): look again beside new ones
            new = []
            for c in check:
                if guards.in_list(view, c, ends, starts):
                    if c.guarded:
                        c.score = min(c.score, SCORES["list"])
                    accepted.append(c)
                    new.append(c)
                    ends[c.end], starts[c.start] = c, c
            if not new:
                break
            pending = [c for c in pending if starts.get(c.start) is not c]
            near = {i for c in new for i in range(c.start - guards.LIST_GAP - 1, c.end + guards.LIST_GAP + 1)}
            check = [c for c in pending if c.start in near or c.end in near]
        return accepted + guards.long_lists(view, [c for c in pending if not c.guarded and starts.get(c.start) is not c])

    # ---------------------------------------------------------------- serialization
    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        """Write the taxonomy as one YAML file next to a small config file."""
        from .taxonomy_io import write_taxonomy

        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        write_taxonomy(self.taxonomy, path / "taxonomy.yaml")
        cfg = {"spans_key": self.spans_key, "fuzzy": self.fuzzy, "fuzzy_cutoff": self.fuzzy_cutoff,
               "fuzzy_min_length": self.fuzzy_min_length, "linking": self.linking}
        (path / "cfg.json").write_text(json.dumps(cfg, indent=2), encoding="utf-8")

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> "SkillMatcher":
        """Restore what `to_disk` wrote."""
        path = Path(path)
        cfg = json.loads((path / "cfg.json").read_text(encoding="utf-8"))
        for key, value in cfg.items():
            setattr(self, key, value)
        self.set_taxonomy(load_taxonomy(path / "taxonomy.yaml"))
        return self


@dataclass
class CompiledTaxonomy:
    """Everything matching needs from a taxonomy, as plain picklable data."""

    loose: PhraseTable  # lowercase token hashes -> (skill id, method, guarded)
    strict: PhraseTable  # exact-case token hashes -> (skill id, method, guarded)
    known: frozenset[str]  # one-word forms: never fuzzy-matched
    fuzzy_forms: list[tuple[str, str]]  # (one-word form, skill id) open to typo matching
    compact: dict[str, str]  # forms without spaces, hyphens, dots -> skill id (`machinelearning`)
    splits: dict[str, str]  # one-word forms open to being written as two words (`postgresql`)
    pair_keys: KeySet  # `pair_key`s of those cut in two (`postgre` + `sql`); built once, pickled


def compile_taxonomy(taxonomy: Taxonomy, words: Callable[[str], list[str]],
                     fuzzy_min_length: int) -> CompiledTaxonomy:
    """Expand every skill's forms into variants and index them for matching."""
    loose: dict[str, tuple[str, str, bool]] = {}  # lowercase variant -> (skill id, method, guarded)
    strict: dict[str, tuple[str, str, bool]] = {}
    skills = sorted((s for s in taxonomy if s.match), key=lambda s: s.id)
    for generated in (False, True):  # forms written in the taxonomy win over generated ones
        for skill in skills:
            for form in insensitive_forms(skill):
                method = "exact" if form == skill.name else "alias"
                for v in variants(form) if generated else (form.lower(),):
                    loose.setdefault(v, (skill.id, method, False))
    for skill in skills:
        for guarded, forms in ((False, skill.exact), (True, skill.ambiguous)):
            for form in forms:
                for v in guarded_variants(form):
                    strict.setdefault(v, (skill.id, "exact" if form == skill.name else "alias", guarded))
    tables: tuple[PhraseTable, PhraseTable] = (PhraseTable(), PhraseTable())
    for table, forms in zip(tables, (loose, strict)):
        for text, value in forms.items():
            table.add(words(text), value)
        table.index()
    fuzzy_ok = {s.id for s in taxonomy if s.fuzzy}
    singles = {v: sid for v, (sid, _, _) in loose.items() if " " not in v}
    compact_forms: dict[str, str] = {}
    for v, (sid, _, _) in loose.items():
        key = compact(v)
        if sid in fuzzy_ok and len(key) >= fuzzy_min_length:
            compact_forms.setdefault(key, sid)
    one_word = set(map(compact, singles))
    splits = {key: sid for key, sid in compact_forms.items() if key in one_word}
    halves = {(token_hash(key[:i]), token_hash(key[i:])) for key in splits
              for i in range(2, len(key))  # a two-word form already matched exactly is skipped
              if key[:i].isalnum() and (len(key) - i > 1 or not key[i:].isalnum())
              and f"{key[:i]} {key[i:]}" not in loose}
    firsts, seconds = (numpy.array(h, dtype="uint64").reshape(-1) for h in zip(*halves)) if halves else (
        numpy.zeros(0, "uint64"), numpy.zeros(0, "uint64"))
    return CompiledTaxonomy(
        loose=tables[0], strict=tables[1],
        known=frozenset(singles) | {v.lower() for v in strict},
        fuzzy_forms=[(v, sid) for v, sid in singles.items() if sid in fuzzy_ok],
        compact=compact_forms,
        splits=splits,
        pair_keys=KeySet(pair_key(firsts, seconds).tolist()),
    )


def _is_plain_word(text: str) -> bool:
    """A word written as ordinary English (`management`, `Design`, `SALES`), not an acronym
    (`HIPAA`) or a name."""
    return text.isalpha() and (text.islower() or text.istitle() or text.isupper() and len(text) > 4
                               and text.lower() in english_words())


def _resolve_overlaps(cands: list[Candidate]) -> list[Candidate]:
    """Longest mention wins; ties go to the better method, then the higher score. In text order.

    Only runs of overlapping candidates need choosing among; a candidate alone is kept as is.
    """
    kept: list[Candidate] = []
    run: list[Candidate] = []
    reach = -1
    for c in sorted(cands, key=attrgetter("start")):
        if c.start >= reach and run:
            kept += run if len(run) == 1 else _choose(run)
            run = []
        run.append(c)
        reach = max(reach, c.end)
    if run:
        kept += run if len(run) == 1 else _choose(run)
    return kept


def _choose(run: list[Candidate]) -> list[Candidate]:
    """Of overlapping candidates, those kept by the preference order of `_resolve_overlaps`."""
    order = sorted(run, key=lambda c: (c.method == "linked", -(c.end - c.start), _METHOD_RANK[c.method], -c.score, c.start))
    taken: set[int] = set()
    kept = []
    for c in order:
        if taken.isdisjoint(range(c.start, c.end)):
            kept.append(c)
            taken.update(range(c.start, c.end))
    return sorted(kept, key=attrgetter("start"))
