"""Retention periods and ages: numbers in digits or words, with a unit or an age cue near
them, read sentence by sentence and row by row of a table about keeping data."""

from __future__ import annotations

import re
from collections.abc import Iterator

from .factlang import (
    LETTERS,
    SENTENCE_END,
    FactLanguage,
    fact_language,
    line_sentences,
    lines_of,
    sentences_of,
    table_rows,
)
from .localize import iso_duration
from .text import (
    cue_form,
    has_no_space_script,
    table_cells,
)

# a number, not a piece of a decimal or grouped one ("15.47 days", "8,260,593 requests")
_DIGITS = re.compile(r"(?<!\d[.,])(?<!\d)(\d{1,4})(?!\d|[.,]\d)")
_AGE_RANGE = range(10, 22)


def may_state_periods(folded: str, language: FactLanguage) -> bool:
    """Whether a section's folded text holds a cue about keeping data at all."""
    return bool(language.duration_units) and (
        language.retention.maybe_in(folded) or language.retention_since.maybe_in(folded)
    )


def _periods(lines: list[str], language: FactLanguage) -> Iterator[tuple[str, str]]:
    """The retention periods a section's lines state, in reading order, each with its quote:
    a table row under a header about keeping data cell by cell (and once), other lines
    sentence by sentence."""
    headers = _table_headers(lines, language)
    label = ""  # the line before, when it is a label about keeping data
    for index, line in enumerate(lines):
        if index in headers:
            label = ""
            sentences = line_sentences(line)
            if not sentences:
                continue
            no_space = not sentences[0].isascii() and has_no_space_script(sentences[0])
            for cell, quote in _row_cells(line, headers[index], language):
                for period in _retention_periods(cell, numbers_in(cell, language, not no_space), language, no_space):
                    yield period, quote
            continue
        if not line.strip():
            continue
        if label or may_state_periods(cue_form(line), language):  # a period needs a cue in its sentence
            for number, sentence in enumerate(line_sentences(line)):
                no_space = not sentence.isascii() and has_no_space_script(sentence)
                folded = cue_form(sentence)
                if label and not number and not _speaks_of_keeping(folded, language, no_space):
                    folded = f"{label} : {folded}"
                # in text without spaces a number word may touch the next word
                for period in _retention_periods(
                    folded, numbers_in(folded, language, not no_space), language, no_space
                ):
                    yield period, sentence
        label = _keeping(line, language, _LABEL_WORDS) if _is_label(line) else ""


def _speaks_of_keeping(folded: str, language: FactLanguage, no_space: bool) -> bool:
    """Whether a sentence has words of its own that decide what its periods are: about keeping
    data, what a period runs from, or answering and notice."""
    return any(
        cues.positions(folded, no_space)
        for cues in (language.retention, language.retention_since, language.not_retention)
    )


def read_periods(text: str, lang: str) -> tuple[tuple[str, str], ...]:
    """The retention periods a section's text (its heading and words) states, with quotes."""
    language = fact_language(lang)
    if language is None or not may_state_periods(cue_form(text), language):
        return ()
    return tuple(_periods(lines_of(text), language))


# a header cell is a label: longer, a first cell is the row's text, not its header
_HEADER_WORDS = 8


# a line of its own is a label when short and not a statement: "How long do we keep your
# data?" (unlike the label lines that weigh as titles in topics.py, a question is one here)
_LABEL_WORDS = 14


def _is_label(line: str) -> bool:
    text = line.strip().strip("*_#> ").strip()
    return bool(text) and text[-1] not in ".;,!" and not _DIGITS.search(text)


def _keeping(cell: str, language: FactLanguage, words: int = _HEADER_WORDS) -> str:
    """A table header cell (or a line of its own, of at most `words` words), folded, when it
    is a label about keeping data ("Durée de conservation", "Retention period"); otherwise
    "" (also for a cell of running text)."""
    folded = cue_form(_BR.sub(" ", cell))
    if len(folded.split()) > words:
        return ""
    return folded if language.retention.found(folded, has_no_space_script(folded)) else ""


def _table_headers(lines: list[str], language: FactLanguage) -> dict[int, list[str]]:
    """For each table row, by its line index, the headers of its columns that are about
    keeping data ("" for the others)."""
    headers: dict[int, list[str]] = {}
    header: list[str] = []
    for index, cells, is_header in table_rows(lines):
        if is_header:
            header = [_keeping(cell, language) for cell in cells]
        else:
            headers[index] = header
    return headers


def _row_cells(row: str, header: list[str], language: FactLanguage) -> list[tuple[str, str]]:
    """The sentences of a table row's cells, folded, with their own words to quote. A cell's
    first sentence is read under its column's header and its row's first cell when they
    are about keeping data ("Durée de conservation" over "3 ans à compter de la dernière
    connexion"; "Retention period | 3 years"); the sentences after it stand on their own
    ("Un compte inactif pendant 6 mois est désactivé" is not a period of keeping)."""
    cells = table_cells(row)
    row_head = _keeping(cells[0], language) if len(cells) > 1 else ""
    out = []
    for index, cell in enumerate(cells):
        context = " : ".join(h for h in (header[index] if index < len(header) else "", row_head if index else "") if h)
        for piece in _BR.split(cell):
            for sentence in SENTENCE_END.split(piece):
                if sentence.strip():
                    folded = cue_form(sentence)
                    out.append((f"{context} : {folded}" if context else folded, sentence.strip()))
                    context = ""
    return out


