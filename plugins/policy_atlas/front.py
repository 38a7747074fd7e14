"""The head of a scraped policy: its title line, publisher and date lines.

Scraped pages begin with breadcrumbs, the title (often repeated), tracking junk and
"last updated" lines before the policy proper. This module finds them, so the
segmenter can keep them out of the sections and the page header can show them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from .datafiles import load_data_file
from .dates import YEAR_RE, date_only, parse_date
from .lexicon import Lexicon, all_title_phrases, cue_regex
from .model import DateValue
from .text import CONTACTISH, KRAMDOWN_ATTRS, cue_form, fold, md_plain, strip_tags, word_count

FRONT_SCAN_LINES = 8
# how far down a date line standing on its own, after an introduction, still dates the policy
HEAD_SCAN_LINES = 40
_SEPARATORS = re.compile(r"\s+[-–—|:]\s+|\s*[|–—]\s*")
_KEY_VALUE = re.compile(r"^[^\W\d_][^:]{0,40}:\s*\S")
_MD_H1 = re.compile(r"^#[ \t]+(.+?)[ \t#]*$")
_MD_HEADING = re.compile(r"^#{1,6}[ \t]")
_MENU_ITEM = re.compile(r"^\s*[-*+•·▪◦●‣][ \t]")  # a bullet, not a number: "1. Privacy Policy" may title
_SETEXT_1 = re.compile(r"^(?:=+|-+)[ \t]*$")
_KRAMDOWN_ONLY = re.compile(r"^\s*\{:[^{}]*\}\s*$")
_DATETIME_ATTR = re.compile(r"\{:[^{}]*datetime=[\"'](\d{4}(?:-\d{2}(?:-\d{2})?)?)")


@dataclass(frozen=True)
class Front:
    end: int  # offset where the policy proper starts (front lines end)
    title: str | None
    title_span: tuple[int, int] | None
    publisher: str | None
    updated: DateValue | None
    effective: DateValue | None


@cache
def legal_forms() -> tuple[str, ...]:
    return tuple(load_data_file("legal_forms.yaml")["legal_forms"])


@cache
def _company_re() -> re.Pattern[str]:
    forms = "|".join(re.escape(f).replace(r"\ ", r"\s*") for f in sorted(legal_forms(), key=len, reverse=True))
    name = r"(?:[A-Z][\w&.'’()-]*|\([A-Z][\w ]*\))"
    return re.compile(rf"\b((?:{name}\s+){{1,6}}(?:{forms}))(?![\w])")


def lines_with_offsets(text: str) -> list[tuple[int, int, str]]:
    """(start, end, line) for every line of the normalized text."""
    out: list[tuple[int, int, str]] = []
    pos = 0
    for line in text.split("\n"):
        out.append((pos, pos + len(line), line))
        pos += len(line) + 1
    return out


def _phrases(lex: Lexicon | None) -> tuple[str, ...]:
    return lex.title_phrases if lex and lex.title_phrases else all_title_phrases()


@cache
def _phrase_regex(phrases: tuple[str, ...]) -> re.Pattern[str]:
    return cue_regex(phrases, spaced=True)  # the longest phrase wins: "privacy policy", not "privacy"


def find_phrase(line: str, phrases: tuple[str, ...]) -> tuple[int, int] | None:
    """Span of the first phrase found at a word start of `line` (folded matching);
    (0, 0) when folding changed the line's length, so spans would not fit it."""
    if not phrases:
        return None
    folded = cue_form(line)
    match = _phrase_regex(phrases).search(folded)
    if match is None:
        return None
    return match.span() if len(folded) == len(line) else (0, 0)


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=\w)")


