"""Locale data from Babel/CLDR: language names, dates, numbers, in the reader's language."""

from __future__ import annotations

import datetime as _dt
import re
from functools import cache, lru_cache

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_skeleton, format_timedelta
from babel.numbers import format_decimal, format_percent
from babel.units import format_unit

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


@lru_cache(maxsize=4096)
def format_confidence(value: float, ui_lang: str) -> str:
    """A share as a localized percentage (remembered: a page at 1,000 policies shows
    the same few shares hundreds of times)."""
    return format_percent(value, locale=locale(ui_lang))


_UNIT_NAMES = {"H": "hour", "D": "day", "W": "week", "M": "month", "Y": "year"}
_UNIT_CODES = {name: code for code, name in _UNIT_NAMES.items()}
_UNIT_HOURS = {"H": 1, "D": 24, "W": 7 * 24, "M": 30 * 24, "Y": 365 * 24}  # Babel's own lengths for format_timedelta
_DURATION = re.compile(r"P(?:T(?P<hours>\d+)H|(?P<value>\d+)(?P<code>[DWMY]))")


def iso_duration(value: int, unit: str) -> str:
    """(48, "hour") -> "PT48H", (3, "year") -> "P3Y": a period as ISO 8601 writes it."""
    code = _UNIT_CODES[unit]
    return f"PT{value}H" if code == "H" else f"P{value}{code}"


def _duration(iso: str) -> tuple[int, str] | None:
    """ "P3Y" -> (3, "Y"), "PT48H" -> (48, "H"); None for anything else."""
    match = _DURATION.fullmatch(iso)
    if not match:
        return None
    return (int(match["hours"]), "H") if match["hours"] else (int(match["value"]), match["code"])


def duration_days(iso: str) -> float:
    """ "P3Y" -> 1095, "PT12H" -> 0.5: a duration's length in days (0 when it is not one of ours)."""
    duration = _duration(iso)
    if duration is None:
        return 0
    value, code = duration
    hours = value * _UNIT_HOURS[code]
    return hours // 24 if hours % 24 == 0 else hours / 24


def format_duration(iso: str, ui_lang: str) -> str:
    """ "P3Y" -> "3 years" / "3 roky" / "3 vjet". CLDR lacks unit data for some languages
    (Albanian: format_unit gives "3 duration-year"); there format_timedelta still works."""
    duration = _duration(iso)
    if duration is None:
        return iso
    value, code = duration
    loc = locale(ui_lang)
    text = format_unit(value, f"duration-{_UNIT_NAMES[code]}", locale=loc)
    if "duration-" in text:
        delta = _dt.timedelta(hours=value * _UNIT_HOURS[code])
        text = format_timedelta(delta, threshold=value, locale=loc)
    return text


def country_name(code: str, ui_lang: str) -> str:
    return locale(ui_lang).territories.get(code, code)


def format_number(value: int, ui_lang: str) -> str:
    return format_decimal(value, locale=locale(ui_lang))


@cache
def direction(lang: str) -> str:
    """` dir="rtl"` for a right-to-left language (Arabic, Hebrew, Persian, Urdu), else "".
    Cached: pages ask for every title and excerpt they show, and Babel parses the locale anew."""
    try:
        order = Locale.parse(lang.replace("-", "_")).character_order
    except (UnknownLocaleError, ValueError):
        return ""
    return ' dir="rtl"' if order == "right-to-left" else ""
