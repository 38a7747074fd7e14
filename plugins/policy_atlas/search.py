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
    data = json.loads(raw)
    data.setdefault("config", {})["lang"] = lunr_languages(langs)
    for entry in data.get("docs", []):
        for field in ("text", "title"):
            value = entry.get(field) or ""
            extra = _folded_words(value)
            if extra and field == "text":
                entry[field] = f"{value} {extra}"
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _folded_words(text: str) -> str:
    seen: dict[str, None] = {}
    for word in _WORD.findall(re.sub(r"<[^>]*>", " ", text)):
        folded = strip_accents(word)
        if folded != word and folded.isascii():
            seen.setdefault(folded, None)
    return " ".join(seen)
