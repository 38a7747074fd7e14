"""The search index with accent-free words: the in-memory path writes what the file path wrote."""

from __future__ import annotations

import copy
import json

from policy_atlas import search

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
    for remember in (False, True, True):  # the second remembered build reuses the entries
        assert search.folded_index(CONFIG, DOCS, ["sq", "cs", "en", "nb"], remember=remember) == expected.encode()
    assert before == DOCS  # Material's entries are left as they were
