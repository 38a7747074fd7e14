"""Countries data goes to: CLDR country names in the policy's language (and inflected forms
from its data file) where the text speaks of transfers or storage, not where users live,
where data comes from or a company's address; and the countries transfer frameworks name."""

from __future__ import annotations

import re
from functools import cache

from babel import Locale, UnknownLocaleError

from .datafiles import load_data_file
from .factlang import FactLanguage, previous_line
from .front import legal_forms
from .lexicon import cue_regex, lexicon
from .text import (
    CONTACTISH,
    cue_form,
    has_no_space_script,
    link_text_spans,
    longest_first,
    table_cells,
)


def country_row(line: str, lang: str) -> bool:
    """Whether a line is a table row about one country ("| Albania | PayPal (Europe)
    S.a.r.l., 22-24 Boulevard Royal, Luxembourg |"): its entity, contact or rules there,
    so the countries in it are not where data goes."""
    return line.startswith("|") and _only_a_country(table_cells(line)[0], lang)


def _only_a_country(text: str, lang: str) -> bool:
    """Whether a text is a country's name and nothing else (marks around it aside)."""
    name = cue_form(text).strip(" .,;()*_#|")
    regex, _ = country_regex(lang, not has_no_space_script(name))
    return regex.fullmatch(name) is not None


def address_country(lines: list[str], index: int, lang: str) -> bool:
    """Whether a line is a country's name and nothing else, under a line that does not
    lead up to it: the last line of a postal address ("Reddit Netherlands B.V." /
    "Amsterdam" / "Netherlands"), or a section's heading (the part of a policy for the
    people of that country, or its address there). Under "Our servers are located in:",
    or in a list of countries, it is where data goes."""
    line = lines[index].strip()
    if not line or _LIST_MARK.match(line) or not _only_a_country(line, lang):
        return False
    previous = previous_line(lines, index)
    return not previous.endswith(":") and not _LIST_MARK.match(previous)


_LIST_MARK = re.compile(r"^(?:[-*+•·▪◦●‣–]|\d{1,3}[.)])\s")
_WORD_CHARS = re.compile(r"\w*")


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


def transfer_cue(folded: str, lang: str, language: FactLanguage, no_space: bool, folded_no_space: bool) -> bool:
    """Whether a sentence has a cue of transfers, not counting one that is only part of a
    country's name: French "pays" (country) in "Pays-Bas", Spanish "país" in "Países
    Bajos" ("Si vous n'avez pas d'adresse aux Pays-Bas"). A cue that is a whole name (the
    English "united states") stays one."""
    cues = language.transfers
    if not cues.found(folded, no_space):
        return False
    if no_space or cues.regex is None:
        return True
    names = [m.span() for m in country_regex(lang, not folded_no_space)[0].finditer(folded)]
    return any(
        not any(
            start <= cue.start() and cue.end() <= end and cue.end() - cue.start() < end - start for start, end in names
        )
        for cue in cues.regex.finditer(folded)
    )


@cache
def country_regex(lang: str, spaced: bool) -> tuple[re.Pattern[str], dict[str, str]]:
    names = dict(_country_names(lang))
    return cue_regex(tuple(names), spaced), names


@cache
def place_regex(lang: str, spaced: bool) -> re.Pattern[str]:
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
def legal_form_names() -> frozenset[str]:
    """The legal forms of companies (data/legal_forms.yaml), folded."""
    return frozenset(cue_form(form).strip() for form in legal_forms())


@cache
def _legal_forms() -> str:
    """The legal forms of companies, folded, as one alternation (longest first)."""
    return longest_first(tuple(legal_form_names()))


@cache
def legal_form_after() -> re.Pattern[str]:
    """A company's legal form right after a name ("Google Ireland Limited")."""
    return re.compile(rf"[\s,]*(?:{_legal_forms()})(?!\w)")


@cache
def _legal_form_then_paren() -> re.Pattern[str]:
    """A company's legal form and an opening parenthesis, where a country follows
    ("Malt Community GmbH (Allemagne)"); a form written with dots may stand without them
    there ("Malt Community SL (Espagne)", "Malt Community BV (Pays-Bas)")."""
    forms = legal_form_names() | {form.replace(".", "").replace(" ", "") for form in legal_form_names() if "." in form}
    return re.compile(rf"(?<!\w)(?:{longest_first(tuple(forms))})\s*\(\s*$")


_NEXT_WORD = re.compile(r"[ \u00a0]([^\W\d_])")


