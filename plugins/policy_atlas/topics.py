"""Topic tagging by cue phrases from the per-language data files.

A cue matches at the start of a word (so a stem such as "ruaj" also matches "ruajmë"),
case- and accent-insensitively; in languages written without spaces it matches
anywhere. The same code serves every language; only the data differs.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from itertools import pairwise

from .factlang import sentence_starts, table_rows
from .front import lines_with_offsets
from .lexicon import TOPIC_IDS, Lexicon, cue_regex
from .model import Section
from .text import HIDDEN_EMAIL_RE, LINKS_LINE_RE, cue_form, has_email, has_no_space_script, word_count


@cache
def _cue_index(lex: Lexicon, spaced: bool) -> tuple[re.Pattern[str] | None, dict[str, tuple[str, ...]]]:
    """One regex over the cues of every topic (the longest wins), and cue -> its topics."""
    topics_of: dict[str, list[str]] = {}
    for topic in TOPIC_IDS:
        for cue in lex.topic_cues(topic):
            topics_of.setdefault(cue, []).append(topic)
    if not topics_of:
        return None, {}
    regex = cue_regex(tuple(topics_of), spaced)
    return regex, {cue: tuple(topics) for cue, topics in topics_of.items()}


def prepare(lex: Lexicon) -> None:
    """Compile the language's cue regexes now rather than at its first section."""
    for spaced in (True, False):
        _cue_index(lex, spaced)


def cue_weight(words: int) -> float:
    """What a cue of so many words adds to its topic's score: 1.5, 2, then 2.5."""
    return 1.0 + min(words, 3) * 0.5


def _scores_of(cues: set[str], topics_of: dict[str, tuple[str, ...]]) -> dict[str, float]:
    scores: dict[str, float] = {}
    for cue in cues:
        weight = cue_weight(cue.count(" ") + 1)
        for topic in topics_of[cue]:
            scores[topic] = scores.get(topic, 0.0) + weight
    return scores


def topic_scores(text: str, lex: Lexicon) -> dict[str, float]:
    """Score of each topic in `text`: distinct cues found, long cues weigh more."""
    spaced = not has_no_space_script(text)
    regex, topics_of = _cue_index(lex, spaced)
    if regex is None:
        return {}
    return _scores_of(set(regex.findall(cue_form(text))), topics_of)


@dataclass(frozen=True)
class _Reading:
    """A section's text as tagging read it: its lines but those that are only a link, where
    each of the lines kept starts in the text and in what was read, and the cues found (at
    their offsets in the folded text read)."""

    read: str
    folded: str  # cue_form(read)
    starts: tuple[tuple[int, int], ...]  # (offset in `read`, offset in the section's text) per line kept
    cues: tuple[tuple[int, str], ...]
    topics_of: dict[str, tuple[str, ...]]


def _read(body: str, lex: Lexicon) -> tuple[dict[str, float], _Reading]:
    """The topic scores of a section's text (as `topic_scores` of it without its link lines)
    and where its cues stand, found in one pass."""
    read, starts = _without_link_lines(body)
    regex, topics_of = _cue_index(lex, not has_no_space_script(read))
    folded = cue_form(read)
    if regex is None:
        return {}, _Reading(read, folded, starts, (), {})
    cues = tuple((m.start(), m.group(0)) for m in regex.finditer(folded))
    return _scores_of({cue for _, cue in cues}, topics_of), _Reading(read, folded, starts, cues, topics_of)


