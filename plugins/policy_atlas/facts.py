"""Facts extracted from a policy, each with the section and the words that show it.

Retention periods, minimum age, contact addresses, countries data goes to, cookies and
named third parties. What a language contributes (unit words, number words, cue words,
inflected country names) comes from its data file; country names come from CLDR.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Hashable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any
from urllib.parse import urlsplit

from babel import Locale, UnknownLocaleError

from .cache import Memo
from .datafiles import load_data_file
from .front import legal_forms, strip_legal_form
from .lexicon import Lexicon, cue_regex, lexicon
from .localize import iso_duration
from .model import PlacedSection, Section
from .text import (
    CONTACTISH,
    HIDDEN_EMAIL_RE,
    LINK_LINE_RE,
    WORD_GOES_ON,
    address_line,
    cue_form,
    email_addresses,
    fold,
    has_email,
    has_no_space_script,
    leads_in,
    longest_first,
    md_plain,
    table_cells,
    word_count,
)
from .topics import topic_scores

FACT_KEYS = ("retention", "min_age", "emails", "hidden_emails", "transfer_countries", "cookies", "third_parties")
QUOTE_CHARS = 220
_SENTENCE_END = re.compile(r"(?<=[.!?;。！？])(?<!\.[A-Za-z]\.)\s+|(?<=[a-zà-ž][.!?])(?=[A-ZÀ-Ž])|\n")
# abbreviations of two one-letter words ("z. B.", "d. h.", "i. e.", "т. е."): no sentence
# ends inside or right after them, while "Annex A. We share" ends one
_ONE_LETTER_END = re.compile(r"(?:^|[\s(])[^\W\d_]\.$")
_ONE_LETTER_START = re.compile(r"[^\W\d_]\.(?:\s|$)")
_ONE_LETTER_PAIR_END = re.compile(r"(?:^|[\s(])[^\W\d_]\. [^\W\d_]\.$")
# a number, not a piece of a decimal or grouped one ("15.47 days", "8,260,593 requests")
_DIGITS = re.compile(r"(?<!\d[.,])(?<!\d)(\d{1,4})(?!\d|[.,]\d)")
_AGE_RANGE = range(10, 22)


@dataclass(frozen=True)
class Evidence:
    value: object
    section: str | None  # section id; None for the text before the first section
    quote: str

    def as_json(self) -> dict[str, object]:
        return {"value": self.value, "section": self.section, "quote": self.quote}


# The facts read through a language's words (units of time, age cues, country names, the
# cue words of cookies): in a language Policy Atlas has no data for they are unknown, not
# absent. E-mail addresses and organisations' names are read in any language.
WORDED_FACTS = ("retention", "min_age", "transfer_countries", "cookies")


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
    # whether the policy was read with its language's data (WORDED_FACTS are known)
    worded: bool = True

    def as_json(self) -> dict[str, object]:
        """The facts as policies.json gives them: a fact of WORDED_FACTS that could not be
        read (no data for the policy's language) is null, not an empty list or false."""
        out: dict[str, object] = {
            "retention": list(self.retention),
            "min_age": self.min_age,
            "emails": list(self.emails),
            "hidden_emails": self.hidden_emails,
            "transfer_countries": list(self.transfer_countries),
            "cookies": self.cookies,
            "third_parties": list(self.third_parties),
            "evidence": {k: [e.as_json() for e in v] for k, v in self.evidence},
        }
        if not self.worded:
            out.update(dict.fromkeys(WORDED_FACTS))
        return out


@dataclass(frozen=True)
class _Part:
    section: str | None
    topics: tuple[str, ...]
    text: str
    lead: str | None = None  # the topic the section is mainly about


class _Cues:
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


class _Language:
    """What fact extraction uses of one language, prepared once."""

    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex
        facts = lex.facts
        self.retention = _Cues(facts.retention_cues)
        self.retention_since = _Cues(facts.retention_since_cues)
        self.not_retention = _Cues(facts.not_retention_cues)
        self.rate_words = frozenset(facts.rate_words)
        self.age = _Cues(facts.age_cues)
        self.resident = _Cues(facts.resident_cues)
        self.resident_after = _Cues(facts.resident_after_cues)
        self.origin = _Cues(facts.origin_cues)
        self.destination = _Cues(facts.destination_cues)
        self.recipient_headers = _Cues(facts.recipient_headers)
        self.organisation_lookalikes = frozenset(facts.organisation_lookalikes)
        self.name_endings = facts.name_endings
        self.source = _Cues(facts.source_cues)
        self.sharing = _Cues(lex.topic_cues("sharing"))
        self.transfers = _Cues(lex.topic_cues("transfers"))
        self.cookies = _Cues(lex.topic_cues("cookies"))
        self.duration_units = facts.duration_units
        self.number_words = dict(facts.number_words)
        self.number_regex: dict[bool, re.Pattern[str] | None] = {True: None, False: None}
        if self.number_words:
            words = tuple(sorted(self.number_words))
            self.number_regex = {spaced: _number_regex(words, spaced) for spaced in (True, False)}


@cache
def _language(lang: str) -> _Language | None:
    lex = lexicon(lang)
    return _Language(lex) if lex is not None else None


# facts by everything they are read from (a process pool hands its results over through it)
FACTS: Memo[PolicyFacts] = Memo()


@dataclass(frozen=True)
class _Reading:
    """What a section's text (its heading and words) holds that its topics and its
    policy's facts both read: retention periods and listed names, each with its quote."""

    periods: tuple[tuple[str, str], ...]
    names: tuple[tuple[str, str], ...]


# section readings by language and a digest of the text: read once for topics and facts
READINGS: Memo[_Reading] = Memo()


def _reading(text: str, lang: str) -> _Reading:
    key = (lang, hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest())
    return READINGS.get(key, lambda: _Reading(_read_periods(text, lang), _read_names(text, lang)))


def facts_key(preamble: str, sections: tuple[PlacedSection, ...], lang: str, own: tuple[str, ...]) -> Hashable:
    """Everything `extract_facts` reads: of a section only its id, topics, lead topic and text."""
    return (lang, own, preamble, tuple((p.id, p.topics, p.lead_topic, p.section) for p in sections))


def prepare(lang: str) -> None:
    """Compile the language's regexes (cues, numbers, CLDR country names) now rather than
    at its first policy: `mkdocs serve` does it while it waits for the first edit."""
    language = _language(lang)
    _names_regex(language)
    _organisations_anywhere()
    _legal_form_after()
    for spaced in (True, False):
        _country_regex(lang, spaced)
        _place_regex(lang, spaced)


def extract_facts(
    preamble: str, sections: tuple[PlacedSection, ...], lang: str, own: tuple[str, ...] = ()
) -> PolicyFacts:
    """The facts of one policy. `own` holds what names the policy's own organisation (its
    publisher first, then its title and web address; "" where unknown): an organisation
    named there is no third party."""
    return FACTS.get(facts_key(preamble, sections, lang, own), lambda: _extract_facts(preamble, sections, lang, own))


def _extract_facts(preamble: str, sections: tuple[PlacedSection, ...], lang: str, own: tuple[str, ...]) -> PolicyFacts:
    language = _language(lang)
    parts = [_Part(None, (), preamble)] + [
        _Part(p.id, p.topics, section_text(p.section), p.lead_topic) for p in sections
    ]
    evidence: dict[str, list[Evidence]] = {}

    def note(key: str, value: object, part: _Part, quote: str) -> None:
        evidence.setdefault(key, []).append(Evidence(value, part.section, _trim(quote)))

    retention: list[str] = []
    ages: list[tuple[int, int, _Part, str]] = []
    emails: list[str] = []
    hidden = 0
    countries: list[str] = []
    cookies = False
    mentions: list[tuple[str, _Part, str]] = []  # organisation, where, the sentence
    recipients: set[str] = set()  # listed as processors or by their privacy notice: never a source
    for part in parts:
        # What a section can hold at all, looked for once in the whole of it: folding is
        # character by character, so a sentence's folded text is part of the section's.
        periods = age_cue = transfers = cookie_cue = False
        if language is not None:
            folded_part = cue_form(part.text)
            periods = _may_state_periods(folded_part, language)
            age_cue = language.age.maybe_in(folded_part)
            transfers = "transfers" in part.topics or (
                part.lead not in ("rights", "contact") and language.transfers.maybe_in(folded_part)
            )
            cookie_cue = not cookies and language.cookies.maybe_in(folded_part)
        by_language = periods or age_cue or transfers or cookie_cue
        email = has_email(part.text)
        hidden_email = "[" in part.text
        named = _organisations_anywhere().search(part.text) is not None
        table = language is not None and "|" in part.text and language.recipient_headers.regex is not None
        if not (by_language or email or hidden_email or named or table):
            continue
        lines = _lines(part.text)
        if table and language is not None:
            rows = _recipient_rows(lines, language)
            mentions.extend((name, part, row) for name, row in rows)
            recipients.update(organisation_key(_owner(name)) for name, _ in rows)
        if "](http" in part.text:
            links = _linked_policies(lines)
            mentions.extend((name, part, line) for name, line in links)
            recipients.update(organisation_key(_owner(name)) for name, _ in links)
        if named:
            mentions.extend((name, part, sentence) for name, sentence in _reading(part.text, lang).names)
        if periods and language is not None:
            for period, quote in _reading(part.text, lang).periods:
                if period not in retention:
                    retention.append(period)
                    note("retention", period, part, quote)
        if not (by_language or email or hidden_email):
            continue  # what it names and the periods it states are read: nothing more to read
        for sentence, line, index in _sentences(lines):
            if by_language:
                folded = cue_form(sentence)
                if sentence.isascii():  # folding ASCII gives ASCII
                    no_space = folded_no_space = False
                else:
                    no_space, folded_no_space = has_no_space_script(sentence), has_no_space_script(folded)
            if age_cue:
                numbers = _numbers(folded, language, True)  # number words as whole words
                for age in _ages(folded, numbers, language, folded_no_space):
                    # a section mainly about children first, then one touching on them
                    rank = 0 if part.lead == "children" else 1 if "children" in part.topics else 2
                    ages.append((rank, age, part, sentence))
            if email:
                for address in email_addresses(sentence):
                    if address not in emails:
                        emails.append(address)
                        note("emails", address, part, sentence)
            if hidden_email and "[" in sentence:
                for _ in HIDDEN_EMAIL_RE.finditer(sentence):
                    hidden += 1
                    note("hidden_emails", "hidden", part, sentence)
            if (
                transfers
                and ("transfers" in part.topics or _transfer_cue(folded, lang, language, no_space, folded_no_space))
                and not _country_row(line, lang)
                and not _address_country(lines, index, lang)
            ):
                for code in _countries(folded, lang, language, sentence, no_space, folded_no_space) + _frameworks(
                    sentence
                ):
                    if code not in countries:
                        countries.append(code)
                        note("transfer_countries", code, part, sentence)
            if cookie_cue and not cookies and language.cookies.found(folded, no_space):
                cookies = True
                note("cookies", True, part, sentence)
    glued = _glued_addresses(emails)
    if glued:
        emails = [a for a in emails if a not in glued]
        evidence["emails"] = [e for e in evidence["emails"] if e.value not in glued]
    if not cookies and any("cookies" in p.topics for p in parts):
        cookies = True
    parties: list[str] = []
    seen: set[str] = set()  # one entry per organisation however a mention writes it
    is_own = _Own(own, _home_site([p.text for p in parts]))
    sources = _sources_only(mentions, language) - recipients
    for name, part, sentence in mentions:
        organisation = _owner(name)
        key = organisation_key(organisation)
        if key not in seen and key not in sources and not is_own(name, organisation):
            seen.add(key)
            parties.append(organisation)
            note("third_parties", organisation, part, sentence)
    min_age = None
    if ages:
        ages.sort(key=lambda a: a[0])  # stable: in reading order within a rank
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
        worded=language is not None,
    )


