"""The pipeline: seed files -> documents -> sections -> analysis -> site model.

`analyse` works on one seed alone (so its result can be cached by content); `assemble`
puts the analysed seeds together: unique slugs, anchors matched against the lock,
redirects for pages whose slug changed.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import PurePosixPath

from . import facts, topics
from .anchors import Lock, LockedPage, place
from .cache import Memo
from .facts import extract_facts
from .front import Front, read_front, strip_legal_form
from .langdetect import detect_language, title_language
from .lexicon import lexicon
from .model import Block, DateValue, Opening, PlacedSection, Policy, Problem, SeedText, Segmentation, Site, blocks_text
from .segment import segment
from .slugs import policy_slug, slugify
from .text import KRAMDOWN_ATTRS, word_count
from .topics import NO_TOPICS, FactHints, SectionTopics, tag_opening, tag_sections


@dataclass(frozen=True)
class Draft:
    """One seed analysed on its own: everything but what depends on other seeds."""

    seed: SeedText
    lang: str
    lang_confidence: float
    lang_supported: bool
    front: Front
    segmentation: Segmentation
    word_count: int
    paragraph_count: int
    section_tags: tuple[SectionTopics, ...]  # aligned with segmentation.sections
    # the preamble past the title and date lines (`Opening`), and what it speaks of
    opening: tuple[Block, ...] = ()
    opening_tags: SectionTopics = NO_TOPICS

    @property
    def section_topics(self) -> tuple[tuple[str, ...], ...]:
        return tuple(tag.topics for tag in self.section_tags)

    @cached_property
    def text_digest(self) -> str:
        return hashlib.sha256(self.seed.text.encode("utf-8")).hexdigest()

    @property
    def title(self) -> str | None:
        value = self.seed.get("title")
        return str(value) if value else self.front.title

    @property
    def publisher(self) -> str | None:
        value = self.seed.get("publisher")
        return str(value) if value else self.front.publisher

    @property
    def preamble(self) -> str:
        return blocks_text(self.segmentation.preamble)

    @property
    def opening_text(self) -> str:
        return blocks_text(self.opening)

    @property
    def own(self) -> tuple[str, str, str]:
        """What names the policy's own organisation: its publisher, title and web address."""
        return (self.publisher or "", self.title or "", str(self.seed.get("url") or ""))

    def date(self, key: str) -> DateValue | None:
        value = self.seed.get(key)
        if value:
            return DateValue(iso=str(value), quote=f"{key}: {value}", line=0)
        return self.front.updated if key == "updated" else self.front.effective

    def slug_candidates(self) -> list[str | None]:
        publisher = self.publisher
        return [strip_legal_form(publisher) if publisher else None, self.title]


def analyse(seed: SeedText) -> Draft:
    """Language, head, sections and counts of one seed."""
    forced = seed.get("lang")
    if forced:
        lang, confidence = str(forced), 1.0
    else:
        detected = detect_language(seed.text)
        lang, confidence = detected.lang, detected.confidence
    lex = lexicon(lang)
    front = read_front(seed.text, lex, lang, markdown=seed.markdown)
    segmentation = segment(seed.text, front, lex, markdown=seed.markdown)
    paragraphs = len(segmentation.preamble) + sum(len(s.blocks) for s in segmentation.sections)
    tagged = lex is not None and lex.has_topics
    # the introduction before the first heading: not the title or date lines
    opening = tuple(b for b in segmentation.preamble if b.start >= front.end)
    intro_words = sum(word_count(KRAMDOWN_ATTRS.sub(" ", b.text)) for b in opening)
    if not intro_words:  # a thematic break, marks: no opening
        opening = ()
    draft = Draft(
        seed=seed,
        lang=lang,
        lang_confidence=confidence,
        lang_supported=tagged,
        front=front,
        segmentation=segmentation,
        word_count=word_count(seed.text),
        paragraph_count=paragraphs,
        section_tags=tuple(NO_TOPICS for _ in segmentation.sections),
        opening=opening,
    )
    if not (tagged and lex):
        return draft
    *hints, opening_hint = _fact_hints(draft)
    return replace(
        draft,
        section_tags=tag_sections(segmentation.sections, lex, intro_words, hints),
        opening_tags=tag_opening(draft.opening_text, lex, opening_hint, alone=not segmentation.sections),
    )


