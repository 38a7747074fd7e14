"""The built site in a real browser (Debian's chromium driven by Playwright)."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import ABSOLUTE_HREFS, Project

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]

pytestmark = pytest.mark.browser

if not Path(CHROMIUM).exists():  # `make test` installs it; say so plainly when run by hand
    pytest.skip("chromium is not installed (make browser-deps installs Debian's package)", allow_module_level=True)

from playwright.sync_api import Browser, Page, sync_playwright  # noqa: E402
from playwright.sync_api import TimeoutError as PlaywrightTimeout  # noqa: E402


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def chromium() -> Iterator[Browser]:
    """Debian's headless chromium, driven by Playwright."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    yield from chromium()


def serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


@pytest.fixture(scope="module")
def site_url(built: Project) -> Iterator[str]:
    server, url = serve(built.site)
    yield url
    server.shutdown()


def in_view(page: Page, element_id: str) -> bool:
    return bool(
        page.evaluate(
            """(id) => { const el = document.getElementById(id); if (!el) return false;
                 const r = el.getBoundingClientRect();
                 const scrolled = window.scrollY > 0 || r.top + window.scrollY < window.innerHeight;
                 return scrolled && r.top >= -5 && r.top < window.innerHeight; }""",
            element_id,
        )
    )


@pytest.mark.parametrize(
    ("path", "anchor"),
    [
        ("policies/webprom/", "ruajtje"),
        ("policies/webprom/", "topic-retention"),
        ("policies/wuhan-chuangzhi-yicheng-technology/", "s-2-2"),
        ("policies/zasady-ochrany-osobnich-udaju/", "jak-se-k-nam-dostanete"),
    ],
)
def test_deep_links_scroll_their_section_into_view(browser: Browser, site_url: str, path: str, anchor: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(f"{site_url}{path}#{anchor}")
    page.wait_for_load_state("load")
    page.wait_for_timeout(300)
    assert in_view(page, anchor), anchor
    page.close()


def test_copy_link_puts_url_and_citation_on_the_clipboard(browser: Browser, site_url: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    page = context.new_page()
    page.goto(f"{site_url}policies/webprom/#ruajtje")
    page.locator("#ruajtje .pa-copy").click()
    page.wait_for_function("document.querySelector('#ruajtje .pa-copy').classList.contains('pa-copied')")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == "https://policies.example.org/policies/webprom/#ruajtje\nWebProm – Privacy Policy, § Ruajtje"
    context.close()


def test_the_home_and_matrix_tables_fit_their_box(browser: Browser, site_url: str) -> None:
    """At a desktop width the five seeds' tables fit the page: no sideways scrollbar for a
    few pixels that a file name ("002_2c17a0862c804fc4.txt") or a title would overflow."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    for path in ("", "matrix/"):
        page.goto(f"{site_url}{path}")
        boxes = page.evaluate(
            "() => [...document.querySelectorAll('.md-typeset__scrollwrap')].map(e => [e.scrollWidth, e.clientWidth])"
        )
        assert boxes and all(scroll <= client for scroll, client in boxes), (path, boxes)
    page.close()


def _internal_pages(site: Path) -> list[str]:
    pages = []
    for html in sorted(site.rglob("index.html")):
        rel = html.parent.relative_to(site).as_posix()
        pages.append("" if rel == "." else f"{rel}/")
    return pages


def test_every_page_loads_nothing_from_other_hosts_and_logs_no_error(
    browser: Browser, built: Project, site_url: str
) -> None:
    page = browser.new_page()
    foreign: list[str] = []
    errors: list[str] = []
    page.on(
        "request",
        lambda r: (
            foreign.append(r.url)
            if urlsplit(r.url).hostname not in ("127.0.0.1", None) and not r.url.startswith("data:")
            else None
        ),
    )
    page.on("console", lambda m: errors.append(f"{page.url}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(f"{page.url}: {e}"))
    broken: list[str] = []
    for path in _internal_pages(built.site):
        response = page.goto(f"{site_url}{path}")
        assert response is not None and response.ok, path
        page.wait_for_load_state("load")
        # every link and every anchor on the page resolves
        for href in page.eval_on_selector_all("a[href]", ABSOLUTE_HREFS):
            parts = urlsplit(href)
            if parts.hostname != "127.0.0.1":
                continue
            target = built.site / parts.path.lstrip("/")
            if not (target.is_file() or (target / "index.html").is_file()):
                broken.append(f"{path} -> {href}")
            elif parts.fragment and parts.path == urlsplit(page.url).path:
                if not page.evaluate("(id) => !!document.getElementById(id)", parts.fragment):
                    broken.append(f"{path} -> #{parts.fragment}")
    assert foreign == []
    assert errors == []
    assert broken == []
    page.close()


def test_an_old_id_still_lands_on_its_renamed_section(browser: Browser, project: Project) -> None:
    project.build()
    seed = project.seeds / "004_bccd684d4b65cbbb.txt"
    seed.write_text(
        seed.read_text(encoding="utf-8").replace("\nFëmijët\n", "\nFëmijët dhe të miturit\n"), encoding="utf-8"
    )
    project.build()
    server, url = serve(project.site)
    try:
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.goto(f"{url}policies/webprom/#femijet")
        page.wait_for_timeout(300)
        assert in_view(page, "femijet") and in_view(page, "femijet-dhe-te-miturit")
        page.close()
    finally:
        server.shutdown()


def test_language_switch_lands_on_the_same_policy(browser: Browser, site_url: str) -> None:
    page = browser.new_page()
    page.goto(f"{site_url}policies/webprom/#ruajtje")
    with page.expect_navigation():
        page.evaluate("document.querySelector('a.md-select__link[hreflang=cs]').click()")
    assert page.url.endswith("/cs/policies/webprom/#ruajtje"), page.url
    assert page.evaluate("document.documentElement.lang") == "cs"
    assert page.evaluate("document.getElementById('policy-body').lang") == "sq"
    with page.expect_navigation():
        page.evaluate("document.querySelector('a.md-select__link[hreflang=nb]').click()")
    assert page.url.endswith("/nb/policies/webprom/#ruajtje"), page.url
    page.close()


@pytest.mark.parametrize(
    ("query", "slug"),
    [
        ("privatësisë", "materiali-metal-civen-shanghai"),
        ("privatesise", "materiali-metal-civen-shanghai"),
        ("údaje", "zasady-ochrany-osobnich-udaju"),
        ("udaje", "zasady-ochrany-osobnich-udaju"),
    ],
)
def test_search_finds_policies_with_and_without_diacritics(
    browser: Browser, site_url: str, query: str, slug: str
) -> None:
    page = browser.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(site_url)
    page.locator(".md-search__input").first.click()
    # the search worker builds its index first; a query typed before it is ready is dropped
    for _attempt in range(6):
        page.fill(".md-search__input", "")
        page.type(".md-search__input", query)
        try:
            page.wait_for_selector(".md-search-result__item", timeout=5000)
            break
        except PlaywrightTimeout:
            continue
    assert errors == []
    links = page.eval_on_selector_all(".md-search-result__link", "els => els.map(e => e.href)")
    assert any(f"/policies/{slug}/" in link for link in links), links
    page.close()


@pytest.mark.parametrize("how", ["click", "key"])
def test_the_search_index_loads_when_the_reader_goes_to_search(browser: Browser, site_url: str, how: str) -> None:
    """Not on every page: Material would request it as each page loads (30 MB at 1,000
    policies). Clicking the search field, or pressing "/", sends the request, and searching
    then works."""
    page = browser.new_page()
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    page.goto(f"{site_url}matrix/", wait_until="load")
    page.wait_for_function("() => window.component$ !== undefined")  # the end of Material's set-up
    assert not [url for url in asked if "search_index.json" in url]
    with page.expect_response(lambda response: "search_index.json" in response.url and response.ok):
        if how == "click":
            page.locator(".md-search__input").first.click()
        else:
            page.keyboard.press("/")
    page.wait_for_function("() => !/Initializ/i.test(document.querySelector('.md-search-result__meta').textContent)")
    page.keyboard.type("udaje")
    page.wait_for_selector(".md-search-result__item", timeout=10_000)
    links = page.eval_on_selector_all(".md-search-result__link", "els => els.map(e => e.href)")
    assert any("/policies/zasady-ochrany-osobnich-udaju/" in link for link in links), links
    page.close()


def test_a_page_opened_from_a_search_result_highlights_the_words(browser: Browser, site_url: str) -> None:
    """A search result leads to its page with ?h=<words> (search.highlight): Material marks
    the words there once it has the index, so that page loads the index at once."""
    page = browser.new_page()
    page.goto(f"{site_url}policies/webprom/?h=PayPal", wait_until="load")
    page.wait_for_selector("article mark", timeout=15_000)
    assert "paypal" in (page.text_content("article mark") or "").lower()
    page.close()


def test_hostile_payloads_never_run_or_load(browser: Browser, tmp_path: Path) -> None:
    from conftest import make_project
    from test_bad_input import HOSTILE

    project = make_project(tmp_path, seeds=None)
    (project.seeds / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    (project.seeds / "hostile-markdown.md").write_text(HOSTILE, encoding="utf-8")
    project.build(strict=False)
    server, url = serve(project.site)
    dialogs: list[str] = []
    foreign: list[str] = []
    try:
        page = browser.new_page()
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.on(
            "request", lambda r: foreign.append(r.url) if urlsplit(r.url).hostname not in ("127.0.0.1", None) else None
        )
        for path in _internal_pages(project.site):
            page.goto(f"{url}{path}")
            page.wait_for_load_state("load")
            for link in page.query_selector_all("#policy-body a"):
                assert not (link.get_attribute("href") or "").startswith(("javascript:", "data:"))
            page.wait_for_timeout(100)
        assert dialogs == []
        assert foreign == []
        assert page.evaluate("getComputedStyle(document.body).display") != "none"
        page.close()
    finally:
        server.shutdown()