def _sources_only(mentions: list[tuple[str, _Part, str]], language: _Language | None) -> set[str]:
    """The organisations (as keys) every mention of which is in a sentence saying data
    comes from them and not that it goes to anyone ("If you interact with our accounts on
    social media such as X and Facebook, we may receive personal information about you"):
    sources, not recipients (but one a table of processors lists, or whose privacy notice the
    policy links to: the caller keeps those)."""
    if language is None or language.source.regex is None:
        return set()
    source: dict[str, bool] = {}
    for name, _, sentence in mentions:
        key = organisation_key(_owner(name))
        if source.get(key, True):
            source[key] = _from_source(sentence, language)
    return {key for key, only in source.items() if only}


def _from_source(sentence: str, language: _Language) -> bool:
    """Whether a sentence says data comes from the organisations it names, and not that it
    goes to anyone (`source_cues`, no cue of `sharing`)."""
    folded = cue_form(sentence)
    no_space = not sentence.isascii() and has_no_space_script(sentence)
    if not language.source.found(folded, no_space):
        return False
    # a sharing cue inside a source cue says nothing of its own: "Daten von Dritten" and
    # "an uns weitergeben" say data comes to us, though "Dritte" and "weitergeben" alone
    # speak of sharing
    return not language.sharing.found(language.source.blanked(folded, no_space), no_space)


