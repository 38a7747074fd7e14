"""`policy-atlas check-links`: are the policy links pasted into tickets still good?

Reads any text, finds every link into the site (absolute under `--base`, or relative
`policies/...`), and reports each as `ok`, `alias` (it resolves through an old id or
an old page address; the current one is printed) or `broken`.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .render import page_url

_URL_RE = re.compile(r"""(?:https?://[^\s<>"'()\[\]]+|(?<![\w/.])/?policies/[^\s<>"'()\[\]]*)""")


@dataclass(frozen=True)
class LinkResult:
    url: str
    status: str  # ok | alias | broken
    detail: str


class _Ids(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name == "id" and value:
                self.ids.add(value)


@dataclass
class SiteIndex:
    site: Path
    pages: dict[str, dict[str, object]]  # slug -> policy entry of policies.json
    moved: dict[str, str]  # old slug -> current slug
    _ids: dict[str, set[str]]

    @classmethod
    def load(cls, site: Path) -> SiteIndex:
        data = json.loads((site / "policies.json").read_text(encoding="utf-8"))
        pages = {p["id"]: p for p in data["policies"]}
        moved: dict[str, str] = {}
        for slug, page in pages.items():
            for old in page.get("redirects_from", []):
                moved[old.strip("/").split("/")[-1]] = slug
        return cls(site, pages, moved, {})

    def ids(self, slug: str) -> set[str]:
        if slug not in self._ids:
            parser = _Ids()
            path = self.site / "policies" / slug / "index.html"
            if path.is_file():
                parser.feed(path.read_text(encoding="utf-8"))
            self._ids[slug] = parser.ids
        return self._ids[slug]

    def check(self, url: str, path: str, fragment: str) -> LinkResult:
        parts = [p for p in path.split("/") if p]
        if not parts or parts[0] != "policies":
            target = self.site / path.lstrip("/")
            ok = target.exists() or (target / "index.html").exists()
            return LinkResult(url, "ok" if ok else "broken", "" if ok else f"no page {path}")
        if len(parts) == 1:
            return LinkResult(url, "ok", "")
        slug = parts[1].removesuffix(".html")
        note = ""
        if slug not in self.pages:
            if slug in self.moved:
                note = f"page moved to policies/{self.moved[slug]}/"
                slug = self.moved[slug]
            else:
                return LinkResult(url, "broken", f"no policy page policies/{slug}/")
        if not fragment:
            return LinkResult(url, "alias" if note else "ok", note)
        page = self.pages[slug]
        for section in page.get("sections", []):  # type: ignore[union-attr]
            if fragment == section["id"] or fragment == section.get("number_anchor"):
                return LinkResult(url, "alias" if note else "ok", note)
            if fragment in section.get("aliases", []):
                detail = f"#{fragment} is now #{section['id']} ({page_url(slug)}#{section['id']})"
                return LinkResult(url, "alias", f"{note}; {detail}" if note else detail)
        if fragment in self.ids(slug):
            return LinkResult(url, "alias" if note else "ok", note)
        return LinkResult(url, "broken", f"no section #{fragment} on policies/{slug}/")


def find_links(text: str, base: str | None) -> list[tuple[str, str, str]]:
    """(url as written, site-relative path, fragment) for every link into the site."""
    out: list[tuple[str, str, str]] = []
    base_parts = urlsplit(base) if base else None
    for match in _URL_RE.finditer(text):
        url = match.group(0).rstrip(".,;:!?")
        if url.startswith(("http://", "https://")):
            parts = urlsplit(url)
            if (
                base_parts is None
                or parts.netloc != base_parts.netloc
                or not parts.path.startswith(base_parts.path or "/")
            ):
                continue
            path = parts.path[len(base_parts.path or "/") :]
            fragment = parts.fragment
        else:
            path, _, fragment = url.partition("#")
        out.append((url, unquote(path).lstrip("/"), unquote(fragment)))
    return out


def check_text(text: str, site: Path, base: str | None) -> list[LinkResult]:
    index = SiteIndex.load(site)
    return [index.check(url, path, fragment) for url, path, fragment in find_links(text, base)]


def run(file: Path, site: Path, base: str | None) -> int:
    if not (site / "policies.json").is_file():
        print(f"{site}/policies.json not found: build the site first (make build), or pass --site.", file=sys.stderr)
        return 2
    try:
        text = sys.stdin.read() if str(file) == "-" else file.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        print(f"{file}: cannot be read ({exc.strerror}).", file=sys.stderr)
        return 2
    results = check_text(text, site, base)
    for result in results:
        line = f"{result.status:6}  {result.url}"
        print(line + (f"  ({result.detail})" if result.detail else ""))
    broken = sum(1 for r in results if r.status == "broken")
    print(f"{len(results)} links: {len(results) - broken} resolve, {broken} broken")
    return 1 if broken else 0
