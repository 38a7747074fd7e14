"""Recovering sections from raw policy text.

Scraped policies lose their markup: headings end up as short lines, numbered lines,
ALL-CAPS lines, bullet lines or phrases glued to the paragraph they introduce. This
module finds them by how lines look *and* how they behave (a heading introduces a
body; a run of numbered lines with nothing between them is a list, not headings),
then cuts the text into sections.

Segmentation moves text and never drops any: each section owns an exact slice of the
normalized text, and the slices join back to it (`Segmentation.pieces`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .dates import YEAR_RE
from .front import Front, lines_with_offsets
from .lexicon import TOPIC_IDS, Lexicon
from .model import Block, Section, Segmentation
from .text import CONTACTISH, address_line, has_no_space_script, leads_in, md_plain, word_count
from .topics import topic_scores

MAX_HEADING_WORDS = 14
MAX_HEADING_CHARS = 120
MAX_NO_SPACE_HEADING_CHARS = 40
MAX_RUNIN_WORDS = 12  # a label glued to its body ("Cookies.Kur ...")
MAX_SPACED_RUNIN_WORDS = 5  # a label followed by ". " needs neighbours like it
MAX_COLON_HEADING_WORDS = 6
MAX_LEVEL = 6  # deeper nesting is shown at the deepest level
ADDRESS_LINES = 6  # a postal address under "... write to us at:" is no more lines than this
MIN_MARKDOWN_HEADINGS = 1  # a .md seed without any is treated as raw text
# Text whose long lines mostly end mid-sentence was wrapped (PDF-like): there a short
# line after an unfinished sentence is its continuation, not a heading.
WRAPPED_RATIO = 0.3
# Text without headings: a paragraph starts a new block when its topic scores at least
# this much and beats the current block's topic by the margin.
NEW_BLOCK_SCORE = 3.0
BLOCK_MARGIN = 0.5

_MD_HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_NUMBERED = re.compile(r"^(?P<num>\d{1,3}(?:\.\d{1,3}){0,5})(?P<sep>[.)])?[ \t]+(?P<rest>\S.*)$")
_ROMAN = re.compile(r"^(?P<num>[IVXL]{1,6})[.)][ \t]+(?P<rest>\S.*)$")
_ARTICLE = re.compile(
    r"^(?P<kw>Článek|Článok|Čl\.|Article|Art\.|Artikel|Artikkel|Artículo|Articolo|Artigo|Artykuł|Član|Cikk|Straipsnis|Pants|Paragraf|§)"
    r"[ \t]*(?P<num>\d{1,3}[a-z]?)\b[ \t]*[.:–—-]?[ \t]*(?P<rest>.*)$"
)
_LIST_MARK = re.compile(
    r"^(?:[-*+•·▪◦●‣–][ \t]*|\(?[a-zA-Z][.)][ \t]+|\(?(?:[ivx]{1,5})\)[ \t]*|\d{1,3}[ \t]*\)[ \t]*)"
)
_BULLET = re.compile(r"^[•·▪◦●‣][ \t]*")
_KEY_VALUE = re.compile(r"^[^:]{1,40}:[ \t]*\S")
# "10 ans À compter de la clôture": a number with neither a dot nor a bracket after it,
# in wrapped text a cell of a table or a figure as likely as a heading
_BARE_NUMBER = re.compile(r"^\d{1,3}[ \t]")
_TERMINAL = ".;,!…"
_LETTER = r"[^\W\d_]"

# "Label.Body" (no space: scraped from <b>Label.</b>Body) or "Label. Body".
_RUNIN_GLUED = re.compile(rf"^(?P<label>{_LETTER}[^.!?:;\n]{{1,110}}?[^\s.!?:;])\.(?P<body>[^\W\d_].*)$")
# a label ending in a lone capital is an abbreviation cut at its first dot ("EU-U.S.")
_ABBREVIATED = re.compile(r"(?:^|[\s(/-])[A-Z]$")
_RUNIN_SPACED = re.compile(rf"^(?P<label>{_LETTER}[^.!?:;\n]{{1,70}}?[^\s.!?:;])\.[ \t]+(?P<body>\S.*)$")
# "Label(i) body" and "labelBody": the separator was lost entirely.
_RUNIN_PAREN = re.compile(rf"^(?P<label>{_LETTER}[^.!?:;()\n]{{3,90}}?{_LETTER})(?P<body>\((?:i|a|1)\).*)$")
# "...end of sentence.Label words.Body" inside a paragraph of run-ins.
_RUNIN_MID = re.compile(r"(?<=[^\W\d_][.!?])(?P<label>[^\W\d_][^.!?:;\n]{2,60}?[^\W\d_])\.(?=[^\W\d_])")
# "1.2.1 Label: body"
_NUMBERED_LABEL = re.compile(r"^(?P<label>[^:]{2,80}?):[ \t]*(?P<body>\S.*)$")


# "(a) ", "(iv) ", "(12) ": an item's mark in parentheses
_ENUMERATOR = re.compile(r"\(\w{1,4}\)\s")


@dataclass
class _Para:
    start: int  # offset of the first non-space character
    end: int
    text: str  # the line without leading spaces
    indent: int = 0  # the leading spaces it had


@dataclass
class _Head:
    start: int  # where the section starts (its heading)
    body: int  # where its body starts
    title: str
    level: int
    number: str | None
    kind: str
    para: int  # index of the paragraph holding it


def segment(text: str, front: Front, lex: Lexicon | None, markdown: bool = False) -> Segmentation:
    """Cut normalized `text` into a preamble and sections."""
    paras = [
        _Para(start + (len(line) - len(line.lstrip())), end, line.lstrip(), len(line) - len(line.lstrip()))
        for start, end, line in lines_with_offsets(text)
        if line.strip()
    ]
    first = next((i for i, p in enumerate(paras) if p.start >= front.end), len(paras))
    heads = _find_heads(paras, first, markdown)
    title_span = front.title_span
    if not heads:
        return _by_topic(text, paras, first, front, lex, title_span)
    if _headless_opening(paras, first, heads[0].para):
        heads = _topic_heads(paras, first, heads[0].para, lex) + heads
    return _build(text, paras, heads, title_span, generated=False)


# The text before the first heading is most of the policy, and long: its headings were lost
# (Bumble's scraped policy keeps only its last dozen, on its American users' rights, and
# 8,800 of its 10,300 words stand before them). That text is cut by topic, as a text with
# no headings at all is, instead of staying one untagged preamble.
HEADLESS_OPENING_WORDS = 600
HEADLESS_OPENING_SHARE = 0.5


def _headless_opening(paras: list[_Para], first: int, stop: int) -> bool:
    opening = sum(word_count(p.text) for p in paras[first:stop])
    total = opening + sum(word_count(p.text) for p in paras[stop:])
    return opening >= HEADLESS_OPENING_WORDS and opening >= HEADLESS_OPENING_SHARE * total


# --- finding headings -------------------------------------------------------------


def _find_heads(paras: list[_Para], first: int, markdown: bool) -> list[_Head]:
    folded: dict[int, _Head] = {}
    if markdown:
        marked = [
            h for i in range(first, len(paras)) if (h := _markdown_heading(paras[i], i) or _setext_heading(paras, i))
        ]
        taken = {h.para for h in marked}
        folded = {i: h for i in range(first, len(paras)) if i not in taken and (h := _folded_item(paras, i))}
        if len(folded) < MIN_FOLDED_ITEMS:
            folded = {}
        if len(marked) >= MIN_MARKDOWN_HEADINGS:
            # a Markdown text with real headings: trust them, and articles ("§ 1", "Article 4")
            for i in range(first, len(paras)):
                if i not in taken and (head := _numbered_heading(paras[i], i)) and head.kind == "article":
                    marked.append(head)
            marked += folded.values()
            marked += (h for i in range(first, len(paras)) if i not in taken and (h := _bold_heading(paras, i)))
            marked.sort(key=lambda h: h.start)
            return _assign_levels(marked)
    heads: list[_Head] = []
    kinds: list[str | None] = [None] * len(paras)  # what each paragraph looks like
    wrapped = _is_wrapped(paras[first:])
    width = _wrap_width(paras[first:]) if wrapped else 0
    for index in range(first, len(paras)):
        para = paras[index]
        if markdown and _MD_BOLD_LINE.match(para.text):  # "**1\. Definitions**": a heading set in bold
            para = _Para(para.start, para.end, md_plain(para.text))
        head = folded.get(index) or _numbered_heading(para, index) or _line_heading(para, index)
        if (
            head
            and markdown
            and head.kind in ("line", "caps", "numbered", "colon")
            and _inside_a_paragraph(paras, index, first)
        ):
            head = None  # "620 Eighth Avenue\nNew York, N.Y. 10018": a line of a paragraph (hard line breaks)
        if head and _may_be_an_address_line(head) and _in_an_address(paras, index, first):
            head = None  # "... or by post at:" / "Prighter CH GmbH" / "Obergrundstrasse 17": an address
        if (
            head
            and wrapped
            and (head.kind in ("line", "caps", "colon", "bullet") or _BARE_NUMBER.match(para.text))
            and (not _after_a_break(paras, index, first, kinds) or _runs_on(paras, index, width))
        ):
            head = None  # a line broken out of a running sentence (PDF-like text), not a heading
        if head:
            heads.append(head)
            kinds[index] = "heading"
            continue
        kinds[index] = "list" if _is_list_item(para.text) else "prose"
    while True:  # a heading left with only demoted lines after it is body-less too
        kept = _drop_bodyless(heads, paras, kinds)
        if len(kept) == len(heads):
            break
        heads = kept
    heads = _drop_lead_ins(heads, paras, kinds)
    taken = {h.para for h in heads} | _page_furniture(paras)
    if wrapped:  # a run-in heading starts a line after a finished sentence
        taken |= {i for i in range(first, len(paras)) if not _after_a_break(paras, i, first, kinds)}
    heads += _runin_heads(paras, first, kinds, taken)
    heads = _numbered_label_majority(heads, paras)
    heads.sort(key=lambda h: h.start)
    return _assign_levels(heads)


def _in_an_address(paras: list[_Para], index: int, first: int) -> bool:
    """Whether a line is one of a postal address: among short lines under a paragraph
    leading up to them (ending in a colon), one of which has a number (a street, a postcode)."""
    start = index
    while start > first and start > index - ADDRESS_LINES and address_line(paras[start - 1].text):
        start -= 1
    if start <= first or not leads_in(paras[start - 1].text):
        return False
    end = index + 1
    while end < len(paras) and end < start + ADDRESS_LINES and address_line(paras[end].text):
        end += 1
    return any(c.isdigit() for para in paras[start:end] for c in para.text)


def _may_be_an_address_line(head: _Head) -> bool:
    """Whether a heading found may be a line of an address: a title-like line, or one opening
    with a number of three digits or more, a street's ("620 Eighth Avenue") more likely than
    a chapter's."""
    if head.kind in ("line", "caps"):
        return True
    return head.kind == "numbered" and head.number is not None and head.number.isdigit() and len(head.number) >= 3