def _country_row(line: str, lang: str) -> bool:
    """Whether a line is a table row about one country ("| Albania | PayPal (Europe)
    S.a.r.l., 22-24 Boulevard Royal, Luxembourg |"): its entity, contact or rules there,
    so the countries in it are not where data goes."""
    return line.startswith("|") and _only_a_country(table_cells(line)[0], lang)


def _only_a_country(text: str, lang: str) -> bool:
    """Whether a text is a country's name and nothing else (marks around it aside)."""
    name = cue_form(text).strip(" .,;()*_#|")
    regex, _ = _country_regex(lang, not has_no_space_script(name))
    return regex.fullmatch(name) is not None


def _address_country(lines: list[str], index: int, lang: str) -> bool:
    """Whether a line is a country's name and nothing else, under a line that does not
    lead up to it: the last line of a postal address ("Reddit Netherlands B.V." /
    "Amsterdam" / "Netherlands"), or a section's heading (the part of a policy for the
    people of that country, or its address there). Under "Our servers are located in:",
    or in a list of countries, it is where data goes."""
    line = lines[index].strip()
    if not line or _LIST_MARK.match(line) or not _only_a_country(line, lang):
        return False
    previous = _previous_line(lines, index)
    return not previous.endswith(":") and not _LIST_MARK.match(previous)


def _previous_line(lines: list[str], index: int) -> str:
    """The last line before `lines[index]` that is not blank, stripped ("" if none)."""
    return next((p.strip() for p in reversed(lines[:index]) if p.strip()), "")


_LIST_MARK = re.compile(r"^(?:[-*+•·▪◦●‣–]|\d{1,3}[.)])\s")


def _glued_addresses(emails: list[str]) -> set[str]:
    """Addresses that are another address with a word glued before or after it, as text
    scraped from a page loses the space ("un email lacontact@avoteca.com" next to
    "contact@avoteca.com", "legal@backmarket.comou par courrier" next to
    "legal@backmarket.com"): the same address, not a second one."""
    return {
        a
        for a in emails
        for b in emails
        if a != b
        and ((a.endswith(b) and a[: len(a) - len(b)].isalpha()) or (a.startswith(b) and a[len(b) :].isalpha()))
    }


def _lines(text: str) -> list[str]:
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


def _sentences(lines: list[str]) -> list[tuple[str, str, int]]:
    """The sentences of a text's lines, each with the line it stands in and its index."""
    return [(s, line, index) for index, line in enumerate(lines) for s in _line_sentences(line)]


def _line_sentences(line: str) -> list[str]:
    sentences: list[str] = []
    for piece in _SENTENCE_END.split(line):
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


def section_text(section: Section) -> str:
    """A section's text as the facts read it: its heading, then its words."""
    return section.title + "\n" + section.body_text


def _may_state_periods(folded: str, language: _Language) -> bool:
    """Whether a section's folded text holds a cue about keeping data at all."""
    return bool(language.duration_units) and (
        language.retention.maybe_in(folded) or language.retention_since.maybe_in(folded)
    )


def _periods(lines: list[str], language: _Language) -> Iterator[tuple[str, str]]:
    """The retention periods a section's lines state, in reading order, each with its quote:
    a table row under a header about keeping data cell by cell (and once), other lines
    sentence by sentence."""
    headers = _table_headers(lines, language)
    for index, line in enumerate(lines):
        if index in headers:
            sentences = _line_sentences(line)
            if not sentences:
                continue
            no_space = not sentences[0].isascii() and has_no_space_script(sentences[0])
            for cell, quote in _row_cells(line, headers[index], language):
                for period in _retention_periods(cell, _numbers(cell, language, not no_space), language, no_space):
                    yield period, quote
        elif _may_state_periods(cue_form(line), language):  # a period needs a cue in its sentence
            for sentence in _line_sentences(line):
                no_space = not sentence.isascii() and has_no_space_script(sentence)
                folded = cue_form(sentence)
                # in text without spaces a number word may touch the next word
                for period in _retention_periods(folded, _numbers(folded, language, not no_space), language, no_space):
                    yield period, sentence


def _read_periods(text: str, lang: str) -> tuple[tuple[str, str], ...]:
    """The retention periods a section's text (its heading and words) states, with quotes."""
    language = _language(lang)
    if language is None or not _may_state_periods(cue_form(text), language):
        return ()
    return tuple(_periods(_lines(text), language))


def states_retention(texts: list[str], lang: str) -> tuple[bool, ...]:
    """Whether each section's text (`section_text`) states a retention period, as the
    `retention` fact reads them."""
    return tuple(bool(_reading(text, lang).periods) for text in texts)


# a header cell is a label: longer, a first cell is the row's text, not its header
_HEADER_WORDS = 8


def _keeping(cell: str, language: _Language) -> str:
    """A table header cell, folded, when it is a label about keeping data ("Durée de
    conservation", "Retention period"); otherwise "" (also for a cell of running text)."""
    folded = cue_form(_BR.sub(" ", cell))
    if len(folded.split()) > _HEADER_WORDS:
        return ""
    return folded if language.retention.found(folded, has_no_space_script(folded)) else ""


def _table_rows(lines: list[str]) -> Iterator[tuple[int, list[str], bool]]:
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


