"""Pages that compare policies: the matrix, the topic pages, and matrix.csv.

Every tick and every value links to the section it comes from. Values are localized
through Babel (durations, dates, country and language names). The charts are SVG drawn
here at build time, so they need no JavaScript.
"""

from __future__ import annotations

import csv
import html
import io
import math
import re
from collections import Counter
from collections.abc import Sequence

from .cache import ObjectMemo
from .facts import WORDED_FACTS
from .i18n import N_, Labels
from .lexicon import TOPIC_IDS
from .localize import (
    country_name,
    direction,
    duration_days,
    format_duration,
    format_number,
    format_policy_date,
    language_name,
)
from .localize import format_confidence as format_percent  # a share as a localized percentage
from .model import OPENING_ID, Policy, Site
from .render import (
    SEARCH_EXCLUDE,
    TOPIC_NAMES,
    attr,
    display_title,
    lang_attrs,
    md_heading,
    md_text,
    page_url,
    section_title,
    title_attrs,
    title_link,
)
from .text import fold, md_plain

# Up to this many policies the matrix has one column per policy; beyond, one row each.
WIDE_LIMIT = 12
# A cell of the matrix of one row per policy shows this many periods, countries, third
# parties or addresses, then "+N" (a policy may state thirty periods or name thirty third
# parties: its row would stand ten lines high).
LONG_CELL_VALUES = 4
# Charts draw one column per policy up to this many, then summarize by language.
CHART_LIMIT = 60
# Coverage shares are drawn in this many steps of shade (0 %, 10 %, ... 100 %).
SHADES = 10
# A heatmap of more policies (or languages) than this has them as rows, the topics as columns.
TRANSPOSE_AT = 24
# The ticks of the retention chart's axis.
TICKS = ("P1D", "P1M", "P1Y", "P10Y")
EXCERPT_CHARS = 280
# A topic page listing more policies than this is a long page (up to thousands of policies):
# shorter excerpts (every section keeps its deep link) and no table of contents beside it.
LONG_TOPIC_PAGE = 60
LONG_EXCERPT_CHARS = 160

FACT_ROWS = (
    ("language", N_("Language")),
    ("updated", N_("Updated")),
    ("retention", N_("Retention")),
    ("min_age", N_("Minimum age")),
    ("countries", N_("Countries")),
    ("cookies", N_("Cookies")),
    ("third_parties", N_("Third parties")),
    ("contact", N_("Contact")),
)


def _target(policy: Policy, section_id: str | None = None, prefix: str = "../") -> str:
    return f"{prefix}policies/{policy.slug}.md" + (f"#{section_id}" if section_id else "")


def _link(policy: Policy, section_id: str | None, text: str, prefix: str = "../") -> str:
    return f"[{text}]({_target(policy, section_id, prefix)})"


def _evidence(policy: Policy, key: str) -> dict[object, str | None]:
    if policy.facts is None:
        return {}
    return {e.value: e.section for k, items in policy.facts.evidence if k == key for e in items}


def fact_cell(policy: Policy, key: str, t: Labels, prefix: str = "../", limit: int | None = None) -> str:
    """One fact of one policy, localized, each value linked to its evidence; of a list of
    periods, countries, third parties or addresses the first `limit`, then "+N" (`_listed`)."""
    ui = t.lang
    facts = policy.facts
    if key == "language":
        return md_text(language_name(policy.lang, ui))
    if key == "updated":
        return md_text(format_policy_date(policy.updated, ui)) if policy.updated else "–"
    if facts is None:
        return "–"
    fact = key if key != "countries" else "transfer_countries"
    if fact in WORDED_FACTS and not facts.worded:
        return md_text(t("n/a"))  # no data for the policy's language: unknown, not absent
    where = _evidence(policy, fact)
    if key == "retention":
        if not facts.retention:
            return "–"
        labels = [format_duration(p, ui) for p in facts.retention]
        items = _listed(policy, facts.retention, labels, where, prefix, limit)
        # the longest period in days, for sorting the matrix (matrix.js)
        longest = max(duration_days(p) for p in facts.retention)
        return f'<span data-pa-sort="{longest}"></span>' + ", ".join(items)
    if key == "min_age":
        return _link(policy, where.get(facts.min_age), str(facts.min_age), prefix) if facts.min_age else "–"
    if key == "countries":
        countries = facts.transfer_countries
        items = _listed(policy, countries, [country_name(c, ui) for c in countries], where, prefix, limit)
        return ", ".join(items) or "–"
    if key == "cookies":
        sid = _evidence(policy, "cookies").get(True) or policy.topic_anchor("cookies")
        return _link(policy, sid, md_text(t("yes")), prefix) if facts.cookies else md_text(t("not stated"))
    if key == "third_parties":
        names = facts.third_parties
        return ", ".join(_listed(policy, names, list(names), where, prefix, limit)) or "–"
    if key == "contact":
        where = _evidence(policy, "emails")
        addresses: list[object] = list(facts.emails)
        if facts.hidden_emails:
            where["hidden"] = _evidence(policy, "hidden_emails").get("hidden")
            addresses.append("hidden")
        labels = [t("address hidden") if a == "hidden" else str(a) for a in addresses]
        return ", ".join(_listed(policy, addresses, labels, where, prefix, limit)) or "–"
    return "–"


