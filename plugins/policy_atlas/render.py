"""Rendering the site model as Markdown pages and machine-readable exports.

Seed text is text, never markup: every character that Markdown, HTML, attribute lists
or a template engine could read as syntax is written as a numeric character entity, so
nothing in a seed can become an element, a link, a heading or an attribute.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass

from . import __version__
from .anchors import all_anchor_ids
from .cache import ObjectMemo
from .csp import add_csp
from .i18n import N_, Labels
from .localize import direction, format_confidence, format_number, format_policy_date, language_name
from .model import OPENING_ID, Block, Opening, PlacedSection, Policy, Problem, Site
from .slugs import number_id

POLICIES_DIR = "policies"
JSON_SCHEMA = 1

TOPIC_NAMES = {
    "scope": N_("Scope and definitions"),
    "collection": N_("Data collected"),
    "purposes": N_("Purposes"),
    "legal-basis": N_("Legal basis"),
    "sharing": N_("Sharing with third parties"),
    "cookies": N_("Cookies and tracking"),
    "retention": N_("Retention"),
    "security": N_("Security"),
    "rights": N_("Your rights"),
    "choices": N_("Choices and consent"),
    "children": N_("Children"),
    "transfers": N_("International transfers"),
    "changes": N_("Changes to the policy"),
    "contact": N_("Contact"),
}

# Characters that could start Markdown, HTML, attribute-list or template syntax.
_ENTITIES = {ch: f"&#{ord(ch)};" for ch in "\\`*_{}[]<>#|~^&$!:="}
_ENTITIES['"'] = "&quot;"
# one regex pass: str.translate with a mapping is several times slower on non-ASCII text
_SPECIAL = re.compile("[" + re.escape("".join(_ENTITIES)) + "]")
_LIST_START = re.compile(r"^(\d+)([.)])")


def md_text(text: str) -> str:
    """Plain text -> Markdown source that renders as exactly that text."""
    escaped = _SPECIAL.sub(lambda m: _ENTITIES[m.group()], text)
    # a leading "-", "+" or "1." would start a list
    if escaped[:1] in "-+":
        return f"&#{ord(escaped[0])};" + escaped[1:]
    return _LIST_START.sub(lambda m: f"{m.group(1)}&#{ord(m.group(2))};", escaped)


# Material's search leaves out a block or a heading's section carrying this attribute. What
# only repeats the policies' own pages (topic-page excerpts, the matrix's cells, the charts'
# labels) is left out: a search finds each passage once, on its policy's page, and the index
# every page loads stays the size of the policies' text (at 1,000 policies it was a third
# larger, and the browser builds it anew on every page).
SEARCH_EXCLUDE = "data-search-exclude"


def md_heading(level: int, text: str, anchor: str | None = None, searchable: bool = True) -> str:
    """A Markdown heading of plain text, with an explicit id when given; with `searchable`
    false, its section is left out of the search index (SEARCH_EXCLUDE)."""
    attrs = ([f"#{anchor}"] if anchor else []) + ([] if searchable else [SEARCH_EXCLUDE])
    suffix = f" {{{' '.join(attrs)}}}" if attrs else ""
    return f"{'#' * level} {md_text(text)}{suffix}"


def attr(text: str) -> str:
    """Text for an HTML attribute value inside double quotes (also safe in Markdown)."""
    return html.escape(text, quote=True).replace("{", "&#123;").replace("}", "&#125;")


def page_path(slug: str) -> str:
    return f"{POLICIES_DIR}/{slug}.md"


def page_url(slug: str) -> str:
    return f"{POLICIES_DIR}/{slug}/"


def display_title(policy: Policy, t: Labels) -> str:
    if not policy.title_generated:
        return policy.title
    if policy.publisher:
        return policy.publisher + " – " + t("Privacy policy")
    return t("Privacy policy") + f" ({policy.name})"


def lang_attrs(lang: str, around: str) -> str:
    """The attributes of text in language `lang` standing in text in `around`: its `lang`,
    and its `dir` where the two directions differ (an Arabic title in an English table, an
    English note in an Arabic text); none for the same language."""
    if lang == around:
        return ""
    own, outer = direction(lang), direction(around)
    return f' lang="{attr(lang)}"' + ((own or ' dir="ltr"') if own != outer else "")


def title_attrs(policy: Policy, t: Labels) -> str:
    """The attributes of a policy's own title among the reader's words (a generated title
    is the reader's)."""
    return "" if policy.title_generated else lang_attrs(policy.title_language, t.lang)


def title_link(policy: Policy, t: Labels, href: str) -> str:
    """A Markdown link to a policy by its title, marked as the title's language."""
    attrs = title_attrs(policy, t)
    return f"[{md_text(display_title(policy, t))}]({href})" + (f"{{{attrs} }}" if attrs else "")


def citation(policy: Policy, t: Labels) -> str:
    """ "WebProm – Privacy Policy": how a ticket names the policy."""
    if policy.publisher:
        return policy.publisher + " – " + t("Privacy Policy")
    return display_title(policy, t)


def section_title(placed: PlacedSection, t: Labels) -> str:
    section = placed.section
    if section.generated_title and section.topic_key in TOPIC_NAMES:
        return t(TOPIC_NAMES[section.topic_key])
    if section.generated_title:
        return t("Text")
    return section.title


# --- a policy page -------------------------------------------------------------------


def _ui_inside(policy: Policy, t: Labels) -> str:
    """The attributes of what Policy Atlas says inside a policy's text (notes, topic chips,
    generated titles): the reader's language, not the policy's."""
    return lang_attrs(t.lang, policy.lang)


def _note(classes: str, message: str, ui: str) -> list[str]:
    """A note of Policy Atlas's inside a policy's text, marked as the reader's language (`ui`)."""
    return [f'<p class="{classes}"{ui}>{attr(message)}</p>', ""]


def render_policy(policy: Policy, t: Labels) -> str:
    title = display_title(policy, t)
    out: list[str] = [f"# {md_text(title)} {{#policy-title{title_attrs(policy, t)}}}", ""]
    out += _meta_table(policy, t)
    cite = citation(policy, t)
    copy_label, copied_label = t("Copy link"), t("Link copied")
    out += [
        f'<div class="pa-body" id="policy-body" lang="{attr(policy.lang)}"{direction(policy.lang)} data-pa-cite="{attr(cite)}" '
        f'data-pa-copy="{attr(copy_label)}" data-pa-copied="{attr(copied_label)}" markdown>',
        "",
    ]
    if policy.segmentation.generated:
        note = t(
            "This text has no headings: its sections were cut where the subject changes and their titles are generated."
        )
        out += _note("pa-note", note, _ui_inside(policy, t))
    elif any(section.generated_title for section in policy.segmentation.sections):
        note = t(
            "The opening of this text has no headings: its sections there were cut where the subject changes "
            "and their titles are generated."
        )
        out += _note("pa-note", note, _ui_inside(policy, t))
    # the opening is shown after the lines before it, under its own anchor (`_opening`)
    skip = _title_blocks(policy) | {b.start for b in (policy.opening.blocks if policy.opening else ())}
    out += _blocks([b for b in policy.segmentation.preamble if b.start not in skip])
    if not policy.lang_supported:
        message = t("Topics could not be tagged: Policy Atlas has no language data for %(language)s yet.") % {
            "language": language_name(policy.lang, t.lang)
        }
        out += _note("pa-note pa-untagged", message, _ui_inside(policy, t))
    used: set[str] = {p.id for p in policy.sections}
    first_of_topic = {topic: policy.topic_anchor(topic) for topic in TOPIC_NAMES}
    topics_here = [t_ for t_, sid in first_of_topic.items() if sid == OPENING_ID]
    out += _opening(policy.opening, t, used, topics_here, _ui_inside(policy, t))
    for placed in policy.sections:
        topics_here = [t_ for t_, sid in first_of_topic.items() if sid == placed.id]
        out += _section(placed, t, used, topics_here, _ui_inside(policy, t))
    out += ["</div>", ""]
    return "\n".join(out)


def _title_blocks(policy: Policy) -> set[int]:
    """The preamble line shown as the page title is not repeated in the body."""
    span = policy.segmentation.title_line
    if span is None or policy.title_generated:
        return set()
    # with the Markdown that made it one: "# Title", "**Title**", a setext "=====" underline
    return {
        b.start
        for b in policy.segmentation.preamble
        if span[0] <= b.start < span[1]
        and (_SETEXT_UNDERLINE.fullmatch(b.text) or b.text.strip("#*_ \t") == policy.title)
    }


_SETEXT_UNDERLINE = re.compile(r"\s*(?:=+|-+)\s*")


def _meta_table(policy: Policy, t: Labels) -> list[str]:
    ui = t.lang
    rows: list[tuple[str, str]] = []
    if policy.publisher:
        rows.append((t("Publisher"), html.escape(policy.publisher)))
    lang_name = language_name(policy.lang, ui)
    confidence = t("detected with %(confidence)s confidence") % {
        "confidence": format_confidence(policy.lang_confidence, ui)
    }
    detected = f'{html.escape(lang_name)} <span class="pa-confidence">({html.escape(confidence)})</span>'
    rows.append((t("Language"), detected))
    if policy.updated:
        rows.append(
            (
                t("Updated"),
                f'<time datetime="{policy.updated.iso}">{html.escape(format_policy_date(policy.updated, ui))}</time>',
            )
        )
    if policy.effective:
        rows.append(
            (
                t("Effective"),
                f'<time datetime="{policy.effective.iso}">{html.escape(format_policy_date(policy.effective, ui))}</time>',
            )
        )
    if policy.url:
        rows.append(
            (
                t("Published at"),
                f'<a href="{attr(policy.url)}" rel="nofollow noopener noreferrer">{html.escape(policy.url)}</a>',
            )
        )
    rows.append((t("Source file"), f"<code>{html.escape(policy.source)}</code>"))
    rows.append((t("Words"), html.escape(format_number(policy.word_count, ui))))
    if policy.encoding_guessed:
        rows.append((t("Encoding"), html.escape(t("guessed as %(encoding)s") % {"encoding": policy.encoding})))
    lines = ['<table class="pa-meta" id="policy-meta">', "<tbody>"]
    lines += [f'<tr><th scope="row">{html.escape(k)}</th><td>{v}</td></tr>' for k, v in rows]
    lines += ["</tbody>", "</table>", ""]
    return lines


def _section(placed: PlacedSection, t: Labels, used: set[str], first_of: list[str], ui: str) -> list[str]:
    """One section's anchors, heading, topic chips and text; `ui` marks what Policy Atlas
    says there as the reader's language (`_ui_inside`)."""
    out = _anchors(
        all_anchor_ids(placed)[1:] + [f"topic-{topic}" for topic in first_of], placed.id, used, placed.aliases
    )
    level = min(placed.section.level + 1, 6)
    title = section_title(placed, t)
    classes = f" .pa-generated{ui}" if placed.section.generated_title else ""
    out += [f"{'#' * level} {md_text(title)} {{#{placed.id}{classes}}}", ""]
    if placed.section.generated_title:
        generated = t("Title generated from the topic of this part.")
        out += _note("pa-note", generated, ui)
    out += _chips(placed.topics, placed.lead_topic, t, ui)
    for note in placed.removed_notes:
        message = t("Text once linked here was removed: “%(title)s”.") % {"title": note}
        out += _note("pa-note pa-removed", message, ui)
    out += _blocks(list(placed.section.blocks))
    return out


def _opening(opening: Opening | None, t: Labels, used: set[str], first_of: list[str], ui: str) -> list[str]:
    """The policy's opening (`Opening`): its anchor, the #topic-<id> anchors that land on it,
    its topic chips and its text. A policy without one still has the anchor, where its text
    starts, so that a link to the opening of an earlier version keeps landing."""
    out = _anchors([f"topic-{topic}" for topic in first_of], OPENING_ID, used)
    used.add(OPENING_ID)
    out += [f'<div class="pa-anchor" id="{OPENING_ID}"></div>', ""]
    if opening is None:
        return out
    out += _chips(opening.topics, opening.lead_topic, t, ui)
    return out + _blocks(list(opening.blocks))


def _anchors(ids: list[str], target: str, used: set[str], aliases: tuple[str, ...] = ()) -> list[str]:
    """An empty element for each of `ids` that lands on `target` (a section's or the
    opening's id): its old ids (`aliases`, written whatever else took them) and the
    #topic-<id> anchors of the topics first found there; no id twice on a page (`used`)."""
    out: list[str] = []
    for extra in ids:
        if extra in used and extra not in aliases:
            continue
        used.add(extra)
        out += [f'<div class="pa-anchor" id="{attr(extra)}" data-pa-target="{attr(target)}"></div>', ""]
    return out


def _chips(topics: tuple[str, ...], lead: str | None, t: Labels, ui: str) -> list[str]:
    """The topic chips of a section or of the opening, each linking to its topic's page, and
    a link to the matrix's row of the topic it is mainly about."""
    if not topics:
        return []
    chips = " ".join(
        f'[{md_text(t(TOPIC_NAMES[topic]))}](../topics/{topic}.md){{ .pa-chip data-pa-topic="{topic}" }}'
        for topic in topics
    )
    # on a matrix of one row per policy the row's topic filters it (matrix.js)
    lead = lead if lead in topics else topics[0]
    same = t("Same topic in other policies")
    compare = f"[{md_text(same)}](../matrix.md#row-{lead}){{ .pa-compare }}"
    return [f"{chips} · {compare}", f"{{ .pa-topics{ui} }}", ""]


def _blocks(blocks: list[Block]) -> list[str]:
    out: list[str] = []
    in_list = False
    for block in blocks:
        if block.kind == "li":
            text = re.sub(r"^[-*+•·▪◦●‣–]\s*", "", block.text) or block.text
            out.append(f"- {md_text(text)}")
            in_list = True
            continue
        if in_list:
            out.append("")
            in_list = False
        out += [md_text(block.text), ""]
    if in_list:
        out.append("")
    return out


# --- the home page, the problems page ----------------------------------------------

HOME_MARKER = "<!-- policy-atlas:policies -->"


def render_policy_table(site: Site, t: Labels, link_prefix: str = "") -> str:
    ui = t.lang
    head = [t("Policy"), t("Publisher"), t("Language"), t("Updated"), t("Sections"), t("Paragraphs")]
    lines = ["| " + " | ".join(md_text(h) for h in head) + " |", "|" + "---|" * len(head)]
    for policy in site.policies:  # a row is remembered while its policy is unchanged (mkdocs serve)
        lines.append(_ROWS.get(policy, (ui, link_prefix), lambda p=policy: _policy_row(p, t, link_prefix)))
    if not site.policies:
        return md_text(t("No policies yet: put .txt or .md files in the seeds folder.")) + "\n"
    summary = t.n("%(count)d policy", "%(count)d policies", len(site.policies)) % {"count": len(site.policies)}
    problems = ""
    if site.problems:
        problems = (
            " · ["
            + md_text(
                t.n("%(count)d problem", "%(count)d problems", len(site.problems)) % {"count": len(site.problems)}
            )
            + f"]({link_prefix}problems.md)"
        )
    return md_text(summary) + problems + "\n\n" + "\n".join(lines) + "\n"


_ROWS: ObjectMemo[str] = ObjectMemo()


def _policy_row(policy: Policy, t: Labels, link_prefix: str) -> str:
    ui = t.lang
    link = title_link(policy, t, f"{link_prefix}{page_path(policy.slug)}")
    updated = format_policy_date(policy.updated, ui) if policy.updated else "–"
    cells = [
        link,
        md_text(policy.publisher) if policy.publisher else "–",
        md_text(language_name(policy.lang, ui)),
        md_text(updated),
        str(len(policy.sections)),
        str(policy.paragraph_count),
    ]
    return "| " + " | ".join(cells) + " |"


def render_home(site: Site, t: Labels, template: str | None) -> str:
    table = render_policy_table(site, t)
    if template is None:
        return md_heading(1, t("Privacy policies")) + "\n\n" + table
    if HOME_MARKER in template:
        return template.replace(HOME_MARKER, table)
    return template.rstrip("\n") + "\n\n" + table


def render_problems(problems: tuple[Problem, ...], t: Labels) -> str:
    out = [md_heading(1, t("Problems")), ""]
    if not problems:
        out += [md_text(t("No problems: every seed was read and published.")), ""]
        return "\n".join(out)
    out += [md_text(t("These seeds could not be published as they are, or were published with a warning.")), ""]
    for problem in problems:
        where = problem.source if problem.line is None else f"{problem.source}:{problem.line}"
        kind = {"error": t("error"), "warning": t("warning")}.get(problem.severity, t("note"))
        out.append(
            f"- **{md_text(kind)}** `{where.replace('`', '')}`: {md_text(problem.message)} {md_text(problem.hint)}"
        )
    out.append("")
    return "\n".join(out)


# --- exports -------------------------------------------------------------------------


def policies_json(site: Site, t: Labels) -> str:
    """The one machine-readable description of the site (schema 1); `t` names the policies
    without a title of their own (`label`) as the site's pages do."""
    head = {"schema": JSON_SCHEMA, "generator": f"policy-atlas {__version__}"}
    # each policy's entry is serialized once and remembered while the policy is unchanged
    entries = [_JSON.get(p, t.lang, lambda p=p: _dumps(_policy_json(p, t), 2)) for p in site.policies]
    parts = ["{\n"]
    parts += [f" {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)},\n" for k, v in head.items()]
    parts.append(' "policies": [')
    if entries:  # one join: the file is megabytes, every `+` would copy all of it
        for n, entry in enumerate(entries):
            parts += ("\n  " if n == 0 else ",\n  ", entry)
        parts.append("\n ")
    parts += ["],\n", f' "problems": {_dumps([p.as_json() for p in site.problems], 1)}\n', "}\n"]
    return "".join(parts)


def _dumps(value: object, depth: int) -> str:
    """JSON indented by one space per level, as if written at `depth`."""
    return json.dumps(value, ensure_ascii=False, indent=1).replace("\n", "\n" + " " * depth)


_JSON: ObjectMemo[str] = ObjectMemo()


def _policy_json(policy: Policy, t: Labels) -> dict[str, object]:
    return {
        "id": policy.slug,
        "source": policy.source,
        "url": page_url(policy.slug),
        "title": policy.title or None,  # the policy's own, null where its text has none
        "label": display_title(policy, t),  # what the site calls it: its title or one made up
        "publisher": policy.publisher,
        "lang": policy.lang,
        "lang_confidence": policy.lang_confidence,
        "title_lang": policy.title_language if policy.title else None,
        "updated": policy.updated.iso if policy.updated else None,
        "effective": policy.effective.iso if policy.effective else None,
        "words": policy.word_count,
        "paragraphs": policy.paragraph_count,
        "redirects_from": [page_url(s) for s in policy.old_slugs],
        "opening": _opening_json(policy),
        "sections": [_section_json(policy, s) for s in policy.sections],
        "topics_tagged": policy.lang_supported,
        "topics": {t: sid for t in TOPIC_NAMES if (sid := policy.topic_anchor(t))},
        "facts": policy.facts.as_json() if policy.facts else {},
    }


def _opening_json(policy: Policy) -> dict[str, object] | None:
    """The text before the first heading, past the title and date lines (`Opening`); null
    where there is none."""
    if policy.opening is None:
        return None
    return {
        "id": OPENING_ID,
        "url": f"{page_url(policy.slug)}#{OPENING_ID}",
        "topics": list(policy.opening.topics),
    }


def _section_json(policy: Policy, placed: PlacedSection) -> dict[str, object]:
    section = placed.section
    return {
        "id": placed.id,
        "title": section.title if not section.generated_title else section.topic_key,
        "level": section.level,
        "number": section.number,
        "number_anchor": number_id(section.number) if section.number else None,
        "generated_title": section.generated_title,
        "url": f"{page_url(policy.slug)}#{placed.id}",
        "aliases": list(placed.aliases),
        "topics": list(placed.topics),
    }


@dataclass(frozen=True)
class RedirectPage:
    path: str  # e.g. "policies/old/index.html"
    html: str


def redirect_page(old_slug: str, new_slug: str, t: Labels) -> RedirectPage:
    """A static page at the old URL that forwards to the new one, keeping the #anchor
    (through a self-hosted script; without scripts, a meta refresh and a link)."""
    target = f"../{new_slug}/"
    text = html.escape(t("This policy moved to a new address."))
    body = (
        "<!doctype html>\n"
        f'<html lang="{attr(t.lang)}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{text}</title>\n"
        f'<link rel="canonical" href="{attr(target)}">\n'
        f'<script src="../../assets/policy-atlas/redirect.js" data-pa-target="{attr(target)}"></script>\n'
        f'<meta http-equiv="refresh" content="1; url={attr(target)}">\n'
        f'</head>\n<body>\n<p>{text} <a id="pa-redirect" href="{attr(target)}">{html.escape(target)}</a></p>\n</body>\n</html>\n'
    )
    return RedirectPage(f"{POLICIES_DIR}/{old_slug}/index.html", add_csp(body))