def read_front(text: str, lex: Lexicon | None, lang: str, markdown: bool = False) -> Front:
    """Find the title line (and what stands before it), the date lines and the
    publisher at the head of a policy."""
    lines = [entry for entry in lines_with_offsets(text) if entry[2].strip()][:FRONT_SCAN_LINES]
    phrases = _phrases(lex)
    title: str | None = None
    title_span: tuple[int, int] | None = None
    publisher: str | None = None
    dates: dict[str, DateValue] = {}
    front_end = 0
    start_index = 0
    first = 0  # the first line below the date lines that stand above the title
    for index, (start, end, line) in enumerate(lines):
        if _MENU_ITEM.match(line):
            # an item of a menu or breadcrumb above the title ("* Politique de
            # confidentialité" after "* [Blog](...)"): never the title itself
            first = index + 1
            continue
        at_top = markdown and index == first
        md_title = _MD_H1.match(line) if at_top else None
        underline = lines[index + 1][2].strip() if at_top and index + 1 < len(lines) else ""
        # below date lines, only a level-1 heading is the title ("Contents" / "----" is not)
        if at_top and not md_title and _SETEXT_1.match(underline) and (index == 0 or underline[0] == "="):
            md_title = re.match(r"^(.+)$", line.strip())
            end = lines[index + 1][1]  # the underline belongs to the title
        clean = md_title.group(1).strip() if md_title else strip_tags(line)
        words = word_count(clean)
        if not md_title:
            kind, date = _labelled_date(line, clean, lex, lang, text.count("\n", 0, start) + 1)
            if kind and date:
                # a date line above the title ("Last modified on 08/12/2026 [See prior
                # versions of Privacy Notice](...)"): not the title, though it names one
                dates.setdefault(kind, date)
                first = index + 1
                continue
        if md_title or (words <= 16 and (not clean.endswith(".") or words <= 12) and find_phrase(clean, phrases)):
            clean = md_plain(clean)  # "**Twitch.tv Privacy Notice**"
            following = lines[index + 1][2].strip() if index + 1 < len(lines) else ""
            if not md_title and following[:1].islower() and clean[-1:].isalpha() and word_count(following) <= 6:
                # a title wrapped over two lines ("Politique de protection des données à" /
                # "caractère personnel", out of a PDF)
                clean, end = f"{clean} {strip_tags(following)}", lines[index + 1][1]
            title, publisher = _split_title(clean, phrases)
            if md_title:
                publisher = None
            title_span = (start, end)
            front_end, start_index = end, index + 1
            if end > lines[index][1]:
                start_index += 1  # skip the setext underline
            break
        if _MD_HEADING.match(line) or words > 30:
            break
    consumed = -1  # a "{: datetime }" line already read with the date line above it
    for index in range(start_index, len(lines)):
        start, end, line = lines[index]
        if index == consumed:
            continue
        heading = _MD_HEADING.match(line)
        clean = strip_tags(KRAMDOWN_ATTRS.sub(" ", line[heading.end() :] if heading else line))
        words = word_count(clean)
        following = lines[index + 1][2] if index + 1 < len(lines) else ""
        if _KRAMDOWN_ONLY.match(following):  # "26. elokuuta, 2015" then "{: datetime=... }"
            line = f"{line} {following}"
        kind, date = _date_line(line, clean, lex, lang, text.count("\n", 0, start) + 1)
        if kind and date and words > _DATE_LINE_WORDS:
            # "Last updated: 1 May 2025. This policy explains ...": the date counts, and
            # the rest of the line is the policy's own text
            dates.setdefault(kind, date)
            break
        if kind and date:
            dates.setdefault(kind, date)
            front_end = end
            if _KRAMDOWN_ONLY.match(following):
                front_end, consumed = lines[index + 1][1], index + 1
            continue
        if _KRAMDOWN_ONLY.match(line):
            front_end = end
            continue
        if title is not None and (fold(clean) == fold(title) or (words <= 8 and find_phrase(clean, phrases))):
            front_end = end  # the title repeated, as scraped pages often do
            continue
        if _MD_HEADING.match(line):
            break
        if _KEY_VALUE.match(clean) and words <= 12:
            front_end = end
            continue
        if title is None and index < 3 and CONTACTISH.search(clean) and words <= 30:
            front_end = end
            continue
        break
    nonempty = [e for e in lines_with_offsets(text) if e[2].strip()]
    for start, _end, line in nonempty[:HEAD_SCAN_LINES] if len(dates) < 2 else ():
        if not _DIGIT.search(line):
            continue  # no date in it
        # a date line below an introduction ("EFFECTIVE DATE: May 25, 2018" after a first
        # section): a line of its own that opens with its label and gives a full date
        clean = strip_tags(KRAMDOWN_ATTRS.sub(" ", line.lstrip("#").strip()))
        # its own line: a link after the date counts by its words ("Effective July 23, 2026
        # | [View printable version](...)"), running text on after it does not
        if word_count(clean) > _DATE_LINE_WORDS and word_count(md_plain(clean)) > _DATE_LINE_WORDS:
            kind, date = _named_policy_date(clean, lex, lang, phrases, text.count("\n", 0, start) + 1)
            if kind and date and kind not in dates:
                dates[kind] = date
            continue
        kind, date = _labelled_date(clean, clean, lex, lang, text.count("\n", 0, start) + 1)
        if kind and date and kind not in dates:
            dates[kind] = date
    loose: DateValue | None = None
    for start, _end, line in nonempty[-FRONT_SCAN_LINES:]:
        if len(dates) == 2:
            break
        clean = strip_tags(KRAMDOWN_ATTRS.sub(" ", line.lstrip("#").strip()))
        line_no = text.count("\n", 0, start) + 1
        # "Last updated: ..." at the end of the text, on a line of its own or as the
        # last sentence of a paragraph
        sentences = _SENTENCE_END.split(clean)
        for sentence in [clean, *sentences[1:]]:
            kind, date = _date_line(sentence, sentence, lex, lang, line_no)
            if kind and date and kind not in dates and lex is not None and _has_label(sentence, lex):
                dates[kind] = date
        if lex is not None:
            # a date in running text counts only when no date line states one
            loose = next((d for d in (_date_in_sentence(s, lex, lang, line_no) for s in sentences) if d), loose)
    if "updated" not in dates:
        logged = _change_log_date(nonempty, text, lang)
        if logged is not None:
            dates["updated"] = logged
    if loose is not None:
        dates.setdefault("updated", loose)
    if publisher is None:
        publisher = find_company(text[:3000])
    return Front(front_end, title, title_span, publisher, dates.get("updated"), dates.get("effective"))


