"""The matrix and topic pages at 1,000 policies, in a real browser (issue 4, "Done when").

One site of 1,000 policies generated from ../shared/corpus/ by the benchmark's own generator
(bench/bench.py, imported from its file) is built with the real `mkdocs build` in a temporary
folder outside the repository, once for every check here, even across pytest-xdist workers.
No timings are asserted: `make bench` measures them.
"""

from __future__ import annotations

import fcntl
import importlib.util
import os
import re
import shutil
import sys
from collections.abc import Iterator
from types import ModuleType
from urllib.parse import urlsplit

import pytest
from conftest import ABSOLUTE_HREFS, CORPUS, ROOT, Project
from test_browser import chromium, serve

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SIZE = 1000
MAX_MATRIX_BYTES = 2_000_000  # issue 7: the matrix page at 1,000 policies

from playwright.sync_api import Browser, Page  # noqa: E402


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("policy_atlas_bench", ROOT / "bench" / "bench.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """1,000 generated policies, built once; a second xdist worker waits for it and reuses it."""
    if not CORPUS.is_dir():
        pytest.skip(f"{CORPUS} is absent: the 1,000-policy site is generated from ../shared/corpus/")
    shared = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        shared = shared.parent  # the same folder for every xdist worker of this run
    work = shared / f"matrix-scale-{SIZE}"
    with open(shared / f"matrix-scale-{SIZE}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        project = Project(work / f"p{SIZE}")
        if not (work / "built").exists():
            bench = _bench()
            if work.exists():
                shutil.rmtree(work)
            work.mkdir()
            corpus = bench.make_corpus(work, SIZE, bench.load_sources())
            project = Project(corpus.root)
            project.build(strict=False)  # generated texts give warnings (dates, headings), not errors
            (work / "built").touch()
    return project


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    yield from chromium()


@pytest.fixture(scope="module")
def url(large: Project) -> Iterator[str]:
    server, url = serve(large.site)
    yield url
    server.shutdown()


@pytest.fixture
def matrix(browser: Browser, url: str) -> Iterator[Page]:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{url}matrix/", wait_until="load")
    page.wait_for_selector(".pa-matrix-tools[data-pa-ready]", state="attached", timeout=30_000)
    yield page
    assert errors == []
    page.close()


_ROWS = """() => Array.from(document.querySelectorAll('.pa-long tbody tr')).map(tr => ({
  hidden: tr.hidden,
  policy: tr.cells[0].textContent.trim(),
  lang: tr.cells[1].textContent.trim(),
  time: (tr.cells[2].querySelector('time') || {}).dateTime || null,
  links: Array.from(tr.cells).map(td => !!td.querySelector('a')),
}))"""


def _column(page: Page, label_id: str) -> int:
    index = page.evaluate(
        "(id) => Array.from(document.querySelectorAll('.pa-long thead th')).findIndex(th => th.querySelector('#' + id))",
        label_id,
    )
    assert index > 0, label_id
    return int(index)


def test_matrix_page_is_one_row_per_policy_and_small_enough(large: Project, matrix: Page) -> None:
    html = (large.site / "matrix" / "index.html").read_bytes()
    assert len(html) <= MAX_MATRIX_BYTES, len(html)
    rows = matrix.evaluate(_ROWS)
    assert len(rows) == SIZE
    assert not any(r["hidden"] for r in rows)
    shown = matrix.text_content(".pa-matrix-tools .pa-count") or ""
    assert shown.strip().endswith(str(SIZE)), shown
    # the charts are there, drawn at build time
    assert matrix.locator("svg.pa-heatmap path").count() > 0
    assert matrix.locator("svg.pa-retention rect").count() > 0


def test_sorting_a_column_reorders_the_rows(matrix: Page) -> None:
    before = [r["policy"] for r in matrix.evaluate(_ROWS)]
    updated = matrix.locator(".pa-long thead th").nth(2)
    updated.click()
    assert updated.get_attribute("aria-sort") == "ascending"
    rows = matrix.evaluate(_ROWS)
    times = [r["time"] for r in rows]
    dated = [t for t in times if t]
    assert len(dated) > 10
    assert times[: len(dated)] == dated, "policies without a date come last"
    assert dated == sorted(dated)
    assert [r["policy"] for r in rows] != before
    updated.click()
    assert updated.get_attribute("aria-sort") == "descending"
    dated_desc = [r["time"] for r in matrix.evaluate(_ROWS) if r["time"]]
    assert dated_desc == sorted(dated, reverse=True)
    title = matrix.locator(".pa-long thead th").nth(0)
    title.click()
    names = [r["policy"] for r in matrix.evaluate(_ROWS)]
    assert names == matrix.evaluate(
        "(names) => names.slice().sort(new Intl.Collator(document.documentElement.lang, "
        "{numeric: true, sensitivity: 'base'}).compare)",
        names,
    )


def test_filtering_by_language_and_by_topic_hides_the_others(matrix: Page) -> None:
    rows = matrix.evaluate(_ROWS)
    languages = sorted({r["lang"] for r in rows}, key=lambda lang: -sum(r["lang"] == lang for r in rows))
    lang = languages[1]  # a language of many policies, not all
    matrix.select_option(".pa-matrix-tools select >> nth=0", lang)
    rows = matrix.evaluate(_ROWS)
    shown = [r for r in rows if not r["hidden"]]
    assert 0 < len(shown) < SIZE
    assert all(r["lang"] == lang for r in shown)
    assert all(r["hidden"] for r in rows if r["lang"] != lang)
    assert (matrix.text_content(".pa-count") or "").strip().endswith(str(len(shown)))

    matrix.select_option(".pa-matrix-tools select >> nth=0", "")
    column = _column(matrix, "row-children")
    matrix.select_option(".pa-matrix-tools select >> nth=1", str(column))
    rows = matrix.evaluate(_ROWS)
    covered = [r for r in rows if r["links"][column]]
    assert 0 < len(covered) < SIZE
    assert all(not r["hidden"] for r in covered)
    assert all(r["hidden"] for r in rows if not r["links"][column])

    matrix.select_option(".pa-matrix-tools select >> nth=0", lang)  # both at once
    rows = matrix.evaluate(_ROWS)
    assert all((not r["hidden"]) == (r["lang"] == lang and r["links"][column]) for r in rows)


def test_filtering_by_a_third_party_finds_it_behind_a_count(matrix: Page) -> None:
    """The third parties column shows four names, then "+N" naming the others in its title:
    typing one of those others in the filter finds the policy all the same."""
    column = _column(matrix, "fact-third_parties")
    assert _column(matrix, "fact-contact") == column + 1
    # a policy and a third party its row names only in the title of "+N", nowhere in its text
    found = matrix.evaluate(
        """(column) => { for (const tr of document.querySelectorAll('.pa-long tbody tr')) {
             const more = tr.cells[column].querySelector('a[title]');
             if (!more) continue;
             const text = tr.textContent.toLowerCase();
             const hidden = more.title.split(', ').find(name => !text.includes(name.toLowerCase()));
             if (hidden) return {policy: tr.cells[0].textContent.trim(), hidden: hidden}; }
             return null; }""",
        column,
    )
    assert found is not None, "no policy names more than four third parties"
    hidden = found["hidden"]
    matrix.fill(".pa-matrix-tools input[type=search]", hidden)
    shown = [r["policy"] for r in matrix.evaluate(_ROWS) if not r["hidden"]]
    assert found["policy"] in shown and len(shown) < SIZE


def test_a_link_to_a_topics_row_shows_the_policies_covering_it(browser: Browser, url: str) -> None:
    """ "Same topic in other policies" links to matrix/#row-<topic>: on the matrix of one row
    per policy that filters it by the topic, and a later link to another row refilters."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{url}matrix/#row-children", wait_until="load")
    page.wait_for_selector(".pa-matrix-tools[data-pa-ready]", state="attached", timeout=30_000)
    column = _column(page, "row-children")
    assert page.eval_on_selector(".pa-matrix-tools select >> nth=1", "s => s.value") == str(column)
    rows = page.evaluate(_ROWS)
    shown = [r for r in rows if not r["hidden"]]
    assert 0 < len(shown) < SIZE and all(r["links"][column] for r in shown)
    page.evaluate("() => { window.location.hash = 'row-retention'; }")
    retention = _column(page, "row-retention")
    page.wait_for_function(
        "(value) => document.querySelectorAll('.pa-matrix-tools select')[1].value === value", arg=str(retention)
    )
    rows = page.evaluate(_ROWS)
    assert all((not r["hidden"]) == r["links"][retention] for r in rows)
    page.close()


