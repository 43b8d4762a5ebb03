"""Surface-form variants the matcher generates so that taxonomy authors don't have to."""

from __future__ import annotations

import re

_JS = re.compile(r"\.js\b", re.IGNORECASE)
_ALPHA_TAIL = re.compile(r"[A-Za-z]{3,}$")


def plural(word: str) -> str:
    """English plural of one word, good enough for skill names (`API` -> `APIs`)."""
    lower = word.lower()
    if lower.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es"
    if lower.endswith("y") and lower[-2:-1] not in ("a", "e", "i", "o", "u"):
        return word[:-1] + "ies"
    return word + "s"


def spelling_variants(form: str) -> set[str]:
    """Hyphen/space/joined, `.js` and `and`/`&` variants of one form (the form included)."""
    out = {form}
    if "-" in form:
        out |= {form.replace("-", " "), form.replace("-", "")}
    elif 1 < len(form.split()) <= 3:
        out.add("-".join(form.split()))
    for f in list(out):
        if _JS.search(f):
            out |= {_JS.sub("js", f), _JS.sub(" js", f)}
        if " and " in f:
            out.add(f.replace(" and ", " & "))
        if " & " in f:
            out.add(f.replace(" & ", " and "))
    return out


def variants(form: str, with_plural: bool = True) -> set[str]:
    """All generated variants of a case-insensitive form, lowercased."""
    out = {v.lower() for v in spelling_variants(form)}
    if with_plural:
        for v in list(out):
            tail = v.rsplit(" ", 1)[-1]
            if _ALPHA_TAIL.search(v) and tail.isalpha() and not v.endswith("s"):
                out.add(v[: len(v) - len(tail)] + plural(tail))
    return out


def guarded_variants(form: str) -> set[str]:
    """Case-sensitive variants of an `exact`/`ambiguous` form: as written and in ALL CAPS."""
    out: set[str] = set()
    for v in spelling_variants(form):
        out |= {v, v.upper()}
    return out


def compact(text: str) -> str:
    """A form with case, spaces, hyphens and dots removed: `Postgre SQL` -> `postgresql`."""
    return re.sub(r"[\s\-.]", "", text.lower())
