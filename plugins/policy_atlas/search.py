"""Search in the policies' own languages, with or without diacritics.

Material's search (lunr) stems only the languages it has a stemmer for, and matches
words exactly as typed. After the index is written, this adds to each entry the
accent-free spelling of its words that have diacritics (`privatësisë` -> `privatesise`,
`údaje` -> `udaje`), so a query finds the page either way, and asks lunr for the
stemmers of the languages present.
"""

from __future__ import annotations

import json
import re

from .text import strip_accents

# lunr-languages shipped with Material, by the codes we publish policies under.
LUNR_LANGUAGES = {
    "ar": "ar", "da": "da", "de": "de", "el": "el", "en": "en", "es": "es", "fi": "fi", "fr": "fr", "he": "he",
    "hi": "hi", "hu": "hu", "hy": "hy", "it": "it", "ja": "ja", "ko": "ko", "nl": "du", "nb": "no", "nn": "no",
    "no": "no", "pt": "pt", "ro": "ro", "ru": "ru", "sv": "sv", "ta": "ta", "te": "te", "th": "th", "tr": "tr",
    "vi": "vi", "zh": "zh",
}  # fmt: skip
_WORD = re.compile(r"[^\W\d_]+")


def lunr_languages(langs: list[str]) -> list[str]:
    """The lunr stemmers to load: English first (Material's own labels), then each
    language present that lunr knows, in a stable order."""
    wanted = ["en"]
    for lang in sorted(set(langs)):
        code = LUNR_LANGUAGES.get(lang.split("-")[0])
        if code and code not in wanted:
            wanted.append(code)
    return wanted


def fold_search_index(raw: str, langs: list[str]) -> str:
    """The search index (as Material writes it) with the accent-free words added."""
    data = json.loads(raw)
    return folded_index(data.get("config", {}), data.get("docs", []), langs).decode("utf-8")


# serialized folded entry by the entry (what `mkdocs serve` re-renders unchanged on every
# rebuild is folded once); module-level, so it survives MkDocs re-creating the plugin
_ENTRIES: dict[tuple[tuple[str, object], ...], bytes] = {}
_MAX_ENTRIES = 200_000


def folded_index(
    config: dict[str, object], docs: list[dict[str, object]], langs: list[str], remember: bool = False
) -> bytes:
    """The search index of `config` and `docs` (Material's entries), each entry's text with
    its accent-free words added, serialized as `json.dumps(..., ensure_ascii=False,
    separators=(",", ":"))` of the whole would be, in UTF-8 (bytes: joining megabytes of
    text with a few characters beyond the BMP as `str` would take four bytes for each).
    With `remember`, each serialized entry is kept for the next build (`mkdocs serve`)."""
    head = {**config, "lang": lunr_languages(langs)}  # replaced in place, or added last
    parts = []
    cache = _ENTRIES if remember else {}
    if len(cache) > _MAX_ENTRIES:
        cache.clear()
    for entry in docs:
        key = tuple(entry.items())
        try:
            serialized = cache.get(key)
        except TypeError:  # a value that cannot be hashed (tags): not remembered
            key, serialized = (), None
        if serialized is None:
            serialized = _dumps(_folded_entry(entry)).encode("utf-8")
            if key and remember:
                cache[key] = serialized
        parts.append(serialized)
    return b'{"config":' + _dumps(head).encode("utf-8") + b',"docs":[' + b",".join(parts) + b"]}"


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str)  # default: as Material


def _folded_entry(entry: dict[str, object]) -> dict[str, object]:
    value = entry.get("text") or ""
    extra = _folded_words(value) if isinstance(value, str) else ""
    return {**entry, "text": f"{value} {extra}"} if extra else entry


def _folded_words(text: str) -> str:
    seen: dict[str, None] = {}
    for word in _WORD.findall(re.sub(r"<[^>]*>", " ", text)):
        folded = strip_accents(word)
        if folded != word and folded.isascii():
            seen.setdefault(folded, None)
    return " ".join(seen)