def _capital_after(original: str, end: int) -> bool:
    """Whether the word after a country's name starts with a capital: in a language that
    writes common nouns in lower case, the country is then part of a name."""
    match = _NEXT_WORD.match(original, end)
    return bool(match and match.group(1).isupper())


def _capitalized(name: str) -> bool:
    """Whether a country's name as written has a capital, wherever it stands: "Mali", "the
    Netherlands", Irish "sa tSín" and Maltese "fl-Istati Uniti" (a form of the data file
    may begin with an article or a preposition), or is in a script without capitals."""
    return any(char.isupper() for char in name) or not any(char.islower() for char in name)


# a genitive written with an apostrophe ("Ireland's", "the UK’s"): what belongs to the country
_POSSESSIVE = re.compile(r"['’]s\b")
_AFTER_A_NUMBER = re.compile(r"\d[\w-]*,?\s*$")
# a postcode and its town before a country: "1030 Brüssel, Belgien", "75008 Paris, France",
# a Dutch postcode with its letters "1011 DL, Amsterdam, The Netherlands"
_AFTER_A_TOWN = re.compile(r"(?<![\w.,])\d{4,5}(?:\s?[^\W\d]{2})?,?\s+[^\W\d]+(?:[ -][^\W\d]+)?,\s*$")
# what follows a country in a postal address: contact details (an e-mail address, a
# telephone number, a web address), a "tel"/"fax" label or a postcode, of digits or a
# British one ("England, HR2 6JT")
_CONTACT_NEXT = re.compile(
    rf"\w*[\s,;:.]+(?:\S*(?:{CONTACTISH.pattern})|tel\b|phone\b|fax\b|\d{{4,}}\b|[a-z]{{1,2}}\d[a-z\d]?\s\d[a-z]{{2}}\b)"
)
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


def _law_after(folded: str, end: int, language: FactLanguage) -> bool:
    """Whether one of the language's `law_after_cues` follows a country's name, as whole
    words ("Luxembourg laws"; not "the United States lawfully")."""
    regex = language.law_after.regex
    if regex is None or not folded.startswith(" ", end):
        return False
    match = regex.match(folded, end + 1)
    return match is not None and not folded[match.end() : match.end() + 1].isalnum()


def _origin(window: str, language: FactLanguage, no_space: bool) -> bool:
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


def countries_in(
    folded: str, lang: str, language: FactLanguage, original: str, no_space: bool, folded_no_space: bool
) -> list[str]:
    """The countries a sentence names as where data goes. Not where users live ("if you
    are a resident of Switzerland", "スイスのユーザ"; a country named so is where users
    live throughout the sentence: "... from the EEA or Switzerland"), not a postal
    address, not part of a company's name ("Google Ireland Limited"), not in the text of a
    link (the name of the page it leads to)."""
    spaced = not folded_no_space
    regex, names = country_regex(lang, spaced)
    places = place_regex(lang, spaced)
    aligned = len(folded) == len(original)
    found: list[str] = []
    residence: set[str] = set()
    links = link_text_spans(folded)
    for match in regex.finditer(folded):
        if any(start <= match.start() < end for start, end in links):
            continue  # "[Privacy supplement for China](...)": the name of a page, not where data goes
        if aligned and not _capitalized(original[match.start() : match.end()]):
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
            # ("Brazilian" in English, which does not inflect names)
            rest = _WORD_CHARS.match(folded, end)
            ending = len(rest.group(0)) if rest else 0
            if ending > (2 if len(match.group(0)) < 6 else 3) or (
                ending and not language.lex.facts.country_names_inflect
            ):
                continue
            end += ending
        if legal_form_after().match(folded, end):
            continue  # "Google Ireland Limited": a company's name
        if folded.startswith(")", end) and _legal_form_then_paren().search(before[-24:]):
            continue  # "Malt Community GmbH (Allemagne)": where a company sits
        if aligned and not language.lex.facts.nouns_capitalized and _capital_after(original, end):
            continue  # "the UK Extension to the DPF", "the Gibraltar Regulatory Authority": a name
        if aligned and _POSSESSIVE.match(original, end):
            continue  # "Ireland's lead supervisory authority", "Brazil's LGPD": what is the country's
        if _law_after(folded, end, language):
            continue  # "the Luxembourg laws to which ... is subject", "U.S. state and federal laws": a law
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


def frameworks_in(sentence: str) -> list[str]:
    """The countries a sentence sends data to by naming a framework for it ("the EU-U.S.
    Data Privacy Framework": the United States)."""
    if "D" not in sentence:  # every name begins with one (a cheap test first)
        return []
    regex, country_of = _framework_regex()
    return [country_of[match.group(0)] for match in regex.finditer(sentence)]
