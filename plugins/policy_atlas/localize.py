"""Locale data from Babel/CLDR: language names, dates, numbers, in the reader's language."""

from __future__ import annotations

import datetime as _dt
from functools import cache

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_skeleton
from babel.numbers import format_percent

from .model import DateValue


@cache
def locale(lang: str) -> Locale:
    try:
        return Locale.parse(lang.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en")


def language_name(code: str, ui_lang: str) -> str:
    """`sq` -> "Albanian" (en), "albánština" (cs); the code itself if CLDR has no name."""
    if code == "und":
        return locale(ui_lang).languages.get("und", "?")
    base = code.split("-")[0]
    name = locale(ui_lang).languages.get(code) or locale(ui_lang).languages.get(base)
    return name or code


def format_policy_date(value: DateValue, ui_lang: str) -> str:
    """As precise as the text: "December 29, 2023", "June 2023" or "2024"."""
    loc = locale(ui_lang)
    parts = [int(p) for p in value.iso.split("-")]
    if len(parts) == 3:
        return format_date(_dt.date(*parts), format="long", locale=loc)
    if len(parts) == 2:
        return format_skeleton("yMMMM", _dt.date(parts[0], parts[1], 1), locale=loc)
    return str(parts[0])


def format_confidence(value: float, ui_lang: str) -> str:
    return format_percent(value, locale=locale(ui_lang))
