"""The five seeds built by MkDocs with our plugin: pages, languages, safety, exports."""

from __future__ import annotations

import json
import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import yaml
from conftest import BIN, SEED_LANGS, Project, make_project

EXPECTED_SLUGS = {
    "000_e48afe074e6cf66d.txt": "materiali-metal-civen-shanghai",
    "001_00a49832638047e1.txt": "wuhan-chuangzhi-yicheng-technology",
    "002_2c17a0862c804fc4.txt": "002-2c17a0862c804fc4",
    "003_2c31ca6f0ba12496.txt": "zasady-ochrany-osobnich-udaju",
    "004_bccd684d4b65cbbb.txt": "webprom",
}


class Elements(HTMLParser):
    """Every element with its attributes, and the text, of one HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(html: str) -> Elements:
    parser = Elements()
    parser.feed(html)
    return parser


def policies(project: Project) -> dict[str, dict]:
    data = json.loads((project.site / "policies.json").read_text(encoding="utf-8"))
    return {p["source"].split("/")[-1]: p for p in data["policies"]}


def test_five_policy_pages_with_their_languages(built: Project) -> None:
    found = policies(built)
    assert set(found) == set(SEED_LANGS)
    for name, lang in SEED_LANGS.items():
        entry = found[name]
        assert entry["id"] == EXPECTED_SLUGS[name]
        assert entry["lang"] == lang
        assert 0.9 <= entry["lang_confidence"] <= 1.0
        page = parse(built.page(entry["url"].rstrip("/")))
        bodies = [a for tag, a in page.elements if a.get("id") == "policy-body"]
        assert len(bodies) == 1 and bodies[0]["lang"] == lang, name


def test_policies_json_schema(built: Project) -> None:
    data = json.loads((built.site / "policies.json").read_text(encoding="utf-8"))
    assert data["schema"] == 1 and data["generator"].startswith("policy-atlas ")
    keys = {
        "id",
        "source",
        "url",
        "title",
        "label",
        "publisher",
        "lang",
        "lang_confidence",
        "updated",
        "effective",
        "sections",
        "topics",
        "facts",
    }
    for entry in data["policies"]:
        assert keys <= set(entry)
        assert entry["url"] == f"policies/{entry['id']}/"
        assert entry["source"].startswith("seeds/")
        for key in ("updated", "effective"):
            assert entry[key] is None or re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", entry[key])
    by_name = policies(built)
    assert by_name["000_e48afe074e6cf66d.txt"]["updated"] == "2023-06-30"
    assert by_name["002_2c17a0862c804fc4.txt"]["updated"] == "2024"
    assert by_name["002_2c17a0862c804fc4.txt"]["effective"] == "2024"
    assert by_name["003_2c31ca6f0ba12496.txt"]["updated"] == "2023-12-29"
    assert by_name["003_2c31ca6f0ba12496.txt"]["effective"] == "2023-12-29"
    assert by_name["004_bccd684d4b65cbbb.txt"]["publisher"] == "WebProm"
    assert by_name["001_00a49832638047e1.txt"]["publisher"] == "Wuhan Chuangzhi Yicheng Technology Co, Ltd"


def test_seed_html_is_text_not_markup(built: Project) -> None:
    """Seed 000 starts with a tracking pixel: it is shown as text, never an element."""
    html = built.page("policies/materiali-metal-civen-shanghai")
    page = parse(html)
    tags = [tag for tag, _ in page.elements]
    assert "img" not in tags
    assert not any("facebook.com" in (v or "") for _, attrs in page.elements for v in attrs.values())
    body_text = "".join(page.text)
    assert '<img lartësia = "1"' in body_text  # nothing dropped: the text is visible
    article = re.search(r"<article.*?</article>", html, re.S)
    assert article is not None
    inner = parse(article.group(0))
    assert not {"script", "img", "iframe", "svg", "style", "object", "embed"} & {t for t, _ in inner.elements}
    assert not any(name.startswith("on") for _, attrs in inner.elements for name in attrs)


def test_page_header(built: Project) -> None:
    html = built.page("policies/zasady-ochrany-osobnich-udaju")
    assert "Czech" in html and "December 29, 2023" in html
    assert "seeds/003_2c31ca6f0ba12496.txt" in html
    header = re.search(r'<table class="pa-meta".*?</table>', html, re.S)
    assert header and "Words" in header.group(0)


def test_every_home_link_resolves(built: Project) -> None:
    html = built.page("")
    links = [a["href"] for tag, a in parse(html).elements if tag == "a" and a.get("href")]
    internal = [h for h in links if not urlsplit(h).scheme and not h.startswith("#")]
    assert sum(1 for h in internal if "policies/" in h and not h.endswith(".json")) >= 5
    for href in internal:
        path = urlsplit(urljoin("/", href)).path.lstrip("/")
        target = built.site / path
        assert target.is_file() or (target / "index.html").is_file(), href
    table = re.search(r"<table>.*?</table>", html, re.S)
    assert table is not None
    for name in ("Publisher", "Language", "Updated", "Paragraphs"):
        assert name in table.group(0)
    assert "WebProm" in table.group(0) and "Albanian" in table.group(0)


def test_nothing_from_other_hosts(built: Project) -> None:
    for page in built.site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for tag, attrs in parse(html).elements:
            for name in ("src", "href"):
                value = attrs.get(name) or ""
                if tag in ("script", "img", "iframe", "link") and name in attrs:
                    if tag == "link" and attrs.get("rel") == "canonical":
                        continue
                    assert not re.match(r"^(https?:)?//", value), (page, tag, value)
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html


def test_cli_render_writes_the_pages_the_plugin_builds(built: Project, tmp_path: Path) -> None:
    """`policy-atlas render` output, built by a bare MkDocs, gives the same policy pages."""
    out = tmp_path / "docs"
    subprocess.run(
        [
            str(BIN / "policy-atlas"),
            "render",
            "--seeds",
            str(built.seeds),
            "--out",
            str(out),
            "--lock",
            str(built.lock),
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    assert len(list((out / "policies").glob("*.md"))) == 5
    bare = make_project(tmp_path / "bare", seeds=None)
    (bare.root / "docs").rename(bare.root / "handwritten")
    out.rename(bare.root / "docs")
    config = yaml.safe_load((bare.root / "mkdocs.yml").read_text(encoding="utf-8"))
    config["plugins"] = ["search"]  # the same site, without our plugin
    del config["nav"]
    config["extra_css"] = ["assets/policy-atlas/policy-atlas.css"]
    config["extra_javascript"] = ["assets/policy-atlas/policy-atlas.js", "assets/policy-atlas/matrix.js"]
    (bare.root / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    bare.build(strict=False)
    for entry in policies(built).values():
        ours = re.search(r"<article.*?</article>", built.page(entry["url"]), re.S)
        theirs = re.search(r"<article.*?</article>", bare.page(entry["url"]), re.S)
        assert ours and theirs and ours.group(0) == theirs.group(0), entry["id"]


def test_only_the_themes_inline_scripts_are_allowed_never_one_in_the_content() -> None:
    import base64
    import hashlib

    from policy_atlas.csp import policy_for

    def allowed(body: str) -> str:
        return "'sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode() + "'"

    page = (
        '<html><head><meta charset="utf-8"><script>__md_scope=1</script><script src="x.js"></script></head>'
        '<body><article class="md-content__inner"><script>alert("from a page")</script></article>'
        '<script type="application/json" id="__config">{}</script><script>palette()</script></body></html>'
    )
    policy = policy_for(page)
    assert allowed("__md_scope=1") in policy and allowed("palette()") in policy
    assert allowed('alert("from a page")') not in policy and allowed("{}") not in policy
    assert policy.count("'sha256-") == 2


def test_every_page_has_a_content_security_policy_of_its_own_origin(built: Project) -> None:
    for page in built.site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        match = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html)
        assert match, page
        policy = match.group(1)
        assert "default-src 'self'" in policy and "object-src 'none'" in policy
        assert "http" not in policy and "*" not in policy and "'unsafe-eval'" not in policy
        assert "script-src 'self'" in policy and "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0]
        # the policy comes before any script
        assert html.index("Content-Security-Policy") < html.find("<script") or "<script" not in html


def test_what_policy_atlas_says_inside_a_policy_is_in_the_readers_language(tmp_path: Path) -> None:
    """Inside a policy's text, which carries the policy's `lang` (and `dir`), the notes,
    topic chips and generated titles Policy Atlas adds are the reader's: an English note
    inside an Arabic text reads left to right, the chips inside a German text are marked
    English. The policy's own title, on its page and in the tables, is marked as its
    language (an Arabic title reads right to left). A Markdown title line ("# ...", or a setext "===" underline) is the page's
    title and is not repeated, marks and all, in the text below it."""
    project = make_project(tmp_path, seeds=None)
    (project.seeds / "ar-notice.md").write_text(
        "# بيان الخصوصية\n\n## البيانات التي نجمعها\n\n"
        "نجمع اسمك وعنوان بريدك الإلكتروني عند التسجيل في التطبيق. نستخدم هذه البيانات لتقديم الخدمة.\n\n"
        "## مدة الاحتفاظ\n\nنحتفظ ببياناتك لمدة سنتين بعد آخر استخدام للتطبيق.\n",
        encoding="utf-8",
    )
    (project.seeds / "de-hinweis.md").write_text(
        "# Datenschutzhinweis der Beispiel GmbH\n\nStand: 1. Mai 2025\n\n"
        "## Welche Daten wir erheben\n\nWir erheben Ihren Namen und Ihre E-Mail-Adresse, wenn Sie ein Konto anlegen.\n\n"
        "## Speicherdauer\n\nWir speichern Ihre Daten zwei Jahre lang und löschen sie danach.\n",
        encoding="utf-8",
    )
    (project.seeds / "en-statement.md").write_text(
        "Example Privacy Statement\n=========================\n\nLast updated: 1 May 2025\n\n"
        "Data we collect\n---------------\n\nWe collect your name and e-mail address when you sign up.\n\n"
        "How long we keep it\n-------------------\n\nWe keep your data for two years after your last visit.\n",
        encoding="utf-8",
    )
    project.build()
    pages = {p.parent.name: p.read_text(encoding="utf-8") for p in (project.site / "policies").glob("*/index.html")}
    arabic = next(html for html in pages.values() if 'lang="ar"' in html)
    body = arabic[arabic.index('id="policy-body"') :]
    div = re.search(r'<div[^>]*id="policy-body"[^>]*>', arabic)
    assert div and 'dir="rtl"' in div.group(0)
    note = re.search(r'<p class="pa-note pa-untagged"([^>]*)>', body)
    assert note and 'lang="en"' in note.group(1) and 'dir="ltr"' in note.group(1)
    # the policy's own title, above its text and in every table, is in its own language
    h1 = re.search(r"<h1[^>]*>", arabic)
    assert h1 and 'lang="ar"' in h1.group(0) and 'dir="rtl"' in h1.group(0)
    for page in ("", "matrix/"):
        html = (project.site / page / "index.html").read_text(encoding="utf-8")
        links = [a for a in re.findall(r"<a [^>]*>", html) if "policies/" in a and 'lang="ar"' in a]
        assert links and all('dir="rtl"' in a for a in links), page
    german = next(html for html in pages.values() if 'lang="de"' in html)
    chips = re.findall(r'<p class="pa-topics"([^>]*)>', german)
    assert chips and all('lang="en"' in attrs and "dir=" not in attrs for attrs in chips)  # both left to right
    german_body = german[german.index('id="policy-body"') :]
    assert "Datenschutzhinweis" not in german_body.split("<h2", 1)[0]  # the title, once, above
    assert "Stand" in german_body.split("<h2", 1)[0]  # the date line is text of its own
    english = next(html for html in pages.values() if "Example Privacy Statement" in html)
    english_body = english[english.index('id="policy-body"') :]
    assert "=====" not in english_body and "&#61;&#61;" not in english_body
    assert "Example Privacy Statement" not in english_body.split("<h2", 1)[0]
    assert 'class="pa-topics"' in english and 'class="pa-topics" lang=' not in english  # English in English


def test_a_link_to_the_opening_keeps_working_when_the_opening_is_gone(tmp_path: Path) -> None:
    """#policy-opening (the text before the first heading) is an anchor a ticket can hold:
    when an edit removes the opening, the link still lands where the text starts."""
    project = make_project(tmp_path, seeds=None)
    seed = project.seeds / "notice.md"
    seed.write_text(
        "# Example Privacy Notice\n\nThis notice applies to everyone who uses the Example app and website.\n\n"
        "## Data we collect\n\nWe collect your name and e-mail address when you sign up.\n",
        encoding="utf-8",
    )
    project.build()
    page = next((project.site / "policies").glob("*/index.html"))
    assert 'id="policy-opening"' in page.read_text(encoding="utf-8")
    seed.write_text(
        "# Example Privacy Notice\n\n## Data we collect\n\nWe collect your name and e-mail address when you sign up.\n",
        encoding="utf-8",
    )
    project.build()
    html = page.read_text(encoding="utf-8")
    assert html.count('id="policy-opening"') == 1
    assert html.index('id="policy-opening"') < html.index('id="data-we-collect"')
