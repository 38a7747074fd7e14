"""A Content-Security-Policy for every page: only the site's own origin.

Material's pages carry a few small inline scripts (its colour-palette and scope set-up);
they are allowed by their SHA-256 hash, page by page, so nothing else inline can run: not a
script from a seed, not an event-handler attribute, not a `javascript:` URL.

Only the theme's own markup is searched for them, not the page's content (the `<article>`,
rendered from Markdown): an inline script there is never allowed, whoever wrote it. Scripts
of hand-written pages belong in `extra_javascript`. Skipping the content also keeps this
cheap: a page at 1,000 policies is 60 kB, the theme's part of it a few.
"""

from __future__ import annotations

import base64
import hashlib
import re

_CHARSET = re.compile(r"<meta\s+charset=[\"']?[\w-]+[\"']?\s*/?>", re.I)


def _theme_parts(html: str) -> tuple[str, str]:
    """The page before its content (`<article>`) and after it; the whole page if it has none."""
    start, end = html.find("<article"), html.rfind("</article>")
    if start == -1 or end < start:
        return html, ""
    return html[:start], html[end:]


def _inline_scripts(html: str) -> list[str]:
    """The bodies of `<script>` elements without `src` (JSON data blocks aside), as the
    theme writes them: lower case. One it wrote otherwise would only be blocked."""
    bodies = []
    start = html.find("<script")
    while start != -1:
        open_end = html.find(">", start)
        close = html.find("</script>", open_end) if open_end != -1 else -1
        if close == -1:
            break
        attrs = html[start + len("<script") : open_end]
        if "src=" not in attrs and 'type="application/json"' not in attrs:
            bodies.append(html[open_end + 1 : close])
        start = html.find("<script", close)
    return bodies


def policy_for(html: str) -> str:
    hashes = []
    for part in _theme_parts(html):
        for body in _inline_scripts(part):
            digest = hashlib.sha256(body.encode("utf-8")).digest()
            hashes.append(f"'sha256-{base64.b64encode(digest).decode('ascii')}'")
    scripts = " ".join(["'self'", *sorted(set(hashes))])
    return (
        "default-src 'self'; "
        f"script-src {scripts}; "
        "style-src 'self' 'unsafe-inline'; "  # style attributes of Material's own markup
        "img-src 'self' data:; "  # Material's icons are data: SVGs in its stylesheet
        "font-src 'self'; connect-src 'self'; worker-src 'self'; "
        "object-src 'none'; base-uri 'self'; form-action 'self'"
    )


def add_csp(html: str) -> str:
    """Insert the policy right after `<meta charset>`, before anything it governs."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy_for(html)}">'
    match = _CHARSET.search(html)
    if match is None:
        return html.replace("<head>", f"<head>\n{meta}", 1)
    # the first occurrence of the tag is the match: one copy of the page, not two
    return html.replace(match.group(0), match.group(0) + "\n" + meta, 1)
