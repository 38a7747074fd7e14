"""Facts extracted from a policy, each with the section and the words that show it.

Retention periods, minimum age, contact addresses, countries data goes to, cookies and
named third parties. What a language contributes (unit words, number words, cue words,
inflected country names) comes from its data file; country names come from CLDR.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from babel import Locale, UnknownLocaleError

from .datafiles import load_yaml
from .lexicon import Lexicon, lexicon
from .model import PlacedSection
from .text import EMAIL_RE, HIDDEN_EMAIL_RE, fold, has_no_space_script

FACT_KEYS = ("retention", "min_age", "emails", "hidden_emails", "transfer_countries", "cookies", "third_parties")
QUOTE_CHARS = 220
_UNIT_CODE = {"day": "D", "week": "W", "month": "M", "year": "Y"}
_SENTENCE_END = re.compile(r"(?<=[.!?;。！？])\s+|(?<=[a-zà-ž][.!?])(?=[A-ZÀ-Ž])|\n")
_DIGITS = re.compile(r"(?<!\d)(\d{1,4})(?![\d])")
_AGE_RANGE = range(10, 22)


@dataclass(frozen=True)
class Evidence:
    value: object
    section: str | None  # section id; None for the text before the first section
    quote: str

    def as_json(self) -> dict[str, object]:
        return {"value": self.value, "section": self.section, "quote": self.quote}


@dataclass(frozen=True)
class PolicyFacts:
    retention: tuple[str, ...] = ()
    min_age: int | None = None
    emails: tuple[str, ...] = ()
    hidden_emails: int = 0
    transfer_countries: tuple[str, ...] = ()
    cookies: bool = False
    third_parties: tuple[str, ...] = ()
    evidence: tuple[tuple[str, tuple[Evidence, ...]], ...] = ()

    def as_json(self) -> dict[str, object]:
        return {
            "retention": list(self.retention),
            "min_age": self.min_age,
            "emails": list(self.emails),
            "hidden_emails": self.hidden_emails,
            "transfer_countries": list(self.transfer_countries),
            "cookies": self.cookies,
            "third_parties": list(self.third_parties),
            "evidence": {k: [e.as_json() for e in v] for k, v in self.evidence},
        }


@dataclass(frozen=True)
class _Part:
    section: str | None
    topics: tuple[str, ...]
    text: str


def extract_facts(
    preamble: str, sections: tuple[PlacedSection, ...], lang: str, publisher: str | None = None
) -> PolicyFacts:
    lex = lexicon(lang)
    parts = [_Part(None, (), preamble)] + [
        _Part(p.id, p.topics, p.section.title + "\n" + p.section.body_text) for p in sections
    ]
    evidence: dict[str, list[Evidence]] = {}

    def note(key: str, value: object, part: _Part, quote: str) -> None:
        evidence.setdefault(key, []).append(Evidence(value, part.section, _trim(quote)))

    retention: list[str] = []
    ages: list[tuple[bool, int, _Part, str]] = []
    emails: list[str] = []
    hidden = 0
    countries: list[str] = []
    cookies = False
    parties: list[str] = []
    for part in parts:
        for sentence in _sentences(part.text):
            folded = fold(sentence)
            if lex is not None:
                for period in _retention_periods(sentence, folded, lex):
                    if period not in retention:
                        retention.append(period)
                        note("retention", period, part, sentence)
                for age in _ages(folded, lex):
                    ages.append(("children" in part.topics, age, part, sentence))
            for email in EMAIL_RE.findall(sentence):
                if email.lower() not in emails:
                    emails.append(email.lower())
                    note("emails", email.lower(), part, sentence)
            for _ in HIDDEN_EMAIL_RE.finditer(sentence):
                hidden += 1
                note("hidden_emails", "hidden", part, sentence)
            if lex is not None and (
                "transfers" in part.topics or _has_cue(folded, lex.topic_cues("transfers"), sentence)
            ):
                for code in _countries(folded, lang, lex, sentence):
                    if code not in countries:
                        countries.append(code)
                        note("transfer_countries", code, part, sentence)
            if lex is not None and not cookies and _has_cue(folded, lex.topic_cues("cookies"), sentence):
                cookies = True
                note("cookies", True, part, sentence)
            for name in _organisations(sentence, publisher):
                if name not in parties:
                    parties.append(name)
                    note("third_parties", name, part, sentence)
    if not cookies and any("cookies" in p.topics for p in parts):
        cookies = True
    min_age = None
    if ages:
        ages.sort(key=lambda a: not a[0])  # ages stated in a section about children first
        _, min_age, part, quote = ages[0]
        note("min_age", min_age, part, quote)
    return PolicyFacts(
        retention=tuple(retention),
        min_age=min_age,
        emails=tuple(emails),
        hidden_emails=hidden,
        transfer_countries=tuple(countries),
        cookies=cookies,
        third_parties=tuple(parties),
        evidence=tuple((k, tuple(evidence[k])) for k in FACT_KEYS if k in evidence),
    )


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(text) if s and s.strip()]


def _trim(quote: str) -> str:
    quote = re.sub(r"\s+", " ", quote).strip()
    return quote if len(quote) <= QUOTE_CHARS else quote[: QUOTE_CHARS - 1].rstrip() + "…"


def _has_cue(folded: str, cues: tuple[str, ...], original: str) -> bool:
    return _cue_positions(folded, cues, original) != []


def _cue_positions(folded: str, cues: tuple[str, ...], original: str) -> list[int]:
    if not cues:
        return []
    if has_no_space_script(original):
        return [m.start() for c in cues for m in re.finditer(re.escape(c), folded)]
    return [m.start() for m in _cue_regex(cues).finditer(folded)]


@cache
def _cue_regex(cues: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(c) for c in cues) + ")")


# --- retention periods ---------------------------------------------------------------


@cache
def _number_words(lex: Lexicon) -> dict[str, int]:
    return dict(lex.facts.number_words)


def _numbers(folded: str, lex: Lexicon, spaced: bool) -> list[tuple[int, int, int]]:
    """(value, start, end) of every number written in digits or words."""
    found = [(int(m.group(1)), m.start(), m.end()) for m in _DIGITS.finditer(folded)]
    words = _number_words(lex)
    if words:
        pattern = _number_regex(tuple(sorted(words, key=len, reverse=True)), spaced)
        found += [(words[m.group(0)], m.start(), m.end()) for m in pattern.finditer(folded)]
    return sorted(found, key=lambda n: n[1])


@cache
def _number_regex(words: tuple[str, ...], spaced: bool) -> re.Pattern[str]:
    alternation = "|".join(re.escape(w) for w in words)
    return re.compile(rf"(?<!\w)(?:{alternation})(?!\w)" if spaced else f"(?:{alternation})")


def _unit_after(folded: str, end: int, lex: Lexicon, spaced: bool) -> str | None:
    """The unit word that follows a number (at most two words later)."""
    rest = folded[end : end + 40]
    if spaced:
        words = re.findall(r"[^\W\d_]+", rest)[:2]
        lead = rest.lstrip(" -\u00a0")
        if not lead or lead[0].isdigit():
            return None
        for word in words:
            for unit, stems in lex.facts.duration_units:
                if any(word.startswith(stem) for stem in stems):
                    return unit
        return None
    lead = rest.lstrip()
    for unit, stems in lex.facts.duration_units:
        if any(lead.startswith(stem) for stem in stems):
            return unit
    return None


def _retention_periods(sentence: str, folded: str, lex: Lexicon) -> list[str]:
    if not lex.facts.duration_units or not lex.facts.retention_cues:
        return []
    spaced = not has_no_space_script(sentence)
    keep = _cue_positions(folded, lex.facts.retention_cues, sentence)
    if not keep:
        return []
    other = _cue_positions(folded, lex.facts.not_retention_cues, sentence)
    periods = []
    for value, start, end in _numbers(folded, lex, spaced):
        if value <= 0 or value > 100:
            continue
        unit = _unit_after(folded, end, lex, spaced)
        if unit is None:
            continue
        # the nearest cue decides: "delete ... within 30 days" is, "reply within 30 days" is not
        near_keep = min(abs(p - start) for p in keep)
        if other and min(abs(p - start) for p in other) < near_keep:
            continue
        periods.append(f"P{value}{_UNIT_CODE[unit]}")
    return periods


# --- ages -------------------------------------------------------------------------------


def _ages(folded: str, lex: Lexicon) -> list[int]:
    cues = _cue_positions(folded, lex.facts.age_cues, folded)
    if not cues:
        return []
    ages = []
    for value, start, _end in _numbers(folded, lex, True):
        if value in _AGE_RANGE and min(abs(p - start) for p in cues) <= 40:
            ages.append(value)
    return ages


# --- countries --------------------------------------------------------------------------


@cache
def _country_names(lang: str) -> tuple[tuple[str, str], ...]:
    """(folded name, ISO code) from CLDR in the policy's language and English, plus the
    inflected forms of the language's data file; longest names first."""
    names: dict[str, str] = {}
    for code in (lang, "en"):
        try:
            territories = Locale.parse(code.replace("-", "_")).territories
        except (UnknownLocaleError, ValueError):
            continue
        for key, name in territories.items():
            if len(key) == 2 and key.isalpha() and key not in ("EU", "EZ", "UN", "QO", "XA", "XB", "ZZ"):
                folded = fold(name)
                if len(folded) >= 4:
                    names.setdefault(folded, key)
    lex = lexicon(lang)
    if lex is not None:
        for key, forms in lex.facts.country_forms:
            for form in forms:
                names.setdefault(form, key)
    return tuple(sorted(names.items(), key=lambda kv: (-len(kv[0]), kv[0])))


