"""The whole site as files: what both the MkDocs plugin and the CLI publish.

`build_pages` turns a seeds folder into {docs-relative path: content}; the plugin
hands these to MkDocs as generated files, the CLI writes them to a folder.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from .anchors import Lock
from .cache import ObjectMemo
from .i18n import Labels, has_catalog
from .lexicon import TOPIC_IDS
from .parallel import analyse_all
from .pipeline import Assembled, assemble
from .reader import read_seeds
from .render import (
    page_path,
    policies_json,
    redirect_page,
    render_home,
    render_policy,
    render_problems,
)
from .render_compare import matrix_csv, render_matrix, render_topic, render_topic_index

ASSET_DIR = "assets/policy-atlas"
# a policy that did not change keeps its rendered page (mkdocs serve)
_PAGES: ObjectMemo[str] = ObjectMemo()
ASSETS = ("policy-atlas.css", "policy-atlas.js", "matrix.js", "redirect.js", "search-on-demand.js")
# put by the plugin before Material's own script on every page (search.load_index_on_demand)
SEARCH_ON_DEMAND = f"{ASSET_DIR}/search-on-demand.js"


@dataclass
class SitePages:
    assembled: Assembled
    pages: dict[str, str] = field(default_factory=dict)  # Markdown pages, docs-relative
    extra: dict[str, str] = field(default_factory=dict)  # files copied to the site as they are


def build(
    seeds_dir: Path,
    lock: Lock,
    ui_lang: str,
    home_template: str | None,
    shown_dir: str | None = None,
    labels: str = "ui",
) -> SitePages:
    """Read, analyse, assemble and render every seed of `seeds_dir`."""
    result = read_seeds(seeds_dir, shown_dir)
    drafts = analyse_all(result.seeds)
    assembled = assemble(drafts, lock, result.problems)
    t = Labels(ui_lang)
    out = SitePages(assembled)
    for policy in assembled.site.policies:
        # labels: policy -> each page speaks its policy's language, where we have a catalog
        page_labels = Labels(policy.lang) if labels == "policy" and has_catalog(policy.lang) else t
        out.pages[page_path(policy.slug)] = _PAGES.get(
            policy, page_labels.lang, lambda p=policy, pl=page_labels: render_policy(p, pl)
        )
    out.pages["problems.md"] = render_problems(assembled.site.problems, t)
    out.pages["matrix.md"] = render_matrix(assembled.site, t)
    out.pages["topics/index.md"] = render_topic_index(assembled.site, t)
    for topic in TOPIC_IDS:
        out.pages[f"topics/{topic}.md"] = render_topic(assembled.site, topic, t)
    out.extra["matrix.csv"] = matrix_csv(assembled.site, t)
    out.pages["index.md"] = render_home(assembled.site, t, home_template)
    out.extra["policies.json"] = policies_json(assembled.site, t)
    for redirect in assembled.redirects:
        page = redirect_page(redirect.old_slug, redirect.new_slug, t)
        out.extra[page.path] = page.html
    return out


def asset_files() -> dict[str, bytes]:
    """Our CSS and JavaScript, served from the site itself."""
    base = resources.files("policy_atlas") / "assets"
    return {f"{ASSET_DIR}/{name}": (base / name).read_bytes() for name in ASSETS}
