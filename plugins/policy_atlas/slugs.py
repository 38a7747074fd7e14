"""Readable ASCII identifiers: policy slugs and section ids.

An id depends on its own text only, never on its neighbours, so editing one section
cannot change another section's id.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache

from anyascii import anyascii

MAX_ID_LENGTH = 60
MAX_SLUG_LENGTH = 48
ID_RE = re.compile(r"^[a-z][a-z0-9-]{0,59}$")
# Ids a policy page uses for itself; a section never takes one of them.
RESERVED_PREFIXES = ("topic-", "s-", "pa-", "__")
RESERVED_IDS = frozenset({"policy-body", "policy-header", "policy-meta", "policy-opening", "policy-title"})


@lru_cache(maxsize=65536)  # every rebuild slugs the same titles and names again
def slugify(text: str, max_length: int = MAX_ID_LENGTH) -> str:
    """Transliterate to ASCII, lowercase, hyphenate, cut at a word boundary.

    Returns "" when nothing letter-like is left; callers supply a fallback.
    """
    ascii_text = re.sub(r"['`]", "", anyascii(text).lower())
    parts = re.findall(r"[a-z0-9]+", ascii_text)
    slug = ""
    for part in parts:
        candidate = f"{slug}-{part}" if slug else part
        if len(candidate) > max_length:
            if not slug:
                slug = part[:max_length]
            break
        slug = candidate
    return slug.strip("-")


def section_id(title: str, fallback: str = "section") -> str:
    """The natural id of a section title: valid, starting with a letter, never empty."""
    slug = slugify(title)
    if not slug:
        slug = fallback
    if not slug[0].isalpha():
        slug = slugify(f"s {slug}") if not slug.startswith("s-") else slug
        # a leading number ("2024 changes") would collide with "s-" number anchors
        slug = "n-" + slug[2:] if slug.startswith("s-") else slug
    if slug in RESERVED_IDS or slug.startswith(RESERVED_PREFIXES):
        slug = f"x-{slug}"
    return _cut(slug)


def number_id(number: str) -> str:
    """`5.2` -> `s-5-2`, the anchor a ticket can cite as "§5.2"."""
    return "s-" + "-".join(p.lower() for p in re.findall(r"[0-9A-Za-z]+", number))


def with_suffix(base: str, seed: str) -> str:
    """A deterministic variant of `base` for a duplicate, from the section's own content."""
    digest = hashlib.sha256(seed.encode("utf-8")).hexdigest()[:6]
    candidate = f"{_cut(base, MAX_ID_LENGTH - 7)}-{digest}"
    if candidate.startswith(RESERVED_PREFIXES):  # "s" + suffix would look like a number anchor
        candidate = f"x-{_cut(base, MAX_ID_LENGTH - 9)}-{digest}"
    return candidate


def _cut(slug: str, limit: int = MAX_ID_LENGTH) -> str:
    if len(slug) <= limit:
        return slug
    cut = slug[:limit]
    if "-" in cut and slug[limit] != "-":
        cut = cut[: cut.rindex("-")]
    return cut.strip("-")


def policy_slug(candidates: list[str | None], stem: str) -> str:
    """The first candidate that gives a readable slug, else the file stem's slug."""
    for candidate in candidates:
        if candidate:
            slug = slugify(candidate, MAX_SLUG_LENGTH)
            if len(slug) >= 2 and re.search(r"[a-z]", slug):
                return slug
    return slugify(stem, MAX_SLUG_LENGTH) or "policy"


def is_valid_id(value: str) -> bool:
    return ID_RE.match(value) is not None and not value.endswith("-")
