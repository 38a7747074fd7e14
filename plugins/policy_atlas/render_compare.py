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

from .cache import ObjectMemo
from .i18n import N_, Labels
from .lexicon import TOPIC_IDS
from .localize import country_name, direction, duration_days, format_duration, format_policy_date, language_name
from .localize import format_confidence as format_percent  # a share as a localized percentage
from .model import Policy, Site
from .render import TOPIC_NAMES, attr, display_title, md_heading, md_text, section_title, title_attrs, title_link

# Up to this many policies the matrix has one column per policy; beyond, one row each.
WIDE_LIMIT = 12
# Charts draw one column per policy up to this many, then summarize by language.
CHART_LIMIT = 60
# Coverage shares are drawn in this many steps of shade (0 %, 10 %, ... 100 %).
SHADES = 10
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


def fact_cell(policy: Policy, key: str, t: Labels, prefix: str = "../") -> str:
    """One fact of one policy, localized, each value linked to its evidence."""
    ui = t.lang
    facts = policy.facts
    if key == "language":
        return md_text(language_name(policy.lang, ui))
    if key == "updated":
        return md_text(format_policy_date(policy.updated, ui)) if policy.updated else "–"
    if facts is None:
        return "–"
    where = _evidence(policy, key if key != "countries" else "transfer_countries")
    if key == "retention":
        items = [_link(policy, where.get(p), md_text(format_duration(p, ui)), prefix) for p in facts.retention]
        if not items:
            return "–"
        # the longest period in days, for sorting the matrix (matrix.js)
        longest = max(duration_days(p) for p in facts.retention)
        return f'<span data-pa-sort="{longest}"></span>' + ", ".join(items)
    if key == "min_age":
        return _link(policy, where.get(facts.min_age), str(facts.min_age), prefix) if facts.min_age else "–"
    if key == "countries":
        items = [_link(policy, where.get(c), md_text(country_name(c, ui)), prefix) for c in facts.transfer_countries]
        return ", ".join(items) or "–"
    if key == "cookies":
        sid = _evidence(policy, "cookies").get(True) or policy.topic_anchor("cookies")
        return _link(policy, sid, md_text(t("yes")), prefix) if facts.cookies else md_text(t("not stated"))
    if key == "third_parties":
        items = [_link(policy, where.get(n), md_text(n), prefix) for n in facts.third_parties]
        return ", ".join(items) or "–"
    if key == "contact":
        emails = _evidence(policy, "emails")
        items = [_link(policy, emails.get(e), md_text(e), prefix) for e in facts.emails]
        if facts.hidden_emails:
            hidden = _evidence(policy, "hidden_emails").get("hidden")
            items.append(_link(policy, hidden, md_text(t("address hidden")), prefix))
        return ", ".join(items) or "–"
    return "–"


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
    lines = ['<div class="pa-matrix pa-wide" markdown>', "", "| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for topic in TOPIC_IDS:
        cells = [f'<span id="row-{topic}"></span>{md_text(t(TOPIC_NAMES[topic]))}']
        cells += [topic_cell(p, topic, t, prefix="") for p in policies]
        lines.append("| " + " | ".join(cells) + " |")
    for key, label in FACT_ROWS:
        cells = [f'<span id="row-{key}"></span>**{md_text(t(label))}**']
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
    fact_keys = ("retention", "min_age", "countries", "cookies")
    labels = {
        "filter": t("Filter"),
        "language": t("Language"),
        "topic": t("Topic"),
        "all": t("all"),
        "shown": t("Policies shown:"),
    }
    head = [md_text(t("Policy")), md_text(t("Language")), md_text(t("Updated"))]
    head += topic_heads + [md_text(t(dict(FACT_ROWS)[k])) for k in fact_keys]
    lines = [
        f'<div class="pa-matrix-tools" data-pa-filter-label="{attr(labels["filter"])}" '
        f'data-pa-language-label="{attr(labels["language"])}" data-pa-topic-label="{attr(labels["topic"])}" '
        f'data-pa-all-label="{attr(labels["all"])}" data-pa-count-label="{attr(labels["shown"])}"></div>',
        "",
        # one CSS grid per row (assets/policy-atlas.css): the browser lays out only the rows in view
        f'<div class="pa-matrix pa-long" style="--pa-topics: {len(TOPIC_IDS)}" markdown>',
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
    cells += [fact_cell(p, k, t, prefix="") for k in fact_keys]
    return "| " + " | ".join(cells) + " |"


# --- charts -----------------------------------------------------------------------------


def heatmap_svg(policies: tuple[Policy, ...], t: Labels) -> str:
    """Topics x policies (or x languages, for many policies): darker is more coverage.

    Light at any size: the cells of one topic that share a shade are one path (shares are
    drawn in SHADES steps), and each column is one transparent target whose tooltip lists the
    share of every topic, instead of one rect and one title per cell.
    """
    if len(policies) <= CHART_LIMIT:
        columns = [(display_title(p, t), [p]) for p in policies]
    else:
        by_lang: dict[str, list[Policy]] = {}
        for p in policies:
            by_lang.setdefault(p.lang, []).append(p)
        columns = [(f"{language_name(lang, t.lang)} ({len(group)})", group) for lang, group in sorted(by_lang.items())]
    coverage, ui = t("Coverage"), t.lang
    names = [t(TOPIC_NAMES[topic]) for topic in TOPIC_IDS]
    shares = [
        [sum(1 for p in group if topic in p.topic_anchors) / len(group) for topic in TOPIC_IDS] for _, group in columns
    ]
    # column labels are written upwards at 60 degrees: leave room above and to the right for the longest
    longest = max(len(_short(name)) for name, _ in columns)
    cell, label_w, top = 18, 190, 16 + round(longest * 5.2)
    width = label_w + cell * len(columns) + 10 + round(longest * 3)
    height = top + cell * len(TOPIC_IDS) + 10
    parts = [
        f'<svg class="pa-chart pa-heatmap" role="img" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'xmlns="http://www.w3.org/2000/svg"><title>{html.escape(coverage)}</title>'
    ]
    for col, (name, _) in enumerate(columns):
        x = label_w + col * cell + cell / 2
        parts.append(
            f'<text x="{x:.0f}" y="{top - 6}" transform="rotate(-60 {x:.0f} {top - 6})" font-size="10">'
            f"{html.escape(_short(name))}</text>"
        )
    for row, name in enumerate(names):
        y = top + row * cell + 13
        parts.append(f'<text x="{label_w - 6}" y="{y}" text-anchor="end" font-size="11">{html.escape(name)}</text>')
    parts.append('<g fill="var(--md-primary-fg-color, #3f51b5)">')
    for row in range(len(names)):
        y = top + row * cell
        by_shade: dict[int, list[str]] = {}
        for col, column_shares in enumerate(shares):
            shade = round(column_shares[row] * SHADES)
            by_shade.setdefault(shade, []).append(f"M{label_w + col * cell} {y}h{cell - 2}v{cell - 2}h{2 - cell}z")
        for shade, cells in sorted(by_shade.items()):
            parts.append(f'<path fill-opacity="{0.08 + 0.92 * shade / SHADES:.2f}" d="{"".join(cells)}"/>')
    parts.append("</g>")
    for col, (name, _) in enumerate(columns):
        lines = [
            name,
            *(f"{topic}: {format_percent(share, ui)}" for topic, share in zip(names, shares[col], strict=True)),
        ]
        tip = "&#10;".join(html.escape(line) for line in lines)  # one line each, kept out of the Markdown source
        parts.append(
            f'<rect x="{label_w + col * cell}" y="{top}" width="{cell}" height="{cell * len(names)}" fill="transparent">'
            f"<title>{tip}</title></rect>"
        )
    parts.append("</svg>")
    return "".join(parts)


def retention_svg(policies: tuple[Policy, ...], t: Labels) -> str:
    """The longest retention period each policy states, on a log scale (days)."""
    rows = [(p, max(p.facts.retention, key=duration_days)) for p in policies if p.facts and p.facts.retention]
    if not rows:
        return md_text(t("No policy states a concrete retention period."))
    rows = sorted(rows, key=lambda r: (-duration_days(r[1]), r[0].slug))[:CHART_LIMIT]
    periods = t("Retention periods")
    bar, label_w, chart_w = 20, 260, 420
    longest = max(duration_days(iso) for _, iso in rows)
    scale = chart_w / math.log10(longest + 1)
    height = bar * len(rows) + 10
    width = label_w + chart_w + 120
    parts = [
        f'<svg class="pa-chart pa-retention" role="img" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'xmlns="http://www.w3.org/2000/svg"><title>{html.escape(periods)}</title>'
    ]
    for i, (policy, iso) in enumerate(rows):
        y = i * bar + 4
        length = max(2.0, math.log10(duration_days(iso) + 1) * scale)
        value = format_duration(iso, t.lang)
        parts.append(
            f'<text x="{label_w - 6}" y="{y + 13}" text-anchor="end" font-size="11">{html.escape(_short(display_title(policy, t), 40))}</text>'
        )
        parts.append(
            f'<rect x="{label_w}" y="{y}" width="{length:.1f}" height="{bar - 6}" fill="var(--md-accent-fg-color, #526cfe)">'
            f"<title>{html.escape(value)}</title></rect>"
        )
        parts.append(f'<text x="{label_w + length + 6:.1f}" y="{y + 13}" font-size="11">{html.escape(value)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _chart_box(svg: str) -> str:
    """A chart in a box the browser skips until it scrolls into view (content-visibility)."""
    if not svg.startswith("<svg"):
        return svg
    height = re.search(r'height="(\d+)"', svg)
    size = f' style="contain-intrinsic-block-size: auto {height.group(1)}px"' if height else ""
    return f'<div class="pa-chart-box"{size}>{svg}</div>'


def _short(text: str, limit: int = 28) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


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
        out += [md_heading(2, t("Not covered"), "not-covered"), ""]
        out += [_MISSING.get(policy, t.lang, lambda p=policy: _missing_item(p, t)) for policy in missing]
        out.append("")
    return "\n".join(out)


def _missing_item(policy: Policy, t: Labels) -> str:
    reason = "" if policy.lang_supported else " " + md_text(t("(topics could not be tagged)"))
    return f"- {title_link(policy, t, _target(policy))}{reason}"


def _topic_part(policy: Policy, topic: str, t: Labels, chars: int = EXCERPT_CHARS) -> str:
    """One policy's sections on a topic, with excerpts and deep links."""
    out = [f"## {md_text(display_title(policy, t))} {{#{policy.slug}{title_attrs(policy, t)}}}", ""]
    out += [f'<div class="pa-excerpts" lang="{attr(policy.lang)}"{direction(policy.lang)} markdown>', ""]
    for placed in policy.sections:
        if topic not in placed.topics:
            continue
        out += [f"**{_link(policy, placed.id, md_text(section_title(placed, t)))}**", ""]
        excerpt = " ".join(b.text for b in placed.section.blocks)
        if len(excerpt) > chars:
            excerpt = excerpt[:chars].rsplit(" ", 1)[0] + " …"
        if excerpt:
            out += [md_text(excerpt), ""]
    return "\n".join([*out, "</div>", ""])


# what one policy contributes to the pages about all of them, remembered while it does not
# change (mkdocs serve re-renders those pages from the parts after every edit)
_TOPIC_PARTS: ObjectMemo[str] = ObjectMemo()
_MISSING: ObjectMemo[str] = ObjectMemo()
_ROWS: ObjectMemo[str] = ObjectMemo()
_CSV_ROWS: ObjectMemo[str] = ObjectMemo()


# --- CSV -------------------------------------------------------------------------------


def matrix_csv(site: Site) -> str:
    """One row per policy: topics as the id of their first section, facts as plain values."""
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
        ]
    )
    buffer.writelines(_CSV_ROWS.get(p, None, lambda p=p: _csv_row(p)) for p in site.policies)
    return buffer.getvalue()


def _csv_row(p: Policy) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    facts = p.facts
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
            " ".join(facts.retention) if facts else "",
            facts.min_age if facts and facts.min_age else "",
            " ".join(facts.transfer_countries) if facts else "",
            ("yes" if facts.cookies else "no") if facts else "",
            "; ".join(facts.third_parties) if facts else "",
            " ".join(facts.emails) if facts else "",
            facts.hidden_emails if facts else 0,
        ]
    )
    return buffer.getvalue()
