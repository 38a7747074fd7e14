"""How the facts read a policy: each language's fact cues (from its data file), prepared
once, and a section's lines and sentences, with their quotes."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from .lexicon import Lexicon, cue_regex, lexicon
from .model import Section
from .text import (
    longest_first,
    table_cells,
)

QUOTE_CHARS = 220
SENTENCE_END = re.compile(r"(?<=[.!?;。！？])(?<!\.[A-Za-z]\.)\s+|(?<=[a-zà-ž][.!?])(?=[A-ZÀ-Ž])|\n")
# abbreviations of two one-letter words ("z. B.", "d. h.", "i. e.", "т. е."): no sentence
# ends inside or right after them, while "Annex A. We share" ends one
_ONE_LETTER_END = re.compile(r"(?:^|[\s(])[^\W\d_]\.$")
_ONE_LETTER_START = re.compile(r"[^\W\d_]\.(?:\s|$)")
_ONE_LETTER_PAIR_END = re.compile(r"(?:^|[\s(])[^\W\d_]\. [^\W\d_]\.$")


@dataclass(frozen=True)
class Part:
    section: str | None
    topics: tuple[str, ...]
    text: str
    lead: str | None = None  # the topic the section is mainly about


class Cues:
    """A cue list of a language, its regexes compiled once: where its cues start in a folded text.

    In text with spaces a cue starts a word (the longest cue wins where several match); in
    scripts written without spaces every occurrence of every cue counts."""

    __slots__ = ("anywhere", "cues", "regex")

    def __init__(self, cues: tuple[str, ...]) -> None:
        self.cues = cues
        self.regex = cue_regex(cues, spaced=True) if cues else None
        self.anywhere = cue_regex(cues, spaced=False) if cues else None

    def maybe_in(self, folded: str) -> bool:
        """Whether a cue occurs anywhere in `folded` (a whole section, say): when not,
        none of its sentences can have one, at a word start or not."""
        return self.anywhere is not None and self.anywhere.search(folded) is not None

    def positions(self, folded: str, no_space: bool) -> list[int]:
        if self.regex is None:
            return []
        if no_space:
            return [m.start() for c in self.cues for m in re.finditer(re.escape(c), folded)]
        return [m.start() for m in self.regex.finditer(folded)]

    def blanked(self, folded: str, no_space: bool) -> str:
        """`folded` with every cue found in it turned into spaces (of the same length)."""
        pattern = self.anywhere if no_space else self.regex
        if pattern is None:
            return folded
        return pattern.sub(lambda m: " " * len(m.group()), folded)

    def found(self, folded: str, no_space: bool) -> bool:
        if self.regex is None:
            return False
        if no_space:
            return any(c in folded for c in self.cues)
        return self.regex.search(folded) is not None


class FactLanguage:
    """What fact extraction uses of one language, prepared once."""

    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex
        facts = lex.facts
        self.retention = Cues(facts.retention_cues)
        self.retention_since = Cues(facts.retention_since_cues)
        self.not_retention = Cues(facts.not_retention_cues)
        self.rate_words = frozenset(facts.rate_words)
        self.age = Cues(facts.age_cues)
        self.resident = Cues(facts.resident_cues)
        self.resident_after = Cues(facts.resident_after_cues)
        self.law_after = Cues(facts.law_after_cues)
        self.origin = Cues(facts.origin_cues)
        self.destination = Cues(facts.destination_cues)
        self.recipient_headers = Cues(facts.recipient_headers)
        self.organisation_lookalikes = frozenset(facts.organisation_lookalikes)
        self.name_endings = facts.name_endings
        self.source = Cues(facts.source_cues)
        self.sharing = Cues(lex.topic_cues("sharing"))
        self.transfers = Cues(lex.topic_cues("transfers"))
        self.cookies = Cues(lex.topic_cues("cookies"))
        self.duration_units = facts.duration_units
        self.number_words = dict(facts.number_words)
        self.number_regex: dict[bool, re.Pattern[str] | None] = {True: None, False: None}
        if self.number_words:
            words = tuple(sorted(self.number_words))
            self.number_regex = {spaced: _number_regex(words, spaced) for spaced in (True, False)}


@cache
def fact_language(lang: str) -> FactLanguage | None:
    lex = lexicon(lang)
    return FactLanguage(lex) if lex is not None else None


def previous_line(lines: list[str], index: int) -> str:
    """The last line before `lines[index]` that is not blank, stripped ("" if none)."""
    return next((p.strip() for p in reversed(lines[:index]) if p.strip()), "")


def lines_of(text: str) -> list[str]:
    """The lines of a text, a sentence wrapped over two lines joined again: a line that
    goes on in lower case after a letter ("bewaard voor" / "beveiligingsdoeleinden"), as
    text copied from a page with hard wraps has it."""
    lines: list[str] = []
    for line in text.split("\n"):
        if lines and line[:1].islower() and lines[-1][-1:].isalnum():
            lines[-1] += " " + line
        else:
            lines.append(line)
    return lines


def sentences_of(lines: list[str]) -> list[tuple[str, str, int]]:
    """The sentences of a text's lines, each with the line it stands in and its index."""
    return [(s, line, index) for index, line in enumerate(lines) for s in line_sentences(line)]


