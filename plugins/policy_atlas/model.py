"""Plain data passed along the pipeline: files -> documents -> sections -> analysis -> site.

Everything here is a frozen dataclass over plain values, so the core can be used,
cached and tested without MkDocs.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from .facts import PolicyFacts

# error: the seed is not published; warning: published, but something was changed or
# ignored; note: published as it is, worth knowing. --strict fails on errors and warnings.
Severity = Literal["error", "warning", "note"]


@dataclass(frozen=True)
class Problem:
    """Something wrong with one seed: what, where, and what to do about it."""

    source: str
    message: str
    hint: str
    severity: Severity = "error"
    line: int | None = None

    def format(self) -> str:
        where = self.source if self.line is None else f"{self.source}:{self.line}"
        return f"{where}: {self.message} {self.hint}".strip()

    def as_json(self) -> dict[str, object]:
        return {
            "source": self.source,
            "line": self.line,
            "severity": self.severity,
            "message": self.message,
            "hint": self.hint,
        }


@dataclass(frozen=True)
class SeedText:
    """One seed file, decoded and normalized, its front matter split off."""

    source: str  # path as shown to users, e.g. "seeds/004_x.txt"
    name: str  # file name
    text: str  # normalized body (NFC, "\n" line ends, no trailing spaces)
    meta: tuple[tuple[str, object], ...]  # validated front matter, sorted by key
    encoding: str
    encoding_guessed: bool
    first_body_line: int  # 1-based line in the file where `text` starts
    digest: str  # sha256 of the raw bytes
    markdown: bool  # a .md seed: its "#" headings count as headings

    def get(self, key: str, default: object = None) -> object:
        return dict(self.meta).get(key, default)


@dataclass(frozen=True)
class Block:
    """A paragraph or list item of a section body, as plain text."""

    kind: Literal["p", "li"]
    text: str
    start: int  # offset in the normalized text


def blocks_text(blocks: Iterable[Block]) -> str:
    """The text of some blocks, one line after another."""
    return "\n".join(b.text for b in blocks)


@dataclass(frozen=True)
class Section:
    """A section recovered from the raw text: heading, level and body.

    `start`/`end` delimit the exact slice of the normalized text the section owns
    (its heading included), so the sections joined back give the text again.
    """

    title: str
    level: int
    number: str | None
    generated_title: bool
    topic_key: str | None  # for a generated title: the topic that named it
    kind: str  # how the heading was found: line, runin, numbered, markdown, generated, ...
    start: int
    end: int
    blocks: tuple[Block, ...]  # body, in reading order (run-in body included)

    @property
    def body_text(self) -> str:
        return blocks_text(self.blocks)


@dataclass(frozen=True)
class Segmentation:
    """A document cut into a preamble (text before the first heading) and sections."""

    text: str  # the normalized text all offsets refer to
    title_line: tuple[int, int] | None  # span of the line used as page title, if any
    preamble_end: int
    preamble: tuple[Block, ...]
    sections: tuple[Section, ...]
    generated: bool  # sections were cut by topic, the text had no headings

    def pieces(self) -> list[str]:
        """The text the preamble and each section own, in order (joins back to `text`)."""
        return [self.text[: self.preamble_end]] + [self.text[s.start : s.end] for s in self.sections]


@dataclass(frozen=True)
class PlacedSection:
    """A section with its published anchor ids."""

    section: Section
    id: str
    aliases: tuple[str, ...] = ()
    removed_notes: tuple[str, ...] = ()  # titles of removed sections once linked here
    topics: tuple[str, ...] = ()
    lead_topic: str | None = None  # the topic the section is mainly about
    titled: bool = False  # its own heading names its lead topic and no other ("Data retention")
    # topic -> where in the section's text (its blocks joined) the sentence that speaks
    # most of it starts; a topic missing here is shown from the start
    passages: tuple[tuple[str, int], ...] = ()


# the anchor of a policy's opening (`Opening`): no heading's slug can take it (slugs.RESERVED_IDS)
OPENING_ID = "policy-opening"


@dataclass(frozen=True)
class Opening:
    """A policy's text before its first heading, past its title and date lines, with the
    topics it speaks of: an introduction ("This policy applies to ..."), or the only place
    where the policy says it may change. It is shown under an anchor of its own (OPENING_ID)."""

    blocks: tuple[Block, ...]
    topics: tuple[str, ...] = ()
    lead_topic: str | None = None
    # topic -> where in its text (its blocks joined) the sentence that speaks most of it starts
    passages: tuple[tuple[str, int], ...] = ()

    @property
    def text(self) -> str:
        return blocks_text(self.blocks)


@dataclass(frozen=True)
class DateValue:
    """A date as precise as the text states it: YYYY, YYYY-MM or YYYY-MM-DD."""

    iso: str
    quote: str
    line: int

    @property
    def precision(self) -> str:
        return {4: "year", 7: "month", 10: "day"}[len(self.iso)]


@dataclass(frozen=True)
class Policy:
    """Everything known about one policy, ready to render and export."""

    slug: str
    source: str
    name: str
    title: str
    title_generated: bool
    publisher: str | None
    url: str | None
    lang: str
    lang_confidence: float
    lang_supported: bool
    updated: DateValue | None
    effective: DateValue | None
    word_count: int
    paragraph_count: int
    segmentation: Segmentation
    sections: tuple[PlacedSection, ...]
    digest: str
    encoding: str
    encoding_guessed: bool
    old_slugs: tuple[str, ...] = ()
    facts: PolicyFacts | None = None
    opening: Opening | None = None
    title_lang: str = ""  # the language of its title (`langdetect.title_language`); "" without one

    @cached_property
    def topic_anchors(self) -> dict[str, str]:
        """Topic -> the id of the section (or of the opening, OPENING_ID) #topic-<id> lands
        on, in reading order.

        The first section mainly about the topic whose heading names it and nothing else
        ("How long we keep your data", not "Our principles" before it); failing one, the
        first part mainly about the topic, the opening counting as the first part; failing
        one, the first that touches it.
        """
        parts = [(placed.id, placed.topics, placed.lead_topic) for placed in self.sections]
        if self.opening is not None and self.opening.topics:
            parts.insert(0, (OPENING_ID, self.opening.topics, self.opening.lead_topic))
        target: dict[str, str] = {}
        for placed in self.sections:
            if placed.lead_topic and placed.titled:
                target.setdefault(placed.lead_topic, placed.id)
        for part_id, _, lead in parts:
            if lead:
                target.setdefault(lead, part_id)
        for part_id, topics, _ in parts:
            for topic in topics:
                target.setdefault(topic, part_id)
        return {t: target[t] for part_id, topics, _ in parts for t in topics if target[t] == part_id}

    @property
    def title_language(self) -> str:
        """The language its title is marked as: its text's where it has no title of its own."""
        return self.title_lang or self.lang

    @property
    def opening_topics(self) -> tuple[str, ...]:
        return self.opening.topics if self.opening is not None else ()

    def topic_anchor(self, topic: str) -> str | None:
        return self.topic_anchors.get(topic)


@dataclass(frozen=True)
class Site:
    """The whole site model: policies in a stable order, plus the problems found."""

    policies: tuple[Policy, ...]
    problems: tuple[Problem, ...] = field(default=())
