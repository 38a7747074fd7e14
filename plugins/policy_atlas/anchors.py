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

import numpy as np

from .model import PlacedSection, Section
from .slugs import RESERVED_IDS, number_id, section_id, with_suffix
from .text import fold, words

LOCK_SCHEMA = 2  # 2: cheaper similarity signatures; schema 1 locks are still read
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
    return _text_key(fold(section.title), words(fold(section.body_text)))


def _text_key(folded_title: str, body_words: list[str]) -> str:
    return folded_title + "\n" + " ".join(body_words)


def fingerprint(section: Section) -> str:
    return _fingerprint(section_text_key(section))


def _fingerprint(text_key: str) -> str:
    return hashlib.sha256(text_key.encode("utf-8")).hexdigest()[:16]


# --- similarity signatures -----------------------------------------------------------
#
# A MinHash of the section's word 3-grams (title and body): similar texts share many
# of the SIGNATURE_SLOTS slots, 16 bits each, written as 4 hex digits per slot. Each word
# is hashed once (blake2b, 8 bytes, remembered), three consecutive word hashes are mixed
# into one 64-bit shingle hash, and the slots are the minima of SIGNATURE_SLOTS fixed
# permutations (a * h + b mod 2**64, a odd) of the shingle hashes, all in numpy, for
# every section of a page at once. Signatures of lock schema 1 (16 blake2b hashes per
# shingle) are read as "v1:<hex>" and compared with `legacy_signature`.

LEGACY_PREFIX = "v1:"
_MASK64 = (1 << 64) - 1
# fixed odd multipliers and offsets, drawn by splitmix64 from the first hex digits of pi
_PERMUTATIONS: tuple[np.ndarray, np.ndarray] | None = None
_WORD_HASHES: dict[str, bytes] = {}  # word -> its 8-byte hash (little-endian uint64)
_WORD_HASHES_MAX = 1_000_000


def _splitmix64(state: int) -> tuple[int, int]:
    state = (state + 0x9E3779B97F4A7C15) & _MASK64
    z = state
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _MASK64
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK64
    return state, z ^ (z >> 31)


def _permutations() -> tuple[np.ndarray, np.ndarray]:
    global _PERMUTATIONS
    if _PERMUTATIONS is None:
        state, a, b = 0x243F6A8885A308D3, [], []
        for _ in range(SIGNATURE_SLOTS):
            state, x = _splitmix64(state)
            state, y = _splitmix64(state)
            a.append(x | 1)
            b.append(y)
        _PERMUTATIONS = (np.array(a, dtype=np.uint64)[:, None], np.array(b, dtype=np.uint64)[:, None])
    return _PERMUTATIONS


def _word_hash(word: str) -> bytes:
    value = hashlib.blake2b(word.encode("utf-8"), digest_size=8).digest()
    if len(_WORD_HASHES) >= _WORD_HASHES_MAX:
        _WORD_HASHES.clear()
    _WORD_HASHES[word] = value
    return value


def _mix(x: np.ndarray) -> np.ndarray:
    """The splitmix64 finaliser, elementwise (uint64 arithmetic wraps)."""
    x = x ^ (x >> np.uint64(30))
    x = x * np.uint64(0xBF58476D1CE4E5B9)
    x = x ^ (x >> np.uint64(27))
    x = x * np.uint64(0x94D049BB133111EB)
    return x ^ (x >> np.uint64(31))


def signatures(token_lists: list[list[str]]) -> list[str]:
    """The signature of each token list (a section's folded words, title first)."""
    if not token_lists:
        return []
    get = _WORD_HASHES.get
    hashes: list[bytes | None] = []
    sizes: list[int] = []
    for tokens in token_lists:
        if len(tokens) < 3:  # fewer than three words: one shingle, padded
            tokens = [*tokens, "", "", ""][:3]
        values = list(map(get, tokens))
        if None in values:
            values = [v if v is not None else _word_hash(w) for v, w in zip(values, tokens, strict=True)]
        hashes.extend(values)
        sizes.append(len(tokens))
    word_hashes = np.frombuffer(b"".join(hashes), dtype="<u8")  # type: ignore[arg-type]
    # shingle i mixes words i, i+1, i+2 of the concatenation; keep those inside one list
    shingles = _mix(word_hashes[:-2] ^ _rotl(word_hashes[1:-1], 21) ^ _rotl(word_hashes[2:], 42))
    ends = np.cumsum(sizes)
    starts = ends - np.array(sizes)
    keep = np.concatenate([np.arange(a, b - 2) for a, b in zip(starts.tolist(), ends.tolist(), strict=True)])
    shingles = shingles[keep]
    counts = np.array(sizes) - 2
    offsets = np.concatenate(([0], np.cumsum(counts)[:-1]))
    a, b = _permutations()
    minima = np.minimum.reduceat(shingles[None, :] * a + b, offsets, axis=1) >> np.uint64(48)
    slots = minima.T.astype(">u2")  # per list, SIGNATURE_SLOTS big-endian 16-bit values
    return [row.tobytes().hex() for row in slots]


