"""Property-based tests: on any text the core never raises, never loses a character,
never hands out an invalid or duplicate id and never lets a published anchor break."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from policy_atlas.anchors import LockedPage, Placement, natural_ids, place
from policy_atlas.facts import extract_facts
from policy_atlas.lexicon import TOPIC_IDS
from policy_atlas.model import Block, PlacedSection, Problem, Section, SeedText
from policy_atlas.pipeline import analyse
from policy_atlas.reader import normalize_text, read_seed
from policy_atlas.slugs import (
    MAX_ID_LENGTH,
    RESERVED_IDS,
    RESERVED_PREFIXES,
    is_valid_id,
    number_id,
    section_id,
    slugify,
    with_suffix,
)

PROPERTY = settings(
    max_examples=200,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)
ANALYSE = settings(PROPERTY, max_examples=150)  # one analysis per example
FEW = settings(PROPERTY, max_examples=80)  # several analyses per example

LANGS = ("en", "sq", "cs", "nb", "de", "zh", "ja", "xx")
# what front matter may force: any code the reader's language pattern lets through
lang_code = st.one_of(
    st.sampled_from(LANGS),
    st.from_regex(r"\A[a-z]{2,3}(?:-[A-Za-z0-9]{2,8}){0,2}\Z"),
)
RETENTION_RE = re.compile(r"^P(?:\d+[DWMY]|T\d+H)$")

# --- strategies --------------------------------------------------------------------

# Characters that trip text code: controls, NUL, odd line and space separators, BOM,
# bidi marks, combining marks, RTL and CJK letters, non-ASCII digits, ligatures.
SPECIAL_CHARS = (
    "\x00",
    "\t",
    "\x0b",
    "\x0c",
    "\x1b",
    "\x7f",
    "\x85",
    "\u00a0",
    "\u2028",
    "\u2029",
    "\ufeff",
    "\u200b",
    "\u200f",
    "\u202e",
    "\u0301",
    "\u0308",
    "\u0327",
    "\u0651",
    "é",
    "ë",
    "Č",
    "ř",
    "ø",
    "ß",
    "İ",
    "ﬁ",
    "²",
    "½",
    "٣",
    "３",
    "א",
    "ש",
    "ع",
    "ل",
    "隐",
    "私",
    "。",
    "：",
    "デ",
    "한",
    "Ω",
    "·",
    "•",
    "§",
    "#",
    ".",
    ":",
    "(",
    ")",
    "-",
    "*",
    "_",
    "@",
    " ",
    "\n",
    "\r",
)
WIDE_CHAR = st.one_of(st.characters(codec="utf-8"), st.sampled_from(SPECIAL_CHARS))
wide_text = st.text(alphabet=WIDE_CHAR, max_size=60)

VOCABULARY = (
    "Privacy",
    "Policy",
    "privacy",
    "policy",
    "Cookies",
    "cookies",
    "Data",
    "data",
    "Retention",
    "Your",
    "rights",
    "Children",
    "Contact",
    "us",
    "Ruajtje",
    "Fëmijët",
    "Të",
    "drejtat",
    "Zásady",
    "ochrany",
    "osobních",
    "údajů",
    "Personvern",
    "Datenschutz",
    "Erklärung",
    "隐私政策",
    "個人情報",
    "سياسة",
    "الخصوصية",
    "הפרטיות",
    "Политика",
    "конфиденциальности",
    "Πολιτική",
    "topic",
    "body",
    "header",
    "meta",
    "s",
    "pa",
    "2024",
    "5",
    "e\u0301",
    "Ltd",
    "GmbH",
)
vocab_word = st.one_of(
    st.sampled_from(VOCABULARY),
    st.text(alphabet=WIDE_CHAR, min_size=1, max_size=12).map(lambda s: s.replace("\n", "").replace("\r", "") or "x"),
)
title_text = st.lists(vocab_word, min_size=1, max_size=6).map(" ".join)
plain_title = st.lists(st.sampled_from(VOCABULARY), min_size=1, max_size=5).map(" ".join)

CUE_SENTENCES = (
    "We keep your personal data for 30 days after you close your account.",
    "We retain server logs for two years and backups for 6 months.",
    "Backups are deleted within ninety days.",
    "Uploads are deleted within 24 hours; logs are kept for 15.47 days on average.",
    "We will reply to your request within 30 days.",
    "Our services are not directed to children under the age of 16.",
    "You must be at least 13 years old to use the app.",
    "We transfer data to the United States, Switzerland, Mali and the U.K.",
    "If you are a resident of Switzerland, other rules apply.",
    "Data may be stored in Norway, Czechia, Albania and China.",
    "We use cookies, Google Analytics and Facebook pixels.",
    "Contact our DPO at privacy@example.com or [email protected].",
    "Wir speichern Ihre Daten für 3 Jahre und löschen sie danach.",
    "Kinder unter 16 Jahren dürfen den Dienst nicht nutzen.",
    "Ne i ruajmë të dhënat për 5 vjet.",
    "Fëmijët nën moshën 16 vjeç nuk lejohen.",
    "Vaše údaje uchováváme po dobu 2 let a předáváme je do Spojených států.",
    "Vi lagrer opplysningene i 6 måneder og overfører dem til USA.",
    "我们将您的个人信息保存30天，并传输到美国。",
    "個人情報は3年間保存し、アメリカに移転します。",
    "We keep data for ٣٠ days and for ３ years.",
    "Last updated: 12 March 2023",
    "Effective date: 2024-01-01",
    "Zuletzt aktualisiert: 3. März 2021",
)
sentence = st.one_of(
    st.sampled_from(CUE_SENTENCES),
    st.lists(vocab_word, min_size=3, max_size=15).map(lambda ws: " ".join(ws) + "."),
)


def _number() -> st.SearchStrategy[str]:
    # mostly small numbers, so that "1 ..." and "1.1 ..." parent and child lines meet
    part = st.integers(1, 3) | st.integers(0, 999)
    return st.lists(part, min_size=1, max_size=4).map(lambda ns: ".".join(map(str, ns)))


policy_line = st.one_of(
    title_text,  # a short title line
    st.builds(lambda n, sep, t: f"{n}{sep} {t}", _number(), st.sampled_from(["", ".", ")"]), title_text),
    st.builds(lambda r, t: f"{r}. {t}", st.sampled_from(["I", "II", "IV", "XL"]), title_text),
    st.builds(
        lambda kw, n, t: f"{kw} {n} – {t}",
        st.sampled_from(["Article", "Článek", "§", "Art."]),
        st.integers(1, 99),
        title_text,
    ),
    st.builds(lambda t, s: f"{t}.{s}", title_text, sentence),  # "Label.Body" run-in
    st.builds(lambda t, s: f"{t}. {s}", title_text, sentence),
    st.builds(lambda t, s: f"{t}(i) {s}", title_text, sentence),
    st.builds(lambda t: f"{t}:", title_text),
    st.builds(lambda b, t: f"{b} {t}", st.sampled_from(["·", "•", "-", "*", "▪", "a)", "(ii)", "1)"]), title_text),
    st.builds(lambda k, t: "#" * k + " " + t, st.integers(1, 7), title_text),
    st.sampled_from(["====", "----", "---", "***", '{: datetime="2020-09-09" }']),
    sentence,
    st.lists(sentence, min_size=2, max_size=30).map(" ".join),  # a very long line
    wide_text,
    st.text(alphabet=st.sampled_from(SPECIAL_CHARS), max_size=8),  # controls and marks
    st.just(""),
)
indent = st.sampled_from(["", "", "", "  ", "\t", "\u00a0", "\u3000"])
line_end = st.sampled_from(["\n", "\n", "\n", "\r\n", "\r", "\n\n", "\u2028"])
FRONT_MATTER_VALUES = (
    "Privacy Policy",
    "en",
    "en-Latn-US",
    "zh-Hant",
    "xx",
    "2024-02-30",
    "2024-13",
    "2024",
    "1899",
    "true",
    "~",
    ".inf",
    "0x1F",
    "!!binary aGk=",
    "[1, 2",
    "{a: 1}",
    "*undefined",
    "'unterminated",
    "https://example.com/privacy",
    "../../etc",
    "acme-privacy",
    "ACME GmbH",
)
front_matter_block = st.builds(
    lambda end, pairs: f"---{end}" + "".join(f"{k}: {v}{end}" for k, v in pairs) + f"---{end}",
    st.sampled_from(["\n", "\r\n", "\r"]),
    st.lists(
        st.tuples(
            st.sampled_from(["title", "publisher", "url", "lang", "updated", "effective", "slug", "colour", "1"]),
            st.sampled_from(FRONT_MATTER_VALUES) | wide_text.map(lambda v: v.replace("\n", " ").replace("\r", " ")),
        ),
        max_size=4,
    ),
)
front_matter = st.one_of(
    st.just(""),
    st.just(""),
    front_matter_block,
    st.sampled_from(
        [
            "---\ntitle: Privacy Policy\nlang: en\n---\n",
            "---\nlang: de\npublisher: ACME GmbH\n---\n",
            "---\nlang: zh\n---\n",
            "---\ntitle: [unclosed\n---\n",
            "---\n- a list\n---\n",
            "---\r\nslug: ../x\nupdated: 2024-13\n---\r\n",
        ]
    ),
)
policy_text = st.builds(
    lambda head, lines: head + "".join(i + line + end for i, line, end in lines),
    front_matter,
    st.lists(st.tuples(indent, policy_line, line_end), max_size=25),
)


@st.composite
def outline_text(draw: st.DrawFn) -> str:
    """A numbered outline ("1 ...", "1.1 ...", "1.2 ...", "2 ..."), some headings with a body."""
    counters: list[int] = []
    lines: list[str] = []
    for _ in range(draw(st.integers(1, 8))):
        depth = draw(st.integers(1, min(len(counters) + 1, 4)))
        counters = counters[:depth] + [0] * (depth - len(counters))
        counters[-1] += 1
        number = ".".join(map(str, counters))
        title = draw(st.one_of(plain_title, plain_title, title_text))
        lines.append(f"{number}{draw(st.sampled_from(['', '', '.']))} {title}")
        if draw(st.integers(0, 2)) == 0:
            lines.append(draw(sentence))
    return draw(st.sampled_from(["\n", "\n\n", "\r\n"])).join(lines)


# A small alphabet where letters, controls, BOMs and combining marks often meet.
tricky_text = st.text(
    alphabet=st.sampled_from("Aae1 #.\x00\x01\ufeff\u2028\u0301\u0308\u0327\t\r\n\u00a0"), max_size=30
)
any_text = st.one_of(st.text(alphabet=WIDE_CHAR, max_size=400), policy_text, tricky_text, outline_text())


def _seed(text: str, name: str) -> SeedText | None:
    seed, problems = read_seed(text.replace("\x00", "").encode("utf-8"), f"seeds/{name}", name)
    assert seed is not None or problems
    return seed


# --- 1. reader ---------------------------------------------------------------------


def _check_read(raw: bytes) -> tuple[SeedText | None, list[Problem]]:
    seed, problems = read_seed(raw, "seeds/x.txt", "x.txt")
    assert all(isinstance(p, Problem) for p in problems)
    if seed is None:
        assert problems, "an unusable seed must say why"
    else:
        assert isinstance(seed, SeedText)
        assert seed.text.strip()
    return seed, problems


@PROPERTY
@given(st.binary(max_size=600))
def test_read_seed_never_raises_on_bytes(raw: bytes) -> None:
    _check_read(raw)


@PROPERTY
@given(any_text, st.sampled_from(["utf-8", "utf-16", "cp1252", "utf-8-sig", "utf-16-be"]))
def test_read_seed_never_raises_on_encoded_text(text: str, encoding: str) -> None:
    try:
        raw = text.encode(encoding)
    except UnicodeEncodeError:
        raw = text.encode(encoding, errors="replace")
    _check_read(raw)


@PROPERTY
@given(any_text, st.sampled_from(["utf-8", "utf-16"]))
def test_text_without_front_matter_is_read_as_written(text: str, encoding: str) -> None:
    """Unambiguous encodings (UTF-8, UTF-16 with its BOM) give back the text, normalized."""
    if text.lstrip("\ufeff").startswith("---") or (encoding == "utf-8" and "\x00" in text):
        return
    seed, problems = _check_read(text.encode(encoding))
    if seed is None or any("mojibake" in p.message for p in problems):
        return
    assert seed.text == normalize_text(text)


@PROPERTY
@given(st.one_of(tricky_text, any_text))
@example("R\x08\u0327")  # found by hypothesis: NFC runs before the control character goes
def test_normalize_text_is_idempotent(text: str) -> None:
    once = normalize_text(text)
    assert normalize_text(once) == once


# --- 2. segmenter ------------------------------------------------------------------


@ANALYSE
@given(st.one_of(any_text, outline_text()), st.sampled_from(["x.txt", "x.md"]))
@example("0 A\n0.0 A", "x.txt")  # found by hypothesis: StopIteration in segment._drop_bodyless
def test_segmentation_never_loses_text(text: str, name: str) -> None:
    seed = _seed(text, name)
    if seed is None:
        return
    segmentation = analyse(seed).segmentation
    assert segmentation.text == seed.text
    assert "".join(segmentation.pieces()) == seed.text
    position = segmentation.preamble_end
    assert 0 <= position <= len(seed.text)
    for section in segmentation.sections:
        assert position <= section.start <= section.end <= len(seed.text)
        position = section.end
        assert section.level >= 1
    for block in segmentation.preamble + tuple(b for s in segmentation.sections for b in s.blocks):
        assert seed.text[block.start : block.start + len(block.text)] == block.text
    # the blocks pages are rendered from, with each heading, hold every character once
    parts = [b.text for b in segmentation.preamble]
    for section in segmentation.sections:
        parts.append(seed.text[section.start : section.blocks[0].start if section.blocks else section.end])
        parts += [b.text for b in section.blocks]
    assert re.sub(r"\s", "", "".join(parts)) == re.sub(r"\s", "", seed.text)


# --- 3. slugs ----------------------------------------------------------------------


def _assert_section_id(value: str) -> None:
    assert value and is_valid_id(value), value
    assert value[0].isalpha() and len(value) <= MAX_ID_LENGTH
    assert value not in RESERVED_IDS and not value.startswith(RESERVED_PREFIXES), value


@PROPERTY
@given(st.one_of(wide_text, title_text, st.text(max_size=200)))
def test_section_id_is_always_valid(title: str) -> None:
    _assert_section_id(section_id(title))


@PROPERTY
@given(st.one_of(wide_text, title_text), st.integers(1, 80))
def test_slugify_never_raises(text: str, max_length: int) -> None:
    slug = slugify(text, max_length)
    assert re.fullmatch(r"(?:[a-z0-9]+(?:-[a-z0-9]+)*)?", slug), slug
    assert len(slug) <= max_length


@PROPERTY
@given(
    st.one_of(
        _number(),
        _number().map(lambda n: n + "."),
        st.sampled_from(["I", "II", "IV", "XL", "5a", "12b"]),
    )
)
def test_number_id(number: str) -> None:
    value = number_id(number)
    assert value == "s-" + "-".join(p.lower() for p in re.findall(r"[0-9A-Za-z]+", number))
    assert is_valid_id(value) and len(value) <= MAX_ID_LENGTH
    assert number_id("5.2") == "s-5-2"


@PROPERTY
@given(st.one_of(st.sampled_from(["S", "Pa", "Topic"]), wide_text, title_text), st.text(max_size=50))
@example("S", "")  # found by hypothesis: "s" + suffix -> "s-e3b0c4", a reserved "s-" id
def test_with_suffix_is_valid(title: str, seed: str) -> None:
    _assert_section_id(with_suffix(section_id(title), seed))


# --- 4. anchors --------------------------------------------------------------------


def _section(title: str, body: str) -> Section:
    return Section(title, 1, None, False, None, "line", 0, 0, (Block("p", body, 0),) if body else ())


@PROPERTY
@given(
    st.lists(
        st.tuples(st.sampled_from(["A", "S", "Pa", "Cookies", "2024", "", "!!!", "topic x"]) | title_text, wide_text)
    )
)
@example([("S", "")])  # found by hypothesis: a repeated title "S" gets the id "s-cbc80b"
def test_natural_ids_are_unique_and_valid(pairs: list[tuple[str, str]]) -> None:
    sections = [_section(t, b) for t, b in pairs] + [_section(t, b) for t, b in pairs[:2]]  # exact repeats too
    ids = natural_ids(sections)
    assert len(ids) == len(sections) and len(set(ids)) == len(ids)
    for value in ids:
        _assert_section_id(value)


@ANALYSE
@given(any_text, st.sampled_from(["x.txt", "x.md"]))
@example("0 A\n0.0 A", "x.txt")  # the segmenter's StopIteration again
def test_natural_ids_of_segmented_text(text: str, name: str) -> None:
    seed = _seed(text, name)
    if seed is None:
        return
    ids = natural_ids(analyse(seed).segmentation.sections)
    assert len(set(ids)) == len(ids)
    for value in ids:
        _assert_section_id(value)


section_spec = st.tuples(title_text, st.lists(sentence, min_size=1, max_size=3).map(" ".join))


def _render(specs: list[tuple[str, str]], style: str) -> tuple[str, str]:
    """A policy text with these (title, body) sections, and its file name."""
    if style == "md":
        return "".join(f"## {t}\n\n{b}\n\n" for t, b in specs), "x.md"
    if style == "numbered":
        return "".join(f"{n + 1}. {t}\n\n{b}\n\n" for n, (t, b) in enumerate(specs)), "x.txt"
    return "".join(f"{t}\n\n{b}\n\n" for t, b in specs), "x.txt"


def _sections_of(specs: list[tuple[str, str]], style: str) -> tuple[Section, ...]:
    text, name = _render(specs, style)
    seed = _seed("Intro line of the policy.\n\n" + text, name)
    return analyse(seed).segmentation.sections if seed is not None else ()


@st.composite
def edited(draw: st.DrawFn, specs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The sections after a few edits: drop, insert, move, rename, rewrite, copy (a repeated title)."""
    out = list(specs)
    for op in draw(st.lists(st.sampled_from(["drop", "insert", "move", "rename", "rewrite", "copy"]), max_size=4)):
        if op == "insert" or not out:
            out.insert(draw(st.integers(0, len(out))), draw(section_spec))
            continue
        index = draw(st.integers(0, len(out) - 1))
        if op == "drop":
            del out[index]
        elif op == "move":
            out.insert(draw(st.integers(0, len(out) - 1)), out.pop(index))
        elif op == "copy":
            body = draw(st.sampled_from([out[index][1], draw(section_spec)[1]]))
            out.insert(draw(st.integers(0, len(out))), (out[index][0], body))
        elif op == "rename":
            out[index] = (draw(title_text), out[index][1])
        else:
            out[index] = (out[index][0], draw(section_spec)[1])
    return out


