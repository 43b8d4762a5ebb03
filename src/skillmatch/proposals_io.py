"""Write proposed skills as a reviewable taxonomy file: our YAML format plus an `evidence` block.

The loader ignores `evidence` (document count, score, two example contexts), so the file loads
with `--taxonomy` as it is. `kind` is a guess to review: `tool` for names, `knowledge` for
lowercase phrases. A short name that is also a common word (`R`, `Go`) is written as
`ambiguous`, so it counts only with evidence.
"""

from __future__ import annotations

from typing import Sequence

import yaml
from spacy.lang.en.stop_words import STOP_WORDS

from .proposals import Proposal
from .taxonomy import alias_key, free_id, skill_id

CATEGORY = "Proposed from documents"


def proposal_entries(proposals: Sequence[Proposal]) -> list[dict]:
    """Taxonomy entries for `proposals`; a spelling another entry already claims is left out."""
    entries, ids, claimed = [], set(), set()
    for p in proposals:
        forms = [f for f in (p.name, *p.aliases) if alias_key(f) not in claimed]
        if not forms or forms[0] != p.name:
            continue
        claimed.update(alias_key(f) for f in forms)
        sid = free_id(skill_id(p.name), ids)
        ids.add(sid)
        entry: dict = {"id": sid, "name": p.name, "kind": "knowledge" if p.name.islower() else "tool"}
        if common_word(p.name):
            entry["ambiguous"] = [p.name]
        if len(forms) > 1:
            entry["aliases"] = forms[1:]
        entry["evidence"] = {"documents": p.documents, "score": p.score, "examples": list(p.examples)}
        entries.append(entry)
    return entries


def common_word(name: str) -> bool:
    """True for a one-word name that is also an ordinary word or a letter or two (`R`, `Go`)."""
    return " " not in name and (len(name) <= 2 or name.lower() in STOP_WORDS)


def proposals_yaml(proposals: Sequence[Proposal], header: str) -> str:
    """The taxonomy file text: `header` as comments, then the entries, best first."""
    data = {"category": CATEGORY, "skills": proposal_entries(proposals)}
    comments = "".join(f"# {line}\n" if line else "#\n" for line in header.splitlines())
    return comments + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