@cache
def _country_regex(lang: str, spaced: bool) -> tuple[re.Pattern[str], dict[str, str]]:
    names = dict(_country_names(lang))
    alternation = "|".join(re.escape(n) for n in names)
    pattern = rf"(?<!\w)(?:{alternation})" if spaced else f"(?:{alternation})"
    return re.compile(pattern), names


def _countries(folded: str, lang: str, lex: Lexicon, original: str) -> list[str]:
    spaced = not has_no_space_script(folded)
    regex, names = _country_regex(lang, spaced)
    aligned = len(folded) == len(original)
    found = []
    for match in regex.finditer(folded):
        first = original[match.start()] if aligned else ""
        if aligned and first.lower() != first.upper() and not first.isupper():
            continue  # a country is named with a capital ("Mali"), the verb "mali" is not
        if _resident_before(folded, match.start(), lex, original):
            continue  # "if you are a resident of Switzerland": where users live, not where data goes
        if spaced:
            # an inflected name may run on by an ending ("Singapuru"), not into another word
            rest = re.match(r"\w*", folded[match.end() :])
            ending = len(rest.group(0)) if rest else 0
            if ending > (2 if len(match.group(0)) < 6 else 3):
                continue
        found.append(names[match.group(0)])
    return found


def _resident_before(folded: str, start: int, lex: Lexicon, original: str) -> bool:
    window = folded[max(0, start - 40) : start]
    return _has_cue(window, lex.facts.resident_cues, original)


# --- organisations ----------------------------------------------------------------------


@cache
def _organisation_regex() -> re.Pattern[str]:
    path = resources.files("policy_atlas") / "data" / "organisations.yaml"
    names = load_yaml(path.read_text(encoding="utf-8"))["organisations"]
    alternation = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<![\w.@/-])(?:{alternation})(?![\w@])")


def _organisations(sentence: str, publisher: str | None) -> list[str]:
    own = fold(publisher or "")
    return [m.group(0) for m in _organisation_regex().finditer(sentence) if fold(m.group(0)) not in own]
