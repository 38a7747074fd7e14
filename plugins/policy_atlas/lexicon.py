"""Per-language knowledge, read from one YAML data file per language in `data/lang/`.

The files are data a linguist can review without reading Python: phrases that name a
privacy policy, labels of update/effective dates, topic cue words. The code that uses
them is the same for every language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from .datafiles import load_data_file, load_yaml
from .text import cue_form, longest_first, without_spaces_by_no_space_script

TOPIC_IDS = (
    "scope",
    "collection",
    "purposes",
    "legal-basis",
    "sharing",
    "cookies",
    "retention",
    "security",
    "rights",
    "choices",
    "children",
    "transfers",
    "changes",
    "contact",
)


@dataclass(frozen=True)
class Facts:
    """What fact extraction needs to know of a language."""

    duration_units: tuple[tuple[str, tuple[str, ...]], ...] = ()  # unit (hour/day/week/month/year) -> stems
    number_words: tuple[tuple[str, int], ...] = ()
    retention_cues: tuple[str, ...] = ()
    retention_since_cues: tuple[str, ...] = ()  # after a period, what it runs from ("... after ... inactive")
    not_retention_cues: tuple[str, ...] = ()
    rate_words: tuple[str, ...] = ()  # right before a number, make it a rate ("câte o zi": one day each)
    age_cues: tuple[str, ...] = ()
    resident_cues: tuple[str, ...] = ()  # before a country: where users live, not where data goes
    resident_after_cues: tuple[str, ...] = ()  # after a country ("スイスのユーザ"): where users live
    law_after_cues: tuple[str, ...] = ()  # right after a country ("Luxembourg laws"): whose law, not where data goes
    origin_cues: tuple[str, ...] = ()  # before a country: where data comes from ("from the UK")
    destination_cues: tuple[str, ...] = ()  # between an origin cue and a country: where it goes ("to")
    region_names: tuple[str, ...] = ()  # places that are not countries ("EEA"), in lists of places
    # a table's first header naming recipients ("Sous-traitant"): its rows name organisations
    recipient_headers: tuple[str, ...] = ()
    # whether the language writes every noun with a capital (German): then a capital after
    # a country's name does not make the country part of a name ("UK Extension")
    nouns_capitalized: bool = False
    # whether the language inflects country names, so that a name may run on by a short
    # ending ("Singapuru", "Kinës"); where it does not (English, French), a name running on
    # is another word: "Brazilian", "brésilien" are no countries
    country_names_inflect: bool = True
    # words of the language spelt as a listed organisation ("Meta" opens Maltese sentences:
    # "when"), which a policy in it does not name as one when they open a sentence (or
    # anywhere, where every noun has a capital: German "Kakao", cocoa)
    organisation_lookalikes: tuple[str, ...] = ()
    # endings the language glues to an organisation's name to inflect it (Croatian
    # "Facebooka", "Facebookom", Finnish "Googlen", German "Facebooks"): the name is meant
    name_endings: tuple[str, ...] = ()
    # a sentence saying data comes to the policy's publisher from the organisations it
    # names ("we may receive information about you", "sign in with"): where it has no cue
    # of sharing, the organisations it names are sources, not recipients
    source_cues: tuple[str, ...] = ()
    country_forms: tuple[tuple[str, tuple[str, ...]], ...] = ()


@dataclass(frozen=True)
class Lexicon:
    lang: str
    name: str
    title_phrases: tuple[str, ...]
    updated_labels: tuple[str, ...]
    effective_labels: tuple[str, ...]
    topics: tuple[tuple[str, tuple[str, ...]], ...]
    facts: Facts = field(default_factory=lambda: Facts())
    # words a heading opens with to state what data is used for ("To help you connect with
    # other users", "Um ... zu"): such a heading that names no topic names `purposes`
    purpose_openers: tuple[str, ...] = ()

    @property
    def has_topics(self) -> bool:
        return any(cues for _, cues in self.topics)

    def topic_cues(self, topic: str) -> tuple[str, ...]:
        return dict(self.topics).get(topic, ())


def _data_dir():  # type: ignore[no-untyped-def]
    return resources.files("policy_atlas") / "data" / "lang"


@cache
def language_aliases() -> dict[str, str]:
    """Codes a detector may report for a language we hold under another code."""
    raw = load_data_file("language_aliases.yaml")
    return {str(k): str(v) for k, v in (raw.get("aliases") or {}).items()}


@cache
def available_languages() -> tuple[str, ...]:
    return tuple(sorted(p.name[:-5] for p in _data_dir().iterdir() if p.name.endswith(".yaml")))


@cache
def lexicon(lang: str) -> Lexicon | None:
    """The lexicon of a language (`nb`, `cs`, ...), or None when we have no data for it."""
    base = lang.split("-")[0].lower()
    base = language_aliases().get(base, base)
    if base not in available_languages():
        return None
    raw = _raw(base)
    for close in raw.get("close_languages") or []:
        if str(close) not in available_languages():
            raise ValueError(f"data/lang/{base}.yaml: close language {close!r} has no data file")
        raw = _merged_with(raw, _raw(str(close)))
    topics = raw.get("topics") or {}
    unknown = sorted(set(topics) - set(TOPIC_IDS))
    if unknown:
        raise ValueError(f"data/lang/{base}.yaml: unknown topic ids {unknown}; use {', '.join(TOPIC_IDS)}")
    return Lexicon(
        lang=base,
        name=str(raw.get("name", base)),
        title_phrases=_folded(raw.get("title_phrases")),
        updated_labels=_folded(raw.get("updated_labels")),
        effective_labels=_folded(raw.get("effective_labels")),
        topics=tuple((t, _folded(topics.get(t))) for t in TOPIC_IDS),
        facts=_facts(raw.get("facts") or {}, base),
        purpose_openers=_folded(raw.get("purpose_openers")),
    )


def _raw(lang: str) -> dict[str, Any]:
    return load_yaml((_data_dir() / f"{lang}.yaml").read_text(encoding="utf-8")) or {}


def _merged_with(raw: dict[str, Any], other: dict[str, Any]) -> dict[str, Any]:
    """`raw` with the phrases of a close language added to every one of its lists (title
    phrases, date labels, topic cues, fact cues, country forms): a text the detector gives
    one of two close standard languages (Croatian, Serbian in Latin script) is read with
    the words of both. A name or a number stays the language's own."""
    out = dict(raw)
    for key, value in other.items():
        mine = out.get(key)
        if isinstance(value, list) and isinstance(mine, list | None):
            out[key] = [*(mine or []), *(v for v in value if v not in (mine or []))]
        elif isinstance(value, dict) and isinstance(mine, dict | None):
            out[key] = _merged_with(mine or {}, value)
        elif key not in out:
            out[key] = value
    return out


