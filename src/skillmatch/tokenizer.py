"""A fast, tech-aware tokenizer: keeps `C++`, `C#`, `.NET`, `Node.js`, `R&D` whole.

It builds the `Doc` straight from one regular expression, so `doc.text` is the input text
and every character offset is exact. Slashes and hyphens are separate tokens (`CI/CD` is
`CI`, `/`, `CD`): patterns are tokenized the same way, so multi-token skills still match.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc
from spacy.util import registry
from spacy.vocab import Vocab

# URLs and e-mail addresses are single tokens (never skills). A word may start with a dot
# (.NET), keeps inner dots, ampersands and apostrophes when a word character follows
# (Node.js, R&D, don't) and may end in + or # (C++, C#, A+). A word is tried before an e-mail
# address when no address follows it (trying the address first at every word is slow), and
# after it otherwise, so an address is cut into tokens exactly as when it is tried first.
_URL = r"(?:https?://|www\.)[^\s<>\"')\]]+"
_EMAIL = r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
_WORD = r"\.?\w+(?:[.&'’]\w+)*[+#]*"
_TOKEN = rf"{_URL}|{_WORD}(?![\w.+&'’#-]*@[\w-]+\.[\w-])|{_EMAIL}|{_WORD}|[^\w\s]"
# a token, the single space it owns, and any further whitespace (a token of its own)
_TOKEN_WS = re.compile(rf"({_TOKEN})( ?)(\s*)")
_WORDS = re.compile(_TOKEN)
_LEADING_WS = re.compile(r"\s+")


def _words_and_spaces(text: str) -> tuple[list[str], list[bool]]:
    """Token strings (whitespace runs beyond a single space are tokens too) and trailing spaces."""
    words: list[str] = []
    spaces: list[bool] = []
    lead = _LEADING_WS.match(text)
    if lead:
        words.append(lead.group())
        spaces.append(False)
    for token, space, rest in _TOKEN_WS.findall(text):
        words.append(token)
        spaces.append(space == " ")
        if rest:
            words.append(rest)
            spaces.append(False)
    return words, spaces


def words(text: str) -> list[str]:
    """The non-space token strings `TechTokenizer` would make of `text`."""
    return _WORDS.findall(text)


class TechTokenizer:
    """Callable spaCy tokenizer; `TechTokenizer(vocab)(text)` returns a `Doc`."""

    CACHE_SIZE = 500_000  # token strings whose ids are remembered between documents

    def __init__(self, vocab: Vocab):
        self.vocab = vocab
        self._ids: dict[str, int] = {}  # token string -> string-store id (saves hashing it again)

    def __call__(self, text: str) -> Doc:
        words, spaces = _words_and_spaces(text)
        if getattr(self.vocab, "in_memory_zone", False):  # strings are transient there (spaCy 3.8)
            return Doc(self.vocab, words=words, spaces=spaces)
        ids = self._ids
        if len(ids) > self.CACHE_SIZE:
            ids.clear()
        orths = list(map(ids.get, words))
        if None in orths:  # strings not seen before: add them to the store
            add = self.vocab.strings.add
            for i in [i for i, orth in enumerate(orths) if orth is None]:
                orths[i] = ids.setdefault(words[i], add(words[i]))
        return Doc(self.vocab, words=orths, spaces=spaces)

    def __getstate__(self) -> dict:
        return {"vocab": self.vocab, "_ids": {}}  # the id cache is rebuilt, not shipped to workers

    def pipe(self, texts, batch_size: int = 1000):
        for text in texts:
            yield self(text)

    # Nothing to serialize: the rules are fixed and the id cache is rebuilt as documents come.
    def to_bytes(self, **kwargs) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs) -> "TechTokenizer":
        return self

    def to_disk(self, path, **kwargs) -> None:
        pass

    def from_disk(self, path, **kwargs) -> "TechTokenizer":
        return self


@registry.tokenizers("skillmatch.TechTokenizer.v1")
def create_tech_tokenizer():
    """Registered factory: `[nlp.tokenizer] @tokenizers = "skillmatch.TechTokenizer.v1"`."""

    def make(nlp) -> TechTokenizer:
        return TechTokenizer(nlp.vocab)

    return make
