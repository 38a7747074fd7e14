"""Small text helpers shared by the core: words, folding, HTML-looking junk."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

# Scripts written without spaces between words: each character counts as a word.
_NO_SPACE_SCRIPTS = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u0e00-\u0e7f\u0e80-\u0eff\u1000-\u109f"
# a character that makes a name part of a longer word: a letter or digit, but not one of a
# script written without spaces, nor Korean, whose particles join the word before ("GitHubの",
# "Stripe를" name GitHub and Stripe), nor Arabic or Hebrew, whose conjunctions and
# prepositions join the word after ("وPayPal": and PayPal)
WORD_GOES_ON = rf"[^\W{_NO_SPACE_SCRIPTS}\uac00-\ud7af\u0590-\u05ff\u0600-\u06ff\u0750-\u077f]"
WORD_RE = re.compile(rf"[{_NO_SPACE_SCRIPTS}]|[^\W{_NO_SPACE_SCRIPTS}]+(?:['’-][^\W{_NO_SPACE_SCRIPTS}]+)*")
TAG_RE = re.compile(r"<[^<>]{0,2000}>")
KRAMDOWN_ATTRS = re.compile(r"\{:[^{}]*\}")  # kramdown attribute lists: {: datetime="..." }
# an e-mail address, and the placeholder a page's e-mail obfuscation leaves instead of one
EMAIL_RE = re.compile(r"(?<![\w.+-])[A-Za-z0-9][\w.+-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,24}\b")
# an address spelled out against harvesting: "privacy[at]github[dot]com", "dpo (at) example.fr"
_AT, _DOT = r"\s*\\?[\[({]\s*at\s*\\?[\])}]\s*", r"(?:\s*\\?[\[({]\s*dot\s*\\?[\])}]\s*|\.)"
SPELLED_EMAIL_RE = re.compile(
    rf"(?<![\w.+-])(?P<local>[A-Za-z0-9][\w.+-]*){_AT}(?P<domain>[A-Za-z0-9-]+(?:{_DOT}[A-Za-z0-9-]+)*{_DOT}[A-Za-z]{{2,24}})\b",
    re.IGNORECASE,
)


def has_email(text: str) -> bool:
    """Whether a text writes an e-mail address, plainly or spelled out."""
    if "@" in text and EMAIL_RE.search(text):
        return True
    lowered = text.lower()
    spelled = "[at" in lowered or "(at" in lowered or "{at" in lowered
    return spelled and SPELLED_EMAIL_RE.search(text) is not None


def email_addresses(text: str) -> list[str]:
    """The e-mail addresses a text writes, in lower case and in order: plain ones and
    those spelled out ("privacy[at]github[dot]com" is privacy@github.com: the text gives
    it whole, unlike the "[email protected]" a page's obfuscation leaves)."""
    found = [(m.start(), m.group(0)) for m in EMAIL_RE.finditer(text)] if "@" in text else []
    for match in SPELLED_EMAIL_RE.finditer(text):
        domain = re.sub(_DOT, ".", match.group("domain"), flags=re.IGNORECASE)
        found.append((match.start(), f"{match.group('local')}@{domain}"))
    return [address.lower() for _, address in sorted(found)]


# Cloudflare's e-mail obfuscation; in Markdown its brackets may be escaped ("\\[email protected\\]")
HIDDEN_EMAIL_RE = re.compile(r"\[email(?:\s|&#160;|\u00a0)protected\\?\]", re.IGNORECASE)
# A Markdown link's address, allowed one level of parentheses inside; a list item's mark
_ADDRESS = r"(?:[^()\n]|\([^()\n]*\))*"
_ITEM_MARK = r"[ \t]*(?:[*+-]|\d+[.)])?[ \t]*"
# A line that is nothing but one link, a list item or not: a menu entry, a language
# switcher, a table of contents ("1. [Retention of Your Information](#retention)").
LINK_LINE_RE = re.compile(rf"{_ITEM_MARK}\[[^\]\n]*\]\((?P<target>{_ADDRESS})\)[ \t]*")
# A line that is nothing but links, one or several, glued or apart ("[Home](/) | [Blog](/b)",
# "[Home](/) - [Blog](/b)"): a menu, a table of contents scraped as one line ("[About this
# notice](#about)[Terms we use](#terms)..."). It names every topic and is about none.
LINKS_LINE_RE = re.compile(rf"{_ITEM_MARK}(?:\[[^\]\n]*\]\({_ADDRESS}\)[ \t|·•,;/–—-]*)+")
# contact details or links: such a line is never a heading or a title
CONTACTISH = re.compile(r"@|\[email|\+\d[\d -]{6,}|https?://|www\.", re.IGNORECASE)
_MD_EMPHASIS = re.compile(r"(\*\*|__|(?<!\w)[*_](?=\S)|(?<=\S)[*_](?!\w))")
_TABLE_PIPE = re.compile(r"(?<!\\)\|")
# a link, its text holding a bracketed note ("[partners[2]](...)"), its address parentheses
_MD_LINK = re.compile(r"\[((?:[^\[\]\n]|\[[^\[\]\n]*\])*)\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"]*\")?\)")


def link_text_spans(text: str) -> list[tuple[int, int]]:
    """Where the text of each Markdown link stands in `text` ("[Privacy supplement for
    China](https://...)": the words between the brackets)."""
    if "](" not in text:
        return []
    return [match.span(1) for match in _MD_LINK.finditer(text)]