UNITS = ("hour", "day", "week", "month", "year")


def _facts(raw: dict[str, object], lang: str) -> Facts:
    units = raw.get("duration_units") or {}
    numbers = raw.get("number_words") or {}
    forms = raw.get("country_forms") or {}
    if not isinstance(units, dict) or not isinstance(numbers, dict) or not isinstance(forms, dict):
        raise ValueError(f"data/lang/{lang}.yaml: facts.duration_units, number_words and country_forms are mappings")
    unknown = sorted(set(units) - set(UNITS))
    if unknown:
        raise ValueError(f"data/lang/{lang}.yaml: unknown duration units {unknown}; use {', '.join(UNITS)}")
    # the word after a number is compared letters only: an abbreviation's dot is dropped
    # ("god." is the stem "god"), and a stem with anything else than letters never matches
    stems = {u: tuple(stem.rstrip(".") for stem in _folded(units.get(u))) for u in UNITS if units.get(u)}
    odd = sorted(stem for unit in stems.values() for stem in unit if not stem.isalpha())
    if odd:
        raise ValueError(f"data/lang/{lang}.yaml: duration unit stems must be letters (or end in a dot): {odd}")
    return Facts(
        duration_units=tuple(stems.items()),
        number_words=tuple(sorted((cue_form(str(k)).strip(), int(v)) for k, v in numbers.items())),
        retention_cues=_folded(raw.get("retention_cues")),
        retention_since_cues=_folded(raw.get("retention_since_cues")),
        not_retention_cues=_folded(raw.get("not_retention_cues")),
        rate_words=_folded(raw.get("rate_words")),
        age_cues=_folded(raw.get("age_cues")),
        resident_cues=_folded(raw.get("resident_cues")),
        resident_after_cues=_folded(raw.get("resident_after_cues")),
        law_after_cues=_folded(raw.get("law_after_cues")),
        origin_cues=_folded(raw.get("origin_cues")),
        destination_cues=_folded(raw.get("destination_cues")),
        region_names=_folded(raw.get("region_names")),
        recipient_headers=_folded(raw.get("recipient_headers")),
        nouns_capitalized=bool(raw.get("nouns_capitalized", False)),
        country_names_inflect=bool(raw.get("country_names_inflect", True)),
        organisation_lookalikes=tuple(str(w) for w in raw.get("organisation_lookalikes") or ()),
        name_endings=tuple(sorted({str(e) for e in raw.get("name_endings") or ()})),
        source_cues=_folded(raw.get("source_cues")),
        country_forms=tuple(sorted((str(k).upper(), _folded(v)) for k, v in forms.items())),
    )


def cue_regex(cues: tuple[str, ...], spaced: bool) -> re.Pattern[str]:
    """One regex over folded cues, the longest cue winning where several match: at the
    start of a word in text with spaces, anywhere in text written without them.

    A cue runs on into the rest of its last word (a stem), unless that word has two
    letters: a word such as "in", "na", "op" ("users in", "prava na", "recht op") or an
    abbreviation ("EU", "ЕС") is not a stem and must end where a word ends, so "users in"
    does not match "users inform". A one-letter last word does run on: it is written so
    on purpose ("σ" for "σε", "στην"; "v" for "v", "ve")."""
    if not spaced:
        return re.compile(f"(?:{longest_first(cues)})")
    closed = [cue for cue in cues if len(cue.rsplit(" ", 1)[-1]) == 2]
    return re.compile(rf"(?<!\w)(?:{longest_first(cues, closed)})")


def _folded(values: object) -> tuple[str, ...]:
    if not values:
        return ()
    if not isinstance(values, list):
        raise ValueError(f"expected a list of phrases, got {values!r}")
    folded = {cue_form(str(v)).strip() for v in values if str(v).strip()}
    # a phrase written "ip 地址" also matches "IP地址" (`without_spaces_by_no_space_script`)
    folded |= {without_spaces_by_no_space_script(v) for v in folded}
    # longest first, so "privacy policy" wins over "privacy"
    return tuple(sorted(folded, key=lambda v: (-len(v), v)))


@cache
def all_title_phrases() -> tuple[str, ...]:
    """Title phrases of every language, for text whose language we have no data for."""
    phrases: set[str] = set()
    for lang in available_languages():
        lex = lexicon(lang)
        if lex:
            phrases.update(lex.title_phrases)
    return tuple(sorted(phrases, key=lambda v: (-len(v), v)))