_DIGIT = re.compile(r"\d")


def _change_log_date(lines: list[tuple[int, int, str]], text: str, lang: str) -> DateValue | None:
    """The latest entry of a change log, for a policy that states no update date otherwise:
    two or more of its `lines` that are each nothing but a full date ("**21. August 2026**"),
    each heading the changes made that day. Not a list of links to archived versions."""
    entries: list[DateValue] = []
    for start, _end, line in lines:
        if len(line) > 60 or not YEAR_RE.search(line) or "](" in line:
            continue
        clean = md_plain(strip_tags(line.lstrip("#").strip()))
        iso = date_only(clean, lang)
        if iso:
            entries.append(DateValue(iso=iso, quote=clean.strip(), line=text.count("\n", 0, start) + 1))
    if len({e.iso for e in entries}) < 2:
        return None
    return max(entries, key=lambda e: e.iso)


def _split_title(line: str, phrases: tuple[str, ...]) -> tuple[str, str | None]:
    """ "Privacy Policy WebProm" -> ("Privacy Policy WebProm", "WebProm")."""
    parts = [p.strip() for p in _SEPARATORS.split(line) if p.strip()]
    rest = [p for p in parts if not find_phrase(p, phrases)]
    if len(parts) > 1 and rest:
        publisher = rest[0]
    else:
        span = find_phrase(line, phrases)
        publisher = None
        if span and span != (0, 0):
            remainder = (line[: span[0]] + " " + line[span[1] :]).strip(" -–—|:,")
            # drop the rest of the phrase's last word ("Privatësisë" after "privatësi")
            remainder = (
                re.sub(r"^\w*\s*", "", remainder) if span[1] < len(line) and line[span[1]].isalnum() else remainder
            )
            publisher = remainder or None
    if publisher is not None:
        if not publisher[:1].isupper() or word_count(publisher) > 8:
            publisher = None
    return line, publisher


def find_company(text: str) -> str | None:
    match = _company_re().search(text)
    return re.sub(r"\s+", " ", match.group(1)).strip() if match else None


def _date_line(
    raw: str, line: str, lex: Lexicon | None, lang: str, line_no: int
) -> tuple[str | None, DateValue | None]:
    """("updated" | "effective", date) when the line states one of them.

    A longer line counts when it opens with its label and a full date follows at once
    ("Last updated: December 31, 2025. View the prior version ...", "Last modified on
    08/12/2026 [See prior versions](...)").
    """
    long = word_count(line) > _DATE_LINE_WORDS
    folded = cue_form(line)
    exact = None if long else _DATETIME_ATTR.search(raw)
    if lex is not None:
        for kind, labels in (("effective", lex.effective_labels), ("updated", lex.updated_labels)):
            for label in labels:
                index = folded.find(label)
                if index == -1 or index > 20:
                    continue
                rest = line[index + len(label) :]
                iso = exact.group(1) if exact else parse_date(rest[:_DATE_WINDOW] if long else rest, lang)
                if iso and (not long or "-" in iso):
                    quote = _quoted(line, index + len(label)) if long else line.strip()
                    return kind, DateValue(iso=iso, quote=quote, line=line_no)
    if exact:  # a dated version line ("Mittwoch, 9. September 2020 {: datetime="2020-09-09" }")
        return "updated", DateValue(iso=exact.group(1), quote=line.strip(), line=line_no)
    return None, None


# how far after its label a date in running text may start ("hat den Stand Mai 2018",
# "a fost actualizată astăzi, 16.04.2019 și ...")
_DATE_AFTER_LABEL = 32
# how much of a longer line after its label is read for the date: one starting there
# may run on ("on Wednesday, September 30, 2025")
_DATE_WINDOW = _DATE_AFTER_LABEL + 24
# a date line has at most this many words; a longer one counts when it opens with its label
_DATE_LINE_WORDS = 14
# the year that ends a date, with what a date writes after it ("2024-03-01", "2024年3月1日")
_YEAR_AND_AFTER = re.compile(r"(?<!\d)\d{4}(?:[-./]\d{1,2}){0,2}(?![\d])[^\s\[\]()*_.,;:]*")