_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)


def numbers_in(folded: str, language: FactLanguage, spaced: bool) -> list[tuple[int, int, int]]:
    """(value, start, end) of every number written in digits or words."""
    found = [(int(m.group(1)), m.start(), m.end()) for m in _DIGITS.finditer(folded)]
    pattern = language.number_regex[spaced]
    if pattern is not None:
        words = language.number_words
        found += [(words[m.group(0)], m.start(), m.end()) for m in pattern.finditer(folded)]
    return sorted(found, key=lambda n: n[1])


def _unit_after(folded: str, end: int, language: FactLanguage, spaced: bool) -> str | None:
    """The unit word that follows a number (at most two words later)."""
    rest = folded[end : end + 40]
    if spaced:
        words = LETTERS.findall(rest)[:2]
        lead = rest.lstrip(" -\u00a0")
        if not lead or lead[0].isdigit():
            return None
        for word in words:
            for unit, stems in language.duration_units:
                if any(word.startswith(stem) for stem in stems):
                    return unit
        return None
    lead = rest.lstrip()
    for unit, stems in language.duration_units:
        if any(lead.startswith(stem) for stem in stems):
            return unit
    return None


def _word_before(folded: str, start: int) -> str:
    words = LETTERS.findall(folded[max(0, start - 30) : start])
    return words[-1] if words else ""


# the largest number of each unit that can be a retention period ("370 jours" is,
# "500 years" is not)
_MOST = {"hour": 1000, "day": 1100, "week": 520, "month": 240, "year": 100}


def _retention_periods(
    folded: str, numbers: list[tuple[int, int, int]], language: FactLanguage, no_space: bool
) -> list[str]:
    if not language.duration_units or (language.retention.regex is None and language.retention_since.regex is None):
        return []
    spaced = not no_space
    keep = language.retention.positions(folded, no_space) if numbers else []
    since = language.retention_since.positions(folded, no_space) if numbers else []
    if not keep and not since:
        return []
    other = language.not_retention.positions(folded, no_space)
    ages = language.age.positions(folded, no_space)
    periods = []
    for value, start, end in numbers:
        if value <= 0:
            continue
        unit = _unit_after(folded, end, language, spaced)
        if unit is None or value > _MOST.get(unit, 100):
            continue
        if spaced and language.rate_words and _word_before(folded, start) in language.rate_words:
            continue  # "generated for one day each (câte o zi), kept 14 days": a rate
        # the nearest cue decides: "delete ... within 30 days" is, "reply within 30 days" is not;
        # what a period runs from counts after it ("5 years after the account becomes
        # inactive"), not before ("an account inactive for 6 months is deactivated")
        near = [abs(p - start) for p in keep] + [p - start for p in since if p > end]
        if not near:
            continue
        near_keep = min(near)
        # a word about answering or notice decides when nearer, but not one after the period
        # that a keeping word before it runs on to ("conservées jusqu'à 56 mois après la
        # résiliation": what it runs from)
        kept_before = any(p < start for p in keep)
        vetoes = [abs(p - start) for p in other if not (kept_before and p > end)]
        if vetoes and min(vetoes) < near_keep:
            continue
        if ages and min(abs(p - start) for p in ages) < near_keep:
            continue  # "if you are under 13 years": an age, not a period
        periods.append(iso_duration(value, unit))
    return periods


def read_ages(text: str, lang: str) -> tuple[tuple[int, str], ...]:
    """The ages a section's text (its heading and words) states, each with its sentence, in
    reading order: a number of years near a word about age ("under 16", "nën moshën 14
    vjeç"), written in digits or words."""
    language = fact_language(lang)
    if language is None or not language.age.maybe_in(cue_form(text)):
        return ()
    out: list[tuple[int, str]] = []
    for sentence, _, _ in sentences_of(lines_of(text)):
        folded = cue_form(sentence)
        no_space = not sentence.isascii() and has_no_space_script(folded)
        numbers = numbers_in(folded, language, True)  # number words as whole words
        out.extend((age, sentence) for age in ages_in(folded, numbers, language, no_space))
    return tuple(out)


def ages_in(folded: str, numbers: list[tuple[int, int, int]], language: FactLanguage, no_space: bool) -> list[int]:
    cues = language.age.positions(folded, no_space) if numbers else []
    if not cues:
        return []
    ages = []
    for value, start, _end in numbers:
        if value in _AGE_RANGE and min(abs(p - start) for p in cues) <= 40:
            ages.append(value)
    return ages
