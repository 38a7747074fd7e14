"""Broken and hostile seeds: a clear message naming the file, never a traceback,
nothing lost silently, nothing from a seed executed or loaded."""

from __future__ import annotations

import html as html_lib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, Project, make_project

CZECH = "Zásady ochrany osobních údajů\n\nPokud třetí strana požádá o vaše osobní údaje, odmítneme je sdílet.\n\nJak chráníme vaše informace\n\nNaše týmy neúnavně pracují na ochraně vašich informací a na zajištění bezpečnosti.\n"
ALBANIAN = "Politika e privatësisë\n\nTë dhënat e grumbulluara\n\nNe mbledhim të dhëna për përdoruesit tanë dhe i ruajmë ato për 90 ditë.\n\nFëmijët\n\nNe nuk mbledhim të dhëna nga fëmijët nën moshën 16 vjeç.\n"
FRENCH = "Politique de confidentialité\n\nDonnées collectées\n\nNous collectons votre adresse électronique et vos préférences, à l'exception des données sensibles.\n"

HOSTILE = (
    """Hostile Privacy Policy

<script>alert('script')</script>
<img src="https://tracker.example/pixel.gif" onerror="alert('img')">
<iframe src="https://evil.example/"></iframe>
<svg onload="alert('svg')"><circle r="1"/></svg>
<style>body { display: none }</style>
[click me](javascript:alert('js')) and [data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)
Paragraph with attribute list {: onclick="alert('attr')" }
Jinja {{ config.site_name }} and {% raw %}{% for x in y %}{% endraw %}

# A Markdown heading that must stay text
| a | b |
|---|---|
| 1 | 2 |

Data we collect

We collect your e-mail address to send you the newsletter you asked for.
"""
    + "- " * 10_000
    + "deep\n"
    + "".join("  " * i + "- nested\n" for i in range(300))
)

# case -> (file name, bytes, expected severity or None when published cleanly)
CASES: dict[str, tuple[str, bytes, str | None]] = {
    "utf8_bom": ("utf8-bom.txt", b"\xef\xbb\xbf" + ALBANIAN.encode(), None),
    "utf16_bom": ("utf16-bom.txt", ALBANIAN.encode("utf-16"), None),
    "cp1250": ("windows-1250.txt", (CZECH * 3).encode("cp1250"), "note"),
    "cp1252": ("windows-1252.txt", (FRENCH * 3).encode("cp1252"), "note"),
    "iso_8859_2": ("iso-8859-2.txt", (CZECH * 3).replace("ř", "r").encode("iso-8859-2"), "note"),
    "mojibake": ("mojibake.txt", ALBANIAN.encode().decode("cp1252", errors="replace").encode(), "note"),
    "crlf": ("crlf.txt", ALBANIAN.replace("\n", "\r\n").encode(), None),
    "lone_cr": ("lone-cr.txt", ALBANIAN.replace("\n", "\r").encode(), None),
    "empty": ("empty.txt", b"", "error"),
    "whitespace": ("whitespace.txt", b"  \n\t\n   \n", "error"),
    "nul_bytes": ("nul.txt", b"Policy\x00\x00\x00binary\x00data" * 50, "error"),
    "png_renamed": ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 20, "error"),
    "too_large": ("huge.txt", (ALBANIAN * 80_000).encode()[: 20 * 1024 * 1024], "error"),
    "long_line": ("long-line.txt", ("Politika e privatësisë\n\n" + "fjalë " * 10_000).encode(), None),
    "heading_lines": ("headings.txt", "".join(f"Heading number {i}\n" for i in range(10_000)).encode(), None),
    "bad_yaml": ("bad-yaml.txt", b"---\ntitle: [unclosed\n---\n" + ALBANIAN.encode(), "error"),
    "wrong_types": ("wrong-types.txt", b"---\nupdated: yesterday\nlang: 42\n---\n" + ALBANIAN.encode(), "warning"),
    "unknown_keys": ("unknown-keys.txt", b"---\ncolour: red\n---\n" + ALBANIAN.encode(), "warning"),
    "unsafe_slug": ("unsafe-slug.txt", b"---\nslug: ../../etc\n---\n" + ALBANIAN.encode(), "warning"),
    "slash_slug": ("slash-slug.txt", b"---\nslug: a/b\n---\n" + ALBANIAN.encode(), "warning"),
    "empty_slug": ("empty-slug.txt", b"---\nslug: ''\n---\n" + ALBANIAN.encode(), "warning"),
    "slug_a": ("slug-a.txt", b"---\nslug: same-slug\n---\n" + CZECH.encode(), None),
    "slug_b": ("slug-b.txt", b"---\nslug: same-slug\n---\n" + FRENCH.encode(), "warning"),
    "identical_a": ("identical-a.txt", (FRENCH + "Contact: privacy@example.org\n").encode(), None),
    "identical_b": ("identical-b.txt", (FRENCH + "Contact: privacy@example.org\n").encode(), "note"),
    "space_name": ("name with spaces.txt", ALBANIAN.encode(), None),
    "unicode_name": ("privatësia ČR.txt", CZECH.encode(), None),
    "hidden": (".hidden.txt", ALBANIAN.encode(), "note"),
    "hostile": ("hostile.txt", HOSTILE.encode(), None),
    "hostile_md": ("hostile-markdown.md", HOSTILE.encode(), None),
}


