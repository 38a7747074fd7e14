"""The search index with accent-free words: the in-memory path writes what the file path wrote."""

from __future__ import annotations

import copy
import html
import json
import re

import pytest
from conftest import Project
from policy_atlas import search
from policy_atlas.lexicon import TOPIC_IDS

CONFIG = {
    "lang": ["en"],
    "separator": "[\\s\\-]+",
    "pipeline": ["stopWordFilter"],
    "fields": {"title": {"boost": 1000.0}},
}
DOCS = [
    {
        "location": "policies/webprom/",
        "title": "Politika e privatësisë",
        "text": "<p>Të dhënat e privatësisë dhe údaje</p>",
    },
    {"location": "policies/webprom/#ruajtje", "title": "Ruajtje", "text": "Plain ASCII text only."},
    {"location": "tags/", "title": "Tagged", "text": "Café", "tags": ["a", "b"], "boost": 2.5},
    {"location": "empty/", "title": "", "text": ""},
]


def test_folded_index_writes_what_folding_the_file_wrote() -> None:
    raw = json.dumps({"config": CONFIG, "docs": DOCS}, separators=(",", ":"), default=str)  # as Material
    before = copy.deepcopy(DOCS)
    expected = search.fold_search_index(raw, ["sq", "cs", "en", "nb"])
    data = json.loads(expected)
    assert data["config"]["lang"] == ["en", "no"]
    assert "privatesise" in data["docs"][0]["text"] and "udaje" in data["docs"][0]["text"]
    assert data["docs"][1]["text"] == "Plain ASCII text only."
    assert search.folded_index(CONFIG, DOCS, ["sq", "cs", "en", "nb"]) == expected.encode()
    assert before == DOCS  # Material's entries are left as they were


def test_entries_folded_in_place_serialize_as_the_folded_file() -> None:
    """`mkdocs serve` folds Material's entries before Material writes them (ASCII-escaped
    JSON): the same index as the rewritten file, rebuild after rebuild, the edited entry anew."""
    expected = json.loads(search.fold_search_index(json.dumps({"config": CONFIG, "docs": DOCS}), ["sq", "en"]))
    for _ in range(2):  # the second build finds every entry's text as it was
        config, docs = copy.deepcopy(CONFIG), copy.deepcopy(DOCS)
        search.fold_entries(config, docs, ["sq", "en"])
        written = json.loads(json.dumps({"config": config, "docs": docs}, separators=(",", ":"), default=str))
        assert written == expected
    edited = copy.deepcopy(DOCS)
    edited[0]["text"] = "Çështje të reja"
    search.fold_entries(copy.deepcopy(CONFIG), edited, ["sq", "en"])
    assert edited[0]["text"] == "Çështje të reja Ceshtje te"  # the words that had diacritics


def test_a_passage_is_found_on_its_policy_page_only(built: Project) -> None:
    """The built site's index: topic pages and the matrix are found by their names, but what
    they only repeat of the policies (excerpts, cells, chart labels) is not indexed again."""
    docs = json.loads((built.site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    places = {entry["location"]: entry for entry in docs}
    topic_places = {place for place in places if place.startswith("topics/")}
    assert topic_places == {"topics/"} | {f"topics/{topic}/" for topic in TOPIC_IDS}
    assert places["topics/retention/"]["title"] == "Retention"
    assert places["matrix/#coverage"]["text"] == ""  # the heatmap's labels are not words to find

    # the first words of an excerpt the retention page shows: found in its policy, nowhere else
    page = (built.site / "topics" / "retention" / "index.html").read_text(encoding="utf-8")
    excerpt = re.search(r'<div class="pa-excerpts"[^>]*>\s*<p><strong>.*?</strong></p>\s*<p>(.*?)</p>', page, re.S)
    assert excerpt is not None
    words = re.findall(r"\w+", html.unescape(excerpt.group(1)))[:6]
    phrase = re.compile(r"\W+".join(map(re.escape, words)))
    found = [entry["location"] for entry in docs if phrase.search(html.unescape(entry["text"]))]
    assert found and all(place.startswith("policies/") for place in found), found

    titles = [
        p["title"] or p["label"]
        for p in json.loads((built.site / "policies.json").read_text(encoding="utf-8"))["policies"]
    ]
    for entry in docs:
        if entry["location"].startswith(("matrix/", "topics/")):
            assert not any(title in entry["text"] for title in titles), entry["location"]


BUNDLE = '<script src="{}assets/javascripts/bundle.a5f9d56c.min.js"></script>'


@pytest.mark.parametrize("root", ["../", "", "/", "/cs/"])
def test_the_on_demand_script_goes_right_before_materials_bundle(root: str) -> None:
    page = f"<body><article>…</article>\n{BUNDLE.format(root)}\n<script src='{root}x.js'></script></body>"
    out = search.load_index_on_demand(page, "assets/policy-atlas/search-on-demand.js")
    mine = f'<script src="{root}assets/policy-atlas/search-on-demand.js"></script>\n'
    assert out == page.replace(BUNDLE.format(root), mine + BUNDLE.format(root))


def test_a_page_without_materials_bundle_is_left_as_it_is() -> None:
    page = '<body><script src="assets/javascripts/bundle.min.js" defer></script></body>'
    assert search.load_index_on_demand(page, "assets/policy-atlas/search-on-demand.js") == page


def test_a_search_form_without_the_bundle_we_know_is_reported_once(caplog: pytest.LogCaptureFixture) -> None:
    """If a theme writes Material's script tag otherwise, the index would load on every page
    again: the build says so (a warning, which fails `--strict`), once, naming the page."""
    from policy_atlas.plugin import PolicyAtlasPlugin

    plugin = PolicyAtlasPlugin()
    page = '<form class="md-search__form" name="search"></form><script src="bundle.js" defer></script>'
    with caplog.at_level("WARNING", logger="mkdocs.plugins.policy_atlas"):
        assert plugin._search_on_demand(page, "matrix.md") == page
        assert plugin._search_on_demand(page, "index.md") == page
    warnings = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert len(warnings) == 1 and warnings[0].startswith("matrix.md: Material's script tag was not found")
