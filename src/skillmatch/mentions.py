"""`Mention`: one skill found in a text, with its evidence."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import asdict, dataclass, fields
from operator import itemgetter

from spacy.tokens import Doc, Span

from .polarity import AFFIRMED, CUES_KEY, PolarityFinder, spread_list_negation


@dataclass(frozen=True)
class Mention:
    """A skill found at `text[start:end]` (character offsets into the text given)."""

    skill_id: str
    name: str
    start: int
    end: int
    text: str
    score: float
    method: str  # "exact", "alias", "fuzzy" or "linked" (see linking.py)
    polarity: str = "affirmed"  # "affirmed", "negated" ("no experience with X") or "hedged" ("learning X")
    cue: str | None = None  # the words that made it negated or hedged

    @classmethod
    def from_span(cls, span: Span, polarity: tuple[str, str | None] = (AFFIRMED, None)) -> "Mention":
        return cls(span._.skill_id, span._.skill_name, span.start_char, span.end_char,
                   span.text, span._.skill_score, span._.skill_method, *polarity)

    def to_dict(self) -> dict:
        return asdict(self)


_FIELDS = tuple(f.name for f in fields(Mention))
_new = object.__new__


def _mention(*values) -> Mention:
    """`Mention(*values)`, without the frozen dataclass's `object.__setattr__` call per field
    (they cost ten times as much as the rest of making a mention)."""
    mention = _new(Mention)
    mention.__dict__.update(zip(_FIELDS, values))
    return mention


def doc_mentions(doc: Doc, spans_key: str = "skills", text: str | None = None) -> list[Mention]:
    """The mentions the `skillmatch` component stored on `doc`, in text order.

    `text`, when given, must be `doc.text` (passing it saves rebuilding the string).
    """
    if text is None:
        text = doc.text
    polarity = PolarityFinder(text, doc.user_data.get(CUES_KEY + spans_key))
    results = doc.user_data.get("skillmatch:" + spans_key)
    if results is None:
        return spread_list_negation(text, [Mention.from_span(span, polarity(span.start_char, span.end_char))
                                           for span in doc.spans.get(spans_key, [])])
    return spread_list_negation(text, [_mention(skill_id, name, start, end, text[start:end], score, method,
                                                *polarity(start, end))
                                       for start, end, skill_id, name, score, method in result_rows(results)])


def result_row(results: list | dict, start: int, end: int) -> list | None:
    """`[id, name, score, method]` of the stored result at `start:end` (either format), or None."""
    if isinstance(results, dict):
        return results.get(f"{start}:{end}")
    k = bisect_left(results, start, key=itemgetter(0))  # rows are in text order, one per start
    return results[k][2:] if k < len(results) and results[k][0] == start and results[k][1] == end else None


def result_rows(results: list | dict) -> list:
    """The component's stored results as `[start_char, end_char, id, name, score, method]` rows,
    also from a `Doc` saved by an earlier release (`{"start:end": [id, name, score, method]}`)."""
    if isinstance(results, dict):
        return [[*map(int, key.split(":")), *row] for key, row in results.items()]
    return results


def quote(text: str, start: int, end: int, width: int = 60) -> str:
    """The line around `text[start:end]`, trimmed to about `width` characters each side, at
    whole words."""
    lo = text.rfind("\n", 0, start) + 1
    hi = text.find("\n", end)
    hi = len(text) if hi < 0 else hi
    if start - lo > width:  # cut after a space, so no word is cut in two
        cut = text.find(" ", start - width, start)
        lo = cut + 1 if cut >= 0 else start - width
    if hi - end > width:
        cut = text.rfind(" ", end, end + width + 1)
        hi = cut if cut >= 0 else end + width
    snippet = " ".join(text[lo:hi].split())
    return ("…" if lo > 0 and text[lo - 1] != "\n" else "") + snippet + (
        "…" if hi < len(text) and text[hi] != "\n" else "")
