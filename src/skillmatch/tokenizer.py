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
# `_W` is `\w` with the ASCII word characters listed first: `re` tests them as a bitmap before
# it looks a character up in the Unicode database.
_W = r"[0-9A-Za-z_\w]"
_URL = r"(?:https?://|www\.)[^\s<>\"')\]]+"
_EMAIL = r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
# Right after a dot: a sentence whose space was lost, common in text from PDFs ("Python.Familiar
# with", "Sheets.I have", "SQL.Docker is"), not the end of a name (`Asp.Net`, `Node.Js`, `VB.NET`).
# (`B.Tech`, `M.Sc`, `Ph.D` stay whole: one capital before the dot, or a capital other than A or I after it)
GLUED_SENTENCE = r"(?:(?<=[a-z]\.)|(?<=[A-Z]{2}\.))(?!(?:Net|Js|Io)\b)[A-Z][a-z]|(?<=[a-z]\.)[AI]\b"
_PLAIN = rf"{_W}+(?:[.&'’](?!{GLUED_SENTENCE}){_W}+)*[+#]*"
_WORD = rf"(?:{_PLAIN}|\.(?!{GLUED_SENTENCE}){_PLAIN})"
_TOKEN = rf"{_URL}|{_WORD}(?![\w.+&'’#-]*@[\w-]+\.[\w-])|{_EMAIL}|{_WORD}|[^\w\s]"
# One match is either a run of plain words, each followed by one space ("Managed a team of ":
# cut by `str.split`, which is much cheaper than a match per word), a run of whitespace (a token
# of its own, less the single space a token before it owns), or a token and its single space.
_RUN = rf"(?:{_W}+ )+"
_PIECES = re.compile(rf"({_RUN})|(\s+)|({_TOKEN})( ?)")
_WORDS = re.compile(_TOKEN)


def _words_and_spaces(text: str) -> tuple[list[str], list[bool]]:
    """Token strings (whitespace runs beyond a single space are tokens too) and trailing spaces."""
    words: list[str] = []
    spaces: list[bool] = []
    for run, blank, token, space in _PIECES.findall(text):
        if run:
            run_words = run.split(" ")
            run_words.pop()  # the empty string after the last space
            words += run_words
            spaces += [True] * len(run_words)
        elif blank:
            words.append(blank)
            spaces.append(False)
        else:
            words.append(token)
            spaces.append(space == " ")
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