def md_plain(text: str) -> str:
    """A line of Markdown as plain text: no emphasis, tags, links or backslash escapes."""
    text = _MD_EMPHASIS.sub("", text)
    text = re.sub(r"\\([\\`*_{}\[\]()#+\-.!|])", r"\1", text)
    text = _MD_LINK.sub(r"\1", text)  # [link text](url) -> link text
    text = KRAMDOWN_ATTRS.sub("", text)
    return re.sub(r"\s+", " ", strip_tags(text)).strip()


def table_cells(row: str) -> list[str]:
    """The cells of a Markdown table row ("| a | b \\| c |" -> ["a", "b \\| c"]): one pipe
    at each end is the row's edge, an escaped one is text."""
    row = row.strip()
    row = row[1:] if row.startswith("|") else row
    row = row[:-1] if row.endswith("|") and not row.endswith("\\|") else row
    return [cell.strip() for cell in _TABLE_PIPE.split(row)]


# marks in a trie where a string ends that must end a word too (see `longest_first`)
_CLOSED = "\0"


def longest_first(strings: Iterable[str], closed: Iterable[str] = ()) -> str:
    """Regex source matching any of `strings`, the longest one where several match at a
    position: the same matches as an alternation of them sorted longest first, but as a
    trie (`priva(?:cy(?: policy)?|te)`), so the engine compares a character once instead
    of once per string. Hundreds of cues or country names would otherwise be tried one
    by one at every position of the text. A string among `closed` matches only where a
    word ends after it ("users in", not "users in" of "users inform")."""
    trie: dict[str, dict] = {}
    ending = set(closed)
    for string in set(strings) - {""}:
        node = trie
        for char in string:
            node = node.setdefault(char, {})
        node[_CLOSED if string in ending else ""] = {}  # a string ends here
    return _trie_source(trie) if trie else "(?!)"


def _trie_source(node: dict[str, dict]) -> str:
    ends, closes = "" in node, _CLOSED in node
    branches = []
    for char in sorted(c for c in node if c and c != _CLOSED):
        child, run = node[char], re.escape(char)
        while len(child) == 1 and "" not in child and _CLOSED not in child:  # a run with no choice: one literal
            ((char, child),) = child.items()
            run += re.escape(char)
        branches.append(run + (_trie_source(child) if child.keys() != {""} else ""))
    if not branches:
        return r"(?!\w)" if closes else ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends:  # the longer strings first, then the one ending here
        return ("(?:" + body + ")?") if len(branches) > 1 or len(body) > 1 else body + "?"
    if closes:
        return "(?:" + body + r"|(?!\w))"
    return body


def words(text: str) -> list[str]:
    return WORD_RE.findall(text)


def word_count(text: str) -> int:
    return len(WORD_RE.findall(text))


# Combining diacritical marks (Latin, Greek, Cyrillic and their extensions).
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def strip_accents(text: str) -> str:
    if text.isascii():
        return text
    return _COMBINING.sub("", unicodedata.normalize("NFKD", text))


def fold(text: str) -> str:
    """Case- and accent-insensitive form for matching lexicon entries."""
    return strip_accents(text.casefold())


# Apostrophes (straight, curly, modifier letter): "d'un", "Çin’de", "ім'я". Where cue
# lists are matched they count as spaces, so "exécution d un contrat" and "exécution
# d’un contrat" are the same cue and a linguist need not write every variant. So does
# the underscore of Markdown emphasis: "_Einstellungen_" is the word "Einstellungen".
_AS_SPACES = "'’ʼ‘`_"


def cue_form(text: str) -> str:
    """The form in which cue lists and the text they are looked for in are compared:
    folded, apostrophes and underscores as spaces. Same length as `fold(text)`, so spans carry over."""
    folded = fold(text)
    for char in _AS_SPACES:  # str.replace: far faster than str.translate on non-ASCII text
        if char in folded:
            folded = folded.replace(char, " ")
    return folded


def strip_tags(text: str) -> str:
    """Remove HTML-looking tags from a one-line string (used for titles only)."""
    return re.sub(r"\s+", " ", TAG_RE.sub(" ", text)).strip()


_NO_SPACE_RE = re.compile(rf"[{_NO_SPACE_SCRIPTS}]")


def has_no_space_script(text: str) -> bool:
    return _NO_SPACE_RE.search(text) is not None


_SPACE_BY_NO_SPACE_SCRIPT = re.compile(rf"(?<=[{_NO_SPACE_SCRIPTS}]) +| +(?=[{_NO_SPACE_SCRIPTS}])")


def without_spaces_by_no_space_script(phrase: str) -> str:
    """A phrase without the spaces beside a character of a script written without them
    ("ip 地址" -> "ip地址", "クリア gif" -> "クリアgif"): Chinese and Japanese text puts
    a Latin word next to its own characters with a space or, as often, without one."""
    return _SPACE_BY_NO_SPACE_SCRIPT.sub("", phrase)


# A postal address under a line leading up to it ("... or write to us at:" / "Prighter CH
# GmbH" / "Obergrundstrasse 17" / "6002 Luzern"): its lines are short and end no sentence.
ADDRESS_LINE_WORDS = 6
_LEAD_IN_END = (":", "：")
_BR_END = re.compile(r"\s*(?:<br\s*/?>)?\s*$", re.IGNORECASE)


def leads_in(text: str) -> bool:
    """Whether a line leads up to what follows it (ends in a colon)."""
    return text.rstrip().endswith(_LEAD_IN_END)


def address_line(text: str) -> bool:
    """Whether a line may be one of a postal address: a few words (a `<br>` at its end
    aside), ending no sentence and leading up to nothing."""
    text = _BR_END.sub("", text).strip()
    return bool(text) and word_count(text) <= ADDRESS_LINE_WORDS and not text.endswith((*_LEAD_IN_END, "."))