# A section is tagged with every topic scoring at least TAG_SCORE and at least
# TAG_RATIO of its best topic; cues in the title weigh TITLE_WEIGHT times more.
TAG_SCORE = 3.0
TAG_RATIO = 0.3
TITLE_WEIGHT = 3.0
# A section longer than this many words, with no headings inside, covers several
# topics: its ratio is lowered in proportion, so a topic it treats at length is
# tagged even when another one dominates.
LONG_SECTION_WORDS = 600
# What one cue says differs by topic: "contact us" is said in passing in sections
# about rights and choices, while the few terms of a legal basis or of cookies
# ("legitimate interest", "cookie") are rarely used for anything else. Chosen on
# the development half of tests/truth and checked on the held-out half (docs/taxonomy.md).
TOPIC_WEIGHT = {"contact": 0.6, "legal-basis": 1.25, "cookies": 1.25}
# Topics tagged wherever a section speaks of them enough (TAG_SCORE), however much more it
# says of another: a reader looks for every place a policy uses cookies or trackers, and
# annotators tag a long section on purposes or choices that says so in passing. Chosen on
# the development half of tests/truth and checked on the held-out half (docs/taxonomy.md).
TAGGED_IN_PASSING = frozenset({"cookies"})
# A sentence that speaks of choices in several words of theirs (distinct cues scoring
# SENTENCE_BAR: two of two words, three of one) makes its section about them, however much
# more the section says of something else: annotators tag a section on retention that says
# "you can also delete the stored data yourself at any time", and a reader looking for what
# they may decide looks there. Chosen on the development half of tests/truth and checked
# on the held-out half (docs/taxonomy.md).
TAGGED_BY_A_SENTENCE = frozenset({"choices"})
SENTENCE_BAR = 4.0
# Each third party a section names (an organisation of organisations.yaml, not the
# policy's own) counts for `sharing` as a one-word cue would, in a heading TITLE_WEIGHT
# times: "Google Analytics", "Cloudflare" as headings, "payments go through Stripe".
# It helps `sharing` over the bar without raising the bar for the other topics: a
# section about cookies that names its analytics provider stays about cookies too.
PARTY_WEIGHT = cue_weight(1)
# A table's header names what its cells are: a column headed "Finalité du traitement",
# "Legal basis" or "Retention period" makes its section about that topic, however few of
# the cells' own words name it. Only a header of two cells or more, each of at most this
# many words: a table used for layout holds whole paragraphs in a single cell. A header
# naming cookies heads a list of cookies, whose purposes and lifetimes are what a reader
# of cookies reads ("Nom du cookie | Finalité | Durée"): it names no other topic.
HEADER_CELL_WORDS = 6
# A preamble this long is the introduction itself, so the first section is not.
INTRODUCTION_WORDS = 40


def _may_be_long(body: str) -> bool:
    """Whether a text may have more than LONG_SECTION_WORDS words (counting them is
    dearer than this): in text with spaces there are no more words than spaces."""
    if len(body) <= LONG_SECTION_WORDS:
        return False
    return body.count(" ") + body.count("\n") >= LONG_SECTION_WORDS or has_no_space_script(body)


def _bar(scores: dict[str, float], words: int, alone: bool = False) -> float:
    """The score a topic of a section needs to be tagged."""
    if alone:
        ratio = 0.0  # the whole policy in one section: about all it speaks of
    else:
        ratio = TAG_RATIO * min(1.0, LONG_SECTION_WORDS / words) if words else TAG_RATIO
    return max(TAG_SCORE, ratio * max(scores.values(), default=0.0))