def _check_placement(old: LockedPage | None, placement: Placement, sections: tuple[Section, ...]) -> None:
    ids = [p.id for p in placement.sections]
    anchors = ids + [a for p in placement.sections for a in p.aliases]
    assert len(set(anchors)) == len(anchors), "an anchor lands on two sections"
    page_ids = [e.id for e in placement.page.ids]
    assert len(set(page_ids)) == len(page_ids), "duplicate ids in the lock page"
    assert set(ids) <= set(page_ids)
    if old is None:
        return
    old_ids = [e.id for e in old.ids]
    assert set(old_ids) <= set(page_ids), "the lock lost an id"
    if sections:
        lost = [i for i in old_ids if i not in set(anchors)]
        assert not lost, f"old ids no longer resolvable: {lost}"


@FEW
@given(
    st.lists(section_spec, min_size=0, max_size=6).flatmap(lambda s: st.tuples(st.just(s), edited(s), edited(s))),
    st.sampled_from(["md", "numbered", "line"]),
)
def test_locked_ids_keep_resolving(generations: tuple[list, list, list], style: str) -> None:
    page: LockedPage | None = None
    for specs in generations:  # the original text, an edit of it, another edit of it
        sections = _sections_of(specs, style)
        placement = place("x", "seeds/x.txt", sections, page)
        _check_placement(page, placement, sections)
        page = placement.page


