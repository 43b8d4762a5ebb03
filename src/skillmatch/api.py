"""The library entry point: `sm = skillmatch.load()`, then `sm.extract(text)` / `sm.match(...)`."""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator

import spacy
from spacy.language import Language

from . import component as _component  # noqa: F401  (registers the "skillmatch" factory)
from . import tokenizer as _tokenizer  # noqa: F401  (registers the tokenizer)
from .coverage import DEFAULT_CREDITS, Credits, MatchReport, match
from .errors import DocumentError
from .mentions import Mention, doc_mentions
from .posting import posting_target
from .readers import read_document
from .roles import DEFAULT_ROLE, Target, available_roles, load_role
from .taxonomy import Taxonomy, default_taxonomy_dir, load_taxonomy

TOKENIZER_CONFIG = {"nlp": {"tokenizer": {"@tokenizers": "skillmatch.TechTokenizer.v1"}}}


def build_pipeline(taxonomy: str | Path | Taxonomy | None = None, **config) -> Language:
    """`spacy.blank("en")` with the tech tokenizer and the `skillmatch` component."""
    nlp = spacy.blank("en", config=TOKENIZER_CONFIG)
    path = None if taxonomy is None or isinstance(taxonomy, Taxonomy) else str(taxonomy)
    matcher = nlp.add_pipe("skillmatch", config={"taxonomy": path, **config})
    if isinstance(taxonomy, Taxonomy):
        matcher.set_taxonomy(taxonomy)
    return nlp


class SkillMatch:
    """Extraction and matching with one loaded taxonomy and pipeline."""

    def __init__(self, nlp: Language, roles_dir: Path | None = None):
        self.nlp = nlp
        self.matcher = nlp.get_pipe("skillmatch")
        self.taxonomy: Taxonomy = self.matcher.taxonomy
        self.roles_dir = roles_dir

    def extract(self, text: str) -> list[Mention]:
        """Skills mentioned in `text`, in order, with character offsets into `text`."""
        return doc_mentions(self.nlp(text), self.matcher.spans_key, text)

    def extract_many(self, texts: Iterable[str], n_process: int = 1, batch_size: int = 64
                     ) -> Iterator[list[Mention]]:
        """`extract` for many texts through `nlp.pipe`; yields one list per text, in order."""
        pairs = ((text, text) for text in texts)
        for doc, text in self.nlp.pipe(pairs, as_tuples=True, n_process=n_process, batch_size=batch_size):
            yield doc_mentions(doc, self.matcher.spans_key, text)

    def read(self, path: str | Path) -> str:
        """Text of a document (.pdf, .docx, .txt, .md, .html, or `-` for stdin)."""
        return read_document(path)

    def roles(self) -> list[str]:
        """Ids of the role profiles available."""
        return available_roles(self.roles_dir)

    def role(self, name: str | Path = DEFAULT_ROLE, weights: dict[str, float] | None = None) -> Target:
        """A role profile by id or YAML path; `weights` ({"preferred": 0.3}) override the file's."""
        return load_role(name, self.taxonomy, self.roles_dir, weights=weights)

    def posting(self, text: str, name: str = "job posting", weights: dict[str, float] | None = None) -> Target:
        """A target made of the skills a job posting asks for, required or preferred (weights
        default to 1.0 and 0.5), with the reason and any years asked for. Raises
        `DocumentError` when the text is empty."""
        _require_text(text, "job posting")
        return posting_target(text, self.extract(text), name=name, weights=weights)

    def match(self, resume: str, target: Target | str | None = None, *,
              credits: Credits = DEFAULT_CREDITS, source: str = "", as_of: date | None = None) -> MatchReport:
        """Coverage of `target` by the resume text.

        `target` is a `Target` (from `role()` or `posting()`), a role id, or the text of a
        job posting; `None` means the default role. A lone lowercase-hyphenated word is taken
        as a role id, so a mistyped id raises an error instead of scoring 0. `credits` sets the
        partial credits; `as_of` is the date "Present" means in dated roles (default: today).
        An empty resume (or posting) raises `DocumentError` rather than scoring 0.
        """
        _require_text(resume, "resume")
        if target is None:
            target = self.role()
        elif isinstance(target, str):
            is_id = re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", target.strip()) is not None
            target = self.role(target.strip()) if is_id else self.posting(target)
        return match(resume, self.extract(resume), target, self.taxonomy, credits, source, as_of)


def _require_text(text: str, what: str) -> None:
    if not text.strip():
        raise DocumentError(f"The {what} text is empty.")


@lru_cache(maxsize=4)
def _load(taxonomy: str | None, fingerprint: str, linking: bool) -> SkillMatch:
    roles = Path(taxonomy) / "roles" if taxonomy and (Path(taxonomy) / "roles").is_dir() else None
    return SkillMatch(build_pipeline(taxonomy, linking=linking), roles_dir=roles)


def load(taxonomy: str | Path | Taxonomy | None = None, *, linking: bool | None = None) -> SkillMatch:
    """A ready `SkillMatch`; `taxonomy` is a YAML file, a directory of them, or a `Taxonomy`.

    `linking=True` also finds labels by their content words in any order and inflection, for
    large phrase-labelled taxonomies such as ESCO (docs/esco-linking.md); `None` (the default)
    links when the taxonomy file says `linking: true`, as an ESCO import does.
    Pipelines are cached per taxonomy path and content, so calling `load()` again is cheap
    and an edited taxonomy file is picked up.
    """
    if isinstance(taxonomy, Taxonomy):
        return SkillMatch(build_pipeline(taxonomy, linking=taxonomy.linking if linking is None else linking))
    path = None if taxonomy is None else str(Path(taxonomy).resolve())
    loaded = load_taxonomy(path)  # also validates: a bad file fails here
    return _load(path, loaded.fingerprint, loaded.linking if linking is None else linking)


__all__ = ["SkillMatch", "build_pipeline", "load", "default_taxonomy_dir"]