def _inside_a_paragraph(paras: list[_Para], index: int, first: int) -> bool:
    """Whether a line of a Markdown text shares its paragraph with the line before or after
    it (no blank line between them, neither a list item, a table row nor a Markdown
    heading): Markdown joins such lines into one paragraph ("The New York Times Company /
    620 Eighth Avenue / New York, N.Y. 10018", an address broken with hard line breaks),
    and a heading is a paragraph of its own."""
    para = paras[index]

    def joined(a: _Para, b: _Para) -> bool:
        # (a line opening with emphasis counts as a list mark here: Roblox's "**US:**" over
        # the lines of an address stays a line of its own, which may head them)
        return b.start - b.indent == a.end + 1 and not (
            _LIST_MARK.match(b.text)
            or _LIST_MARK.match(a.text)
            or a.text.startswith("|")
            or b.text.startswith("|")
            or a.text.startswith("#")
            or b.text.startswith("#")
            or b.text.startswith("{:")  # a kramdown attribute of the line before
        )

    return (index > first and joined(paras[index - 1], para)) or (
        index + 1 < len(paras) and joined(para, paras[index + 1])
    )


def _is_wrapped(paras: list[_Para]) -> bool:
    long = [p.text for p in paras if len(p.text) >= 60]
    if len(long) < 5:
        return False
    unfinished = sum(1 for t in long if t.rstrip()[-1] not in ".!?:;)\"'”’»。！？：")
    return unfinished / len(long) > WRAPPED_RATIO


