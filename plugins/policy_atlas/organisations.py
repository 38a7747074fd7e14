"""Third parties: organisations of the reviewed list (data/organisations.yaml) named in a
policy, in its tables of processors and in links to their privacy notices, not the
policy's own nor those data only comes from."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from functools import cache
from typing import Any
from urllib.parse import urlsplit

from .countries import legal_form_names
from .datafiles import load_data_file
from .factlang import LETTERS, FactLanguage, Part, fact_language, line_sentences, lines_of, previous_line, table_rows
from .front import strip_legal_form
from .text import (
    WORD_GOES_ON,
    address_line,
    cue_form,
    fold,
    has_email,
    has_no_space_script,
    leads_in,
    longest_first,
    md_plain,
    word_count,
)
from .topics import topic_scores


def sources_only(mentions: list[tuple[str, Part, str]], language: FactLanguage | None) -> set[str]:
    """The organisations (as keys) every mention of which is in a sentence saying data
    comes from them and not that it goes to anyone ("If you interact with our accounts on
    social media such as X and Facebook, we may receive personal information about you"):
    sources, not recipients (but one a table of processors lists, or whose privacy notice the
    policy links to: the caller keeps those)."""
    if language is None or language.source.regex is None:
        return set()
    source: dict[str, bool] = {}
    for name, _, sentence in mentions:
        key = organisation_key(owner(name))
        if source.get(key, True):
            source[key] = from_source(sentence, language)
    return {key for key, only in source.items() if only}


def from_source(sentence: str, language: FactLanguage) -> bool:
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


def recipient_rows(lines: list[str], language: FactLanguage) -> list[tuple[str, str]]:
    """The organisations a table lists under a first header naming recipients ("Sous-traitant
    | Objet(s)", "Processor | Purpose"): each row's first cell, as a name, with its row."""
    out: list[tuple[str, str]] = []
    listing = False
    for index, cells, is_header in table_rows(lines):
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


def home_site(texts: list[str]) -> str:
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


def linked_policies(lines: list[str]) -> list[tuple[str, str]]:
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


@cache
def _organisation_data() -> dict[str, Any]:
    return load_data_file("organisations.yaml")


@cache
def _organisation_names() -> tuple[str, ...]:
    data = _organisation_data()
    return tuple(data["organisations"]) + tuple(data.get("part_of") or {})


_MARKUP = " \t*_-•·([\"'«“„>#|"  # what may stand before a sentence's first word


def _named(match: re.Match[str], sentence: str, language: FactLanguage | None) -> str | None:
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


def names_in(sentence: str, organisations: re.Pattern[str], language: FactLanguage | None) -> Iterator[str]:
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
    for match in organisations_anywhere().finditer(sentence):
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


def read_names(text: str, lang: str) -> tuple[tuple[str, str], ...]:
    """The listed names a section's text (its heading and words) holds, each with its
    sentence, in reading order."""
    anywhere = organisations_anywhere()
    if not anywhere.search(text):
        return ()
    language = fact_language(lang)
    organisations = names_regex(language)
    lines = lines_of(text)
    return tuple(
        (name, sentence)
        for index, line in enumerate(lines)
        if anywhere.search(line)  # most lines name no one: not split into sentences
        and not _postal_contact(lines, index)
        for sentence in line_sentences(line)
        for name in _with_list_mates(sentence, list(names_in(sentence, organisations, language)), language)
    )


# A list that names at least this many listed organisations, in at least half of its
# items, is a list of organisations: its other names are organisations too.
LIST_MATES = 3
# an item of such a list that can be a name: up to three words, each in capitals
_LIST_ITEM = re.compile(r"[^\W\d_][\w&+'’.-]*(?: [\w&+'’.-]+){0,2}")
_ITEM_MARKS = " .:*_()[]«»\"'“”"


def _with_list_mates(sentence: str, names: list[str], language: FactLanguage | None) -> list[str]:
    """The names of a sentence, with those a list of organisations holds beside the listed
    ones ("Nos partenaires sont Amplitude, AWS Cloudfront, Cloudflare, Firearc, Google
    analytics, Hotjar, Netilum, ...": Firearc and Netilum), in reading order. The sentence
    must speak of sharing; an item that is a category ("Werbepartner", "Analytics
    providers": a topic cue), a legal form ("Inc") or words in small letters is none."""
    if len(names) < LIST_MATES or language is None or has_no_space_script(sentence):
        return names
    items = [item.strip(_ITEM_MARKS) for item in re.split(r"[,;]", sentence)]
    organisations = names_regex(language)
    listed = [list(names_in(item, organisations, language)) for item in items]
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


def _list_mate(item: str, language: FactLanguage) -> bool:
    """Whether an item of a list of organisations can be the name of one."""
    if not _LIST_ITEM.fullmatch(item) or not all(word[:1].isupper() for word in item.split()):
        return False
    if cue_form(item) in legal_form_names():
        return False
    return not topic_scores(item, language.lex)


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
    lead = line_sentences(previous_line(lines, index))
    return bool(lead) and leads_in(lead[-1]) and has_email(lead[-1])


def parties_of(names: Iterable[str], is_own: Own) -> set[str]:
    """The organisations names stand for (as keys), but the policy's own."""
    return {organisation_key(owner(name)) for name in names if not is_own(name, owner(name))}


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
    words = [w for w in LETTERS.findall(sentence) if len(w) > 1 and w not in names and w not in _names_listed()]
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


class Own:
    """What names a policy's own organisation, to tell it from its third parties: an
    organisation named in its publisher, title or web address ("Zoom Privacy Statement",
    "https://www.amazon.com/..."), directly or by a brand of its own ("Firefox OS Privacy
    Notice": Mozilla), or whose name starts with the publisher's first word ("Snapchat" of
    "Snap Inc."), or whose site it links to as its own (`home_site`); and a brand of that
    organisation ("YouTube" among "our services" in Google's policy)."""

    def __init__(self, own: tuple[str, ...], home: str = "") -> None:
        self.home = home
        self.names = _hyphens_as_spaces(" ".join(own))
        self.owners = {
            owner
            for brand, owner in _mapping("brands").items()
            if _hyphens_as_spaces(brand) in self.names or (home and organisation_key(brand) == home)
        }
        publisher = fold(own[0]).split() if own else []
        self.first_word = publisher[0] if publisher and len(publisher[0]) >= 4 else None
        self.known: dict[tuple[str, str], bool] = {}

    def __call__(self, name: str, organisation: str) -> bool:
        key = (name, organisation)
        if key not in self.known:
            folded = fold(organisation)
            self.known[key] = (
                _hyphens_as_spaces(name) in self.names
                or _hyphens_as_spaces(organisation) in self.names
                or organisation in self.owners
                or (self.first_word is not None and folded.startswith(self.first_word))
                or (bool(self.home) and organisation_key(organisation) == self.home)
            )
            owner = _mapping("brands").get(organisation)
            if not self.known[key] and owner is not None and owner != organisation:
                # a brand of its own organisation ("YouTube" in Google's policy)
                self.known[key] = self(owner, owner)
        return self.known[key]


def _hyphens_as_spaces(text: str) -> str:
    """`text` folded, its hyphens as spaces: a German title joins a brand to the rest with
    them ("Common-Voice-Datenschutzerklärung" names "Common Voice"), and a name written
    with one ("Coca-Cola") is found in a title all the same."""
    return fold(text).replace("-", " ")


def organisation_of(name: str) -> str:
    """The listed organisation a name stands for, as third parties report it ("Meta Ireland
    Ltd.": Meta, "Google Analytics": Google), or the name without its legal form."""
    return owner(_as_listed(strip_legal_form(name)))


def owner(name: str) -> str:
    """The organisation a named product belongs to ("Google Analytics": Google), or the name."""
    return _mapping("part_of").get(name, name)


@cache
def _organisation_regex(endings: tuple[str, ...] = ()) -> re.Pattern[str]:
    """Listed names, as whole words, in group "name"; with the endings a language inflects
    names with (`name_endings`), inflected too ("Facebooka", "Googlen": Facebook, Google)."""
    alternation = longest_first(_searched_names())
    inflected = f"(?:{longest_first(endings)})?" if endings else ""
    return re.compile(rf"(?<!{WORD_GOES_ON}|[.@/-])(?P<name>{alternation}){inflected}(?!{WORD_GOES_ON}|@)")


def names_regex(language: FactLanguage | None) -> re.Pattern[str]:
    """The listed names, inflected as the language does if it is one we have data for."""
    return _organisation_regex(language.name_endings if language is not None else ())


@cache
def organisations_anywhere() -> re.Pattern[str]:
    """Any organisation's name, whatever surrounds it: whether a section can name one."""
    return re.compile(longest_first(_searched_names()))