@pytest.fixture(scope="module")
def bad(tmp_path_factory: pytest.TempPathFactory) -> Project:
    project = make_project(tmp_path_factory.mktemp("bad"))
    for name, data, _ in CASES.values():
        (project.seeds / name).write_bytes(data)
    outside = project.root / "outside.txt"
    outside.write_text(ALBANIAN, encoding="utf-8")
    os.symlink(outside, project.seeds / "link-outside.txt")
    return project


@pytest.fixture(scope="module")
def strict_result(bad: Project):  # type: ignore[no-untyped-def]
    return bad.build(check=False)


@pytest.fixture(scope="module")
def lenient(bad: Project, strict_result) -> Project:  # type: ignore[no-untyped-def]
    bad.build(strict=False)
    return bad


def problems(project: Project) -> dict[str, list[dict]]:
    data = json.loads((project.site / "policies.json").read_text(encoding="utf-8"))
    out: dict[str, list[dict]] = {}
    for problem in data["problems"]:
        out.setdefault(problem["source"].split("/", 1)[1], []).append(problem)
    return out


def published(project: Project) -> dict[str, dict]:
    data = json.loads((project.site / "policies.json").read_text(encoding="utf-8"))
    return {p["source"].split("/", 1)[1]: p for p in data["policies"]}


def test_strict_build_fails_naming_each_bad_file_without_a_traceback(strict_result) -> None:  # type: ignore[no-untyped-def]
    assert strict_result.returncode != 0
    assert "Traceback" not in strict_result.stderr
    for name, _, severity in CASES.values():
        if severity in ("error", "warning"):
            assert f"seeds/{name}" in strict_result.stderr, name
    assert "seeds/link-outside.txt" in strict_result.stderr


@pytest.mark.parametrize("case", sorted(CASES))
def test_each_case_is_published_or_listed(lenient: Project, case: str) -> None:
    name, _, severity = CASES[case]
    listed = problems(lenient).get(name, [])
    pages = published(lenient)
    if severity is None:
        assert name in pages, f"{name} was not published"
        assert not [p for p in listed if p["severity"] != "note"], listed
    elif severity == "error":
        assert name not in pages
        assert [p for p in listed if p["severity"] == "error"], f"{name} dropped silently"
        assert all(p["message"] and p["hint"] for p in listed)
    elif severity == "hidden":
        pass
    else:
        assert [p for p in listed if p["severity"] == severity], (name, listed)
        if case != "hidden":
            assert name in pages, f"{name} should still be published"
    # and the problems page shows every listed problem
    page = html_lib.unescape(re.sub(r"<[^>]+>", "", lenient.page("problems")))
    for problem in listed:
        assert name in page and problem["message"][:40] in page, problem


def test_encodings_are_decoded_and_guesses_named(lenient: Project) -> None:
    pages = published(lenient)
    czech = lenient.page(pages["windows-1250.txt"]["url"])
    assert "Zásady ochrany osobních údajů" in czech and "Encoding" in czech
    assert "mbledhim të dhëna" in lenient.page(pages["mojibake.txt"]["url"])
    assert "Ã«" not in lenient.page(pages["mojibake.txt"]["url"])
    for name in ("utf16-bom.txt", "crlf.txt", "lone-cr.txt", "utf8-bom.txt"):
        html = lenient.page(pages[name]["url"])
        assert "Fëmijët" in html and "\r" not in html
    notes = {p["message"] for p in problems(lenient)["windows-1250.txt"]}
    assert any("guessed" in m for m in notes)


def test_messages_name_the_line_where_it_helps(lenient: Project) -> None:
    listed = problems(lenient)
    assert listed["bad-yaml.txt"][0]["line"] == 2
    wrong = {p["message"]: p["line"] for p in listed["wrong-types.txt"]}
    assert any("updated" in m and line == 2 for m, line in wrong.items())
    assert any("lang" in m and line == 3 for m, line in wrong.items())
    assert "colour" in " ".join(p["message"] for p in listed["unknown-keys.txt"])


