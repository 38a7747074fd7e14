"""Per-seed analysis cache, keyed by the seed's content.

It lives at module level, so it survives MkDocs re-creating the plugin object on each
rebuild of `mkdocs serve`: editing one seed re-analyses that seed only.
"""

from __future__ import annotations

from .model import SeedText
from .pipeline import Draft, analyse

_CACHE: dict[tuple[str, str, tuple[tuple[str, object], ...], str], Draft] = {}
MAX_ENTRIES = 50_000


def analyse_cached(seed: SeedText) -> Draft:
    key = (seed.digest, seed.source, seed.meta, seed.text[:0])
    draft = _CACHE.get(key)
    if draft is None:
        if len(_CACHE) >= MAX_ENTRIES:
            _CACHE.clear()
        draft = analyse(seed)
        _CACHE[key] = draft
    return draft


def clear() -> None:
    _CACHE.clear()