@FEW
@given(
    st.lists(section_spec, max_size=6).flatmap(lambda s: st.tuples(st.just(s), edited(s))),
    st.sampled_from(["md", "numbered", "line"]),
)
def test_a_rebuild_without_edits_changes_nothing(generations: tuple[list, list], style: str) -> None:
    """Placing the same sections against the lock they just produced is a fixed point."""
    first = place("x", "s", _sections_of(generations[0], style), None)
    sections = _sections_of(generations[1], style)
    second = place("x", "s", sections, first.page)
    third = place("x", "s", sections, second.page)
    assert third.page == second.page
    assert [(p.id, p.aliases) for p in third.sections] == [(p.id, p.aliases) for p in second.sections]


# --- 5. facts ----------------------------------------------------------------------


def _check_facts(preamble: str, sections: tuple[PlacedSection, ...], lang: str, publisher: str | None) -> None:
    facts = extract_facts(preamble, sections, lang, (publisher or "", "", ""))
    for period in facts.retention:
        assert RETENTION_RE.match(period), period
    assert facts.min_age is None or 10 <= facts.min_age <= 21, facts.min_age
    for code in facts.transfer_countries:
        assert isinstance(code, str) and re.fullmatch(r"[A-Z]{2}", code), code


placed_section = st.builds(
    lambda t, b, topics: PlacedSection(_section(t, b), "x", topics=tuple(topics)),
    st.one_of(title_text, wide_text),
    st.one_of(st.lists(sentence, max_size=4).map(" ".join), any_text),
    st.lists(st.sampled_from(TOPIC_IDS), max_size=3, unique=True),
)