def _table_headers(lines: list[str], language: _Language) -> dict[int, list[str]]:
    """For each table row, by its line index, the headers of its columns that are about
    keeping data ("" for the others)."""
    headers: dict[int, list[str]] = {}
    header: list[str] = []
    for index, cells, is_header in _table_rows(lines):
        if is_header:
            header = [_keeping(cell, language) for cell in cells]
        else:
            headers[index] = header
    return headers


def _recipient_rows(lines: list[str], language: _Language) -> list[tuple[str, str]]:
    """The organisations a table lists under a first header naming recipients ("Sous-traitant
    | Objet(s)", "Processor | Purpose"): each row's first cell, as a name, with its row."""
    out: list[tuple[str, str]] = []
    listing = False
    for index, cells, is_header in _table_rows(lines):
        if is_header:
            first = cue_form(md_plain(cells[0]))
            no_space = has_no_space_script(first)
            short = len(first) <= 12 if no_space else word_count(first) <= 4  # a header, not a sentence
            listing = len(cells) > 1 and short and language.recipient_headers.found(first, no_space)
        elif listing:
            name = _organisation_cell(cells[0])
            if name and not language.recipient_headers.found(cue_form(name), has_no_space_script(name)):
                out.append((name, lines[index]))  # not "Service providers", "Partenaires publicitaires": a category
    return out


# a name: up to five words of letters, digits and & + ' . -
_NAME_CELL = re.compile(r"[\w&+'’.-]+(?: [\w&+'’.-]+){0,4}")
_LINK = re.compile(r"\[([^\][]{2,60})\]\((https?://[^)\s]+)")
_POLICY_PATH = re.compile(r"privac|legal|terms|polic|datenschutz|confidential|gdpr|dpa", re.IGNORECASE)


def organisation_key(name: object) -> str:
    """An organisation's name as names are compared: case, accents, spaces, punctuation and
    a web domain's ending aside ("Fluxx.io" is "Fluxx", "Send in Blue" is "Sendinblue")."""
    return _spelling_key(re.sub(r"\.(?:com|io|net|org)$", "", str(name).strip(), flags=re.IGNORECASE))


_SECOND_LEVEL = frozenset(("co", "com", "org", "net", "gov", "ac", "ne", "or", "go", "edu"))


def _site_name(hostname: str | None) -> str | None:
    """A web domain's own name: "acoustic" of www.acoustic.com, "bbc" of bbc.co.uk; none of
    an address by number."""
    labels = (hostname or "").split(".")
    if len(labels) < 2 or labels[-1].isdigit():
        return None
    name = labels[-3] if len(labels) >= 3 and labels[-2] in _SECOND_LEVEL else labels[-2]
    return labels[-2] if name == "www" else name


# A policy links to its own site more than to any other: to the site it is linked to at
# least HOME_LINKS times and more than twice as often as to any other, and whose name its
# opening (the text before its first heading, or its first section) says.
HOME_LINKS = 3
_URL = re.compile(r"\]\((https?://[^)\s]+)")


def _home_site(texts: list[str]) -> str:
    """The name of the site a policy links to most, if it clearly is its own ("mozilla" of a
    notice that names Mozilla first and links mozilla.org fourteen times and other sites
    three times at most), else "". A policy of a small app linking three times to Google's
    opt-out pages and to no site of its own does not make Google its own."""
    counts: Counter[str] = Counter()
    for text in texts:
        if "](http" in text:
            counts.update(filter(None, (_site_name(urlsplit(u).hostname) for u in _URL.findall(text))))
    (site, links), (_, runner_up) = [*counts.most_common(2), ("", 0), ("", 0)][:2]
    if links < HOME_LINKS or links <= 2 * runner_up:
        return ""
    opening = fold(" ".join(texts[:2]))
    return site if re.search(rf"(?<![^\W_]){re.escape(site)}", opening) else ""


def _linked_policies(lines: list[str]) -> list[tuple[str, str]]:
    """The organisations whose own privacy notice a link leads to, named by its text
    ("[Acoustic](https://acoustic.com/privacy-notice/)", "[Send in Blue](https://www.
    sendinblue.com/legal/privacypolicy/)"): a policy links so to those it shares data with."""
    out: list[tuple[str, str]] = []
    for line in lines:
        if "](http" not in line:
            continue
        for match in _LINK.finditer(line):
            if not _POLICY_PATH.search(match.group(2)):
                continue  # (cheap first: the whole address)
            url = urlsplit(match.group(2))
            label = _site_name(url.hostname)
            if not label or not _POLICY_PATH.search(url.path + "?" + url.query):
                continue
            if organisation_key(match.group(1)) != label:
                continue  # (markup aside, the text is not the site's name)
            text = md_plain(match.group(1)).strip()
            if text[:1].isupper() and _NAME_CELL.fullmatch(text):
                out.append((_as_listed(text), line))
    return out


def _organisation_cell(cell: str) -> str | None:
    """The organisation a table cell names ("**Zendesk Inc.**" -> "Zendesk", "Atlassian,
    Jira" -> "Atlassian"), or None when the cell is no name (a sentence, a number)."""
    text = re.split(r"[,(;:/]| - ", md_plain(cell), maxsplit=1)[0].strip()
    name = strip_legal_form(text)
    if not name[:1].isupper() or not _NAME_CELL.fullmatch(name) or name.endswith("."):
        return None
    return _as_listed(name)


def _as_listed(name: str) -> str:
    """A name as the reviewed list writes the organisation it holds ("Google Ireland":
    Google), or as it is."""
    listed = _listed_keys().get(_spelling_key(name))
    if listed:
        return listed  # written otherwise: "SalesForce", "Sendinblue."
    known = _organisation_regex().search(name)
    return _written_otherwise().get(known["name"], known["name"]) if known else name


@cache
def _listed_keys() -> dict[str, str]:
    """Listed names by their letters and digits, case aside; not the names in capitals
    ("LINE"), which a word in small letters ("Line") is not."""
    return {_spelling_key(name): name for name in _organisation_names() if not name.isupper()}


def _spelling_key(name: str) -> str:
    """A name's letters and digits, case and accents aside: "SalesForce" is "Salesforce",
    but "Customer" is not "Customer.io"."""
    return re.sub(r"[\W_]", "", fold(name))


def _row_cells(row: str, header: list[str], language: _Language) -> list[tuple[str, str]]:
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
            for sentence in _SENTENCE_END.split(piece):
                if sentence.strip():
                    folded = cue_form(sentence)
                    out.append((f"{context} : {folded}" if context else folded, sentence.strip()))
                    context = ""
    return out


