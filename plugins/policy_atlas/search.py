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


def folded_index(config: dict[str, object], docs: list[dict[str, object]], langs: list[str]) -> bytes:
    """The search index of `config` and `docs` (Material's entries), each entry's text with
    its accent-free words added, serialized as `json.dumps(..., ensure_ascii=False,
    separators=(",", ":"))` of the whole would be, in UTF-8 (bytes: joining megabytes of
    text with a few characters beyond the BMP as `str` would take four bytes for each)."""
    return b"".join(folded_index_parts(config, docs, langs))


def folded_index_parts(config: dict[str, object], docs: list[dict[str, object]], langs: list[str]) -> list[bytes]:
    """`folded_index` in pieces, to be written one after the other: at 1,000 policies the
    index is 35 MB, which need not be copied into one string first."""
    head = {**config, "lang": lunr_languages(langs)}  # replaced in place, or added last
    parts = [b'{"config":' + _dumps(head).encode("utf-8") + b',"docs":[']
    for n, entry in enumerate(docs):
        serialized = _dumps(_folded_entry(entry)).encode("utf-8")
        parts.append(b"," + serialized if n else serialized)
    parts.append(b"]}")
    return parts


# location -> (an entry's text as Material made it, the text with its accent-free words)
_TEXTS: dict[str, tuple[str, str]] = {}
_MAX_ENTRIES = 200_000


def fold_entries(config: dict[str, object], docs: list[dict[str, object]], langs: list[str]) -> None:
    """Add the accent-free words to Material's entries where they are, before Material writes
    them (`mkdocs serve`): nothing to serialize or write a second time. An entry whose text
    is what it was in the previous build gets the text folded then."""
    config["lang"] = lunr_languages(langs)
    if len(_TEXTS) > _MAX_ENTRIES:
        _TEXTS.clear()
    for entry in docs:
        location, text = entry.get("location"), entry.get("text")
        if not isinstance(location, str) or not isinstance(text, str):
            continue
        known = _TEXTS.get(location)
        if known is None or known[0] != text:
            known = (text, _folded_text(text))
            _TEXTS[location] = known
        entry["text"] = known[1]


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str)  # default: as Material


def _folded_entry(entry: dict[str, object]) -> dict[str, object]:
    value = entry.get("text") or ""
    folded = _folded_text(value) if isinstance(value, str) else value
    return {**entry, "text": folded} if folded != value else entry


def _folded_text(text: str) -> str:
    """The text with the accent-free spelling of its words that have diacritics added."""
    extra = _folded_words(text)
    return f"{text} {extra}" if extra else text


def _folded_words(text: str) -> str:
    seen: dict[str, None] = {}
    for word in _WORD.findall(re.sub(r"<[^>]*>", " ", text)):
        folded = strip_accents(word)
        if folded != word and folded.isascii():
            seen.setdefault(folded, None)
    return " ".join(seen)


# Material's bundle as its templates write it, the script that requests the search index as
# it runs; group 1 is the way from the page to the site's root ("../", "" or "/").
_BUNDLE = re.compile(r'<script src="([^"]*)assets/javascripts/bundle\.[0-9a-f]+\.min\.js"></script>')


def load_index_on_demand(html: str, script: str) -> str:
    """The page with `script` (assets/search-on-demand.js, as a path from the site's root)
    right before Material's bundle, so that it holds back the bundle's request for the search
    index until the reader goes to search; a page without the bundle as it is."""
    match = _BUNDLE.search(html)
    if match is None:
        return html
    tag = f'<script src="{match.group(1)}{script}"></script>\n'
    return html[: match.start()] + tag + html[match.start() :]