def _listed(
    policy: Policy,
    values: Sequence[object],
    labels: list[str],
    where: dict[object, str | None],
    prefix: str,
    limit: int | None,
) -> list[str]:
    """The values of a list fact as links to their sections, shown by their `labels`: the
    first `limit` of them, then "+N" linked to the next one's section, naming those it
    stands for in its title (a tooltip, which the matrix's filter reads too)."""
    shown = len(values) if limit is None else min(limit, len(values))
    items = [
        _link(policy, where.get(v), md_text(label), prefix)
        for v, label in zip(values[:shown], labels[:shown], strict=True)
    ]
    if shown < len(values):
        rest = md_text(", ".join(labels[shown:]))
        items.append(f'[+{len(values) - shown}]({_target(policy, where.get(values[shown]), prefix)} "{rest}")')
    return items


def topic_cell(policy: Policy, topic: str, t: Labels, prefix: str = "../") -> str:
    if not policy.lang_supported:
        return md_text(t("n/a"))
    sid = policy.topic_anchor(topic)
    return _link(policy, sid, "✓", prefix) if sid else "–"


# --- the matrix -------------------------------------------------------------------------


def render_matrix(site: Site, t: Labels) -> str:
    policies = site.policies
    out = [md_heading(1, t("Comparison matrix")), ""]
    if not policies:
        return "\n".join([*out, md_text(t("No policies yet.")), ""])
    intro = t("Topics and facts of every policy. Each tick and each value links to the section it comes from.")
    download = t("Download as CSV")
    out += [md_text(intro), "", f"[{md_text(download)}](matrix.csv) · [policies.json](policies.json)", ""]
    out += _wide(policies, t) if len(policies) <= WIDE_LIMIT else _long(policies, t)
    out += [md_heading(2, t("Coverage"), "coverage"), "", _chart_box(heatmap_svg(policies, t)), ""]
    out += [md_heading(2, t("Retention periods"), "retention-chart"), "", _chart_box(retention_svg(policies, t)), ""]
    return "\n".join(out)


def _wide(policies: tuple[Policy, ...], t: Labels) -> list[str]:
    topic_label = t("Topic")
    head = [md_text(topic_label)] + [title_link(p, t, _target(p, prefix="")) for p in policies]
    lines = [
        f'<div class="pa-matrix pa-wide" {SEARCH_EXCLUDE} markdown>',
        "",
        "| " + " | ".join(head) + " |",
        "|" + "---|" * len(head),
    ]
    for topic in TOPIC_IDS:
        cells = [f'<span id="row-{topic}"></span>{md_text(t(TOPIC_NAMES[topic]))}']
        cells += [topic_cell(p, topic, t, prefix="") for p in policies]
        lines.append("| " + " | ".join(cells) + " |")
    for key, label in FACT_ROWS:
        # "fact-": retention, cookies and contact are topics too, whose rows are "row-"
        cells = [f'<span id="fact-{key}"></span>**{md_text(t(label))}**']
        cells += [fact_cell(p, key, t, prefix="") for p in policies]
        lines.append("| " + " | ".join(cells) + " |")
    return [*lines, "", "</div>", ""]