_SPACES = re.compile(r"\s+")
_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)
_LETTERS = re.compile(r"[^\W\d_]+")
_WORD_CHARS = re.compile(r"\w*")


def _trim(quote: str) -> str:
    quote = _SPACES.sub(" ", quote).strip()
    return quote if len(quote) <= QUOTE_CHARS else quote[: QUOTE_CHARS - 1].rstrip() + "…"


# --- retention periods ---------------------------------------------------------------


def _numbers(folded: str, language: _Language, spaced: bool) -> list[tuple[int, int, int]]:
    """(value, start, end) of every number written in digits or words."""
    found = [(int(m.group(1)), m.start(), m.end()) for m in _DIGITS.finditer(folded)]
    pattern = language.number_regex[spaced]
    if pattern is not None:
        words = language.number_words
        found += [(words[m.group(0)], m.start(), m.end()) for m in pattern.finditer(folded)]
    return sorted(found, key=lambda n: n[1])


@cache
def _number_regex(words: tuple[str, ...], spaced: bool) -> re.Pattern[str]:
    alternation = longest_first(words)
    return re.compile(rf"(?<!\w)(?:{alternation})(?!\w)" if spaced else f"(?:{alternation})")


def _unit_after(folded: str, end: int, language: _Language, spaced: bool) -> str | None:
    """The unit word that follows a number (at most two words later)."""
    rest = folded[end : end + 40]
    if spaced:
        words = _LETTERS.findall(rest)[:2]
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
    words = _LETTERS.findall(folded[max(0, start - 30) : start])
    return words[-1] if words else ""


# the largest number of each unit that can be a retention period ("370 jours" is,
# "500 years" is not)
_MOST = {"hour": 1000, "day": 1100, "week": 520, "month": 240, "year": 100}