def _quoted(line: str, date_from: int) -> str:
    """A longer date line's words up to its date, as plain text: "Last updated: December 31,
    2025" out of "**Last updated: December 31, 2025.** View the ..."."""
    window = line[: date_from + _DATE_WINDOW]
    year = _YEAR_AND_AFTER.search(window, date_from)
    end = year.end() if year else max((i + 1 for i, ch in enumerate(window) if ch.isdigit()), default=len(window))
    return md_plain(window[:end]).rstrip(".,;:")


def _precise(date: DateValue) -> bool:
    """Whether a date gives at least its month: a year alone may be about anything."""
    return "-" in date.iso


def _labelled_date(
    raw: str, line: str, lex: Lexicon | None, lang: str, line_no: int
) -> tuple[str | None, DateValue | None]:
    """Like `_date_line`, for a line that opens with its label and gives at least a month:
    a date line away from the usual place ("EFFECTIVE DATE: May 25, 2018" below an
    introduction, "Last modified on 08/12/2026" above the title)."""
    if lex is None or not _opens_with_label(line, lex):
        return None, None
    kind, date = _date_line(raw, line, lex, lang, line_no)
    return (kind, date) if date is not None and _precise(date) else (None, None)


def _date_in_sentence(sentence: str, lex: Lexicon, lang: str, line_no: int) -> DateValue | None:
    """An update date its label introduces inside a longer sentence at the end of a policy
    ("Diese Datenschutzerklärung ist aktuell gültig und hat den Stand Mai 2018."). Not a
    year alone (too many sentences name one: "Regulation 2016/679"), and not an effective
    date: in running text "applicable from 25 May 2018" is about a law."""
    labels = lex.updated_labels
    for match in _phrase_regex(labels).finditer(cue_form(sentence)) if labels else ():
        iso = parse_date(sentence[match.end() : match.end() + _DATE_AFTER_LABEL], lang)
        if iso and "-" in iso:
            return DateValue(iso=iso, quote=sentence.strip(), line=line_no)
    return None


def _named_policy_date(
    line: str, lex: Lexicon | None, lang: str, phrases: tuple[str, ...], line_no: int
) -> tuple[str | None, DateValue | None]:
    """A date the policy gives itself in its opening sentence, by its own name then a label
    ("Diese Datenschutzbestimmungen gelten ab 01.02.2026. Bis dahin gilt ...", "This
    Privacy Policy applies from April 4, 2026"), at least to the month."""
    if lex is None:
        return None, None
    sentence = _SENTENCE_END.split(line, 1)[0]
    folded = cue_form(sentence)
    if len(folded) != len(sentence):  # folding moved the offsets
        return None, None
    for kind, labels in (("effective", lex.effective_labels), ("updated", lex.updated_labels)):
        for label in labels:
            index = folded.find(f" {label} ")
            if index == -1 or word_count(sentence[:index]) > _NAME_WORDS or not find_phrase(sentence[:index], phrases):
                continue
            after = index + 1 + len(label)
            iso = parse_date(sentence[after : after + _DATE_AFTER_LABEL], lang)
            if iso and "-" in iso:
                return kind, DateValue(iso=iso, quote=_quoted(sentence, after), line=line_no)
    return None, None


# the words that name the policy before its date label ("Diese Datenschutzbestimmungen")
_NAME_WORDS = 5


def _opens_with_label(line: str, lex: Lexicon) -> bool:
    folded = cue_form(line).lstrip(" *([")
    return any(folded.startswith(label) for label in lex.updated_labels + lex.effective_labels)


def _has_label(line: str, lex: Lexicon) -> bool:
    folded = cue_form(line)
    return any(label in folded[:40] for label in lex.updated_labels + lex.effective_labels)


@lru_cache(maxsize=65536)
def strip_legal_form(name: str) -> str:
    """ "Materiali Metal Civen (Shanghai) Co, Ltd." -> "Materiali Metal Civen (Shanghai)"."""
    out = name.strip().rstrip(".")
    for form in sorted(legal_forms(), key=len, reverse=True):
        pattern = r"[\s,]+" + re.escape(form.rstrip(".")).replace(r"\ ", r"\s*") + r"\.?$"
        new = re.sub(pattern, "", out, flags=re.IGNORECASE)
        if new != out and new.strip():
            return new.strip(" ,")
    return out
