"""The pages that compare policies (matrix, charts, matrix.csv) on the real pipeline: the
five seeds and a policy in a language Policy Atlas has no data for."""

from __future__ import annotations

import csv
import html
import io
import json
import re
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import SEEDS, require_corpus
from policy_atlas.anchors import Lock
from policy_atlas.i18n import Labels
from policy_atlas.model import Policy
from policy_atlas.render import md_text
from policy_atlas.render_compare import (
    CHART_LIMIT,
    LONG_CELL_VALUES,
    TRANSPOSE_AT,
    WIDE_LIMIT,
    fact_cell,
    heatmap_svg,
    render_matrix,
    retention_svg,
)
from policy_atlas.site import SitePages, build

# A Vietnamese notice (no data file for Vietnamese): it speaks of cookies, of keeping data
# 90 days, of users under 16 and of servers in Singapore, all in words only a Vietnamese
# data file could read; its e-mail address and PayPal are read in any language.
VIETNAMESE = """---
lang: vi
---
Chính sách quyền riêng tư

Chúng tôi thu thập tên, địa chỉ email và số điện thoại của bạn khi bạn đăng ký tài khoản.
Trang web của chúng tôi sử dụng cookie để ghi nhớ lựa chọn của bạn và đo lường lưu lượng truy cập.
Dữ liệu được lưu trữ trong 90 ngày trên máy chủ đặt tại Singapore, sau đó bị xóa.
Thanh toán được xử lý bởi PayPal. Dịch vụ không dành cho người dưới 16 tuổi.
Mọi câu hỏi xin gửi về privacy@example.vn.
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> SitePages:
    seeds = tmp_path_factory.mktemp("compare") / "seeds"
    shutil.copytree(SEEDS, seeds)
    (seeds / "vi-notice.md").write_text(VIETNAMESE, encoding="utf-8")
    return build(seeds, Lock(), "en", home_template=None)


def _policy(site: SitePages, source_name: str) -> Policy:
    return next(p for p in site.assembled.site.policies if p.source.endswith(source_name))


def test_facts_read_through_a_language_are_unknown_where_it_has_no_data(site: SitePages) -> None:
    """Retention, minimum age, countries and cookies need a language's words: for the
    Vietnamese notice they are unknown ("n/a", null, an empty cell), not "none" or "no";
    its e-mail address and PayPal are found all the same."""
    vi = _policy(site, "vi-notice.md")
    assert not vi.lang_supported
    entry = next(p for p in json.loads(site.extra["policies.json"])["policies"] if p["id"] == vi.slug)
    facts = entry["facts"]
    assert facts["retention"] is None and facts["min_age"] is None
    assert facts["transfer_countries"] is None and facts["cookies"] is None
    assert facts["emails"] == ["privacy@example.vn"] and facts["third_parties"] == ["PayPal"]
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(site.extra["matrix.csv"]))}
    assert [rows[vi.slug][k] for k in ("retention", "min_age", "transfer_countries", "cookies")] == ["", "", "", ""]
    assert rows[vi.slug]["emails"] == "privacy@example.vn"
    # a policy read in its language that does not say it uses cookies: "not stated", not "no"
    seed_001 = _policy(site, "001_00a49832638047e1.txt")
    assert rows[seed_001.slug]["cookies"] == "not stated"
    assert {row["cookies"] for row in rows.values()} == {"yes", "not stated", ""}
    # the matrix (one column per policy): "n/a" for the four, the address as found
    matrix = site.pages["matrix.md"]
    for fact in ("retention", "min_age", "countries", "cookies"):
        cells = _row(matrix, f"fact-{fact}")
        assert cells[_column_of(site, vi)] == "n/a", fact
    assert "privacy@example.vn" in _row(matrix, "fact-contact")[_column_of(site, vi)]


def _row(matrix: str, row_id: str) -> list[str]:
    line = next(line for line in matrix.splitlines() if f'id="{row_id}"' in line)
    return [cell.strip() for cell in line.strip().strip("|").split("|")][1:]


def _column_of(site: SitePages, policy: Policy) -> int:
    return list(site.assembled.site.policies).index(policy)


def test_every_row_of_the_matrix_has_an_id_of_its_own(site: SitePages) -> None:
    """Retention, cookies and contact are topics and facts: their two rows are two targets."""
    ids = re.findall(r'id="([^"]+)"', site.pages["matrix.md"]) + re.findall(r"\{#([\w-]+)", site.pages["matrix.md"])
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    assert {"row-retention", "fact-retention", "row-cookies", "fact-cookies", "row-contact", "fact-contact"} <= set(ids)


def test_the_heatmap_hatches_what_could_not_be_tagged_and_keeps_the_page_width(site: SitePages) -> None:
    t = Labels("en")
    policies = site.assembled.site.policies
    svg = heatmap_svg(policies, t)
    # one column per policy: the Vietnamese one hatched, its tooltip saying why; a legend
    assert 'fill="url(#pa-untagged)"' in svg
    tips = re.findall(r"<title>(.*?)</title>", svg)
    assert any(tip.endswith("&#10;topics could not be tagged") for tip in tips)
    assert not any("Chính sách" in tip and "0 %" in tip for tip in tips)
    assert ">100%<" in svg and ">topics could not be tagged<" in svg
    # more policies than TRANSPOSE_AT: one row each, the topics as columns, as wide as before
    many = policies * (TRANSPOSE_AT // len(policies) + 1)
    wide = heatmap_svg(many, t)
    width = int(re.search(r'width="(\d+)"', wide).group(1))  # type: ignore[union-attr]
    assert width <= 700
    assert int(re.search(r'height="(\d+)"', wide).group(1)) > 18 * len(many)  # type: ignore[union-attr]
    # beyond CHART_LIMIT: one row per language, in the order of their names
    languages = heatmap_svg(policies * (CHART_LIMIT // len(policies) + 1), t)
    labels = re.findall(r'rotate\(-60 [^)]*\)" font-size="10">([^<]+)</text>', languages)
    assert labels == sorted(labels, key=str.casefold)
    assert labels[0].startswith("Albanian (") and any(label.startswith("Vietnamese (") for label in labels)


def test_heatmap_labels_that_would_read_the_same_keep_their_ends(site: SitePages) -> None:
    """In Czech, seed 002's generated title is "Zásady ochrany osobních údajů (002_...)" and
    seed 003's own title "Zásady ochrany osobních údajů": cut to the same 28 characters,
    their columns read alike. Such labels keep their start and their end; others are cut
    as before."""
    t = Labels("cs")
    policies = tuple(p for p in site.assembled.site.policies if p.source.split("/")[-1][:3] in ("002", "003"))
    assert len(policies) == 2
    svg = heatmap_svg(policies, t)
    labels = re.findall(r'rotate\(-60 [^)]*\)" font-size="10">([^<]+)</text>', svg)
    titles = [html.unescape(label) for label in labels]
    assert len(titles) == 2 and len(set(titles)) == 2, titles
    assert all(title.startswith("Zásady ochran") for title in titles)


def test_the_retention_chart_says_its_scale_and_links_each_period(site: SitePages) -> None:
    t = Labels("en")
    policies = site.assembled.site.policies
    svg = retention_svg(policies, t)
    assert all(f">{tick}</text>" in svg for tick in ("1 day", "1 month", "1 year"))
    assert "on a logarithmic scale" in svg and "longest of" not in svg
    # every label leads to the section stating the period: 3 years in seed 002, 90 days in 004
    links = re.findall(r'<a href="([^"]+)">', svg)
    webprom = _policy(site, "004_bccd684d4b65cbbb.txt")
    period_section = next(
        e.section for k, items in webprom.facts.evidence if k == "retention" for e in items if e.value == "P90D"
    )  # type: ignore[union-attr]
    assert f"../policies/{webprom.slug}/#{period_section}" in links
    assert len(links) == 3
    # more policies than the chart draws: it says so
    many = retention_svg(policies * (CHART_LIMIT // 3 + 1), t)
    assert f"The {CHART_LIMIT} longest of {3 * (CHART_LIMIT // 3 + 1)}" in many


def test_same_topic_in_other_policies_follows_what_the_section_is_mainly_about(site: SitePages) -> None:
    """A section about purposes and retention mainly about retention compares retention."""
    checked = mixed = 0
    for policy in site.assembled.site.policies:
        page = site.pages[f"policies/{policy.slug}.md"]
        for placed in policy.sections:
            if not placed.topics:
                continue
            lead = placed.lead_topic if placed.lead_topic in placed.topics else placed.topics[0]
            chips = page.index(f"{{#{placed.id}")
            link = re.search(r"\]\(\.\./matrix\.md#row-([\w-]+)\)\{ \.pa-compare \}", page[chips:])
            assert link is not None and link.group(1) == lead, (policy.slug, placed.id)
            checked += 1
            mixed += lead != placed.topics[0]
    assert checked > 50 and mixed > 5  # the seeds hold such sections: the test can fail


def test_the_seeds_alone_keep_their_matrix(site: SitePages, tmp_path: Path) -> None:
    """Without the untagged notice no policy is hatched and no fact is "n/a"."""
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    alone = build(seeds, Lock(), "en", home_template=None)
    assert "pa-untagged)" not in heatmap_svg(alone.assembled.site.policies, Labels("en")).split("</defs>")[1]
    assert "n/a" not in alone.pages["matrix.md"]


def test_a_long_list_of_periods_in_a_row_of_the_matrix_ends_in_a_count(site: SitePages) -> None:
    """One row per policy: a cell shows the first periods, then "+N" linked to the next one's
    section, and still sorts by the longest of all of them."""
    webprom = _policy(site, "004_bccd684d4b65cbbb.txt")
    assert webprom.facts is not None and webprom.facts.retention == ("P90D", "P14D", "P30D")
    t = Labels("en")
    cell = fact_cell(webprom, "retention", t, prefix="", limit=2)
    thirty = next(
        e.section for k, items in webprom.facts.evidence if k == "retention" for e in items if e.value == "P30D"
    )
    assert cell.endswith(f'[+1](policies/{webprom.slug}.md#{thirty} "30 days")')  # its title names it
    assert "[90 days]" in cell and "[14 days]" in cell and "[30 days]" not in cell
    assert 'data-pa-sort="90' in cell
    assert "+" not in fact_cell(webprom, "retention", t, prefix="", limit=3)


def test_the_matrix_of_one_row_per_policy_has_every_fact_column(site: SitePages) -> None:
    """Beyond WIDE_LIMIT policies the matrix is one row per policy: it still shows every
    fact the wide one does, third parties and contact included, each value linked to its
    section; a long list shows its first values and "+N" naming the rest in its title."""
    wuhan = _policy(site, "001_00a49832638047e1.txt")
    assert wuhan.facts is not None and len(wuhan.facts.third_parties) == 6
    t = Labels("en")
    cell = fact_cell(wuhan, "third_parties", t, prefix="", limit=LONG_CELL_VALUES)
    shown, rest = wuhan.facts.third_parties[:LONG_CELL_VALUES], wuhan.facts.third_parties[LONG_CELL_VALUES:]
    assert all(f"[{name}](policies/{wuhan.slug}.md#" in cell for name in shown)
    more = re.search(r'\[\+(\d+)\]\(policies/[^ )]+#[^ )]+ "([^"]+)"\)$', cell)
    assert more is not None and int(more.group(1)) == len(rest) and more.group(2) == md_text(", ".join(rest))
    assert all(f"[{name}]" not in cell for name in rest)
    seed_002 = _policy(site, "002_2c17a0862c804fc4.txt")  # two addresses, both hidden by the page
    assert fact_cell(seed_002, "contact", t, prefix="", limit=LONG_CELL_VALUES).startswith("[address hidden](policies/")

    many = [*site.assembled.site.policies] * (WIDE_LIMIT // len(site.assembled.site.policies) + 1)
    page = render_matrix(replace(site.assembled.site, policies=tuple(many)), t)
    assert 'class="pa-matrix pa-long"' in page
    head = next(line for line in page.splitlines() if line.startswith("| Policy |"))
    for key in ("retention", "min_age", "countries", "cookies", "third_parties", "contact"):
        assert f'id="fact-{key}"' in head
    row = next(line for line in page.splitlines() if line.startswith("| [") and "[Tencent](" in line)
    assert f"(policies/{wuhan.slug}.md)" in row.split(" | ")[0] and f'"{md_text(", ".join(rest))}")' in row


def test_exports_name_a_policy_without_a_title_as_its_page_does(site: SitePages) -> None:
    """Seed 002 has no title line: its page is headed by a title made up in the reader's
    language. `title` stays the policy's own (null, empty in matrix.csv) and `label` carries
    the name the page shows, so a ticket tool has something to call every policy."""
    untitled = _policy(site, "002_2c17a0862c804fc4.txt")
    titled = _policy(site, "004_bccd684d4b65cbbb.txt")
    assert untitled.title_generated and not titled.title_generated
    entries = {p["id"]: p for p in json.loads(site.extra["policies.json"])["policies"]}
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(site.extra["matrix.csv"]))}
    assert entries[untitled.slug]["title"] is None and rows[untitled.slug]["title"] == ""
    label = "Privacy policy (002_2c17a0862c804fc4.txt)"
    assert entries[untitled.slug]["label"] == rows[untitled.slug]["label"] == label
    heading = re.search(r"^# (.+?) \{", site.pages[f"policies/{untitled.slug}.md"], re.M)
    assert heading is not None and html.unescape(heading.group(1)) == label  # Markdown-escaped
    assert entries[titled.slug]["title"] == entries[titled.slug]["label"] == "Privacy Policy WebProm"
    assert rows[titled.slug]["label"] == "Privacy Policy WebProm"
    for entry in entries.values():
        assert entry["label"] and rows[entry["id"]]["label"] == entry["label"]
    assert list(rows[untitled.slug])[-1] == "label"  # last: columns read by position stay
    # a site in German names it in German, in its pages and in its exports
    german = build(SEEDS, Lock(), "de", home_template=None)
    entry = next(p for p in json.loads(german.extra["policies.json"])["policies"] if p["id"] == untitled.slug)
    assert entry["label"] == "Datenschutzerklärung (002_2c17a0862c804fc4.txt)"
    assert entry["label"] in html.unescape(german.pages[f"policies/{untitled.slug}.md"])


def test_a_topic_page_shows_each_section_from_where_it_speaks_of_the_topic(site: SitePages) -> None:
    """Side by side on the page about choices: the Czech policy's section on why it
    processes data is shown from its sentence on withdrawing consent, not from its
    opening on contracts; an excerpt that starts inside a section says so with "…"."""
    page = site.pages["topics/choices.md"]
    czech = _policy(site, "003_2c31ca6f0ba12496.txt")
    placed = next(p for p in czech.sections if p.section.title == "Proč zpracováváme vaše údaje")
    text = " ".join(b.text for b in placed.section.blocks)
    assert not text.startswith("Máte právo kdykoli odvolat")
    assert "\n… Máte právo kdykoli odvolat svůj souhlas" in page
    assert text[: text.index(" ", 20)] not in page.split(f"#{czech.slug}")[1].split("\n## ")[0]


def test_an_excerpt_reads_as_words_not_as_the_markdown_it_was_written_in(tmp_path: Path) -> None:
    """Common Voice's notice (in Czech, from the corpus) is Markdown: a list of items with
    a bold lead-in ("* **Informační zpravodaj.**") and links ("[CC0](https://...)"). On
    a topic page its excerpts read as the words: no bullet, asterisks or link syntax."""
    corpus = require_corpus()
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copy(corpus / "cs--common-voice--privacy-notice.md", seeds)
    site = build(seeds, Lock(), "en", home_template=None)
    excerpts = [
        html.unescape(line)
        for name, page in site.pages.items()
        if name.startswith("topics/") and name != "topics/index.md"
        for line in page.split("\n")
        if line.startswith(("… ", "Ochrana")) or (line and line[0].isalpha() and len(line) > 60)
    ]
    assert excerpts
    assert not [e for e in excerpts if "**" in e or "](" in e or " * " in e]
    retention = html.unescape(site.pages["topics/retention.md"])
    assert "odstraněny i vaše uživatelské jméno a e-mail. Informační zpravodaj. Můžete" in retention


def test_what_only_the_opening_says_is_ticked_and_linked_there(site: SitePages) -> None:
    """Seed 003 says that it may change only in its opening lines, before any heading: the
    matrix ticks `changes` for it and links the tick to the opening's own anchor, which the
    page places with the #topic-changes anchor before the opening's chips; the topic page
    shows the opening under a label in the reader's language, and policies.json gives it."""
    czech = _policy(site, "003_2c31ca6f0ba12496.txt")
    matrix = site.pages["matrix.md"]
    row = next(line for line in matrix.split("\n") if 'id="row-changes"' in line)
    assert f"(policies/{czech.slug}.md#policy-opening)" in row
    page = site.pages[f"policies/{czech.slug}.md"]
    anchor = page.index('<div class="pa-anchor" id="topic-changes" data-pa-target="policy-opening"></div>')
    opening = page.index('<div class="pa-anchor" id="policy-opening"></div>')
    chips = page.index('[Changes to the policy](../topics/changes.md){ .pa-chip data-pa-topic="changes" }')
    assert anchor < opening < chips < page.index("Máme v úmyslu") < page.index("## Naše základní principy")
    assert page.count("Máme v úmyslu") == 1  # shown once, as the opening
    topic_page = site.pages["topics/changes.md"]
    link = f'**[Opening text](../policies/{czech.slug}.md#policy-opening){{ lang="en" }}**'
    assert link in topic_page and "… Pokud změníme naše postupy" in topic_page
    entry = next(p for p in json.loads(site.extra["policies.json"])["policies"] if p["id"] == czech.slug)
    assert entry["topics"]["changes"] == "policy-opening"
    assert entry["opening"] == {
        "id": "policy-opening",
        "url": f"policies/{czech.slug}/#policy-opening",
        "topics": ["scope", "changes"],
    }
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(site.extra["matrix.csv"]))}
    assert rows[czech.slug]["topic:changes"] == "policy-opening"
    # the Vietnamese notice starts with its heading: no opening, no topic lands there, and
    # #policy-opening still leads to where its text starts
    notice = _policy(site, "vi-notice.md")
    assert notice.opening is None and "policy-opening" not in notice.topic_anchors.values()
    page = site.pages[f"policies/{notice.slug}.md"]
    assert page.index('<div class="pa-anchor" id="policy-opening"></div>') < page.index("\n## ")


