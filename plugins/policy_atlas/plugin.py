"""The MkDocs plugin: a thin adapter over the core.

It reads its options, hands the pages the core renders to MkDocs as generated files,
reports seed problems as warnings (so `--strict` fails on them), writes the exports
and the anchor lock after a build, and watches the seeds folder in `mkdocs serve`.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, Literal

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils import CountHandler

from . import cache
from .anchors import Lock
from .csp import add_csp
from .i18n import Labels, has_catalog
from .pipeline import prepare_languages
from .render import HOME_MARKER, render_home
from .search import fold_entries, fold_search_index, folded_index_parts, load_index_on_demand
from .site import SEARCH_ON_DEMAND, SitePages, asset_files, build

log = logging.getLogger("mkdocs.plugins.policy_atlas")

REQUIRED_EXTENSIONS = ("attr_list", "md_in_html", "toc")


class PolicyAtlasConfig(Config):
    seeds_dir = c.Type(str, default="seeds")
    lock_file = c.Type(str, default="anchors.lock.json")
    lock = c.Choice(("update", "check", "off"), default="update")
    labels = c.Choice(("ui", "policy"), default="ui")


class PolicyAtlasPlugin(BasePlugin[PolicyAtlasConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.command: str = "build"
        self.pages: SitePages | None = None
        self.lock: Lock = Lock()
        self.search_folded = False
        self._search_warned = False

    # --- configuration --------------------------------------------------------------

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        self.command = command

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self._search_warned = False
        root = Path(config.config_file_path).parent
        self.seeds_dir = (root / self.config.seeds_dir).resolve()
        self.lock_path = (root / self.config.lock_file).resolve()
        self.ui_lang = str(config.theme.get("language") or "en")
        if self.ui_lang.split("-")[0] != "en" and not has_catalog(self.ui_lang):
            log.warning(
                "theme.language '%s': Policy Atlas has no labels in this language, so its pages use English labels. "
                "Add a catalog with 'make i18n-update' (I18N_LANGS) and translate it.",
                self.ui_lang,
            )
        for name in REQUIRED_EXTENSIONS:
            if name not in config.markdown_extensions:
                config.markdown_extensions.append(name)
        for path in asset_files():
            if path.endswith(".css") and path not in config.extra_css:
                config.extra_css.append(path)
        for js in ("assets/policy-atlas/policy-atlas.js", "assets/policy-atlas/matrix.js"):
            if js not in [str(s) for s in config.extra_javascript]:
                config.extra_javascript.append(js)  # type: ignore[arg-type]
        return config

    # --- pages ----------------------------------------------------------------------

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        try:
            self.lock = Lock.load_cached(self.lock_path) if self.config.lock != "off" else Lock()
        except (OSError, ValueError) as exc:
            log.warning(
                "%s: the anchor lock could not be read (%s). Restore it from version control.", self.lock_path.name, exc
            )
            self.lock = Lock()
        home = files.get_file_from_path("index.md")
        self.pages = build(
            self.seeds_dir,
            self.lock,
            self.ui_lang,
            home_template=HOME_MARKER if home else None,
            shown_dir=self.config.seeds_dir,
            labels=self.config.labels,
        )
        for problem in self.pages.assembled.problems:
            (log.info if problem.severity == "note" else log.warning)("%s", problem.format())
        for path, markdown in self.pages.pages.items():
            if path == "index.md" and home is not None:
                continue  # the hand-written home page gets the table in on_page_markdown
            existing = files.get_file_from_path(path)
            if existing is not None:
                log.warning(
                    "%s exists in docs/ and is also generated from the seeds; the generated page wins. Remove it from docs/.",
                    path,
                )
                files.remove(existing)
            files.append(File.generated(config, path, content=markdown))
        for path, content in {**asset_files(), **self.pages.extra}.items():
            files.append(File.generated(config, path, content=content))
        if self.command != "serve":
            # one build: nothing is asked twice, so the memos only hold memory MkDocs needs
            cache.clear()
            self.pages.pages.clear()
            self.pages.extra.clear()
        return files

    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if page.file.src_uri == "index.md" and self.pages is not None and not page.file.generated_by:
            return render_home(self.pages.assembled.site, Labels(self.ui_lang), markdown)
        return None

    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if page.file.generated_by and "toc" in (page.meta.get("hide") or ()):
            # a long topic page hides its table of contents (one entry per policy): Material
            # would still write it into the page for small screens, some 180 KB at 1,000
            page.toc = get_toc([])
        return None

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        return add_csp(self._search_on_demand(output, page.file.src_uri))

    def on_post_template(self, output_content: str, /, *, template_name: str, config: MkDocsConfig) -> str:
        if not template_name.endswith(".html"):
            return output_content
        return add_csp(self._search_on_demand(output_content, template_name))

    def _search_on_demand(self, html: str, name: str) -> str:
        """The page with the script that loads the search index on demand; a warning (once a
        build) where a page with Material's search form has no bundle tag as we know it."""
        out = load_index_on_demand(html, SEARCH_ON_DEMAND)
        if out is html and 'name="search"' in html and not self._search_warned:
            self._search_warned = True
            log.warning(
                "%s: Material's script tag was not found, so the search index loads on every page. "
                "Check that the theme is Material 9 (requirements in pyproject.toml).",
                name,
            )
        return out

    # --- after the build --------------------------------------------------------------

    @event_priority(100)  # before Material's search plugin writes its index
    def _fold_search_entries(self, *, config: MkDocsConfig) -> None:
        """Under `mkdocs serve`, fold Material's search entries in memory before it writes
        them: the index (35 MB at 1,000 policies) is then written once, not twice. (A build
        rewrites it afterwards instead, in UTF-8, smaller than Material's ASCII escapes.)"""
        self.search_folded = False
        if self.pages is None or self.command != "serve":
            return
        search = _search_index(config)
        if search is not None:
            fold_entries(search[0], search[1], self._search_langs())
            self.search_folded = True

    @event_priority(-100)  # after Material's search plugin has written its index
    def _after_build(self, *, config: MkDocsConfig) -> None:
        if self.pages is None:
            return
        index = Path(config.site_dir) / "search" / "search_index.json"
        if index.is_file() and not self.search_folded:
            langs = self._search_langs()
            search = _search_index(config)
            if search is not None:  # Material's entries, as it has just written them
                keys = ("lang", "separator", "pipeline", "fields")  # the settings Material writes
                head = {k: search[0][k] for k in keys if k in search[0]}
                parts = folded_index_parts(head, search[1], langs)
            else:
                parts = [fold_search_index(index.read_text(encoding="utf-8"), langs).encode("utf-8")]
            with index.open("wb") as out:
                out.writelines(parts)
        if self.config.lock != "update" or self.command != "build":
            return
        if config.strict and _warnings_so_far():
            return  # the build is about to fail: publish nothing into the lock
        if self.pages.assembled.lock.save(self.lock_path):
            log.info("Anchor lock updated: %s", self.lock_path.name)

    on_post_build = CombinedEvent(_fold_search_entries, _after_build)

    def _search_langs(self) -> list[str]:
        """The languages of the labels and of every policy: the stemmers search loads."""
        policies = self.pages.assembled.site.policies if self.pages is not None else ()
        return [self.ui_lang] + [p.lang for p in policies]

    # --- serve ------------------------------------------------------------------------

    def on_serve(self, server: Any, /, *, config: MkDocsConfig, builder: Any) -> Any:
        if self.seeds_dir.is_dir():
            server.watch(str(self.seeds_dir))
        if self.pages is not None:
            # The first build analysed the seeds in worker processes: make this process ready
            # for the languages present, so the first edit of a seed does not wait for it
            # (about 30 ms a language, once). Not in a background thread: Babel's data lock
            # and the import lock, taken in two orders by two threads, can deadlock.
            prepare_languages(p.lang for p in self.pages.assembled.site.policies)
        return server


def _search_index(config: MkDocsConfig) -> tuple[dict[str, object], list[dict[str, object]]] | None:
    """The settings and entries of Material's search index in memory, if its plugin is on
    (it writes them as JSON in its own on_post_build)."""
    for plugin in config.plugins.values():
        index = getattr(plugin, "search_index", None)
        entries = getattr(index, "entries", None)
        settings = getattr(index, "config", None)
        if isinstance(entries, list) and isinstance(settings, dict):
            return settings, entries
    return None


def _warnings_so_far() -> int:
    """Warnings MkDocs has counted in this build (it fails `--strict` builds on them)."""
    for handler in logging.getLogger("mkdocs").handlers:
        if isinstance(handler, CountHandler):
            return sum(count for level, count in handler.counts.items() if level >= logging.WARNING)
    return 0