def _fact_hints(draft: Draft) -> list[FactHints]:
    """What reading each section, then the opening, for facts finds in it that tells a topic."""
    sections = draft.segmentation.sections
    opening = draft.opening_text
    titles = ["" if s.generated_title else s.title for s in sections] + [""]
    texts = [facts.section_text(s) for s in sections] + [opening]
    parties = facts.third_parties_named(titles, texts, draft.lang, draft.own, draft.preamble)
    periods = facts.states_retention(texts, draft.lang)
    ages = facts.states_age(texts, draft.lang)
    addresses = facts.gives_address([s.body_text for s in sections] + [opening], draft.lang)
    return [FactHints(t, n, p, a, d) for (t, n), p, a, d in zip(parties, periods, ages, addresses, strict=True)]


@dataclass(frozen=True)
class Redirect:
    old_slug: str
    new_slug: str


@dataclass
class Assembled:
    site: Site
    lock: Lock
    redirects: list[Redirect] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def assemble(drafts: list[Draft], lock: Lock, read_problems: tuple[Problem, ...] = ()) -> Assembled:
    """Unique slugs, anchors matched against the lock, redirects for moved pages."""
    problems = list(read_problems)
    first_with_text: dict[str, str] = {}
    for draft in drafts:
        key = draft.text_digest
        if key in first_with_text:
            problems.append(
                Problem(
                    draft.seed.source,
                    f"Same text as {first_with_text[key]}; both are published.",
                    "Delete one of them if they are the same policy, or give each its front matter (title, publisher).",
                    "note",
                )
            )
        else:
            first_with_text[key] = draft.seed.source
    slugs = _assign_slugs(drafts, problems)
    by_source = {d.seed.source: slug for d, slug in zip(drafts, slugs, strict=True)}
    new_lock = Lock(dict(lock.pages))
    redirects: list[Redirect] = []
    # pages whose slug changed: carry their locked ids over and redirect the old URL
    inherited: dict[str, list[LockedPage]] = {}
    for old_slug, page in sorted(lock.pages.items()):
        if old_slug in by_source.values():
            continue
        target = by_source.get(page.source) or (page.moved_to if page.moved_to in by_source.values() else None)
        if target is None and page.moved_to:
            target = _follow_moves(lock, page.moved_to, set(by_source.values()))
        if target is None:
            problems.append(
                Problem(
                    source=page.source,
                    message=f"The page policies/{old_slug}/ was published before, but no seed makes it any more; "
                    f"its {len(page.ids)} locked anchors (e.g. #{page.ids[0].id if page.ids else old_slug}) would break.",
                    hint="Restore the seed, or give its successor the front matter `slug: " + old_slug + "`.",
                )
            )
            continue
        redirects.append(Redirect(old_slug, target))
        inherited.setdefault(target, []).append(page)
        new_lock.pages[old_slug] = LockedPage(old_slug, page.source, page.ids, moved_to=target)
    policies: list[Policy] = []
    for draft, slug in zip(drafts, slugs, strict=True):
        locked = lock.pages.get(slug)
        if locked is not None and locked.moved_to:
            locked = LockedPage(slug, locked.source, locked.ids)
        for old in inherited.get(slug, []):
            known = {i.id for i in locked.ids} if locked else set()
            extra = tuple(i for i in old.ids if i.id not in known)
            locked = LockedPage(slug, draft.seed.source, (locked.ids if locked else ()) + extra)
        old_slugs = tuple(r.old_slug for r in redirects if r.new_slug == slug)
        key = (slug, draft.seed.digest, draft.seed.source, draft.seed.meta, locked, old_slugs)
        page, policy = _PLACED.get(key, lambda d=draft, s=slug, lp=locked, o=old_slugs: place_policy(d, s, lp, o))
        new_lock.pages[slug] = page
        policies.append(policy)
    return Assembled(Site(tuple(policies), tuple(problems)), new_lock, redirects, problems)