def _rotl(x: np.ndarray, k: int) -> np.ndarray:
    return (x << np.uint64(k)) | (x >> np.uint64(64 - k))


def section_tokens(section: Section) -> list[str]:
    return words(fold(section.title)) + words(fold(section.body_text))


def signature(section: Section) -> str:
    """The similarity signature of one section (`signatures` does many at once)."""
    return signatures([section_tokens(section)])[0]


def legacy_signature(section: Section) -> str:
    """The signature of lock schema 1: 16 blake2b hashes of every word 3-gram."""
    tokens = words(fold(section.title + " " + section.body_text))
    shingles = {" ".join(tokens[i : i + 3]) for i in range(max(1, len(tokens) - 2))} or {""}
    encoded = [s.encode("utf-8") for s in shingles]
    slots = []
    for slot in range(SIGNATURE_SLOTS):
        salted = hashlib.blake2b(digest_size=2, salt=slot.to_bytes(2, "big"))
        slots.append(min(_copy_digest(salted, s) for s in encoded))
    return LEGACY_PREFIX + b"".join(slots).hex()


def _copy_digest(base: hashlib._Hash, data: bytes) -> bytes:
    h = base.copy()
    h.update(data)
    return h.digest()


def similarity(a: str, b: str) -> float:
    if len(a) != len(b) or not a:
        return 0.0
    if a.startswith(LEGACY_PREFIX):
        a, b = a[len(LEGACY_PREFIX) :], b[len(LEGACY_PREFIX) :]
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

    def __hash__(self) -> int:
        """Computed once: a page is a memo key on every rebuild of `mkdocs serve`."""
        value = self.__dict__.get("_hash")
        if value is None:
            value = hash((self.slug, self.source, self.ids, self.moved_to))
            object.__setattr__(self, "_hash", value)
        return value

    def __getstate__(self) -> dict[str, object]:
        return {k: v for k, v in self.__dict__.items() if k != "_hash"}  # hashes differ by process


@dataclass
class Lock:
    pages: dict[str, LockedPage] = field(default_factory=dict)

    @classmethod
    def load_cached(cls, path: Path) -> Lock:
        """`load`, read again only when the file changed (`mkdocs serve` never writes it).
        The lock returned is shared: callers must not change it."""
        try:
            stat = path.stat()
        except FileNotFoundError:
            return cls()
        key = (str(path.resolve()), stat.st_size, stat.st_mtime_ns, stat.st_ino)
        cached = _LOADED.get(key)
        if cached is None:
            cached = cls.load(path)
            _LOADED.clear()
            _LOADED[key] = cached
        return cached

    @classmethod
    def load(cls, path: Path) -> Lock:
        if not path.exists():
            return cls()
        data = json.loads(path.read_text(encoding="utf-8"))
        schema = data.get("schema")
        if schema not in (1, LOCK_SCHEMA):
            raise ValueError(f"{path}: unknown lock schema {schema!r}")
        legacy = LEGACY_PREFIX if schema == 1 else ""  # schema 1 signatures: the old hashing
        pages: dict[str, LockedPage] = {}
        for slug, page in data.get("pages", {}).items():
            ids = tuple(
                LockedId(
                    id=entry_id,
                    fingerprint=entry["fingerprint"],
                    signature=legacy + str(entry["signature"]),
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


_LOADED: dict[tuple[object, ...], Lock] = {}


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
    titles = [fold(s.title) for s in sections]
    bodies = [words(fold(s.body_text)) for s in sections]
    fps = [_fingerprint(_text_key(t, b)) for t, b in zip(titles, bodies, strict=True)]
    sigs = signatures([words(t) + b for t, b in zip(titles, bodies, strict=True)])
    legacy_sigs: list[str] = []  # schema 1 signatures of the sections, made only if needed
    aliases: list[list[str]] = [[] for _ in sections]
    notes: list[list[str]] = [[] for _ in sections]
    holder: dict[str, int] = {i: n for n, i in enumerate(ids)}  # id or alias -> section index
    resolved: dict[str, LockedId] = {}
    old = locked.ids if locked else ()
    pending = [e for e in old if e.id not in holder]
    numbers = {number_id(s.number) for s in sections if s.number}

    def attach(entry: LockedId, index: int, how: str) -> None:
        # never shadow a live "s-5-2" number anchor, nor an id the page keeps for itself (a
        # heading "Policy opening" published before #policy-opening was the opening's)
        if entry.id in numbers or entry.id in RESERVED_IDS:
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
                compared = sigs
                if entry.signature.startswith(LEGACY_PREFIX):
                    legacy_sigs = legacy_sigs or [legacy_signature(s) for s in sections]
                    compared = legacy_sigs
                scored = [(similarity(entry.signature, sig), n) for n, sig in enumerate(compared)]
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