def _long(policies: tuple[Policy, ...], t: Labels) -> list[str]:
    """One row per policy: sortable and filterable by matrix.js, plain table without it."""
    topic_heads = [
        f'<span class="pa-vhead" id="row-{topic}" title="{attr(t(TOPIC_NAMES[topic]))}">'
        f"{md_text(t(TOPIC_NAMES[topic]))}</span>"
        for topic in TOPIC_IDS
    ]
    fact_keys = tuple(key for key, _ in FACT_ROWS if key not in ("language", "updated"))  # those two lead
    labels = {
        "filter": t("Filter"),
        "language": t("Language"),
        "topic": t("Topic"),
        "all": t("all"),
        "shown": t("Policies shown:"),
    }
    head = [md_text(t("Policy")), md_text(t("Language")), md_text(t("Updated"))]
    # "fact-<key>", as the rows of the wide matrix (retention, cookies and contact are topics too)
    head += topic_heads + [f'<span id="fact-{k}">{md_text(t(dict(FACT_ROWS)[k]))}</span>' for k in fact_keys]
    lines = [
        f'<div class="pa-matrix-tools" data-pa-filter-label="{attr(labels["filter"])}" '
        f'data-pa-language-label="{attr(labels["language"])}" data-pa-topic-label="{attr(labels["topic"])}" '
        f'data-pa-all-label="{attr(labels["all"])}" data-pa-count-label="{attr(labels["shown"])}"></div>',
        "",
        # one CSS grid per row (assets/policy-atlas.css): the browser lays out only the rows in view
        f'<div class="pa-matrix pa-long" style="--pa-topics: {len(TOPIC_IDS)}" {SEARCH_EXCLUDE} markdown>',
        "",
        "| " + " | ".join(head) + " |",
        "|" + "---|" * len(head),
    ]
    for p in policies:
        lines.append(_ROWS.get(p, t.lang, lambda p=p: _long_row(p, fact_keys, t)))
    return [*lines, "", "</div>", ""]


def _long_row(p: Policy, fact_keys: tuple[str, ...], t: Labels) -> str:
    cells = [
        title_link(p, t, _target(p, prefix="")),
        md_text(language_name(p.lang, t.lang)),
        f'<time datetime="{p.updated.iso}">{md_text(format_policy_date(p.updated, t.lang))}</time>'
        if p.updated
        else "–",
    ]
    cells += [topic_cell(p, topic, t, prefix="") for topic in TOPIC_IDS]
    cells += [fact_cell(p, k, t, prefix="", limit=LONG_CELL_VALUES) for k in fact_keys]
    return "| " + " | ".join(cells) + " |"


# --- charts -----------------------------------------------------------------------------


