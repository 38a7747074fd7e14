"""Small text helpers shared by the core: words, folding, HTML-looking junk."""

from __future__ import annotations

import re
import unicodedata

# Scripts written without spaces between words: each character counts as a word.
_NO_SPACE_SCRIPTS = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u0e00-\u0e7f\u0e80-\u0eff\u1000-\u109f"
WORD_RE = re.compile(rf"[{_NO_SPACE_SCRIPTS}]|[^\W{_NO_SPACE_SCRIPTS}]+(?:['’-][^\W{_NO_SPACE_SCRIPTS}]+)*")
TAG_RE = re.compile(r"<[^<>]{0,2000}>")
KRAMDOWN_ATTRS = re.compile(r"\{:[^{}]*\}")  # kramdown attribute lists: {: datetime="..." }
# an e-mail address, and the placeholder a page's e-mail obfuscation leaves instead of one
EMAIL_RE = re.compile(r"(?<![\w.+-])[A-Za-z0-9][\w.+-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,24}\b")
HIDDEN_EMAIL_RE = re.compile(r"\[email(?:\s|&#160;|\u00a0)protected\]", re.IGNORECASE)
# contact details or links: such a line is never a heading or a title
CONTACTISH = re.compile(r"@|\[email|\+\d[\d -]{6,}|https?://|www\.", re.IGNORECASE)


def words(text: str) -> list[str]:
    return WORD_RE.findall(text)


def word_count(text: str) -> int:
    return len(WORD_RE.findall(text))


# Combining diacritical marks (Latin, Greek, Cyrillic and their extensions).
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def strip_accents(text: str) -> str:
    if text.isascii():
        return text
    return _COMBINING.sub("", unicodedata.normalize("NFKD", text))


def fold(text: str) -> str:
    """Case- and accent-insensitive form for matching lexicon entries."""
    return strip_accents(text.casefold())


def strip_tags(text: str) -> str:
    """Remove HTML-looking tags from a one-line string (used for titles only)."""
    return re.sub(r"\s+", " ", TAG_RE.sub(" ", text)).strip()


_NO_SPACE_RE = re.compile(rf"[{_NO_SPACE_SCRIPTS}]")


def has_no_space_script(text: str) -> bool:
    return _NO_SPACE_RE.search(text) is not None
