"""A small on-disk cache of pickled build results (parsed taxonomy files, compiled tables).

Entries live in `$XDG_CACHE_HOME/skillmatch` (default `~/.cache/skillmatch`), named by a hash of
everything they were built from, so a changed input simply misses. Set `SKILLMATCH_NO_CACHE=1`
to turn it off; a cache that cannot be read or written is ignored.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path
from typing import Callable, TypeVar

T = TypeVar("T")
VERSION = "10"  # bump when the layout of cached objects changes


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "skillmatch"


def cached(key: bytes, build: Callable[[], T]) -> T:
    """`build()`, or its result from an earlier call with the same `key`."""
    if os.environ.get("SKILLMATCH_NO_CACHE"):
        return build()
    path = cache_dir() / f"{hashlib.sha1(VERSION.encode() + key).hexdigest()}.pickle"
    try:
        return pickle.loads(path.read_bytes())
    except Exception:  # missing, stale or unreadable: rebuild
        pass
    value = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(tmp, path)
    except OSError:
        pass
    return value