def heatmap_svg(policies: tuple[Policy, ...], t: Labels) -> str:
    """Topics x policies (or x languages, for many policies): darker is more coverage.

    A policy, or a language, whose topics could not be tagged (no data for its language) is
    hatched, not drawn as covering nothing. Beyond TRANSPOSE_AT of them the policies (or
    languages) are the rows and the topics the columns, so the chart keeps the width of the
    page however many there are. Languages are in the order of their names.

    Light at any size: the cells of one topic that share a shade are one path (shares are
    drawn in SHADES steps), and each policy or language is one transparent target whose
    tooltip lists the share of every topic, instead of one rect and one title per cell.
    """
    entities: list[tuple[str, list[Policy]]]
    if len(policies) <= CHART_LIMIT:
        entities = [(display_title(p, t), [p]) for p in policies]
    else:
        by_lang: dict[str, list[Policy]] = {}
        for p in policies:
            by_lang.setdefault(p.lang, []).append(p)
        named = [(language_name(lang, t.lang), group) for lang, group in by_lang.items()]
        entities = [
            (f"{name} ({len(group)})", group) for name, group in sorted(named, key=lambda e: (fold(e[0]), e[0]))
        ]
    ui = t.lang
    untagged = t("(topics could not be tagged)").strip("()")
    topics = [t(TOPIC_NAMES[topic]) for topic in TOPIC_IDS]
    # None: not tagged (the policies of a language all are, or none)
    shares: list[list[float] | None] = [
        [sum(1 for p in group if topic in p.topic_anchors) / len(group) for topic in TOPIC_IDS]
        if any(p.lang_supported for p in group)
        else None
        for _, group in entities
    ]
    names = [name for name, _ in entities]
    # a policy's own title is marked as its language, a language's name is the reader's
    langs = [title_attrs(group[0], t) if len(policies) <= CHART_LIMIT else "" for _, group in entities]
    transposed = len(entities) > TRANSPOSE_AT
    short = _distinct_shorts(names, 40 if transposed else 28)
    rows, columns = (names, topics) if transposed else (topics, names)
    column_labels = [_short(topic) for topic in topics] if transposed else short
    # column labels are written upwards at 60 degrees: leave room above and to the right for the longest
    longest = max(len(label) for label in column_labels)
    cell = 18
    label_w = (16 + round(max(len(label) for label in short) * 6)) if transposed else 190
    top = 16 + round(longest * 5.2)
    grid_w, grid_h = cell * len(columns), cell * len(rows)
    legend_y = top + grid_h + 14
    width = max(label_w + grid_w + 10 + round(longest * 3), label_w + 420)
    height = legend_y + 24
    parts = [
        f'<svg class="pa-chart pa-heatmap" role="img" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'xmlns="http://www.w3.org/2000/svg"><title>{html.escape(t("Coverage"))}</title>'
        '<defs><pattern id="pa-untagged" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
        '<rect width="6" height="6" fill="var(--md-default-fg-color--lightest, #ddd)"/>'
        '<line x1="0" y1="0" x2="0" y2="6" stroke="var(--md-default-fg-color--light, #888)" stroke-width="2"/>'
        "</pattern></defs>"
    ]
    for col, column_label in enumerate(column_labels):
        x = label_w + col * cell + cell / 2
        lang = "" if transposed else langs[col]
        parts.append(
            f'<text x="{x:.0f}" y="{top - 6}" transform="rotate(-60 {x:.0f} {top - 6})" font-size="10"{lang}>'
            f"{html.escape(column_label)}</text>"
        )
    for row, name in enumerate(rows):
        y = top + row * cell + 13
        label, lang = (short[row], langs[row]) if transposed else (name, "")
        parts.append(
            f'<text x="{label_w - 6}" y="{y}" text-anchor="end" font-size="11"{lang}>{html.escape(label)}</text>'
        )

    def square(entity: int, topic: int) -> str:
        row, col = (entity, topic) if transposed else (topic, entity)
        return f"M{label_w + col * cell} {top + row * cell}h{cell - 2}v{cell - 2}h{2 - cell}z"

    parts.append('<g fill="var(--md-primary-fg-color, #3f51b5)">')
    hatched: list[str] = []
    for topic in range(len(TOPIC_IDS)):
        by_shade: dict[int, list[str]] = {}
        for entity, entity_shares in enumerate(shares):
            if entity_shares is None:
                hatched.append(square(entity, topic))
            else:
                by_shade.setdefault(round(entity_shares[topic] * SHADES), []).append(square(entity, topic))
        for shade, cells in sorted(by_shade.items()):
            parts.append(f'<path fill-opacity="{_opacity(shade)}" d="{"".join(cells)}"/>')
    parts.append("</g>")
    if hatched:
        parts.append(f'<path fill="url(#pa-untagged)" d="{"".join(hatched)}"/>')
    for entity, (name, _) in enumerate(entities):
        entity_shares = shares[entity]
        lines = [name] + (
            [untagged]
            if entity_shares is None
            else [f"{topic}: {format_percent(share, ui)}" for topic, share in zip(topics, entity_shares, strict=True)]
        )
        tip = "&#10;".join(html.escape(line) for line in lines)  # one line each, kept out of the Markdown source
        x, y = (label_w, top + entity * cell) if transposed else (label_w + entity * cell, top)
        w, h = (grid_w, cell) if transposed else (cell, grid_h)
        parts.append(f'<rect x="{x}" y="{y}" width="{w}" height="{h}" fill="transparent"><title>{tip}</title></rect>')
    # the legend: what the shades say, and the hatching where there are untagged ones
    x = label_w
    keys = [
        (f'fill="var(--md-primary-fg-color, #3f51b5)" fill-opacity="{_opacity(s)}"', format_percent(s / SHADES, ui))
        for s in (0, SHADES // 2, SHADES)
    ]
    if hatched:
        keys.append(('fill="url(#pa-untagged)"', untagged))
    for paint, text in keys:
        parts.append(f'<rect x="{x}" y="{legend_y}" width="{cell - 2}" height="{cell - 2}" {paint}/>')
        parts.append(f'<text x="{x + cell + 2}" y="{legend_y + 12}" font-size="11">{html.escape(text)}</text>')
        x += cell + 14 + round(len(text) * 6.2)
    parts.append("</svg>")
    return "".join(parts)


def _opacity(shade: int) -> str:
    return f"{0.08 + 0.92 * shade / SHADES:.2f}"


def retention_svg(policies: tuple[Policy, ...], t: Labels) -> str:
    """The longest retention period each policy states, on a logarithmic scale of days with
    its ticks (a day, a month, a year, ten years) drawn; the CHART_LIMIT longest, saying so
    when there are more. Each label links to the section stating the period; titles that
    several policies share are told apart by the policy's address."""
    rows = [(p, max(p.facts.retention, key=duration_days)) for p in policies if p.facts and p.facts.retention]
    if not rows:
        return md_text(t("No policy states a concrete retention period."))
    total = len(rows)
    rows = sorted(rows, key=lambda r: (-duration_days(r[1]), r[0].slug))[:CHART_LIMIT]
    titles = [display_title(p, t) for p, _ in rows]
    shared = {title for title in titles if titles.count(title) > 1}
    bar, label_w, chart_w, top = 20, 260, 420, 8
    longest = max(duration_days(iso) for _, iso in rows)
    ticks = [iso for iso in TICKS if duration_days(iso) <= max(longest, 1)]
    scale = chart_w / math.log10(max(longest, duration_days(ticks[-1])) + 1)
    axis_y = top + bar * len(rows) + 4
    height = axis_y + 44
    width = label_w + chart_w + 120
    parts = [
        f'<svg class="pa-chart pa-retention" role="img" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'xmlns="http://www.w3.org/2000/svg"><title>{html.escape(t("Retention periods"))}</title>'
    ]
    for i, ((policy, iso), title) in enumerate(zip(rows, titles, strict=True)):
        y = top + i * bar
        length = max(2.0, math.log10(duration_days(iso) + 1) * scale)
        value = format_duration(iso, t.lang)
        label = _short(title, 40) if title not in shared else f"{_short(title, 22)} ({_tail(policy, title)})"
        href = f"../{page_url(policy.slug)}" + (f"#{sid}" if (sid := _evidence(policy, "retention").get(iso)) else "")
        parts.append(
            f'<a href="{attr(href)}"><text x="{label_w - 6}" y="{y + 13}" text-anchor="end" font-size="11"'
            f"{title_attrs(policy, t)}>{html.escape(label)}</text></a>"
        )
        parts.append(
            f'<rect x="{label_w}" y="{y}" width="{length:.1f}" height="{bar - 6}" fill="var(--md-accent-fg-color, #526cfe)">'
            f"<title>{html.escape(title)}: {html.escape(value)}</title></rect>"
        )
        parts.append(f'<text x="{label_w + length + 6:.1f}" y="{y + 13}" font-size="11">{html.escape(value)}</text>')
    # the axis: a tick at a day, a month, a year and ten years, as far as the longest period
    parts.append(f'<path d="M{label_w} {axis_y}h{chart_w}" stroke="currentColor" stroke-opacity="0.4"/>')
    for iso in ticks:
        x = label_w + math.log10(duration_days(iso) + 1) * scale
        parts.append(f'<path d="M{x:.1f} {top}V{axis_y + 4}" stroke="currentColor" stroke-opacity="0.15"/>')
        parts.append(
            f'<text x="{x:.1f}" y="{axis_y + 16}" text-anchor="middle" font-size="10">{html.escape(format_duration(iso, t.lang))}</text>'
        )
    note = t("The longest period each policy states, on a logarithmic scale.")
    if total > len(rows):
        shown, count = format_number(len(rows), t.lang), format_number(total, t.lang)
        note += " " + t("The %(shown)s longest of %(total)s; the matrix lists them all.") % {
            "shown": shown,
            "total": count,
        }
    parts.append(f'<text x="{label_w}" y="{axis_y + 36}" font-size="11">{html.escape(note)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _chart_box(svg: str) -> str:
    """A chart in a box the browser skips until it scrolls into view (content-visibility)."""
    if not svg.startswith("<svg"):
        return svg
    height = re.search(r'height="(\d+)"', svg)
    size = f' style="contain-intrinsic-block-size: auto {height.group(1)}px"' if height else ""
    return f'<div class="pa-chart-box"{size} {SEARCH_EXCLUDE}>{svg}</div>'


def _tail(policy: Policy, title: str) -> str:
    """What tells a policy from others of the same title: its publisher, or the end of its
    address (the start of which is often the title again)."""
    if policy.publisher and policy.publisher not in title:
        return _short(policy.publisher, 16)
    return policy.slug if len(policy.slug) <= 16 else "…" + policy.slug[-15:]


def _short(text: str, limit: int = 28) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _distinct_shorts(names: list[str], limit: int) -> list[str]:
    """Each name cut to `limit` characters; where two cut so read the same ("Zásady ochrany
    osobních údajů (002_…)" and "Zásady ochrany osobních údajů"), both keep their start and
    their end instead, which is what tells them apart."""
    cut = [_short(name, limit) for name in names]
    seen = Counter(cut)
    head = (limit - 1) // 2
    return [
        label if seen[label] == 1 or len(name) <= limit else name[:head] + "…" + name[len(name) - (limit - 1 - head) :]
        for name, label in zip(names, cut, strict=True)
    ]


# --- topic pages ------------------------------------------------------------------------


def render_topic_index(site: Site, t: Labels) -> str:
    out = [
        md_heading(1, t("Topics")),
        "",
        md_text(t("Read what every policy says about one subject, side by side.")),
        "",
    ]
    topic_label, policies_label = t("Topic"), t("Policies")
    out += [f"| {md_text(topic_label)} | {md_text(policies_label)} |", "|---|---|"]
    for topic in TOPIC_IDS:
        count = sum(1 for p in site.policies if topic in p.topic_anchors)
        out.append(f"| [{md_text(t(TOPIC_NAMES[topic]))}]({topic}.md) | {count} |")
    return "\n".join([*out, ""])


def render_topic(site: Site, topic: str, t: Labels) -> str:
    name = t(TOPIC_NAMES[topic])
    covered: list[Policy] = []
    missing: list[Policy] = []
    for p in site.policies:
        (covered if topic in p.topic_anchors else missing).append(p)
    long_page = len(covered) > LONG_TOPIC_PAGE
    chars = LONG_EXCERPT_CHARS if long_page else EXCERPT_CHARS
    # Material's table of contents beside the page would list every policy once more
    out = ["---", "hide:", "  - toc", "---", ""] if long_page else []
    out += [f"# {md_text(name)}", ""]
    for policy in covered:
        variant = (topic, t.lang, chars)
        out.append(_TOPIC_PARTS.get(policy, variant, lambda p=policy: _topic_part(p, topic, t, chars)))
    if missing:
        out += [md_heading(2, t("Not covered"), "not-covered", searchable=False), ""]
        out += [_MISSING.get(policy, t.lang, lambda p=policy: _missing_item(p, t)) for policy in missing]
        out.append("")
    return "\n".join(out)


def _missing_item(policy: Policy, t: Labels) -> str:
    reason = "" if policy.lang_supported else " " + md_text(t("(topics could not be tagged)"))
    return f"- {title_link(policy, t, _target(policy))}{reason}"


def _topic_part(policy: Policy, topic: str, t: Labels, chars: int = EXCERPT_CHARS) -> str:
    """One policy's sections on a topic, with excerpts and deep links."""
    heading = f"## {md_text(display_title(policy, t))} {{#{policy.slug} {SEARCH_EXCLUDE}{title_attrs(policy, t)}}}"
    out = [heading, ""]
    out += [f'<div class="pa-excerpts" lang="{attr(policy.lang)}"{direction(policy.lang)} markdown>', ""]
    # a title of Policy Atlas's (the opening's, a generated one) is in the reader's language
    ui = lang_attrs(t.lang, policy.lang)
    parts = [
        (
            placed.id,
            section_title(placed, t),
            placed.section.generated_title,
            placed.topics,
            placed.passages,
            placed.section.blocks,
        )
        for placed in policy.sections
    ]
    if policy.opening is not None:
        opening = policy.opening
        parts.insert(0, (OPENING_ID, t("Opening text"), True, opening.topics, opening.passages, opening.blocks))
    for part_id, title, generated, topics, passages, blocks in parts:
        if topic not in topics:
            continue
        link = _link(policy, part_id, md_text(title)) + (f"{{{ui} }}" if generated and ui else "")
        out += [f"**{link}**", ""]
        text = " ".join(b.text for b in blocks)
        start = dict(passages).get(topic, 0)  # from the sentence that speaks most of it
        excerpt = _plain_excerpt(text[start:], chars)
        if start and excerpt:
            excerpt = "… " + excerpt
        if excerpt:
            out += [md_text(excerpt), ""]
    return "\n".join([*out, "</div>", ""])


# a list item's bullet inside a section's text joined into one line
_BULLET = re.compile(r"(?:^|(?<=\s))[*+](?=\s)")


def _plain_excerpt(text: str, chars: int) -> str:
    """The first `chars` characters of a section's text from some point on, as plain text:
    the Markdown of a policy kept as written ("* **Newsletter.**", "[CC0](https://...)")
    reads as its words, not its marks; cut after a whole word."""
    plain = " ".join(_BULLET.sub("", md_plain(text[: chars * 4])).split())
    if len(plain) > chars:
        plain = plain[:chars].rsplit(" ", 1)[0] + " …"
    return plain


# what one policy contributes to the pages about all of them, remembered while it does not
# change (mkdocs serve re-renders those pages from the parts after every edit)
_TOPIC_PARTS: ObjectMemo[str] = ObjectMemo()
_MISSING: ObjectMemo[str] = ObjectMemo()
_ROWS: ObjectMemo[str] = ObjectMemo()
_CSV_ROWS: ObjectMemo[str] = ObjectMemo()


# --- CSV -------------------------------------------------------------------------------


def matrix_csv(site: Site, t: Labels) -> str:
    """One row per policy: topics as the id of their first section, facts as plain values;
    `label` is what the site calls a policy (`t` names those without a title of their own)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(
        [
            "id",
            "url",
            "title",
            "publisher",
            "lang",
            "updated",
            "effective",
            *[f"topic:{x}" for x in TOPIC_IDS],
            "retention",
            "min_age",
            "transfer_countries",
            "cookies",
            "third_parties",
            "emails",
            "hidden_emails",
            "label",  # added last: scripts reading columns by position keep working
        ]
    )
    buffer.writelines(_CSV_ROWS.get(p, t.lang, lambda p=p: _csv_row(p, t)) for p in site.policies)
    return buffer.getvalue()


def _csv_row(p: Policy, t: Labels) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    facts = p.facts
    worded = facts is not None and facts.worded  # else retention ... cookies are unknown: empty
    writer.writerow(
        [
            p.slug,
            f"policies/{p.slug}/",
            p.title,
            p.publisher or "",
            p.lang,
            p.updated.iso if p.updated else "",
            p.effective.iso if p.effective else "",
            *[p.topic_anchor(x) or "" for x in TOPIC_IDS],
            " ".join(facts.retention) if worded else "",
            facts.min_age if worded and facts.min_age else "",
            " ".join(facts.transfer_countries) if worded else "",
            ("yes" if facts.cookies else "not stated") if worded else "",
            "; ".join(facts.third_parties) if facts else "",
            " ".join(facts.emails) if facts else "",
            facts.hidden_emails if facts else 0,
            display_title(p, t),
        ]
    )
    return buffer.getvalue()