def place_policy(
    draft: Draft, slug: str, locked: LockedPage | None, old_slugs: tuple[str, ...] = ()
) -> tuple[LockedPage, Policy]:
    """Anchors (matched against the locked ids of the page), topics and facts of one draft."""
    placement = place(slug, draft.seed.source, draft.segmentation.sections, locked)
    placed = tuple(
        replace(p, topics=tag.topics, lead_topic=tag.lead, titled=tag.titled, passages=tag.passages)
        for p, tag in zip(placement.sections, draft.section_tags, strict=True)
    )
    return placement.page, _policy(draft, slug, placed, old_slugs)


# a page whose seed and locked ids did not change is placed as before (mkdocs serve)
_PLACED: Memo[tuple[LockedPage, Policy]] = Memo()
_DRAFTS: Memo[Draft] = Memo()


def prepare_languages(langs: Iterable[str]) -> None:
    """Make ready what analysing a policy in each language needs (its regexes), so that
    the first edit of a seed in that language does not wait for it (`mkdocs serve`)."""
    for lang in sorted(set(langs)):
        lex = lexicon(lang)
        if lex is not None:
            topics.prepare(lex)
            facts.prepare(lex.lang)


def analyse_cached(seed: SeedText) -> Draft:
    """`analyse`, remembered by the seed's content and front matter."""
    return _DRAFTS.get((seed.digest, seed.source, seed.meta), lambda: analyse(seed))


def _follow_moves(lock: Lock, slug: str, live: set[str]) -> str | None:
    seen: set[str] = set()
    while slug not in live and slug not in seen:
        seen.add(slug)
        page = lock.pages.get(slug)
        if page is None or not page.moved_to:
            return None
        slug = page.moved_to
    return slug if slug in live else None


def _assign_slugs(drafts: list[Draft], problems: list[Problem]) -> list[str]:
    taken: dict[str, str] = {}
    # front-matter slugs are claimed first, in file order
    wanted = [str(d.seed.get("slug")) if d.seed.get("slug") else None for d in drafts]
    slugs: list[str | None] = [None] * len(drafts)
    for index, (draft, slug) in enumerate(zip(drafts, wanted, strict=True)):
        if slug is None:
            continue
        if slug in taken:
            problems.append(
                Problem(
                    draft.seed.source,
                    f"Front matter `slug: {slug}` is already used by {taken[slug]}.",
                    "Give each seed its own slug; this one is published under a derived slug meanwhile.",
                    "warning",
                    line=2,
                )
            )
            continue
        taken[slug] = draft.seed.source
        slugs[index] = slug
    for index, draft in enumerate(drafts):
        if slugs[index] is not None:
            continue
        stem = PurePosixPath(draft.seed.name).stem
        slug = policy_slug(draft.slug_candidates(), stem)
        if slug in taken:
            slug = f"{slug}-{slugify(stem, 24) or 'policy'}"
        base, n = slug, 2
        while slug in taken:
            slug, n = f"{base}-{n}", n + 1
        taken[slug] = draft.seed.source
        slugs[index] = slug
    return [s for s in slugs if s is not None]


def _policy(draft: Draft, slug: str, sections: tuple[PlacedSection, ...], old_slugs: tuple[str, ...]) -> Policy:
    title = draft.title
    url = str(draft.seed.get("url") or "")
    tags = draft.opening_tags
    opening = Opening(draft.opening, tags.topics, tags.lead, tags.passages) if draft.opening else None
    head = blocks_text(b for b in draft.segmentation.preamble if b not in draft.opening)
    facts = extract_facts(head, sections, draft.lang, draft.own, opening)
    return Policy(
        slug=slug,
        source=draft.seed.source,
        name=draft.seed.name,
        title=title or "",
        title_generated=not title,
        publisher=draft.publisher,
        url=url or None,
        lang=draft.lang,
        lang_confidence=draft.lang_confidence,
        lang_supported=draft.lang_supported,
        updated=draft.date("updated"),
        effective=draft.date("effective"),
        word_count=draft.word_count,
        paragraph_count=draft.paragraph_count,
        segmentation=draft.segmentation,
        sections=sections,
        digest=draft.seed.digest,
        encoding=draft.seed.encoding,
        encoding_guessed=draft.seed.encoding_guessed,
        old_slugs=old_slugs,
        facts=facts,
        opening=opening,
        title_lang=title_language(title, draft.lang) if title else "",
    )