def _retention_periods(
    folded: str, numbers: list[tuple[int, int, int]], language: _Language, no_space: bool
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


# --- ages -------------------------------------------------------------------------------


def _ages(folded: str, numbers: list[tuple[int, int, int]], language: _Language, no_space: bool) -> list[int]:
    cues = language.age.positions(folded, no_space) if numbers else []
    if not cues:
        return []
    ages = []
    for value, start, _end in numbers:
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
                folded = cue_form(name)
                if len(folded) >= 4:
                    names.setdefault(folded, key)
    lex = lexicon(lang)
    if lex is not None:
        for key, forms in lex.facts.country_forms:
            for form in forms:
                names.setdefault(form, key)
    return tuple(sorted(names.items(), key=lambda kv: (-len(kv[0]), kv[0])))


def _transfer_cue(folded: str, lang: str, language: _Language, no_space: bool, folded_no_space: bool) -> bool:
    """Whether a sentence has a cue of transfers, not counting one that is only part of a
    country's name: French "pays" (country) in "Pays-Bas", Spanish "país" in "Países
    Bajos" ("Si vous n'avez pas d'adresse aux Pays-Bas"). A cue that is a whole name (the
    English "united states") stays one."""
    cues = language.transfers
    if not cues.found(folded, no_space):
        return False
    if no_space or cues.regex is None:
        return True
    names = [m.span() for m in _country_regex(lang, not folded_no_space)[0].finditer(folded)]
    return any(
        not any(
            start <= cue.start() and cue.end() <= end and cue.end() - cue.start() < end - start for start, end in names
        )
        for cue in cues.regex.finditer(folded)
    )


@cache
def _country_regex(lang: str, spaced: bool) -> tuple[re.Pattern[str], dict[str, str]]:
    names = dict(_country_names(lang))
    return cue_regex(tuple(names), spaced), names


@cache
def _place_regex(lang: str, spaced: bool) -> re.Pattern[str]:
    """What a list of places is made of: country names and regions that are not countries
    (CLDR's European Union, the data file's `region_names`: "EEA"), each with the rest of
    its word, so an inflected form goes whole."""
    places = {name for name, _ in _country_names(lang)}
    for code in (lang, "en"):
        try:
            union = Locale.parse(code.replace("-", "_")).territories.get("EU")
        except (UnknownLocaleError, ValueError):
            continue
        if union:
            places.add(cue_form(union))
    lex = lexicon(lang)
    if lex is not None:
        places.update(lex.facts.region_names)
    return re.compile(cue_regex(tuple(places), spaced).pattern + (r"\w*" if spaced else ""))


@cache
def _legal_forms() -> str:
    """The legal forms of companies, folded, as one alternation (longest first)."""
    return longest_first(tuple(cue_form(form).strip() for form in legal_forms()))


@cache
def _legal_form_after() -> re.Pattern[str]:
    """A company's legal form right after a name ("Google Ireland Limited")."""
    return re.compile(rf"[\s,]*(?:{_legal_forms()})(?!\w)")


@cache
def _legal_form_then_paren() -> re.Pattern[str]:
    """A company's legal form and an opening parenthesis, where a country follows
    ("Malt Community GmbH (Allemagne)")."""
    return re.compile(rf"(?<!\w)(?:{_legal_forms()})\s*\(\s*$")


_NEXT_WORD = re.compile(r"[ \u00a0]([^\W\d_])")


def _capital_after(original: str, end: int) -> bool:
    """Whether the word after a country's name starts with a capital: in a language that
    writes common nouns in lower case, the country is then part of a name."""
    match = _NEXT_WORD.match(original, end)
    return bool(match and match.group(1).isupper())


# a genitive written with an apostrophe ("Ireland's", "the UK’s"): what belongs to the country
_POSSESSIVE = re.compile(r"['’]s\b")
_AFTER_A_NUMBER = re.compile(r"\d[\w-]*,?\s*$")
# a postcode and its town before a country: "1030 Brüssel, Belgien", "75008 Paris, France"
_AFTER_A_TOWN = re.compile(r"(?<![\w.,])\d{4,5}\s+[^\W\d]+(?:[ -][^\W\d]+)?,\s*$")
# what follows a country in a postal address: contact details (an e-mail address, a
# telephone number, a web address), a "tel"/"fax" label or a postcode
_CONTACT_NEXT = re.compile(rf"\w*[\s,;:.]+(?:\S*(?:{CONTACTISH.pattern})|tel\b|phone\b|fax\b|\d{{4,}}\b)")
# a country on the last line of an address that a table cell breaks with <br>, under a
# line with its postcode ("| 25 North Wall Quay<br><br>Dublin 1, D01 H104<br><br>Irlande |",
# "L-2540<br><br>Luxembourg, Luxembourg |"); not in a list of countries so broken
# ("| Maroc<br><br>Madagascar<br><br>Côte d’Ivoire |")
_AFTER_A_BREAK = re.compile(r"\d[^|<>]{0,30}(?:<br\s*/?>\s*)+[^|<>\d]{0,40}$")
_CELL_END = re.compile(r"[^|<>]{0,40}(?:\||$)")
_CLAUSE_BREAK = re.compile(r"[,;:()，、；：。．.!?！？]")


def _resident_window(before: str, no_space: bool, places: re.Pattern[str]) -> str:
    """The text before a country name that can say the user lives there: back to the
    start of the clause, reaching over a list of other places ("users in the EU, the
    European Economic Area, Switzerland") but not over a clause of its own ("if you are
    in Germany, we send data to the USA")."""
    parts = _CLAUSE_BREAK.split(before[-160:] if not no_space else before[-24:])
    own = parts.pop()  # the country's own clause, only its words near the country
    window = part = own[-64:] if not no_space else own[-16:]
    while parts and _list_item(part, no_space, places):
        part = parts.pop()  # the part just taken is a list item: the clause goes on before it
        window = part + " " + window
    return window


def _resident_after_window(after: str, no_space: bool, places: re.Pattern[str]) -> str:
    """The text after a country name that can say the user lives there ("スイスおよび米国
    カリフォルニア州のユーザ", "瑞士和加利福尼亚的用户"): to the end of the clause,
    reaching over a list of other places."""
    parts = _CLAUSE_BREAK.split(after[:64] if not no_space else after[:24])
    window = part = parts[0]
    for following in parts[1:]:
        if not _list_item(part, no_space, places):
            break
        part = following  # the part just taken is a list item: the clause goes on after it
        window = window + " " + part
    return window


def _origin(window: str, language: _Language, no_space: bool) -> bool:
    """Whether the words before a country (its clause, over a list of places) name it as
    where data comes from: a word such as "from" with no "to" after it ("from the EEA to
    the United States" names the United States as where data goes)."""
    origins = language.origin.positions(window, no_space)
    if not origins:
        return False
    return not any(p > origins[-1] for p in language.destination.positions(window, no_space))


def _list_item(part: str, no_space: bool, places: re.Pattern[str]) -> bool:
    """Whether the words between two commas look like one item of a list of places ("im
    EWR und in der", "do Espaço Econômico Europeu", "and") rather than a clause ("we
    send your data to"): nothing but short words, or one word of four letters or more
    with a place or with at most one other word ("della", "und in der")."""
    rest, named = places.subn(" ", part)
    if no_space:
        return len(rest.strip()) <= 4
    words = rest.split()
    long_words = sum(1 for word in words if len(word) >= 4)
    return long_words == 0 or (long_words == 1 and (named > 0 or len(words) <= 2))


def _countries(
    folded: str, lang: str, language: _Language, original: str, no_space: bool, folded_no_space: bool
) -> list[str]:
    """The countries a sentence names as where data goes. Not where users live ("if you
    are a resident of Switzerland", "スイスのユーザ"; a country named so is where users
    live throughout the sentence: "... from the EEA or Switzerland"), not a postal
    address, not part of a company's name ("Google Ireland Limited")."""
    spaced = not folded_no_space
    regex, names = _country_regex(lang, spaced)
    places = _place_regex(lang, spaced)
    aligned = len(folded) == len(original)
    found: list[str] = []
    residence: set[str] = set()
    for match in regex.finditer(folded):
        first = original[match.start()] if aligned else ""
        if aligned and first.lower() != first.upper() and not first.isupper():
            continue  # a country is named with a capital ("Mali"), the verb "mali" is not
        before = folded[: match.start()]
        if (
            _AFTER_A_NUMBER.search(before[-12:])
            or _AFTER_A_TOWN.search(before[-40:])
            or _CONTACT_NEXT.match(folded, match.end())
            or (_AFTER_A_BREAK.search(before[-60:]) and _CELL_END.match(folded, match.end()))
        ):
            continue  # "L-2449 Luxembourg", "Cork, Ireland, gdpr@...": a postal address, not a destination
        end = match.end()
        if spaced:
            # an inflected name may run on by an ending ("Singapuru"), not into another word
            rest = _WORD_CHARS.match(folded, end)
            ending = len(rest.group(0)) if rest else 0
            if ending > (2 if len(match.group(0)) < 6 else 3):
                continue
            end += ending
        if _legal_form_after().match(folded, end):
            continue  # "Google Ireland Limited": a company's name
        if folded.startswith(")", end) and _legal_form_then_paren().search(before[-24:]):
            continue  # "Malt Community GmbH (Allemagne)": where a company sits
        if aligned and not language.lex.facts.nouns_capitalized and _capital_after(original, end):
            continue  # "the UK Extension to the DPF", "the Gibraltar Regulatory Authority": a name
        if aligned and _POSSESSIVE.match(original, end):
            continue  # "Ireland's lead supervisory authority", "Brazil's LGPD": what is the country's
        code = names[match.group(0)]
        window = _resident_window(before, no_space, places)
        if language.resident.found(window, no_space) or (
            language.resident_after.found(_resident_after_window(folded[end:], no_space, places), no_space)
        ):
            residence.add(code)  # where users live, not where data goes
            continue
        if _origin(window, language, no_space):
            continue  # "we transfer personal data from the EU, the United Kingdom and Switzerland to ..."
        found.append(code)
    return [code for code in found if code not in residence]


@cache
def _framework_regex() -> tuple[re.Pattern[str], dict[str, str]]:
    """One regex over the names of the transfer frameworks, and name -> its country."""
    frameworks = load_data_file("transfer_frameworks.yaml")["frameworks"]
    country_of = {name: str(code) for code, names in frameworks.items() for name in names}
    return re.compile(rf"(?<![\w-])(?:{longest_first(tuple(country_of))})(?![\w-])"), country_of


def _frameworks(sentence: str) -> list[str]:
    """The countries a sentence sends data to by naming a framework for it ("the EU-U.S.
    Data Privacy Framework": the United States)."""
    if "D" not in sentence:  # every name begins with one (a cheap test first)
        return []
    regex, country_of = _framework_regex()
    return [country_of[match.group(0)] for match in regex.finditer(sentence)]


# --- organisations ----------------------------------------------------------------------


@cache
def _organisation_data() -> dict[str, Any]:
    return load_data_file("organisations.yaml")


@cache
def _organisation_names() -> tuple[str, ...]:
    data = _organisation_data()
    return tuple(data["organisations"]) + tuple(data.get("part_of") or {})


_MARKUP = " \t*_-•·([\"'«“„>#|"  # what may stand before a sentence's first word


def _named(match: re.Match[str], sentence: str, language: _Language | None) -> str | None:
    """The listed name a match of the organisation regex in a sentence stands for, or None
    where it is a word: in capitals in a sentence in capitals ("IN LINE WITH THE LAW"), or
    a word of the language spelt so (Maltese "Meta ...", when; German "Kakao", cocoa)."""
    name = match["name"]
    if name.isupper() and _in_capitals_throughout(sentence):
        return None
    if language is not None and name in language.organisation_lookalikes:
        if language.lex.facts.nouns_capitalized or not sentence[: match.start()].strip(_MARKUP):
            return None
    return _written_otherwise().get(name, name)


def _names_in(sentence: str, organisations: re.Pattern[str], language: _Language | None) -> Iterator[str]:
    """The listed names a sentence holds, as listed, in reading order (also where text
    copied from a page glues one to the word before it: `_unglued`)."""
    sentence = _unglued(sentence)
    for match in organisations.finditer(sentence):
        name = _named(match, sentence, language)
        if name is not None:
            yield name


def _unglued(sentence: str) -> str:
    """A sentence with a space put back between a word in small letters and a listed name in
    capitals glued to it, as text copied from a page without the space around a link has
    it ("such asFacebook Login", "precumGoogle Analytics"); not inside a name written in
    capitals within ("HowToContactMeta"), whose glued part does not start a word."""
    cuts = []
    for match in _organisations_anywhere().finditer(sentence):
        start = match.start()
        if start < 2 or not sentence[start].isupper() or not sentence[start - 1].islower():
            continue
        begin = start
        while begin > 0 and sentence[begin - 1].isalpha():
            begin -= 1
        if start - begin >= 2 and sentence[begin:start].islower():
            cuts.append(start)
    for cut in reversed(cuts):
        sentence = sentence[:cut] + " " + sentence[cut:]
    return sentence


def _read_names(text: str, lang: str) -> tuple[tuple[str, str], ...]:
    """The listed names a section's text (its heading and words) holds, each with its
    sentence, in reading order."""
    anywhere = _organisations_anywhere()
    if not anywhere.search(text):
        return ()
    language = _language(lang)
    organisations = _names_regex(language)
    lines = _lines(text)
    return tuple(
        (name, sentence)
        for index, line in enumerate(lines)
        if anywhere.search(line)  # most lines name no one: not split into sentences
        and not _postal_contact(lines, index)
        for sentence in _line_sentences(line)
        for name in _with_list_mates(sentence, list(_names_in(sentence, organisations, language)), language)
    )


# A list that names at least this many listed organisations, and more of them than
# anything else, is a list of organisations: its other names are organisations too.
LIST_MATES = 3
# an item of such a list that can be a name: up to three words, each in capitals
_LIST_ITEM = re.compile(r"[^\W\d_][\w&+'’.-]*(?: [\w&+'’.-]+){0,2}")
_ITEM_MARKS = " .:*_()[]«»\"'“”"


def _with_list_mates(sentence: str, names: list[str], language: _Language | None) -> list[str]:
    """The names of a sentence, with those a list of organisations holds beside the listed
    ones ("Nos partenaires sont Amplitude, AWS Cloudfront, Cloudflare, Firearc, Google
    analytics, Hotjar, Netilum, ...": Firearc and Netilum), in reading order. The sentence
    must speak of sharing; an item that is a category ("Werbepartner", "Analytics
    providers": a topic cue), a legal form ("Inc") or words in small letters is none."""
    if len(names) < LIST_MATES or language is None or has_no_space_script(sentence):
        return names
    items = [item.strip(_ITEM_MARKS) for item in re.split(r"[,;]", sentence)]
    organisations = _names_regex(language)
    listed = [list(_names_in(item, organisations, language)) for item in items]
    if sum(1 for found in listed if found) < max(LIST_MATES, (len(items) + 1) // 2):
        return names
    if not language.sharing.found(cue_form(sentence), False):
        return names
    out: list[str] = []
    for item, found in zip(items, listed, strict=True):
        if found:
            out.extend(found)
        elif _list_mate(item, language):
            out.append(item)
    return out if len(out) > len(names) else names


def _list_mate(item: str, language: _Language) -> bool:
    """Whether an item of a list of organisations can be the name of one."""
    if not _LIST_ITEM.fullmatch(item) or not all(word[:1].isupper() for word in item.split()):
        return False
    if cue_form(item) in _legal_form_names():
        return False
    return not topic_scores(item, language.lex)


@cache
def _legal_form_names() -> frozenset[str]:
    return frozenset(cue_form(form).strip() for form in legal_forms())


def _postal_contact(lines: list[str], index: int) -> bool:
    """Whether a line is the first of a postal address to write to instead of an e-mail
    address, under a line leading up to it ("... at rep@prighter.com or by post at:" /
    "Prighter CH GmbH" / "Obergrundstrasse 17"): a representative or an outside data
    protection officer to contact, not an organisation receiving data."""
    if not address_line(lines[index]) or index + 1 >= len(lines):
        return False
    following = lines[index + 1]
    if not address_line(following) or not any(c.isdigit() for c in following):
        return False
    lead = _line_sentences(_previous_line(lines, index))
    return bool(lead) and leads_in(lead[-1]) and has_email(lead[-1])


def third_parties_named(
    titles: list[str], texts: list[str], lang: str, own: tuple[str, ...], preamble: str
) -> tuple[tuple[int, int], ...]:
    """Per section, how many third parties its heading names and how many its text names in
    all (`texts`: each section's `section_text`): organisations of the list, by name, not
    the policy's own, as the `third_parties` fact finds them by name (its recipient tables
    and links to privacy notices aside), not where a sentence names them as where data comes
    from (`_from_source`). A line that is nothing but a link (a table of contents) names
    none, as it tells no topic. The preamble and the texts tell the
    policy's own web site."""
    language = _language(lang)
    organisations = _names_regex(language)
    sources = language is not None and language.source.regex is not None
    is_own: _Own | None = None
    counts = []
    for title, text in zip(titles, texts, strict=True):
        names = [
            name
            for name, sentence in _reading(text, lang).names
            if not LINK_LINE_RE.fullmatch(sentence) and not (sources and _from_source(sentence, language))
        ]
        if not names:
            counts.append((0, 0))
            continue
        if is_own is None:
            is_own = _Own(own, _home_site([preamble, *texts]))
        named = _parties(names, is_own)
        in_title = _parties(_names_in(title, organisations, language), is_own) & named if title else set()
        counts.append((len(in_title), len(named)))
    return tuple(counts)


def _parties(names: Iterable[str], is_own: _Own) -> set[str]:
    """The organisations names stand for (as keys), but the policy's own."""
    return {organisation_key(_owner(name)) for name in names if not is_own(name, _owner(name))}


_INNER_CAPITAL = re.compile(r"(?<=[a-z])[A-Z]")


@cache
def _written_otherwise() -> dict[str, str]:
    """Listed names as texts also write them, to the name as listed: in capitals ("AFFILAE",
    "OGONE": La Redoute's processors; names of four letters or more), and a name with a
    capital inside ("HubSpot", "YouTube") with that capital small ("Hubspot", "Youtube");
    not the names organisations.yaml lists under `written_only_as_listed`."""
    listed = _names_listed()
    exact = {str(n) for n in _organisation_data().get("written_only_as_listed") or ()}
    out: dict[str, str] = {}
    for name in _organisation_names():
        if name in exact:
            continue
        forms = [name.upper()] if sum(c.isalpha() for c in name) >= 4 else []
        if name[:1].isupper():
            forms.append(_INNER_CAPITAL.sub(lambda m: m.group(0).lower(), name))
        for form in forms:
            if form not in listed and form != name:
                out.setdefault(form, name)
    return out


def _in_capitals_throughout(sentence: str) -> bool:
    """Whether a sentence is written in capitals (a heading, a disclaimer: "IN LINE WITH
    APPLICABLE LAW"), so that a word in capitals in it stands out as nothing; the names it
    holds aside ("Prestataires : OGONE, MONEXT" is not)."""
    names = _written_otherwise()
    words = [w for w in _LETTERS.findall(sentence) if len(w) > 1 and w not in names and w not in _names_listed()]
    return sum(w.isupper() for w in words) * 2 > len(words)


@cache
def _names_listed() -> frozenset[str]:
    return frozenset(_organisation_names())


def _searched_names() -> tuple[str, ...]:
    return _organisation_names() + tuple(_written_otherwise())


@cache
def _mapping(key: str) -> dict[str, str]:
    """One of organisations.yaml's name -> organisation mappings (`part_of`, `brands`)."""
    return {str(k): str(v) for k, v in (_organisation_data().get(key) or {}).items()}


class _Own:
    """What names a policy's own organisation, to tell it from its third parties: an
    organisation named in its publisher, title or web address ("Zoom Privacy Statement",
    "https://www.amazon.com/..."), directly or by a brand of its own ("Firefox OS Privacy
    Notice": Mozilla), or whose name starts with the publisher's first word ("Snapchat" of
    "Snap Inc."), or whose site it links to as its own (`_home_site`); and a brand of that
    organisation ("YouTube" among "our services" in Google's policy)."""

    def __init__(self, own: tuple[str, ...], home: str = "") -> None:
        self.home = home
        self.names = fold(" ".join(own))
        self.owners = {
            owner
            for brand, owner in _mapping("brands").items()
            if fold(brand) in self.names or (home and organisation_key(brand) == home)
        }
        publisher = fold(own[0]).split() if own else []
        self.first_word = publisher[0] if publisher and len(publisher[0]) >= 4 else None
        self.known: dict[tuple[str, str], bool] = {}

    def __call__(self, name: str, organisation: str) -> bool:
        key = (name, organisation)
        if key not in self.known:
            folded = fold(organisation)
            self.known[key] = (
                fold(name) in self.names
                or folded in self.names
                or organisation in self.owners
                or (self.first_word is not None and folded.startswith(self.first_word))
                or (bool(self.home) and organisation_key(organisation) == self.home)
            )
            owner = _mapping("brands").get(organisation)
            if not self.known[key] and owner is not None and owner != organisation:
                # a brand of its own organisation ("YouTube" in Google's policy)
                self.known[key] = self(owner, owner)
        return self.known[key]


def organisation_of(name: str) -> str:
    """The listed organisation a name stands for, as third parties report it ("Meta Ireland
    Ltd.": Meta, "Google Analytics": Google), or the name without its legal form."""
    return _owner(_as_listed(strip_legal_form(name)))


def _owner(name: str) -> str:
    """The organisation a named product belongs to ("Google Analytics": Google), or the name."""
    return _mapping("part_of").get(name, name)


@cache
def _organisation_regex(endings: tuple[str, ...] = ()) -> re.Pattern[str]:
    """Listed names, as whole words, in group "name"; with the endings a language inflects
    names with (`name_endings`), inflected too ("Facebooka", "Googlen": Facebook, Google)."""
    alternation = longest_first(_searched_names())
    inflected = f"(?:{longest_first(endings)})?" if endings else ""
    return re.compile(rf"(?<!{WORD_GOES_ON}|[.@/-])(?P<name>{alternation}){inflected}(?!{WORD_GOES_ON}|@)")


def _names_regex(language: _Language | None) -> re.Pattern[str]:
    """The listed names, inflected as the language does if it is one we have data for."""
    return _organisation_regex(language.name_endings if language is not None else ())


@cache
def _organisations_anywhere() -> re.Pattern[str]:
    """Any organisation's name, whatever surrounds it: whether a section can name one."""
    return re.compile(longest_first(_searched_names()))