def line_sentences(line: str) -> list[str]:
    sentences: list[str] = []
    for piece in SENTENCE_END.split(line):
        piece = piece.strip() if piece else ""
        if not piece:
            continue
        if sentences and (
            _ONE_LETTER_PAIR_END.search(sentences[-1])
            or (_ONE_LETTER_END.search(sentences[-1]) and _ONE_LETTER_START.match(piece))
        ):
            sentences[-1] += " " + piece
        else:
            sentences.append(piece)
    return sentences


def sentence_starts(text: str) -> list[int]:
    """Where each sentence of a text starts, cut as `line_sentences` cuts a line (a line
    break ends one too; an abbreviation of one-letter words, "z. B.", ends none)."""
    starts = [0]
    for end in SENTENCE_END.finditer(text):
        # its last 12 characters say as much as the whole sentence (the patterns are shorter)
        # (spaces as line_sentences joins what it merges: one)
        before = _SPACES.sub(" ", text[max(starts[-1], end.start() - 12) : end.start()])
        if _ONE_LETTER_PAIR_END.search(before) or (
            _ONE_LETTER_END.search(before) and _ONE_LETTER_START.match(text, end.end())
        ):
            continue
        starts.append(end.end())
    return starts


def section_text(section: Section) -> str:
    """A section's text as the facts read it: its heading, then its words."""
    return section.title + "\n" + section.body_text


def table_rows(lines: list[str]) -> Iterator[tuple[int, list[str], bool]]:
    """The rows of the Markdown tables among `lines`: each one's line index, its cells, and
    whether it is its table's header. The header is the table's first row with text in it:
    a scraped table often starts with an empty row and the separator."""
    header_read = False
    for index, line in enumerate(lines):
        if not line.startswith("|"):
            header_read = False
            continue
        cells = table_cells(line)
        if all(set(cell) <= set("-: ") for cell in cells):
            continue  # the separator row (or an empty one)
        if header_read:
            yield index, cells, False
        elif any(cells):
            header_read = True
            yield index, cells, True


_SPACES = re.compile(r"\s+")
LETTERS = re.compile(r"[^\W\d_]+")


def trim_quote(quote: str) -> str:
    quote = _SPACES.sub(" ", quote).strip()
    return quote if len(quote) <= QUOTE_CHARS else quote[: QUOTE_CHARS - 1].rstrip() + "…"


@cache
def _number_regex(words: tuple[str, ...], spaced: bool) -> re.Pattern[str]:
    alternation = longest_first(words)
    return re.compile(rf"(?<!\w)(?:{alternation})(?!\w)" if spaced else f"(?:{alternation})")
