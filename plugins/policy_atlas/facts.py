"""Facts extracted from a policy, each with the section and the words that show it.

Retention periods, minimum age, contact addresses, countries data goes to, cookies and
named third parties. What a language contributes (unit words, number words, cue words,
inflected country names) comes from its data file; country names come from CLDR.
"""

from __future__ import annotations

import hashlib
from collections.abc import Hashable
from dataclasses import dataclass

from .cache import Memo
from .countries import (
    address_country,
    countries_in,
    country_regex,
    country_row,
    frameworks_in,
    legal_form_after,
    place_regex,
    transfer_cue,
)
from .factlang import Part, fact_language, lines_of, previous_line, section_text, sentences_of, trim_quote
from .model import OPENING_ID, Opening, PlacedSection
from .organisations import (
    Own,
    from_source,
    home_site,
    linked_policies,
    names_in,
    names_regex,
    organisation_key,
    organisations_anywhere,
    owner,
    parties_of,
    read_names,
    recipient_rows,
    sources_only,
)
from .periods import may_state_periods, read_ages, read_periods
from .text import (
    HIDDEN_EMAIL_RE,
    LINKS_LINE_RE,
    cue_form,
    email_addresses,
    has_email,
    has_no_space_script,
)

FACT_KEYS = ("retention", "min_age", "emails", "hidden_emails", "transfer_countries", "cookies", "third_parties")


@dataclass(frozen=True)
class Evidence:
    value: object
    # section id, OPENING_ID for the opening; None for the lines before it (title, dates, a
    # site's header or breadcrumbs)
    section: str | None
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


# facts by everything they are read from (a process pool hands its results over through it)
FACTS: Memo[PolicyFacts] = Memo()


@dataclass(frozen=True)
class _Reading:
    """What a section's text (its heading and words) holds that its topics and its
    policy's facts both read: retention periods, listed names and ages, each with its quote."""

    periods: tuple[tuple[str, str], ...]
    names: tuple[tuple[str, str], ...]
    ages: tuple[tuple[int, str], ...]


# section readings by language and a digest of the text: read once for topics and facts
READINGS: Memo[_Reading] = Memo()


def _reading(text: str, lang: str) -> _Reading:
    key = (lang, hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest())
    return READINGS.get(key, lambda: _Reading(read_periods(text, lang), read_names(text, lang), read_ages(text, lang)))


def facts_key(
    head: str, sections: tuple[PlacedSection, ...], lang: str, own: tuple[str, ...], opening: Opening | None
) -> Hashable:
    """Everything `extract_facts` reads: of a section only its id, topics, lead topic and text."""
    return (lang, own, head, opening, tuple((p.id, p.topics, p.lead_topic, p.section) for p in sections))


def prepare(lang: str) -> None:
    """Compile the language's regexes (cues, numbers, CLDR country names) now rather than
    at its first policy: `mkdocs serve` does it while it waits for the first edit."""
    language = fact_language(lang)
    names_regex(language)
    organisations_anywhere()
    legal_form_after()
    for spaced in (True, False):
        country_regex(lang, spaced)
        place_regex(lang, spaced)


def extract_facts(
    head: str,
    sections: tuple[PlacedSection, ...],
    lang: str,
    own: tuple[str, ...] = (),
    opening: Opening | None = None,
) -> PolicyFacts:
    """The facts of one policy: in the text before its first heading (its title and date
    lines, `head`, then its `opening`) and in its sections. `own` holds what names the
    policy's own organisation (its publisher first, then its title and web address; ""
    where unknown): an organisation named there is no third party."""
    return FACTS.get(
        facts_key(head, sections, lang, own, opening), lambda: _extract_facts(head, sections, lang, own, opening)
    )


