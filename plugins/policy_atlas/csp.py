"""A Content-Security-Policy for every page: only the site's own origin.

Material's pages carry a few small inline scripts (its colour-palette and scope set-up);
they are allowed by their SHA-256 hash, page by page, so nothing else inline can run: not a
script from a seed, not an event-handler attribute, not a `javascript:` URL.
"""

from __future__ import annotations

import base64
import hashlib
import re

_INLINE_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S | re.I)
_CHARSET = re.compile(r"<meta\s+charset=[\"']?[\w-]+[\"']?\s*/?>", re.I)


def policy_for(html: str) -> str:
    hashes = []
    for match in _INLINE_SCRIPT.finditer(html):
        attrs = match.group("attrs")
        if "src=" in attrs or 'type="application/json"' in attrs:
            continue
        digest = hashlib.sha256(match.group("body").encode("utf-8")).digest()
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
    return html[: match.end()] + "\n" + meta + html[match.end() :]
