"""The reader's language around each policy's own language."""

from __future__ import annotations

import json
import re
import shutil

import pytest
from conftest import CORPUS, Project, make_project
from policy_atlas.i18n import Labels
from policy_atlas.i18n_check import REQUIRED

CZECH_POLICY = "policies/zasady-ochrany-osobnich-udaju"
WEBPROM = "policies/webprom"


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Project]:
    out = {}
    for lang in ("en", "cs", "sq"):
        project = make_project(tmp_path_factory.mktemp(f"site-{lang}"))
        project.set_config("  language: en\n", f"  language: {lang}\n")
        project.build()
        out[lang] = project
    return out


def _html_text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_html_lang_is_the_site_language_and_bodies_keep_theirs(sites: dict[str, Project]) -> None:
    for lang, project in sites.items():
        html = project.page(CZECH_POLICY)
        assert f'<html lang="{lang}"' in html
        assert 'id="policy-body" lang="cs"' in html


@pytest.mark.parametrize(
    ("lang", "date"), [("en", "December 29, 2023"), ("cs", "29. prosince 2023"), ("sq", "29 dhjetor 2023")]
)
def test_dates_in_the_readers_language(sites: dict[str, Project], lang: str, date: str) -> None:
    assert date in sites[lang].page(CZECH_POLICY)


def test_language_and_country_names_from_cldr(sites: dict[str, Project]) -> None:
    assert "albánština" in sites["cs"].page(WEBPROM)
    assert "albánština" in sites["cs"].page("")  # the home table
    matrix = _html_text(sites["cs"].page("matrix"))
    assert "Čína" in matrix and "Singapur" in matrix
    assert "Kinë" in _html_text(sites["sq"].page("matrix"))
    assert "China" in _html_text(sites["en"].page("matrix"))


def test_durations_never_show_a_raw_cldr_key(sites: dict[str, Project]) -> None:
    """CLDR has no duration units for Albanian: format_timedelta fills the gap."""
    matrix = _html_text(sites["sq"].page("matrix"))
    assert "90 ditë" in matrix and "2 vjet" in matrix
    assert "2 roky" in _html_text(sites["cs"].page("matrix"))
    for project in sites.values():
        for page in project.site.rglob("*.html"):
            assert "duration-" not in page.read_text(encoding="utf-8"), page


@pytest.mark.parametrize("lang", ["cs", "sq"])
def test_navigation_and_window_titles_of_generated_pages_are_translated(sites: dict[str, Project], lang: str) -> None:
    """The matrix, topics and problems pages are generated in the site's language: the
    navigation and the browser tab name them so too (mkdocs.yml gives them no English
    title); the hand-written pages keep their English titles."""
    t = Labels(lang)
    page = sites[lang].page(WEBPROM)
    nav = [re.sub(r"\s+", " ", m).strip() for m in re.findall(r'class="md-ellipsis">(.*?)</span>', page, re.S)]
    for message in ("Comparison matrix", "Topics", "Problems"):
        assert t(message) != message and t(message) in nav, (message, nav)
        assert message not in nav, (message, nav)
    assert "Linking to a section" in nav
    assert f"<title>{t('Comparison matrix')} - Policy Atlas</title>" in sites[lang].page("matrix")
    assert f"<title>{t('Topics')} - Policy Atlas</title>" in sites[lang].page("topics")


@pytest.mark.parametrize("lang", ["cs", "sq"])
def test_labels_topics_and_matrix_headers_are_translated(sites: dict[str, Project], lang: str) -> None:
    t = Labels(lang)
    matrix = _html_text(sites[lang].page("matrix"))
    policy = _html_text(sites[lang].page(WEBPROM))
    for message in ("Comparison matrix", "Retention", "Your rights", "Minimum age", "Third parties"):
        assert t(message) != message, f"{lang}: {message} is not translated"
        assert t(message) in matrix
    for message in ("Publisher", "Language", "Source file", "Retention", "Same topic in other policies"):
        assert t(message) in policy
    # no English label left: every msgid of three words or more is absent from the pages
    catalog = sites[lang].site  # any page of the site
    english = [m for m in _msgids() if len(m.split()) >= 3 and "%(" not in m and t(m) != m]
    for page in catalog.rglob("*.html"):
        text = _html_text(page.read_text(encoding="utf-8"))
        found = [m for m in english if m in text]
        assert not found, (page, found)


def _msgids() -> list[str]:
    from babel.messages.pofile import read_po
    from policy_atlas.i18n import _locale_dir

    with open(f"{_locale_dir()}/policy_atlas.pot", "rb") as handle:
        return [m.id for m in read_po(handle) if isinstance(m.id, str) and m.id]


def test_catalogs_of_the_nine_languages_are_complete() -> None:
    for lang in REQUIRED:
        t = Labels(lang)
        if lang != "en":
            assert t("Comparison matrix") != "Comparison matrix", lang


def test_labels_policy_speaks_each_policys_language(project: Project) -> None:
    project.set_config(
        "      lock_file: anchors.lock.json\n", "      lock_file: anchors.lock.json\n      labels: policy\n"
    )
    project.build()
    albanian = Labels("sq")
    assert albanian("Publisher") in project.page(WEBPROM)
    assert Labels("cs")("Source file") in project.page(CZECH_POLICY)
    assert "Comparison matrix" in project.page("matrix")  # site pages stay in the site's language


def test_an_unsupported_site_language_falls_back_to_english_with_one_warning(project: Project) -> None:
    project.set_config("  language: en\n", "  language: fi\n")
    result = project.build(strict=False)
    warnings = [line for line in result.stderr.splitlines() if "theme.language 'fi'" in line]
    assert len(warnings) == 1 and "English" in warnings[0]
    assert "Publisher" in project.page(WEBPROM)
    assert project.build(check=False).returncode != 0  # --strict fails on it


def test_right_to_left_policy_gets_dir_rtl(tmp_path) -> None:  # type: ignore[no-untyped-def]
    arabic = sorted(CORPUS.glob("ar--*.md")) if CORPUS.is_dir() else []
    if not arabic:
        pytest.skip("../shared/corpus is not beside the project")
    project = make_project(tmp_path, seeds=None)
    shutil.copy(arabic[0], project.seeds / "arabic.md")
    project.build(strict=False)
    data = json.loads((project.site / "policies.json").read_text(encoding="utf-8"))
    entry = data["policies"][0]
    assert entry["lang"] == "ar"
    html = project.page(entry["url"])
    body = re.search(r'<div [^>]*id="policy-body"[^>]*>', html)
    assert body and 'dir="rtl"' in body.group(0) and 'lang="ar"' in body.group(0)
