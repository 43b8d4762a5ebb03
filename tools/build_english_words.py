"""Build taxonomy/english-words.txt.gz: English words that typo-tolerant matching must leave alone.

Fuzzy matching applies only to words that are not English: `Pyhton` is a typo, `information`
is not one of `Informatica`. The list is the lowercase alphabetic words of six letters or more
(shorter words are never fuzzy-matched) from SCOWL, as Debian's `wamerican` package installs it:

    apt-get install wamerican && python tools/build_english_words.py
"""

from __future__ import annotations

import gzip
import sys
from pathlib import Path

SOURCE = Path("/usr/share/dict/american-english")
TARGET = Path(__file__).resolve().parents[1] / "taxonomy" / "english-words.txt.gz"
MIN_LENGTH = 6
NOTICE = """\
# English words (six letters or more) from SCOWL, via Debian's wamerican word list.
# Copyright 2000-2011 by Kevin Atkinson
# Permission to use, copy, modify, distribute and sell these word lists, the associated
# scripts, the output created from the scripts, and its documentation for any purpose is
# hereby granted without fee, provided that the above copyright notice appears in all copies
# and that both that copyright notice and this permission notice appear in supporting
# documentation. Kevin Atkinson makes no representations about the suitability of this array
# for any purpose. It is provided "as is" without express or implied warranty.
"""


def main() -> int:
    if not SOURCE.exists():
        print(f"{SOURCE} not found: apt-get install wamerican", file=sys.stderr)
        return 1
    words = {w.strip().lower() for w in SOURCE.read_text(encoding="utf-8").splitlines()}
    keep = sorted(w for w in words if len(w) >= MIN_LENGTH and w.isascii() and w.isalpha())
    with gzip.open(TARGET, "wt", encoding="utf-8", compresslevel=9) as fh:
        fh.write(NOTICE)
        fh.write("\n".join(keep) + "\n")
    print(f"wrote {len(keep)} words to {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