def _extract_facts(
    head: str, sections: tuple[PlacedSection, ...], lang: str, own: tuple[str, ...], opening: Opening | None
) -> PolicyFacts:
    language = fact_language(lang)
    parts = [Part(None, (), head)]
    if opening is not None:
        parts.append(Part(OPENING_ID, opening.topics, opening.text, opening.lead_topic))
    parts += [Part(p.id, p.topics, section_text(p.section), p.lead_topic) for p in sections]
    evidence: dict[str, list[Evidence]] = {}

    def note(key: str, value: object, part: Part, quote: str) -> None:
        evidence.setdefault(key, []).append(Evidence(value, part.section, trim_quote(quote)))

    retention: list[str] = []
    ages: list[tuple[int, int, Part, str]] = []
    emails: list[str] = []
    hidden = 0
    countries: list[str] = []
    cookies = False
    mentions: list[tuple[str, Part, str]] = []  # organisation, where, the sentence
    recipients: set[str] = set()  # listed as processors or by their privacy notice: never a source
    for part in parts:
        # What a section can hold at all, looked for once in the whole of it: folding is
        # character by character, so a sentence's folded text is part of the section's.
        periods = age_cue = transfers = cookie_cue = False
        if language is not None:
            folded_part = cue_form(part.text)
            periods = may_state_periods(folded_part, language)
            age_cue = language.age.maybe_in(folded_part)
            transfers = "transfers" in part.topics or (
                part.lead not in ("rights", "contact") and language.transfers.maybe_in(folded_part)
            )
            cookie_cue = not cookies and language.cookies.maybe_in(folded_part)
        by_language = periods or age_cue or transfers or cookie_cue
        email = has_email(part.text)
        hidden_email = "[" in part.text
        named = organisations_anywhere().search(part.text) is not None
        table = language is not None and "|" in part.text and language.recipient_headers.regex is not None
        if not (by_language or email or hidden_email or named or table):
            continue
        lines = lines_of(part.text)
        if table and language is not None:
            rows = recipient_rows(lines, language)
            mentions.extend((name, part, row) for name, row in rows)
            recipients.update(organisation_key(owner(name)) for name, _ in rows)
        if "](http" in part.text:
            links = linked_policies(lines)
            mentions.extend((name, part, line) for name, line in links)
            recipients.update(organisation_key(owner(name)) for name, _ in links)
        if named:
            mentions.extend((name, part, sentence) for name, sentence in _reading(part.text, lang).names)
        if periods and language is not None:
            for period, quote in _reading(part.text, lang).periods:
                if period not in retention:
                    retention.append(period)
                    note("retention", period, part, quote)
        if age_cue:
            # a section mainly about children first, then one touching on them
            rank = 0 if part.lead == "children" else 1 if "children" in part.topics else 2
            ages.extend((rank, age, part, sentence) for age, sentence in _reading(part.text, lang).ages)
        if not (by_language or email or hidden_email):
            continue  # what it names, the periods and ages it states are read: nothing more to read
        for sentence, line, index in sentences_of(lines):
            if by_language:
                folded = cue_form(sentence)
                if sentence.isascii():  # folding ASCII gives ASCII
                    no_space = folded_no_space = False
                else:
                    no_space, folded_no_space = has_no_space_script(sentence), has_no_space_script(folded)
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
                and ("transfers" in part.topics or transfer_cue(folded, lang, language, no_space, folded_no_space))
                and not country_row(line, lang)
                and not address_country(lines, index, lang)
            ):
                for code in countries_in(folded, lang, language, sentence, no_space, folded_no_space) + frameworks_in(
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
    is_own = Own(own, home_site([p.text for p in parts]))
    sources = sources_only(mentions, language) - recipients
    for name, part, sentence in mentions:
        organisation = owner(name)
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


def states_retention(texts: list[str], lang: str) -> tuple[str, ...]:
    """The first sentence of each section's text (`section_text`) that states a retention
    period, as the `retention` fact reads them ("" where none does)."""
    return tuple(next((quote for _, quote in _reading(text, lang).periods), "") for text in texts)


def states_age(texts: list[str], lang: str) -> tuple[str, ...]:
    """The first sentence of each section's text (`section_text`) that states an age, as the
    `min_age` fact reads them, in a line that is more than links (a table of contents tells
    no topic); "" where none does."""
    return tuple(
        next((s for _, s in _reading(text, lang).ages if not LINKS_LINE_RE.fullmatch(s)), "") for text in texts
    )


def gives_address(bodies: list[str], lang: str) -> tuple[bool, ...]:
    """Whether each section's text (its heading aside) gives a postal address: a line that
    is a country's name and nothing else (`address_country`) under a line with a number in
    it, a street's or a postcode's ("Kehrwieder 11" / "20457 Hamburg" / "Deutschland")."""
    out = []
    for body in bodies:
        if not any(char.isdigit() for char in body):
            out.append(False)
            continue
        lines = lines_of(body)
        out.append(
            any(
                address_country(lines, index, lang) and any(c.isdigit() for c in previous_line(lines, index))
                for index in range(1, len(lines))
            )
        )
    return tuple(out)


def third_parties_named(
    titles: list[str], texts: list[str], lang: str, own: tuple[str, ...], preamble: str
) -> tuple[tuple[int, int], ...]:
    """Per section, how many third parties its heading names and how many its text names in
    all (`texts`: each section's `section_text`): organisations of the list, by name, not
    the policy's own, as the `third_parties` fact finds them by name (its recipient tables
    and links to privacy notices aside), not where a sentence names them as where data comes
    from (`from_source`). A line that is nothing but links (a table of contents) names none,
    as it tells no topic. The preamble and the texts tell the policy's own web site."""
    language = fact_language(lang)
    organisations = names_regex(language)
    sources = language is not None and language.source.regex is not None
    is_own: Own | None = None
    counts = []
    for title, text in zip(titles, texts, strict=True):
        names = [
            name
            for name, sentence in _reading(text, lang).names
            if not LINKS_LINE_RE.fullmatch(sentence) and not (sources and from_source(sentence, language))
        ]
        if not names:
            counts.append((0, 0))
            continue
        if is_own is None:
            is_own = Own(own, home_site([preamble, *texts]))
        named = parties_of(names, is_own)
        in_title = parties_of(names_in(title, organisations, language), is_own) & named if title else set()
        counts.append((len(in_title), len(named)))
    return tuple(counts)