def _wrap_width(paras: list[_Para]) -> int:
    """The width a wrapped text was broken at: the length most of its long lines reach."""
    lengths = sorted(len(p.text) for p in paras if len(p.text) >= 60)
    return lengths[len(lengths) // 2] if lengths else 0


def _runs_on(paras: list[_Para], index: int, width: int) -> bool:
    """Whether a line of wrapped text goes on in the next one: it fills the width the text
    was wrapped at, or the next line carries on its sentence in lower case."""
    text = paras[index].text.rstrip()
    if text.endswith(":"):
        return False
    following = paras[index + 1].text if index + 1 < len(paras) else ""
    return len(text) >= 0.85 * width or following[:1].islower()


# a line repeated this often, and this long, is a page's header or footer (text from a PDF)
FURNITURE_REPEATS = 3
FURNITURE_CHARS = 40


def _page_furniture(paras: list[_Para]) -> set[int]:
    """The paragraphs a PDF repeats on every page ("Boursorama, S.A au capital de ... – RCS
    Nanterre ..."): no run-in heading ("Boursorama, S") is in them. (A heading repeated
    word for word, as a policy may do under each of its parts, stays one.)"""
    counts: dict[str, int] = {}
    for para in paras:
        if len(para.text) >= FURNITURE_CHARS:
            counts[para.text] = counts.get(para.text, 0) + 1
    return {i for i, para in enumerate(paras) if counts.get(para.text, 0) >= FURNITURE_REPEATS}


def _after_a_break(paras: list[_Para], index: int, first: int, kinds: list[str | None]) -> bool:
    """Whether paragraph `index` starts after a finished sentence, a heading or the head
    of the text (a heading never continues the sentence of the line before it)."""
    if index <= first:
        return True
    previous = paras[index - 1]
    if kinds[index - 1] == "heading":
        return True
    last = previous.text.rstrip()[-1:]
    return last in ".!?:;)]}\"'”’»>|…。！？：" or len(previous.text) < 60


def _markdown_heading(para: _Para, index: int) -> _Head | None:
    match = _MD_HEADING.match(para.text)
    if not match or not match.group(2).strip():
        return None
    title = md_plain(match.group(2)) or match.group(2).strip()
    number = None
    numbered = _NUMBERED.match(title)
    if numbered and numbered.group("sep") != ")":
        number = numbered.group("num")
    return _Head(para.start, para.end, title, len(match.group(1)), number, "markdown", index)


# a list item with a short title and its text indented under it: a folding section
# ("* Cookies" then "    Wir verwenden ...") scraped from an accordion
_FOLDED_ITEM = re.compile(r"^[*+-][ \t]+(?P<title>\S.*)$")
MIN_FOLDED_ITEMS = 3


def _folded_item(paras: list[_Para], index: int) -> _Head | None:
    """A top-level list item that is a section's title: its body follows, indented, as
    paragraphs of prose (several of them make a page of folding sections)."""
    para = paras[index]
    if para.indent or index + 1 >= len(paras) or paras[index + 1].indent < 2:
        return None
    match = _FOLDED_ITEM.match(para.text)
    following = paras[index + 1]
    if match is None or _is_list_item(following.text) or word_count(following.text) < 8:
        return None
    title = md_plain(match.group("title"))
    if not title[:1].isupper() or ":" in title or not _is_title_like(title, 10):
        return None
    return _Head(para.start, para.end, title, 0, None, "bullet", index)


def _bold_heading(paras: list[_Para], index: int) -> _Head | None:
    """A paragraph that is one bold title and nothing else ("**Data Rights**"), with text
    after it: a heading below the Markdown heading it stands under."""
    para = paras[index]
    if not _MD_BOLD_LINE.match(para.text) or index + 1 >= len(paras) or _SETEXT.match(paras[index + 1].text):
        return None
    title, following = md_plain(para.text), paras[index + 1].text
    if not title[:1].isupper() or not _is_title_like(title) or title.endswith(":") or _MD_BOLD_LINE.match(following):
        return None  # "**... such information as:**" leads into a list
    if YEAR_RE.search(title) and word_count(title) <= 5:
        return None  # "**September 29, 2024**": an entry of a change log
    if word_count(following) < 6 and not _LIST_MARK.match(following):
        return None  # "**Ein Service von**" over a company's name and address
    return _Head(para.start, para.end, title, 0, None, "bullet", index)


_SETEXT = re.compile(r"^(=+|-+)[ \t]*$")
# a line opening with Markdown emphasis ("**2.1 Visiting our website:** We ...") is no list
# item, though its first character is one of a list's marks
_EMPHASIS_START = re.compile(r"^\*(?:\*\S|[^\s*][^*\n]*\*)")


def _is_list_item(text: str) -> bool:
    return _LIST_MARK.match(text) is not None and _EMPHASIS_START.match(text) is None


# a paragraph that is one bold span and nothing else
_MD_BOLD_LINE = re.compile(r"^(\*\*|__)(?=\S)(?:(?!\1).)+(?<=\S)\1[ \t]*$")


def _setext_heading(paras: list[_Para], index: int) -> _Head | None:
    """ "Title" underlined by "=====" (level 1) or "-----" (level 2) on the next line."""
    if index + 1 >= len(paras):
        return None
    para, under = paras[index], paras[index + 1]
    match = _SETEXT.match(under.text)
    if not match or under.start - para.end != 1 or len(under.text.strip()) < 2 or _SETEXT.match(para.text):
        return None
    if (_LIST_MARK.match(para.text) and not _MD_BOLD_LINE.match(para.text)) or para.text.startswith(("#", ">", "|")):
        return None  # "**Title**" over its underline is a title, "* item" is not
    title = md_plain(para.text)
    level = 1 if match.group(1).startswith("=") else 2
    return _Head(para.start, under.end, title or para.text.strip(), level, None, "markdown", index)


def _is_title_like(text: str, max_words: int = MAX_HEADING_WORDS) -> bool:
    if not text or CONTACTISH.search(text):
        return False
    if has_no_space_script(text):
        return len(text) <= MAX_NO_SPACE_HEADING_CHARS and text[-1] not in "。．，；！、.;,!"
    if len(text) > MAX_HEADING_CHARS or word_count(text) > max_words:
        return False
    return text[-1] not in _TERMINAL


def _numbered_heading(para: _Para, index: int) -> _Head | None:
    for regex, kind in ((_NUMBERED, "numbered"), (_ROMAN, "roman"), (_ARTICLE, "article")):
        match = regex.match(para.text)
        if not match:
            continue
        if kind == "numbered" and match.group("sep") == ")":
            return None  # "1) ..." is a list item
        rest = match.group("rest").strip()
        number = match.group("num")
        level = number.count(".") + 1 if kind == "numbered" else 1
        if kind == "article" and not rest:
            return _Head(para.start, para.end, para.text.strip(), 1, number, kind, index)
        if not rest or not rest[0].isalpha():
            return None
        if _is_title_like(rest) or (rest.endswith(":") and word_count(rest) <= 24 and ":" not in rest[:-1]):
            return _Head(para.start, para.end, para.text.strip().rstrip(":").strip(), level, number, kind, index)
        if kind == "numbered":
            label = _NUMBERED_LABEL.match(rest)
            if label and word_count(label.group("label")) <= 8 and not CONTACTISH.search(label.group("label")):
                body_at = para.start + para.text.index(label.group("body"), len(number))
                title = para.text[: para.text.index(label.group("label")) + len(label.group("label"))].strip()
                return _Head(para.start, body_at, title, level, number, "numbered-runin", index)
        return None
    return None


def _line_heading(para: _Para, index: int) -> _Head | None:
    text = para.text
    bullet = _BULLET.match(text)
    if bullet:
        text = text[bullet.end() :]
        if not text or not text[0].isupper() or ":" in text or not _is_title_like(text, 10):
            return None
        return _Head(para.start, para.end, text.strip(), 0, None, "bullet", index)
    elif _LIST_MARK.match(text):
        return None
    if not text[:1].isalpha() and text[:1] not in "\"'“«„(":
        return None
    if "(" not in text and ")" in text:
        return None  # "GDPR)": the end of a wrapped sentence
    if text.startswith("(") and not _ENUMERATOR.match(text):
        return None  # "(Social media platforms include ...)", "(plus de 16 ans), RIB": a remark, not a title
    if text.endswith(":"):
        core = text[:-1].rstrip()
        limit = MAX_HEADING_WORDS if core.isupper() else MAX_COLON_HEADING_WORDS
        if word_count(core) <= limit and _is_title_like(core) and ":" not in core:
            return _Head(para.start, para.end, core, 0, None, "colon", index)
        return None
    if _KEY_VALUE.match(text) and not text.isupper():
        return None
    if text.endswith(".") and not text.endswith("..") and word_count(text) <= 4 and _is_title_like(text[:-1]):
        if text[:1].isupper():
            return _Head(para.start, para.end, text[:-1].rstrip(), 0, None, "line", index)
        return None
    if _is_title_like(text) and (text[:1].isupper() or not text[:1].islower()):
        return _Head(para.start, para.end, text.strip(), 0, None, "caps" if text.isupper() else "line", index)
    return None


def _next_heading_or_body(heads: list[_Head], para_index: int, kinds: list[str | None]) -> str:
    """What follows paragraph `para_index`: 'heading', 'list', 'prose' or 'end'."""
    for kind in kinds[para_index + 1 :]:
        if kind is not None:
            return kind
    return "end"


def _drop_bodyless(heads: list[_Head], paras: list[_Para], kinds: list[str | None]) -> list[_Head]:
    """A heading introduces something. Numbered headings directly followed by a
    heading that is not their child are a table of contents or a list: not headings."""
    by_para = {h.para: h for h in heads}
    kept: list[_Head] = []
    for head in heads:
        if head.body < paras[head.para].end:  # "1.2 Label: body" carries its own body
            kept.append(head)
            continue
        follower = _next_heading_or_body(heads, head.para, kinds)
        if follower == "end":
            if head.kind in ("markdown",):
                kept.append(head)
            continue
        if follower == "heading" and head.number is not None:
            nxt = next((by_para[i] for i in range(head.para + 1, len(paras)) if i in by_para), None)
            prefix = head.number.rstrip(".") + "."
            is_child = nxt is not None and nxt.number is not None and nxt.number.startswith(prefix)
            if not is_child:
                kinds[head.para] = "list"
                continue
        kept.append(head)
    return kept


def _drop_lead_ins(heads: list[_Head], paras: list[_Para], kinds: list[str | None]) -> list[_Head]:
    """ "You have these rights:" followed by bullets is a lead-in, not a heading."""
    kept = []
    for head in heads:
        if head.kind == "colon" and _next_heading_or_body(heads, head.para, kinds) == "list":
            nxt = paras[head.para + 1] if head.para + 1 < len(paras) else None
            if (nxt is not None and _BULLET.match(nxt.text)) or (nxt and nxt.text[:1] in "-*•"):
                kinds[head.para] = "prose"
                continue
        kept.append(head)
    return kept


def _runin_candidates(para: _Para, index: int, document: str = "") -> list[tuple[_Head, bool]]:
    """Run-in headings in one paragraph, each with whether it is certain on its own."""
    text = para.text
    found: list[tuple[_Head, bool]] = []
    glued = _RUNIN_GLUED.match(text)
    if glued and _ABBREVIATED.search(glued.group("label")):
        glued = None  # "the EU-U.S. Data Privacy Framework", "Boursorama, S.A": an abbreviation
    spaced = _RUNIN_SPACED.match(text)
    paren = _RUNIN_PAREN.match(text)
    cased = _case_glue(text, document)
    if glued and word_count(glued.group("label")) <= MAX_RUNIN_WORDS and glued.group("body")[0].isupper():
        found.append((_runin(para, index, glued), glued.group("label")[0].isupper()))
    elif spaced and word_count(spaced.group("label")) <= MAX_SPACED_RUNIN_WORDS and spaced.group("body")[0].isupper():
        found.append((_runin(para, index, spaced), False))
    elif spaced and 5 < word_count(spaced.group("label")) <= 9 and spaced.group("body")[0].isupper():
        found.append((_runin(para, index, spaced, weak=True), False))
    elif paren and word_count(paren.group("label")) <= 8 and paren.group("label")[0].isupper():
        found.append((_runin(para, index, paren), False))
    elif cased is not None and word_count(text[:cased]) <= MAX_RUNIN_WORDS and text[0].isupper():
        body_at = para.start + cased
        found.append((_Head(para.start, body_at, text[:cased].strip(), 0, None, "runin", index), False))
    if found:
        for match in _RUNIN_MID.finditer(text, found[0][0].body - para.start):
            label = match.group("label")
            following = text[match.end() : match.end() + 1]
            if 2 <= word_count(label) <= 6 and label[0].isupper() and following.isupper():
                start = para.start + match.start("label")
                found.append((_Head(start, start + len(label) + 1, label.strip(), 0, None, "runin-mid", index), True))
    return found


_CAMEL_WORD = re.compile(r"\w*[a-zà-ÿ][A-ZÀ-Þ]\w*")


def _case_glue(text: str, document: str = "") -> int | None:
    """Offset where a lowercase word runs into a capitalised one ("siguriMetali"), the
    trace of a lost separator between a label and its body; None if there is none. Not
    a name in camel case that the whole `document` writes more than once ("BoursoBank")."""
    for i in range(4, min(len(text) - 2, 120)):
        if text[i - 1].islower() and text[i].isupper() and text[i + 1].islower() and text[i - 2].isalpha():
            word = _CAMEL_WORD.match(text, text.rfind(" ", 0, i) + 1)
            if word and document.count(word.group(0)) >= 2:
                continue  # "BoursoBank", written so throughout the text
            label = text[:i]
            if ":" in label or "." in label or word_count(label) < 2:
                return None  # a CamelCase name ("CoronaMelder", "WebProm") is no lost separator
            return i
    return None


def _runin(para: _Para, index: int, match: re.Match[str], weak: bool = False) -> _Head:
    body_at = para.start + match.start("body")
    while body_at < para.end and para.text[body_at - para.start] in " \t":
        body_at += 1
    return _Head(para.start, body_at, match.group("label").strip(), 0, None, "runin-weak" if weak else "runin", index)


def _runin_heads(paras: list[_Para], first: int, kinds: list[str | None], taken: set[int]) -> list[_Head]:
    """Run-in headings: certain ones (glued, title-cased label) stand alone; weaker
    ones ("Label. Body", lost separators) count only beside other run-ins."""
    candidates: dict[int, list[tuple[_Head, bool]]] = {}
    document = "\n".join(p.text for p in paras)
    for index in range(first, len(paras)):
        if index in taken or kinds[index] == "list":
            continue
        found = _runin_candidates(paras[index], index, document)
        if found:
            candidates[index] = found
    heads: list[_Head] = []
    for index, found in candidates.items():
        head, certain = found[0]
        neighbours = sum(
            1
            for j in (index - 2, index - 1, index + 1, index + 2)
            if j in candidates and candidates[j][0][0].kind == "runin"
        )
        if head.kind == "runin-weak":
            if neighbours < 2:
                continue
        elif not certain and neighbours < 1:
            continue
        heads.append(head)
        heads.extend(h for h, _ in found[1:])
    return heads


def _numbered_label_majority(heads: list[_Head], paras: list[_Para]) -> list[_Head]:
    """Numbered "1.2.1 Label: body" paragraphs are headings when most of their numbered
    siblings are too; a lone labelled item among prose items ("5.1 ...: ...;") is a list item."""
    parent_of = lambda number: number.rsplit(".", 1)[0] if "." in number else ""  # noqa: E731
    siblings: dict[str, list[bool]] = {}
    labelled = {h.para for h in heads if h.kind == "numbered-runin"}
    for index, para in enumerate(paras):
        match = _NUMBERED.match(para.text)
        if match and match.group("sep") != ")":
            siblings.setdefault(parent_of(match.group("num")), []).append(index in labelled)
    kept = []
    for head in heads:
        if head.kind == "numbered-runin" and head.number is not None:
            group = siblings.get(parent_of(head.number), [True])
            if sum(group) * 2 < len(group):
                continue
        kept.append(head)
    return kept


def _assign_levels(heads: list[_Head]) -> list[_Head]:
    """Numbered headings take their level from the number; markdown from its #'s;
    line headings sit at the top; colon headings and run-ins one below the heading
    they belong to; a line heading directly under a body-less line heading is its child."""
    out: list[_Head] = []
    anchor_level = 0  # level of the last numbered/line heading
    min_md = min((h.level for h in heads if h.kind == "markdown"), default=1)
    previous: _Head | None = None
    previous_level = colon_level = 0
    colon_sibling = False
    for head in heads:
        if head.kind == "markdown":
            level = head.level - min_md + 1
            anchor_level = level
        elif head.number is not None:
            level = head.level
            anchor_level = level
        elif head.kind in ("line", "caps"):
            if previous is not None and previous.kind in ("line", "caps") and previous.para == head.para - 1:
                level = previous_level + 1
            else:
                level = 1
            anchor_level = level
        elif head.kind == "colon":
            level = anchor_level + 1 if anchor_level else 1
            colon_sibling = bool(out) and out[-1].kind in ("runin", "runin-mid", "runin-weak") and out[-1].level > level
            if colon_sibling:
                level = out[-1].level
            colon_level = level
        elif head.kind == "bullet":
            level = anchor_level + 1 if anchor_level else 1
        else:  # run-ins
            base = anchor_level
            if previous is not None and previous.kind == "colon":
                base = colon_level - 1 if colon_sibling else colon_level
            elif (out and out[-1].kind in ("runin", "runin-mid", "runin-weak")) or (
                previous and previous.kind == "colon"
            ):
                base = out[-1].level - 1
            level = max(base + 1, 1)
        level = min(level, MAX_LEVEL)
        out.append(replace(head, level=level))
        previous = head
        previous_level = level
    return out


# --- building sections --------------------------------------------------------------


def _blocks(text: str, start: int, end: int) -> tuple[Block, ...]:
    blocks: list[Block] = []
    pos = start
    for line in text[start:end].split("\n"):
        stripped = line.strip()
        if stripped:
            offset = pos + (len(line) - len(line.lstrip()))
            kind = "li" if _is_list_item(stripped) else "p"
            blocks.append(Block(kind, stripped, offset))
        pos += len(line) + 1
    return tuple(blocks)


def _build(
    text: str,
    paras: list[_Para],
    heads: list[_Head],
    title_span: tuple[int, int] | None,
    generated: bool,
) -> Segmentation:
    """The sections the headings start; a generated heading (`_topic_heads`) is titled with
    its topic's id, which the page shows as the topic's name."""
    sections: list[Section] = []
    for i, head in enumerate(heads):
        end = heads[i + 1].start if i + 1 < len(heads) else len(text)
        made = head.kind == "generated"
        sections.append(
            Section(
                title=_clean_title(head.title),
                level=head.level,
                number=head.number,
                generated_title=made,
                topic_key=head.title if made else None,
                kind=head.kind,
                start=head.start,
                end=end,
                blocks=_blocks(text, head.body, end),
            )
        )
    preamble_end = heads[0].start if heads else len(text)
    return Segmentation(
        text=text,
        title_line=title_span,
        preamble_end=preamble_end,
        preamble=_blocks(text, 0, preamble_end),
        sections=tuple(sections),
        generated=generated,
    )


def _clean_title(title: str) -> str:
    title = _BULLET.sub("", title.strip())
    return title.rstrip(" .:").strip() or title.strip()


def _by_topic(
    text: str,
    paras: list[_Para],
    first: int,
    front: Front,
    lex: Lexicon | None,
    title_span: tuple[int, int] | None,
) -> Segmentation:
    """Text without headings: cut where the subject changes, name blocks by topic."""
    heads = _topic_heads(paras, first, len(paras), lex)
    return _build(text, paras, heads, title_span, generated=bool(heads))


def _topic_heads(paras: list[_Para], first: int, stop: int, lex: Lexicon | None) -> list[_Head]:
    """Generated headings for the paragraphs from `first` to `stop`, which have none: one
    where another topic clearly takes over, titled with that topic's id."""
    if stop - first < 3 or lex is None or not lex.has_topics:
        return []
    heads: list[_Head] = []
    current: str | None = None
    for index in range(first, stop):
        scores = topic_scores(paras[index].text, lex)
        if not scores:
            continue
        topic, score = max(scores.items(), key=lambda item: (item[1], -TOPIC_IDS.index(item[0])))
        # a new block starts where another topic clearly takes over
        if topic != current and score >= NEW_BLOCK_SCORE and score > scores.get(current or "", 0.0) + BLOCK_MARGIN:
            heads.append(_Head(paras[index].start, paras[index].start, topic, 1, None, "generated", index))
            current = topic
    return heads