@PROPERTY
@given(
    st.one_of(any_text, st.lists(sentence, max_size=5).map(" ".join)),
    st.lists(placed_section, max_size=4).map(tuple),
    lang_code,
    st.none() | title_text,
)
def test_extract_facts_on_random_sections(
    preamble: str, sections: tuple[PlacedSection, ...], lang: str, publisher: str | None
) -> None:
    _check_facts(preamble, sections, lang, publisher)


@ANALYSE
@given(policy_text, lang_code, st.none() | title_text)
def test_extract_facts_on_segmented_policies(text: str, lang: str, publisher: str | None) -> None:
    seed = _seed(text, "x.txt")
    if seed is None:
        return
    segmentation = analyse(seed).segmentation
    placed = place("x", "s", segmentation.sections, None).sections
    preamble = "\n".join(b.text for b in segmentation.preamble)
    _check_facts(preamble, placed, lang, publisher)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.text(alphabet="ab c'", min_size=1, max_size=6), min_size=1, max_size=12),
    st.text(alphabet="ab c'.", max_size=60),
)
@example(["privacy", "privacy policy", "priv"], "our privacy policy, private")
def test_longest_first_matches_like_an_alternation_sorted_longest_first(strings: list[str], text: str) -> None:
    """The trie regex finds exactly what the plain alternation (longest first) finds,
    with a word-start guard before it and a word-end guard after it, as the callers use it."""
    from policy_atlas.text import longest_first

    strings = [s for s in strings if s]
    plain = "|".join(re.escape(s) for s in sorted(set(strings), key=lambda s: (-len(s), s)))
    for before, after in (("", ""), (r"(?<!\w)", ""), (r"(?<!\w)", r"(?!\w)")):
        expected = [m.span() for m in re.finditer(f"{before}(?:{plain}){after}", text)]
        got = [m.span() for m in re.finditer(f"{before}(?:{longest_first(strings)}){after}", text)]
        assert got == expected


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.text(alphabet="ab c'", min_size=1, max_size=6), min_size=1, max_size=12),
    st.lists(st.booleans(), min_size=12, max_size=12),
    st.text(alphabet="ab c'.", max_size=60),
)
@example(["users in", "users in the eu", "user"], [True, True, False] + [False] * 9, "users inform users in x")
def test_longest_first_with_strings_that_must_end_a_word(strings: list[str], closes: list[bool], text: str) -> None:
    """Strings marked closed match only where a word ends after them: the same matches
    as the plain alternation (longest first) with a word-end guard after each of them."""
    from policy_atlas.text import longest_first

    strings = sorted({s for s in strings if s}, key=lambda s: (-len(s), s))
    closed = {s for s, c in zip(strings, closes, strict=False) if c}
    plain = "|".join(re.escape(s) + (r"(?!\w)" if s in closed else "") for s in strings)
    expected = [m.span() for m in re.finditer(rf"(?<!\w)(?:{plain})", text)]
    got = [m.span() for m in re.finditer(rf"(?<!\w)(?:{longest_first(strings, closed)})", text)]
    assert got == expected