def test_matrix_links_land_on_the_section_heading(browser: Browser, matrix: Page) -> None:
    columns = [_column(matrix, "row-retention"), _column(matrix, "fact-retention")]
    hrefs: list[str] = matrix.evaluate(
        """(columns) => Array.from(document.querySelectorAll('.pa-long tbody tr'))
             .flatMap(tr => columns.map(column => tr.cells[column]))
             .flatMap(td => Array.from(td.querySelectorAll('a[href*="#"]')).map(a => a.href))""",
        columns,
    )
    assert len(hrefs) > 50
    for href in hrefs[:: max(1, len(hrefs) // 4)][:4]:  # a tick and retention values, spread over the table
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.goto(href, wait_until="load")
        fragment = urlsplit(href).fragment
        tag = page.evaluate("(id) => { const el = document.getElementById(id); return el && el.tagName; }", fragment)
        assert tag is not None and re.fullmatch(r"H[1-6]", tag), (href, tag)
        page.close()


# a heading's id, or the anchor of a policy's opening (its text before the first heading)
_ID = re.compile(r'<h[1-6][^>]*\sid="([^"]+)"|<div class="pa-anchor" id="(policy-opening)"')


def test_a_topic_page_loads_and_every_deep_link_resolves(browser: Browser, large: Project, url: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{url}topics/retention/", wait_until="load")
    # a long topic page writes no table of contents (one entry per policy), even hidden
    html = (large.site / "topics" / "retention" / "index.html").read_text(encoding="utf-8")
    tables = re.findall(r'<nav class="md-nav md-nav--secondary"[^>]*>(.*?)</nav>', html, re.S)
    assert tables and all("<a " not in table for table in tables)
    assert html.count('href="../../policies/') > 100
    hrefs: list[str] = page.eval_on_selector_all("article a[href*='/policies/']", ABSOLUTE_HREFS)
    deep = [h for h in hrefs if urlsplit(h).fragment]
    assert len(deep) > 100
    headings: dict[str, set[str]] = {}
    broken = []
    for href in deep:
        parts = urlsplit(href)
        if parts.path not in headings:
            target = large.site / parts.path.lstrip("/") / "index.html"
            text = target.read_text(encoding="utf-8") if target.is_file() else ""
            headings[parts.path] = {heading or opening for heading, opening in _ID.findall(text)}
        if parts.fragment not in headings[parts.path]:
            broken.append(href)
    assert broken == []
    page.locator("article a[href*='/policies/'][href*='#']").nth(len(deep) // 2).click()
    page.wait_for_load_state("load")
    fragment = urlsplit(page.url).fragment
    tag = page.evaluate("(id) => document.getElementById(id).tagName", fragment)
    assert tag.startswith("H") or fragment == "policy-opening"
    assert errors == []
    page.close()


def test_without_javascript_the_matrix_is_still_all_there(browser: Browser, url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{url}matrix/", wait_until="load")
    assert page.locator(".pa-long tbody tr").count() == SIZE
    assert page.locator(".pa-long tbody tr a[href*='#']").count() > SIZE
    assert page.locator(".pa-long tbody tr").first.is_visible()
    assert page.locator("svg.pa-heatmap").count() == 1 and page.locator("svg.pa-retention").count() == 1
    context.close()
