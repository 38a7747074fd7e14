"""Section anchors that keep working: natural ids, and the anchor lock.

Every id ever published is recorded in `anchors.lock.json` with a fingerprint and a
similarity signature of its section. On each build the new sections are matched to
the locked ids (same id; else an id it was already an alias of; else the same content;
else the most similar content; else the place it stood), and an id that no longer
names a section stays on the page as an alias anchor of its successor. Ids are never
taken out of the lock.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from .model import PlacedSection, Section
from .slugs import number_id, section_id, with_suffix
from .text import fold, words

LOCK_SCHEMA = 1
SIGNATURE_SLOTS = 16
SIMILARITY_THRESHOLD = 0.35
_NUMBER_PREFIX = re.compile(r"^(?:\d{1,3}(?:\.\d{1,3}){0,5}[.)]?|[IVXL]{1,6}[.)])\s+")


# --- natural ids -------------------------------------------------------------------


def title_for_id(section: Section) -> str:
    """The words an id is made of: the title without its number, or the topic key."""
    if section.generated_title and section.topic_key:
        return section.topic_key
    return _NUMBER_PREFIX.sub("", section.title) or section.title


def natural_ids(sections: Iterable[Section]) -> list[str]:
    """An id per section from its own title; a repeated title gets a suffix made from
    its own content, never from its position."""
    ids: list[str] = []
    seen: set[str] = set()
    repeats: dict[str, int] = {}  # identical title and body: counted, so never quadratic
    for section in sections:
        base = section_id(title_for_id(section))
        candidate = base
        if candidate in seen:
            key = section_text_key(section)
            candidate = with_suffix(base, key)
            while candidate in seen:  # identical title and body: extremely rare
                repeats[key] = repeats.get(key, 0) + 1
                candidate = with_suffix(base, f"{key}#{repeats[key]}")
        seen.add(candidate)
        ids.append(candidate)
    return ids


def section_text_key(section: Section) -> str:
    return fold(section.title) + "\n" + " ".join(words(fold(section.body_text)))


def fingerprint(section: Section) -> str:
    return hashlib.sha256(section_text_key(section).encode("utf-8")).hexdigest()[:16]


def signature(section: Section) -> str:
    """A MinHash of the section's word 3-grams: similar texts share many slots."""
    tokens = words(fold(section.title + " " + section.body_text))
    shingles = {" ".join(tokens[i : i + 3]) for i in range(max(1, len(tokens) - 2))} or {""}
    slots = []
    for slot in range(SIGNATURE_SLOTS):
        salt = slot.to_bytes(2, "big")
        slots.append(min(hashlib.blake2b(s.encode("utf-8"), digest_size=2, salt=salt).digest() for s in shingles))
    return b"".join(slots).hex()


def similarity(a: str, b: str) -> float:
    if len(a) != len(b) or not a:
        return 0.0
    pairs = [(a[i : i + 4], b[i : i + 4]) for i in range(0, len(a), 4)]
    return sum(1 for x, y in pairs if x == y) / len(pairs)


# --- the lock ----------------------------------------------------------------------


@dataclass(frozen=True)
class LockedId:
    id: str
    fingerprint: str
    signature: str
    title: str
    after: str | None  # the id of the section before it when it was last live
    alias_of: str | None = None  # the id it resolved to when last seen as an alias
    removed: bool = False  # its section was removed; it points at a neighbour

    def as_json(self) -> dict[str, object]:
        out: dict[str, object] = {
            "after": self.after,
            "fingerprint": self.fingerprint,
            "signature": self.signature,
            "title": self.title,
        }
        if self.alias_of:
            out["alias_of"] = self.alias_of
        if self.removed:
            out["removed"] = True
        return out


@dataclass(frozen=True)
class LockedPage:
    slug: str
    source: str
    ids: tuple[LockedId, ...]  # in the order they were first published
    moved_to: str | None = None


@dataclass
class Lock:
    pages: dict[str, LockedPage] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path) -> Lock:
        if not path.exists():
            return cls()
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("schema") != LOCK_SCHEMA:
            raise ValueError(f"{path}: unknown lock schema {data.get('schema')!r}")
        pages: dict[str, LockedPage] = {}
        for slug, page in data.get("pages", {}).items():
            ids = tuple(
                LockedId(
                    id=entry_id,
                    fingerprint=entry["fingerprint"],
                    signature=entry["signature"],
                    title=entry["title"],
                    after=entry.get("after"),
                    alias_of=entry.get("alias_of"),
                    removed=bool(entry.get("removed", False)),
                )
                for entry_id, entry in _ordered(page)
            )
            pages[slug] = LockedPage(slug, page["source"], ids, page.get("moved_to"))
        return cls(pages)

    def dumps(self) -> str:
        pages: dict[str, object] = {}
        for slug in sorted(self.pages):
            page = self.pages[slug]
            entry: dict[str, object] = {
                "source": page.source,
                "order": [i.id for i in page.ids],
                "ids": {i.id: i.as_json() for i in sorted(page.ids, key=lambda x: x.id)},
            }
            if page.moved_to:
                entry["moved_to"] = page.moved_to
            pages[slug] = entry
        return json.dumps({"schema": LOCK_SCHEMA, "pages": pages}, ensure_ascii=False, indent=1, sort_keys=True) + "\n"

    def save(self, path: Path) -> bool:
        """Write the lock if it changed. Returns whether it was written."""
        text = self.dumps()
        if path.exists() and path.read_text(encoding="utf-8") == text:
            return False
        path.write_text(text, encoding="utf-8")
        return True