def _without_link_lines(body: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """A section's text without the lines that are nothing but a link (a table of contents
    or a list of related pages names every topic and is about none of them), and where
    each line kept starts in the result and in `body`."""
    if "](" not in body:
        return body, ((0, 0),)
    kept = [(start, line) for start, _, line in lines_with_offsets(body) if not LINKS_LINE_RE.fullmatch(line)]
    starts: list[tuple[int, int]] = []
    read_at = 0
    for start, line in kept:
        starts.append((read_at, start))
        read_at += len(line) + 1
    return "\n".join(line for _, line in kept), tuple(starts)


# A line of at most LABEL_WORDS words, not ending a sentence, with text after it, labels
# that text inside a section ("Responsable du traitement", "Durées de conservation",
# "Base légale" in each of Decathlon's processing activities): its cues weigh as a title's.
LABEL_WORDS = 4
_LABEL_END = tuple(".;,!?。；，！？")
_NOT_A_LABEL = ("-", "*", "+", "|", "[", ">", "#")


def _labels(body: str) -> str:
    """The label lines of a section's text, one per line. The lines of a list without marks
    count too: they name what the text is about as much ("Cookies and device identifiers")."""
    lines = body.split("\n")
    labels = []
    for line, after in pairwise(lines):
        line = line.strip()
        if (
            line
            and after.strip()
            and not line.endswith(_LABEL_END)
            and not line.startswith(_NOT_A_LABEL)
            and word_count(line) <= LABEL_WORDS
        ):
            labels.append(line)
    return "\n".join(labels)


_LEADING_MARKS = re.compile(r"^[\W\d_]+")


def _heading_scores(title: str, lex: Lexicon) -> dict[str, float]:
    """What a heading's words score, before TITLE_WEIGHT: its cues, or, where it names no
    topic, what opening as a purpose gives it (`_purpose_heading`)."""
    return topic_scores(title, lex) or _purpose_heading(title, lex)


def _purpose_heading(title: str, lex: Lexicon) -> dict[str, float]:
    """What a heading naming no topic scores when it opens with one of the language's
    `purpose_openers` ("To serve you relevant offers and ads", "Para cumplir con las leyes
    aplicables"), its number or marks aside: `purposes`, as a one-word cue would."""
    if not title or not lex.purpose_openers:
        return {}
    words = _LEADING_MARKS.sub("", cue_form(title))
    if any(words.startswith(opener + " ") for opener in lex.purpose_openers):
        return {"purposes": cue_weight(1)}
    return {}


def _section_topics(
    title: str, body: str, lex: Lexicon, alone: bool = False, parties: tuple[int, int] = (0, 0)
) -> tuple[set[str], dict[str, float], _Reading]:
    """The topics one section's words give it, the scores they come from and how its text
    was read; `alone` when it is the policy's only section with text, `parties` how many
    third parties its heading names and how many it names in all.

    Evidence beyond the cues counts too: an e-mail address (or the placeholder an
    obfuscated one leaves) is contact details, so the section is about `contact`, and
    the third parties it names speak of `sharing` (PARTY_WEIGHT).
    """
    head = _heading_scores(title, lex)
    text, reading = _read(body, lex)
    body = reading.read
    labels = topic_scores(_labels(body), lex)
    scores = {
        t: (TITLE_WEIGHT * head.get(t, 0.0) + text.get(t, 0.0) + (TITLE_WEIGHT - 1) * labels.get(t, 0.0))
        * TOPIC_WEIGHT.get(t, 1.0)
        for t in set(head) | set(text)
    }
    bar = _bar(scores, word_count(body) if len(scores) > 1 and _may_be_long(body) else 0, alone)
    topics = {t for t, v in scores.items() if v >= (TAG_SCORE if t in TAGGED_IN_PASSING else bar)}
    if TAGGED_BY_A_SENTENCE - topics:
        topics |= _said_in_a_sentence(reading, TAGGED_BY_A_SENTENCE - topics)
    named = PARTY_WEIGHT * ((TITLE_WEIGHT - 1) * parties[0] + parties[1])
    if named and scores.get("sharing", 0.0) + named >= bar:
        topics.add("sharing")
    if has_email(body) or ("[" in body and HIDDEN_EMAIL_RE.search(body)):
        topics.add("contact")
    if "|" in body:
        topics |= _named_by_table_headers(body, lex)
    return topics, scores, reading


def _named_by_table_headers(body: str, lex: Lexicon) -> set[str]:
    """The topics the headers of a section's tables name (HEADER_CELL_WORDS)."""
    named: set[str] = set()
    for _, cells, header in table_rows(body.split("\n")):
        if header and len(cells) > 1 and all(word_count(cell) <= HEADER_CELL_WORDS for cell in cells):
            header_topics = set(topic_scores("\n".join(cells), lex))
            named |= {"cookies"} if "cookies" in header_topics else header_topics
    return named


@dataclass(frozen=True)
class SectionTopics:
    """What one section, or a policy's opening, is about: its topics (fixed order) and the
    one it is mainly about."""

    topics: tuple[str, ...]
    lead: str | None  # the topic scoring highest, or the one its generated title names
    titled: bool = False  # its own heading names its lead topic and no other ("Data retention")
    # topic -> where in the section's text the sentence that speaks most of it starts
    # (`_passages`), for the topics it is tagged with that a sentence names
    passages: tuple[tuple[str, int], ...] = ()


# what a part naming no topic, or not tagged at all, is about
NO_TOPICS = SectionTopics((), None)


@dataclass(frozen=True)
class FactHints:
    """What reading a section for facts found in it that tells a topic: how many third
    parties its heading names, how many it names in all, the first sentence stating a
    retention period and the first stating an age ("" where none does), and whether it
    gives a postal address."""

    title_parties: int = 0
    parties: int = 0
    period: str = ""
    age: str = ""
    address: bool = False


def tag_sections(
    sections: Sequence[Section], lex: Lexicon, preamble_words: int = 0, hints: Sequence[FactHints] = ()
) -> tuple[SectionTopics, ...]:
    """The topics of every section of one policy.

    A heading with no text of its own (a chapter whose subsections follow) gets none; a
    subsection whose own words name no topic gets those its chapter's heading names.
    Beyond each section's own words: a generated title names its block's topic, and the
    first section is the policy's introduction (`scope`) unless its heading names another
    topic or an introduction already stands before it (INTRODUCTION_WORDS words or more
    of preamble; a title or a date line is not one). A policy whose text stands under one
    heading only is about every topic that section scores for (TAG_SCORE), not only those
    near its best: the share of the best (TAG_RATIO) tells a section's own topics from
    those it touches on and other sections treat, and there are none. `hints` gives,
    section by section, what reading it for facts found: the third parties it names
    (PARTY_WEIGHT), whether it states a retention period, which makes it a section about
    `retention` (the matrix links a policy's periods to the sections stating them),
    whether it states an age, which makes it one about `children`, and whether it gives a
    postal address, which makes it one about `contact`, as an e-mail address does. A
    section stating a period or an age is shown on the topic's page from that sentence.
    """
    if hints and len(hints) != len(sections):
        raise ValueError(f"{len(hints)} fact hints for {len(sections)} sections")
    out: list[SectionTopics] = []
    alone = sum(1 for section in sections if section.body_text.strip()) == 1
    for index, section in enumerate(sections):
        if not section.body_text.strip():
            out.append(NO_TOPICS)  # a chapter heading: its subsections say it
            continue
        title = "" if section.generated_title else section.title
        hint = hints[index] if hints else FactHints()
        topics, scores, reading = _section_topics(
            title, section.body_text, lex, alone, (hint.title_parties, hint.parties)
        )
        lead = _add_fact_topics(topics, scores, hint)
        if section.topic_key:
            topics.add(section.topic_key)
            lead = section.topic_key
        elif index == 0 and preamble_words < INTRODUCTION_WORDS and not set(topic_scores(title, lex)) - {"scope"}:
            topics.add("scope")
        if not topics:  # its own words name no topic: it is about what its chapter's heading names
            chapter = _chapter_topics(sections, index, lex)
            topics = set(chapter)
            lead = max(chapter, key=lambda t: (chapter[t], -TOPIC_IDS.index(t)), default=None)
        out.append(
            SectionTopics(
                tuple(t for t in TOPIC_IDS if t in topics),
                lead,
                titled=bool(title) and lead is not None and set(topic_scores(title, lex)) == {lead},
                passages=_passages_shown(reading, topics, section.body_text, hint),
            )
        )
    return tuple(out)


# What an introduction announces in a word each ("This policy explains what data we collect,
# how we use and share it, how we protect it and what your rights are"): in a policy's
# opening these topics take a sentence speaking of them in several words (SENTENCE_BAR),
# as "We collect your location and the photos you upload" does. What an opening says of
# the other topics (it may change, how to reach the company, from what age, for how long,
# on what basis, cookies, transfers) it states, and they are read as in a section.
ANNOUNCED = frozenset({"collection", "purposes", "sharing", "security", "rights", "choices"})
# An opening with this many words in lines of prose (OPENING_PROSE_WORDS words or more, not
# only links: not a menu's, a date's or a table of contents') is an introduction (`scope`):
# "This notice applies to ...".
OPENING_SCOPE_WORDS = 15
OPENING_PROSE_WORDS = 6


def tag_opening(text: str, lex: Lexicon, hint: FactHints = FactHints(), alone: bool = False) -> SectionTopics:
    """The topics of a policy's opening, its text before the first heading past its title
    and date lines: those it states as a section would (ANNOUNCED ones only where a sentence
    speaks of them in several words), those its facts tell (`FactHints`), and `scope` where
    it has OPENING_SCOPE_WORDS words of prose, which makes it an introduction: then `scope`
    is what it is mainly about. An opening that is `alone`, the policy's whole text as no
    heading follows it, is read as a policy standing under one heading is: about every
    topic it scores for (`tag_sections`), an introduction to nothing."""
    if not text.strip():
        return NO_TOPICS
    found, scores, reading = _section_topics("", text, lex, alone, (hint.title_parties, hint.parties))
    topics = found if alone else (found - ANNOUNCED) | _said_in_a_sentence(reading, ANNOUNCED)
    lead = _add_fact_topics(topics, scores, hint)
    lines = reading.read.split("\n")  # its lines but those that are only links
    prose = sum(words for line in lines if (words := word_count(line)) >= OPENING_PROSE_WORDS)
    if not alone and prose >= OPENING_SCOPE_WORDS:
        topics.add("scope")
        lead = "scope"  # an introduction, whatever else it says in passing
    return SectionTopics(
        tuple(t for t in TOPIC_IDS if t in topics), lead, passages=_passages_shown(reading, topics, text, hint)
    )


def _add_fact_topics(topics: set[str], scores: dict[str, float], hint: FactHints) -> str | None:
    """Adds to a part's `topics` those its facts tell (`FactHints`: a period, an age, a postal
    address); returns the topic it is mainly about, the one scoring highest."""
    if hint.period:
        topics.add("retention")
    if hint.age:
        topics.add("children")
    if hint.address:
        topics.add("contact")
    return max(topics, key=lambda t: (scores.get(t, 0.0), -TOPIC_IDS.index(t)), default=None)


def _passages_shown(reading: _Reading, topics: set[str], body: str, hint: FactHints) -> tuple[tuple[str, int], ...]:
    """Where a topic page shows a part from, for each of its topics (`_passages`); what a
    reader comparing retention or minors across policies wants first is the period or the
    age it states ("... after 90 days"), where it is in its text, or the clause naming the
    topic if that is in the same sentence."""
    passages = _passages(reading, topics) if topics else {}
    for topic, sentence in (("retention", hint.period), ("children", hint.age)):
        if sentence and topic in topics and (at := body.find(sentence)) >= 0:
            if not at <= passages.get(topic, -1) < at + len(sentence):
                passages[topic] = at
    return tuple((t, passages[t]) for t in TOPIC_IDS if t in topics and t in passages)


_OUTLINE_NUMBER = re.compile(r"\s*(\d{1,3}(?:\.\d{1,3})*)\.?(?=\s)")


def _outline_number(section: Section) -> tuple[str, ...] | None:
    """The parts of a heading's outline number ("13.6.2"): the segmenter's, or else the one
    its title opens with (a heading found as a line or a run-in keeps its number there)."""
    match = _OUTLINE_NUMBER.match((section.number or section.title) + " ")
    return tuple(match.group(1).split(".")) if match else None


def _chapter(sections: Sequence[Section], index: int) -> int | None:
    """The index of the chapter a section stands in: the heading numbered as the prefix of
    its number ("13.6" over "13.6.2"), or, for a heading with no such number, the nearest
    heading before it of a higher level. None at the top."""
    number = _outline_number(sections[index])
    if number is not None and len(number) > 1:
        return next((i for i in range(index - 1, -1, -1) if _outline_number(sections[i]) == number[:-1]), None)
    level = sections[index].level
    return next((i for i in range(index - 1, -1, -1) if sections[i].level < level), None)


def _chapter_topics(sections: Sequence[Section], index: int, lex: Lexicon) -> dict[str, float]:
    """The topics the heading of a section's nearest enclosing chapter names, as a heading's
    cues tag them ("13.6 Comment paramétrer le dépôt des cookies" over "13.6.2 Paramétrage de
    votre logiciel de navigation"), with their scores. A generated title stops the search."""
    chapter = _chapter(sections, index)
    while chapter is not None and not sections[chapter].generated_title:
        scores = {
            t: TITLE_WEIGHT * v * TOPIC_WEIGHT.get(t, 1.0)
            for t, v in _heading_scores(sections[chapter].title, lex).items()
        }
        named = {t: v for t, v in scores.items() if v >= TAG_SCORE}
        if named:
            return named
        chapter = _chapter(sections, chapter)
    return {}


# a passage starting further than this before its first cue starts at the cue's clause
# instead, so that even a short excerpt (160 characters) shows what made it the passage
PASSAGE_LEAD = 100
_CLAUSE_END = re.compile(r"[,;:()–—]\s|[，、；：（）]")


def _passages(reading: _Reading, topics: set[str]) -> dict[str, int]:
    """For each of `topics` that a sentence of the section names, where in the section's
    text the sentence that speaks most of it starts (its distinct cues weighed as in
    tagging; the first of equal ones). A topic page shows each section from there, so that
    what policies say of the same topic reads side by side; where the sentence's first cue
    for the topic lies more than PASSAGE_LEAD characters into it, from the clause that
    holds the cue. A topic no sentence names (a section tagged by its heading, its chapter
    or its facts) is shown from the start."""
    cues_of = _cues_by_sentence(reading, topics)
    best: dict[str, tuple[float, int]] = {}  # topic -> (score, start) of the best sentence
    for start, cues in sorted(cues_of.items()):
        for topic, score in _scores_of(set(cues), reading.topics_of).items():
            if topic in topics and score > best.get(topic, (0.0, 0))[0]:
                best[topic] = (score, start)
    lines = [read for read, _ in reading.starts]
    out: dict[str, int] = {}
    for topic, (_, start) in best.items():
        first = min(at for cue, at in cues_of[start].items() if topic in reading.topics_of[cue])
        if first - start > PASSAGE_LEAD:
            start = _clause_start(reading.read, start, first)
        read_at, body_at = reading.starts[bisect_right(lines, start) - 1]
        out[topic] = body_at + start - read_at
    return out


def _cues_by_sentence(reading: _Reading, topics: set[str] | frozenset[str]) -> dict[int, dict[str, int]]:
    """The distinct cues of `topics` each sentence of a section's text holds: sentence start
    -> cue -> where it is first found (offsets in the text read); none where folding's
    offsets cannot be carried back to the text."""
    wanted = [(at, cue) for at, cue in reading.cues if topics.intersection(reading.topics_of[cue])]
    if not wanted:
        return {}
    offsets = _original_offsets(reading.read, reading.folded)
    if offsets is None:
        return {}
    sentences = sentence_starts(reading.read)
    cues_of: dict[int, dict[str, int]] = {}
    for at, cue in wanted:
        where = at + offsets[bisect_right(offsets, (at, len(reading.read))) - 1][1] if offsets else at
        cues_of.setdefault(sentences[bisect_right(sentences, where) - 1], {}).setdefault(cue, where)
    return cues_of


def _said_in_a_sentence(reading: _Reading, topics: frozenset[str] | set[str]) -> set[str]:
    """Those of `topics` that one sentence of the section speaks of with distinct cues
    weighing SENTENCE_BAR or more (TOPIC_WEIGHT applied)."""
    out: set[str] = set()
    for cues in _cues_by_sentence(reading, topics).values():
        for topic, score in _scores_of(set(cues), reading.topics_of).items():
            if topic in topics and score * TOPIC_WEIGHT.get(topic, 1.0) >= SENTENCE_BAR:
                out.add(topic)
    return out


def _clause_start(text: str, start: int, cue: int) -> int:
    """Where the clause holding the cue at `cue` starts, in a sentence starting at `start`:
    after the last comma, semicolon, colon, parenthesis or dash before it ("，" and "、" in
    scripts without spaces), or, when that is still more than PASSAGE_LEAD characters before
    it, at the first word within that."""
    ends = list(_CLAUSE_END.finditer(text, start, cue))
    at = ends[-1].end() if ends else start
    if cue - at > PASSAGE_LEAD:
        space = text.find(" ", cue - PASSAGE_LEAD, cue)
        at = space + 1 if space >= 0 else cue
    return at


@cache
def _folded_length(char: str) -> int:
    return len(cue_form(char))


def _original_offsets(text: str, folded: str) -> list[tuple[int, int]] | None:
    """How offsets in `folded` (the cue form of `text`) carry back to `text`: pairs of a
    folded offset and what to add from there on, empty where folding kept every offset
    ("ß" folds to two letters, a combining accent to none); None where the characters
    folded one by one do not give `folded`'s length."""
    if len(folded) == len(text):
        return []
    changing = {char for char in set(text) if not char.isascii() and _folded_length(char) != 1}
    if not changing:
        return None
    shifts: list[tuple[int, int]] = [(0, 0)]
    add = 0
    for match in re.finditer("|".join(map(re.escape, sorted(changing))), text):
        add += 1 - _folded_length(match.group(0))
        shifts.append((match.start() - shifts[-1][1] + _folded_length(match.group(0)), add))
    if len(text) - len(folded) != add:
        return None
    return shifts
