"""The five seeds' facts, as the topics issue states them, from the built site."""

from __future__ import annotations

import json

from conftest import Project


def facts(built: Project) -> dict[str, dict]:
    data = json.loads((built.site / "policies.json").read_text(encoding="utf-8"))
    return {p["source"].split("/")[-1][:3]: p for p in data["policies"]}


def test_seed_facts(built: Project) -> None:
    f = facts(built)
    assert f["002"]["facts"]["retention"] == ["P3Y"]
    assert f["003"]["facts"]["retention"] == ["P2Y"]
    assert f["004"]["facts"]["retention"] == ["P90D", "P14D", "P30D"]
    assert [f[k]["facts"]["min_age"] for k in ("000", "001", "004")] == [16, 14, 18]
    assert f["000"]["facts"]["transfer_countries"] == ["US"]  # not Switzerland: "nëse jeni banor i ... Zvicër"
    assert f["002"]["facts"]["transfer_countries"] == ["CN", "SG"]
    assert f["003"]["facts"]["transfer_countries"] == ["CN", "SG"]
    assert f["004"]["facts"]["emails"] == ["info@webprom.xyz"]
    assert f["002"]["facts"]["hidden_emails"] == 2 and f["003"]["facts"]["hidden_emails"] == 1
    assert f["002"]["facts"]["emails"] == [] and f["003"]["facts"]["emails"] == []  # hidden, never invented
    assert "PayPal" in f["004"]["facts"]["third_parties"] and "Huawei" in f["001"]["facts"]["third_parties"]
    assert (f["000"]["updated"], f["002"]["updated"], f["002"]["effective"]) == ("2023-06-30", "2024", "2024")
    assert (f["003"]["updated"], f["003"]["effective"]) == ("2023-12-29", "2023-12-29")


def test_every_fact_has_its_evidence(built: Project) -> None:
    for entry in facts(built).values():
        sections = {s["id"] for s in entry["sections"]} | {None}
        evidence = entry["facts"]["evidence"]
        for period in entry["facts"]["retention"]:
            found = [e for e in evidence["retention"] if e["value"] == period]
            assert found and found[0]["section"] in sections and found[0]["quote"]
        for item in evidence.values():
            for e in item:
                assert e["section"] in sections and e["quote"]


def test_topic_anchors_land_on_sections(built: Project) -> None:
    for entry in facts(built).values():
        html = built.page(entry["url"])
        ids = [s["id"] for s in entry["sections"]]
        for topic, section in entry["topics"].items():
            # a section, or the opening (the text before the first heading) tagged with it
            opening = entry["opening"] or {"id": None, "topics": []}
            assert section in ids or (section == opening["id"] and topic in opening["topics"])
            assert f'id="topic-{topic}"' in html and f'id="{section}"' in html
    webprom = facts(built)["004"]
    assert webprom["topics"]["retention"] == "ruajtje" and webprom["topics"]["children"] == "femijet"
