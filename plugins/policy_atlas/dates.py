"""Dates written in any language CLDR knows: "Qershor, 30,2023", "29. prosince 2023", "2024".

Month names come from Babel (CLDR), in both format and stand-alone forms, wide and
abbreviated, so a new language needs no code, only CLDR data.
"""

from __future__ import annotations

import datetime as _dt
import re
from functools import cache

from babel import Locale, UnknownLocaleError
from babel.dates import get_date_format, get_month_names

from .text import fold

_YEAR = r"(?:19[5-9]\d|20\d\d|21\d\d)"
_ISO_RE = re.compile(rf"\b({_YEAR})-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?\b")
_NUMERIC_RE = re.compile(rf"\b(\d{{1,2}})\s*[./]\s*(\d{{1,2}})\s*[./]\s*({_YEAR})(?!\d)")
_YMD_SLASH_RE = re.compile(rf"\b({_YEAR})\s*[./]\s*(\d{{1,2}})\s*[./]\s*(\d{{1,2}})\b")
_CJK_RE = re.compile(rf"({_YEAR})\s*[年년]\s*(\d{{1,2}})\s*[月월]\s*(?:(\d{{1,2}})\s*[日일])?")
_SHORT_YEAR_RE = re.compile(r"(?<![\d.])(\d{1,2})[-/.](\d{1,2})[-/.](\d{2})(?![\d.])")
YEAR_RE = re.compile(rf"(?<!\d)({_YEAR})(?!\d)")  # a year standing alone, as dates write it
_TOKEN_RE = re.compile(r"[^\W\d_]+\.?|\d+", re.UNICODE)


@cache
def month_lookup(lang: str) -> dict[str, int]:
    """Folded month name (and abbreviation) -> month number, from CLDR."""
    names: dict[str, int] = {}
    locales = [lang, "en"] if lang != "en" else ["en"]
    for code in locales:
        try:
            locale = Locale.parse(code.replace("-", "_"))
        except (UnknownLocaleError, ValueError):
            continue
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                for number, name in get_month_names(width, context, locale).items():
                    key = fold(name).strip(".")
                    if len(key) >= 3 and key not in names:
                        names[key] = number
    return names


@cache
def month_first(lang: str) -> bool:
    """Whether the language writes a numeric date month first ("08/12/2026" is 12 August
    in English, 8 December in French), from CLDR's short date pattern. A language whose
    pattern starts with the year says nothing about the order of the other two: day first,
    as most do."""
    try:
        pattern = get_date_format("short", locale=Locale.parse(lang.replace("-", "_"))).pattern
    except (UnknownLocaleError, ValueError):
        return False
    month, day = pattern.find("M"), pattern.find("d")
    return 0 <= month < day and not pattern.startswith("y")


def _day_month(first: str, second: str, lang: str) -> tuple[str, str]:
    """(day, month) of a numeric date's first two numbers, in the language's order unless
    the numbers rule it out ("25/05/2018" is day first even in English)."""
    day, month = (second, first) if month_first(lang) else (first, second)
    if int(month) > 12 >= int(day):
        day, month = month, day
    return day, month


def parse_date(text: str, lang: str) -> str | None:
    """The first date in `text` as YYYY-MM-DD, YYYY-MM or YYYY (as precise as written)."""
    for regex in (_ISO_RE, _YMD_SLASH_RE, _CJK_RE):
        match = regex.search(text)
        if match:
            return _iso(*match.groups())
    numeric = _NUMERIC_RE.search(text)
    if numeric:
        first, second, year = numeric.groups()
        day, month = _day_month(first, second, lang)
        return _iso(year, month, day)
    short = _SHORT_YEAR_RE.search(text)
    if short:  # "06-03-26"
        first, second, year = short.groups()
        day, month = _day_month(first, second, lang)
        return _iso(f"20{year}", month, day)
    months = month_lookup(lang)
    tokens = [(m.group(0), m.start()) for m in _TOKEN_RE.finditer(text)]
    for index, (token, _) in enumerate(tokens):
        month = months.get(fold(token).strip("."))
        if month is None:
            continue
        window = tokens[max(0, index - 3) : index + 4]
        year = next((t for t, _ in window if re.fullmatch(_YEAR, t)), None)
        if year is None:
            continue
        day = next((t for t, _ in window if t.isdigit() and 1 <= int(t) <= 31 and len(t) <= 2), None)
        return _iso(year, str(month), day)
    year_match = YEAR_RE.search(text)
    return year_match.group(1) if year_match else None


def date_only(text: str, lang: str) -> str | None:
    """The full date (YYYY-MM-DD) a text consists of and nothing else ("21. August 2026",
    "September 29, 2024", "2024-09-23"): every word a number or a month name; else None."""
    text = text.strip(" \t.,:;")
    if _CJK_RE.fullmatch(text):
        iso = parse_date(text, lang)
    else:
        tokens = _TOKEN_RE.findall(text)
        months = month_lookup(lang)
        if not tokens or not YEAR_RE.search(text):
            return None
        if any(not t.isdigit() and fold(t).strip(".") not in months for t in tokens):
            return None
        if re.search(r"[^\w\s.,/-]", text):
            return None
        iso = parse_date(text, lang)
    return iso if iso and iso.count("-") == 2 else None


def _iso(year: str | None, month: str | None, day: str | None) -> str | None:
    if year is None:
        return None
    if month is None:
        return year
    m = int(month)
    if not 1 <= m <= 12:
        return year
    if day is None:
        return f"{year}-{m:02d}"
    try:
        return _dt.date(int(year), m, int(day)).isoformat()
    except ValueError:
        return f"{year}-{m:02d}"