def test_slugs_stay_safe_and_unique(lenient: Project) -> None:
    slugs = [p["id"] for p in published(lenient).values()]
    assert len(slugs) == len(set(slugs))
    assert all(re.fullmatch(r"[a-z0-9][a-z0-9-]*", s) for s in slugs)
    assert not (lenient.site / "etc").exists() and not (lenient.root / "etc").exists()
    assert "same-slug" in slugs


def test_the_symlink_outside_is_refused(lenient: Project) -> None:
    listed = problems(lenient)["link-outside.txt"]
    assert listed[0]["severity"] == "error" and "outside" in listed[0]["message"]


def test_heading_lines_and_long_lines_are_published(lenient: Project) -> None:
    pages = published(lenient)
    headings = pages["headings.txt"]
    assert len(headings["sections"]) >= 1000
    assert len({s["id"] for s in headings["sections"]}) == len(headings["sections"])
    assert "fjalë fjalë" in lenient.page(pages["long-line.txt"]["url"])


def test_hostile_content_stays_text(lenient: Project) -> None:
    page = published(lenient)["hostile.txt"]
    html = lenient.page(page["url"])
    article = re.search(r'<div [^>]*id="policy-body".*?</article>', html, re.S)
    assert article
    body = article.group(0)
    for tag in ("<script", "<img", "<iframe", "<svg", "<style", "<table", "<h1"):
        assert tag not in body, tag
    assert not re.search(r"\son\w+=", body)
    assert 'href="javascript:' not in body and 'href="data:' not in body
    assert "tracker.example" not in re.sub(r"&[^;]+;", "", body) or "<img" not in body
    # the words are all there, as text
    text = html_lib.unescape(re.sub(r"<[^>]+>", "", body))
    for words in (
        "<script>alert('script')</script>",
        '<img src="https://tracker.example/pixel.gif" onerror="alert(\'img\')">',
        "{{ config.site_name }}",
        "# A Markdown heading that must stay text",
        "| a | b |",
        "[click me](javascript:alert('js'))",
        "{: onclick=\"alert('attr')\" }",
    ):
        assert words in text, words
    assert "Hostile Privacy Policy" in html
    # the 10,000-level list did not become 10,000 nested lists
    assert body.count("<ul>") < 50


def test_nothing_crashes_on_the_corpus_either(tmp_path: Path) -> None:
    """Every corpus file builds (many seeds at once are covered by the benchmark)."""
    from conftest import CORPUS

    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not beside the project")
    project = make_project(tmp_path, seeds=None)
    for path in sorted(CORPUS.iterdir())[:60]:
        (project.seeds / path.name).write_bytes(path.read_bytes())
    result = project.build(strict=False)
    assert "Traceback" not in result.stderr
    assert len(published(project)) >= 59


def test_hostile_markdown_seed_keeps_its_headings_inside_the_body(lenient: Project) -> None:
    page = published(lenient)["hostile-markdown.md"]
    html = lenient.page(page["url"])
    body = re.search(r'<div [^>]*id="policy-body".*?</article>', html, re.S)
    assert body and "<script" not in body.group(0) and "<iframe" not in body.group(0)
    assert "<h1" not in body.group(0)  # a seed's "#" heading is a section, never the page title
    assert any(s["title"] == "A Markdown heading that must stay text" for s in page["sections"])


def test_sections_piped_into_a_reader_that_stops_ends_without_a_traceback(tmp_path: Path) -> None:
    """`policy-atlas sections --body FILE | head -1`: when the reader closes the pipe early
    the command stops quietly, with no BrokenPipeError traceback. The text (a seed written
    out 40 times) prints far more than a pipe holds, so the writer meets the closed pipe."""
    seed = tmp_path / "long.txt"
    seed.write_text("\n\n".join([(ROOT / "seeds" / "003_2c31ca6f0ba12496.txt").read_text(encoding="utf-8")] * 40))
    proc = subprocess.Popen(
        [sys.executable, "-m", "policy_atlas.cli", "sections", "--body", str(seed)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        bufsize=0,
    )
    assert proc.stdout is not None and proc.stderr is not None
    assert proc.stdout.read(20)
    proc.stdout.close()  # like `head` exiting after its first line
    err = proc.stderr.read().decode()
    proc.wait(timeout=60)
    assert "Traceback" not in err and "BrokenPipeError" not in err