def test_a_title_in_english_over_a_text_in_another_language_is_marked_english() -> None:
    """WebProm's policy is Albanian under the English title "Privacy Policy WebProm": on a
    German site the title is marked English wherever it stands (so a screen reader does not
    read it as Albanian), the Albanian titles stay Albanian, and policies.json says so."""
    german = build(SEEDS, Lock(), "de", home_template=None)
    webprom = next(p for p in german.assembled.site.policies if p.slug == "webprom")
    assert webprom.lang == "sq" and webprom.title_language == "en"
    assert '# Privacy Policy WebProm {#policy-title lang="en"}' in german.pages["policies/webprom.md"]
    assert '## Privacy Policy WebProm {#webprom data-search-exclude lang="en"}' in german.pages["topics/retention.md"]
    policies, labels = german.assembled.site.policies, Labels("de")
    for chart in (heatmap_svg(policies, labels), retention_svg(policies, labels)):
        assert re.search(r'<text [^>]* lang="en">Privacy Policy WebProm</text>', chart)
        assert re.search(r'<text [^>]* lang="cs">Zásady ochrany osobních', chart)
    assert '[Privacy Policy WebProm](policies/webprom.md){ lang="en" }' in german.pages["matrix.md"]
    assert (
        '[Deklaratë e privatësisë](policies/wuhan-chuangzhi-yicheng-technology.md){ lang="sq" }'
        in german.pages["matrix.md"]
    )
    entries = {p["id"]: p for p in json.loads(german.extra["policies.json"])["policies"]}
    assert entries["webprom"]["title_lang"] == "en" and entries["webprom"]["lang"] == "sq"
    assert entries["wuhan-chuangzhi-yicheng-technology"]["title_lang"] == "sq"
    assert entries["002-2c17a0862c804fc4"]["title_lang"] is None  # no title of its own