def _ordered(page: Mapping[str, object]) -> list[tuple[str, dict[str, object]]]:
    ids = page.get("ids", {})
    assert isinstance(ids, dict)
    order = page.get("order") or sorted(ids)
    assert isinstance(order, list)
    return [(i, ids[i]) for i in order if i in ids]


# --- matching ----------------------------------------------------------------------


@dataclass(frozen=True)
class Placement:
    sections: tuple[PlacedSection, ...]
    page: LockedPage


def place(slug: str, source: str, sections: tuple[Section, ...], locked: LockedPage | None) -> Placement:
    """Give each section its id and the old ids that must keep landing on it."""
    ids = natural_ids(sections)
    fps = [fingerprint(s) for s in sections]
    sigs = [signature(s) for s in sections]
    aliases: list[list[str]] = [[] for _ in sections]
    notes: list[list[str]] = [[] for _ in sections]
    holder: dict[str, int] = {i: n for n, i in enumerate(ids)}  # id or alias -> section index
    resolved: dict[str, LockedId] = {}
    old = locked.ids if locked else ()
    pending = [e for e in old if e.id not in holder]
    numbers = {number_id(s.number) for s in sections if s.number}

    def attach(entry: LockedId, index: int, how: str) -> None:
        if entry.id in numbers:  # never shadow a live "s-5-2" number anchor
            return
        aliases[index].append(entry.id)
        holder[entry.id] = index
        resolved[entry.id] = replace(entry, alias_of=ids[index], removed=how == "removed")
        if how == "removed":
            notes[index].append(entry.title)

    if sections:
        # 1. content: the same fingerprint, else the most similar section
        for entry in [e for e in pending if not e.removed]:
            match = next((n for n, fp in enumerate(fps) if fp == entry.fingerprint), None)
            if match is None:
                scored = [(similarity(entry.signature, sig), n) for n, sig in enumerate(sigs)]
                best, index = max(scored, key=lambda x: (x[0], -x[1]))
                match = index if best >= SIMILARITY_THRESHOLD else None
            if match is not None:
                attach(entry, match, "content")
        # 2. an id that was an alias follows the section it pointed at
        for _ in range(len(pending)):
            progressed = False
            for entry in pending:
                if entry.id in holder or not entry.alias_of or entry.alias_of not in holder:
                    continue
                attach(entry, holder[entry.alias_of], "removed" if entry.removed else "alias")
                progressed = True
            if not progressed:
                break
        # 3. removed: the section that now stands where it stood
        for entry in pending:
            if entry.id in holder:
                continue
            attach(entry, _nearest(entry, old, holder, len(sections)), "removed")

    placed = tuple(
        PlacedSection(section=s, id=ids[n], aliases=tuple(aliases[n]), removed_notes=tuple(notes[n]))
        for n, s in enumerate(sections)
    )
    # the new lock page: every old id kept, live ids refreshed, new ids added
    live = {
        ids[n]: LockedId(ids[n], fps[n], sigs[n], sections[n].title, ids[n - 1] if n else None)
        for n in range(len(sections))
    }
    entries: list[LockedId] = []
    for entry in old:
        entries.append(live.pop(entry.id, None) or resolved.get(entry.id, entry))
    entries.extend(live[i] for i in ids if i in live)
    return Placement(placed, LockedPage(slug, source, tuple(entries)))


def _nearest(entry: LockedId, old: tuple[LockedId, ...], holder: dict[str, int], count: int) -> int:
    """Index of the section right after the nearest surviving predecessor of `entry`."""
    by_id = {e.id: e for e in old}
    previous = entry.after
    seen: set[str] = set()
    while previous is not None and previous not in seen:
        seen.add(previous)
        if previous in holder:
            return min(holder[previous] + 1, count - 1)
        previous = by_id[previous].after if previous in by_id else None
    return 0


def all_anchor_ids(placed: PlacedSection) -> list[str]:
    """Every id that lands on this section: its own, its aliases, its number anchor."""
    out = [placed.id, *placed.aliases]
    if placed.section.number:
        out.append(number_id(placed.section.number))
    return out
