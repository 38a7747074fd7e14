"""`policy-atlas eval`: topic tagging and fact extraction against hand-made truth.

Each truth file (tests/truth/<name>.yaml) lists a document's sections with the topics a
person gave them by reading, the topics of its opening (`opening:`, the text before the
first heading) and its facts. This module runs the real pipeline on the document, matches
sections by title in reading order, and reports precision, recall and F1 per topic and per
language, macro-averaged (the opening counting as one more section), and which facts come
out right.

A truth file with `split: heldout` belongs to the held-out set: documents annotated by
people who never saw the classifier's output, which nobody tunes cue lists against. The
report gives the development set (the rest), the held-out set and both together.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from .lexicon import TOPIC_IDS
from .model import OPENING_ID, Policy
from .organisations import organisation_key, organisation_of
from .pipeline import Draft, analyse, place_policy
from .reader import read_seed
from .text import fold

# the macro-F1 aimed at in every language (the topics issue)
TARGET_F1 = 0.85

FACT_FIELDS = (
    "retention",
    "min_age",
    "emails",
    "hidden_emails",
    "transfer_countries",
    "cookies",
    "third_parties",
    "updated",
    "effective",
)


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class DocResult:
    name: str
    lang: str
    split: str  # "dev" or "heldout"
    sections: int
    unmatched: list[str]
    counts: dict[str, Counts]
    facts: dict[str, tuple[object, object]]  # field -> (expected, got)
    # the matrix's cells: whether the policy speaks of each topic at all, against the truth
    cells: dict[str, Counts] = field(default_factory=dict)
    # the #topic-<id> links: how many land on a section the truth tags with the topic, of how many
    links: Counts = field(default_factory=Counts)


@dataclass
class Report:
    docs: list[DocResult] = field(default_factory=list)

    def split(self, name: str) -> Report:
        return Report([d for d in self.docs if d.split == name])

    def by_language(self) -> dict[str, dict[str, Counts]]:
        out: dict[str, dict[str, Counts]] = defaultdict(lambda: defaultdict(Counts))
        for doc in self.docs:
            for topic, c in doc.counts.items():
                total = out[doc.lang][topic]
                total.tp += c.tp
                total.fp += c.fp
                total.fn += c.fn
        return out

    def by_topic(self) -> dict[str, Counts]:
        out: dict[str, Counts] = defaultdict(Counts)
        for doc in self.docs:
            for topic, c in doc.counts.items():
                out[topic].tp += c.tp
                out[topic].fp += c.fp
                out[topic].fn += c.fn
        return out

    def macro_f1(self, lang: str | None = None) -> float:
        table = self.by_topic() if lang is None else self.by_language()[lang]
        scores = [c.f1 for c in table.values() if c.tp + c.fp + c.fn]
        return sum(scores) / len(scores) if scores else 1.0

    def by_policy(self, least: int = 3) -> dict[str, Report]:
        """The documents that are translations of one policy (named `<lang>--<policy>`), for
        each policy with at least `least` of them, by policy name."""
        groups: dict[str, list[DocResult]] = defaultdict(list)
        for doc in self.docs:
            _, sep, policy = doc.name.partition("--")
            if sep:
                groups[policy].append(doc)
        return {policy: Report(docs) for policy, docs in sorted(groups.items()) if len(docs) >= least}

    def cells_macro_f1(self, lang: str | None = None) -> float:
        """Macro-F1 of the matrix's cells (a policy speaks of a topic or not), over the
        documents of `lang` or all of them."""
        table: dict[str, Counts] = defaultdict(Counts)
        for doc in self.docs:
            if lang is None or doc.lang == lang:
                for topic, c in doc.cells.items():
                    table[topic].tp += c.tp
                    table[topic].fp += c.fp
                    table[topic].fn += c.fn
        scores = [c.f1 for c in table.values() if c.tp + c.fp + c.fn]
        return sum(scores) / len(scores) if scores else 1.0

    def links(self) -> Counts:
        """The #topic-<id> links: right (tp) and wrong (fp), pooled."""
        return Counts(sum(d.links.tp for d in self.docs), sum(d.links.fp for d in self.docs))

    def third_parties(self) -> Counts:
        """Organisations named, pooled over the documents: right, extra and missed."""
        total = Counts()
        for doc in self.docs:
            if "third_parties" in doc.facts:
                want, got = (_organisations(v) for v in doc.facts["third_parties"])
                total.tp += len(want & got)
                total.fp += len(got - want)
                total.fn += len(want - got)
        return total

    def fact_accuracy(self) -> dict[str, tuple[int, int]]:
        out: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for doc in self.docs:
            for name, (want, got) in doc.facts.items():
                out[name][1] += 1
                out[name][0] += int(_same(name, want, got))
        return {k: (v[0], v[1]) for k, v in out.items()}


def _organisations(names: object) -> set[str]:
    """Names compared as organisations: "Meta Ireland" is Meta, "Google LLC" Google (the
    reviewed list's names and `part_of`, as the pipeline reports them), then case-,
    accent- and punctuation-blind."""
    if not isinstance(names, list | tuple):
        return set()
    return {organisation_key(organisation_of(str(n))) for n in names}


def _same(name: str, want: object, got: object) -> bool:
    if name == "third_parties":
        return _organisations(want) == _organisations(got)
    if name in ("emails", "transfer_countries"):
        return {str(x).lower() for x in (want or [])} == {str(x).lower() for x in (got or [])}
    if name == "retention":
        return list(want or []) == list(got or [])
    return want == got


def _analysed(truth_path: Path, truth: dict[str, Any], seeds: Path, corpus: Path) -> Draft:
    """The pipeline's analysis of the document a truth file annotates."""
    kind, _, name = str(truth["source"]).partition("/")
    source = (seeds if kind == "seeds" else corpus) / name
    draft, problems = _analysed_text(source.read_bytes(), str(truth["source"]), name)
    if draft is None:
        raise ValueError(f"{truth_path}: {source} cannot be read: {problems}")
    return draft


@cache
def _analysed_text(data: bytes, label: str, name: str) -> tuple[Draft | None, object]:
    """Analysed once per run: `make eval` scores the documents of tests/agreement again."""
    seed, problems = read_seed(data, label, name)
    return (analyse(seed) if seed is not None else None), problems


def evaluate_file(truth_path: Path, seeds: Path, corpus: Path) -> DocResult:
    truth = yaml.safe_load(truth_path.read_text(encoding="utf-8"))
    return _score(truth_path.stem, truth, _analysed(truth_path, truth, seeds, corpus))


def _compare(
    truth: list[dict[str, Any]],
    titles: list[str],
    topics: list[set[str]],
) -> tuple[dict[str, Counts], list[str]]:
    """Counts per topic of `topics` (one set per part, section or opening, titled as in
    `titles`) against the truth's, matched by title in reading order; the truth titles not
    found."""
    counts: dict[str, Counts] = {t: Counts() for t in TOPIC_IDS}
    unmatched: list[str] = []
    for entry, index in zip(truth, _matched(truth, titles), strict=True):
        want = set(entry.get("topics") or [])
        got: set[str] = set()
        if index is None:
            unmatched.append(str(entry["title"]))
        else:
            got = topics[index]
        for topic in TOPIC_IDS:
            if topic in want and topic in got:
                counts[topic].tp += 1
            elif topic in got:
                counts[topic].fp += 1
            elif topic in want:
                counts[topic].fn += 1
    return counts, unmatched


def _matched(truth: list[dict[str, Any]], titles: list[str]) -> list[int | None]:
    """For each truth section, the index of the section titled as it, in reading order
    (None where none is)."""
    got_titles = [fold(t) for t in titles]
    out: list[int | None] = []
    cursor = 0
    for entry in truth:
        title = fold(str(entry["title"]))
        index = next((i for i in range(cursor, len(got_titles)) if got_titles[i] == title), None)
        out.append(index)
        if index is not None:
            cursor = index + 1
    return out


def _cells_and_links(
    truth: list[dict[str, Any]], titles: list[str], topics: list[set[str]], policy: Policy
) -> tuple[dict[str, Counts], Counts]:
    """What a reader of the matrix sees, against the truth (the parts, opening and sections,
    and their topics as `_parts_tagged` gives them): per topic, whether the policy speaks of
    it at all (a tick), and whether each #topic-<id> link lands on a part the truth tags
    with it."""
    truth_of: dict[int, set[str]] = {}
    for entry, index in zip(truth, _matched(truth, titles), strict=True):
        if index is not None:
            truth_of[index] = set(entry.get("topics") or [])
    want = set().union(*(set(e.get("topics") or []) for e in truth))
    got = set().union(*topics)
    cells = {
        t: Counts(int(t in want and t in got), int(t in got and t not in want), int(t in want and t not in got))
        for t in TOPIC_IDS
    }
    # one per part, in order: the opening (`_parts_tagged`), then each section
    index_of = {OPENING_ID: 0} | {placed.id: i + 1 for i, placed in enumerate(policy.sections)}
    links = Counts()
    for topic, section_id in policy.topic_anchors.items():
        if topic in truth_of.get(index_of[section_id], set()):
            links.tp += 1
        else:
            links.fp += 1
    return cells, links


def _sections_tagged(draft: Draft) -> tuple[list[str], list[set[str]]]:
    """Each section's title (for a generated one, the topic it names) and its topics."""
    titles = [s.title if not s.generated_title else (s.topic_key or "") for s in draft.segmentation.sections]
    return titles, [set(t) for t in draft.section_topics]


# the title the opening (`Opening`) is matched by: no heading has it
OPENING_TITLE = "\x00opening"


def _parts_tagged(draft: Draft) -> tuple[list[str], list[set[str]]]:
    """`_sections_tagged`, the opening (OPENING_TITLE) first."""
    titles, topics = _sections_tagged(draft)
    return [OPENING_TITLE, *titles], [set(draft.opening_tags.topics), *topics]


def _truth_parts(truth: dict[str, Any]) -> list[dict[str, Any]]:
    """The truth's sections, its opening first (`opening:`; a truth file without one says
    the document's opening, if it has any, is about nothing: the truth set annotates every
    opening of ten words or more)."""
    return [{"title": OPENING_TITLE, "topics": truth.get("opening") or []}, *(truth.get("sections") or [])]


def _score(name: str, truth: dict[str, Any], draft: Draft, opening: bool = True) -> DocResult:
    """One document against its truth, its opening as one more section unless `opening` is
    false (a second annotation gives sections only): then its counts leave the opening out,
    while what the matrix shows (`_cells_and_links`) still includes it."""
    titles, topics = _parts_tagged(draft)
    parts = _truth_parts(truth) if opening else list(truth.get("sections") or [])
    counts, unmatched = _compare(parts, titles, topics)
    facts: dict[str, tuple[object, object]] = {}
    expected = truth.get("facts") or {}
    _, policy = place_policy(draft, "eval", None)
    cells, links = _cells_and_links(parts, titles, topics, policy)
    values = policy.facts.as_json() if policy.facts else {}
    for fact in FACT_FIELDS:
        if fact not in expected:
            continue
        if fact in ("updated", "effective"):
            date = draft.date(fact)
            got_value: object = date.iso if date else None
        else:
            got_value = values.get(fact)
        facts[fact] = (expected[fact], got_value)
    split = str(truth.get("split") or "dev")
    if split not in ("dev", "heldout"):
        raise ValueError(f"{name}: split must be dev or heldout, not {split!r}")
    return DocResult(
        name,
        str(truth.get("lang") or draft.lang),
        split,
        len(draft.segmentation.sections),
        unmatched,
        counts,
        facts,
        cells,
        links,
    )


def evaluate(truth_dir: Path, seeds: Path, corpus: Path) -> Report:
    report = Report()
    for path in sorted(truth_dir.glob("*.yaml")):
        report.docs.append(evaluate_file(path, seeds, corpus))
    return report


@dataclass
class Agreement:
    """The documents annotated twice: the second annotation and Policy Atlas, each against
    the truth, and Policy Atlas against the second annotation."""

    second_vs_truth: Report
    atlas_vs_truth: Report
    atlas_vs_second: Report


def agreement(truth_dir: Path, second_dir: Path, seeds: Path, corpus: Path) -> Agreement:
    """Compare a second, independent annotation (`second_dir/<name>.yaml`, sections and
    topics only) with the truth file of the same name, and Policy Atlas with both. How far
    two careful annotators agree bounds what a score against either of them can show."""
    out = Agreement(Report(), Report(), Report())
    for path in sorted(second_dir.glob("*.yaml")):
        truth_path = truth_dir / path.name
        if not truth_path.is_file():
            raise ValueError(f"{path}: no truth file {truth_path} to compare it with")
        second = yaml.safe_load(path.read_text(encoding="utf-8"))
        truth = yaml.safe_load(truth_path.read_text(encoding="utf-8"))
        if second.get("source") != truth.get("source"):
            raise ValueError(f"{path}: source {second.get('source')!r} is not the truth's {truth.get('source')!r}")
        entries = second.get("sections") or []
        titles = [fold(str(e["title"])) for e in entries]
        if titles != [fold(str(e["title"])) for e in truth.get("sections") or []]:
            raise ValueError(f"{path}: its sections are not the truth's ({truth_path}), title for title in order")
        draft = _analysed(truth_path, truth, seeds, corpus)
        atlas = _score(path.stem, truth, draft, opening=False)  # the second annotation has sections only
        out.atlas_vs_truth.docs.append(atlas)
        counts, unmatched = _compare(
            truth.get("sections") or [],
            [str(e["title"]) for e in entries],
            [set(e.get("topics") or []) for e in entries],
        )
        out.second_vs_truth.docs.append(
            DocResult(path.stem, atlas.lang, atlas.split, len(entries), unmatched, counts, {})
        )
        counts, unmatched = _compare(entries, *_sections_tagged(draft))
        out.atlas_vs_second.docs.append(
            DocResult(path.stem, atlas.lang, atlas.split, len(draft.segmentation.sections), unmatched, counts, {})
        )
    return out


def format_agreement(result: Agreement) -> str:
    reports = (
        ("second vs truth", result.second_vs_truth),
        ("Atlas vs truth", result.atlas_vs_truth),
        ("Atlas vs second", result.atlas_vs_second),
    )
    docs = result.second_vs_truth.docs
    lines = [
        f"Agreement: {len(docs)} documents annotated a second time, independently (macro-F1; "
        "the second annotation scored against the truth, Policy Atlas against each)",
        f"{'':14}" + "".join(f" {name:>16}" for name, _ in reports),
        f"{'all':14}" + "".join(f" {r.macro_f1():16.2f}" for _, r in reports),
    ]
    for split in ("dev", "heldout"):
        if any(d.split == split for d in docs):
            lines.append(f"{split:14}" + "".join(f" {r.split(split).macro_f1():16.2f}" for _, r in reports))
    lines.append("")
    lines.append(f"{'topic':14}" + "".join(f" {name:>16}" for name, _ in reports))
    tables = [r.by_topic() for _, r in reports]
    for topic in TOPIC_IDS:
        if any(t[topic].tp + t[topic].fp + t[topic].fn for t in tables):
            lines.append(f"{topic:14}" + "".join(f" {t[topic].f1:16.2f}" for t in tables))
    lines.append("")
    lines.append(f"{'lang (docs)':14}" + "".join(f" {name:>16}" for name, _ in reports))
    for lang in sorted({d.lang for d in docs}):
        n = sum(1 for d in docs if d.lang == lang)
        lines.append(f"{f'{lang} ({n})':14}" + "".join(f" {r.macro_f1(lang):16.2f}" for _, r in reports))
    missing = [(d.name, t) for d in result.atlas_vs_second.docs for t in d.unmatched]
    if missing:
        lines += ["", f"Sections of the second annotation not among the sections cut ({len(missing)})"]
        lines += [f"  {n}: {t}" for n, t in missing[:40]]
    return "\n".join(lines)


def format_report(report: Report) -> str:
    splits = [(name, report.split(name)) for name in ("dev", "heldout")]
    splits = [(name, part) for name, part in splits if part.docs]
    lines = [
        "Documents: " + ", ".join(f"{len(part.docs)} {name}" for name, part in splits),
        "",
        "Topics per topic (all documents)",
        f"{'topic':14} {'P':>6} {'R':>6} {'F1':>6} {'support':>8}",
    ]
    for topic, c in sorted(report.by_topic().items(), key=lambda kv: TOPIC_IDS.index(kv[0])):
        lines.append(f"{topic:14} {c.precision:6.2f} {c.recall:6.2f} {c.f1:6.2f} {c.tp + c.fn:8d}")
    lines.append(f"{'macro-F1':14} {'':6} {'':6} {report.macro_f1():6.2f}")
    lines += ["", "Macro-F1 per split: " + ", ".join(f"{name} {part.macro_f1():.2f}" for name, part in splits)]
    header = (
        f"{'lang':6} {'docs':>5} {'P':>6} {'R':>6} {'macro-F1':>9}"
        + "".join(f" {name + ' (docs)':>16}" for name, _ in splits)
        + f" {'cells':>6}"
    )
    lines += [
        "",
        "Topics per language (P and R over all documents; macro-F1 overall and per split; cells:"
        " macro-F1 of the matrix's ticks, whether a policy speaks of a topic at all)",
        header,
    ]
    for lang, table in sorted(report.by_language().items()):
        total = Counts(
            sum(c.tp for c in table.values()), sum(c.fp for c in table.values()), sum(c.fn for c in table.values())
        )
        docs = sum(1 for d in report.docs if d.lang == lang)
        row = f"{lang:6} {docs:5d} {total.precision:6.2f} {total.recall:6.2f} {report.macro_f1(lang):9.2f}"
        for _, part in splits:
            n = sum(1 for d in part.docs if d.lang == lang)
            row += f" {f'{part.macro_f1(lang):.2f} ({n})' if n else '-':>16}"
        lines.append(row + f" {report.cells_macro_f1(lang):6.2f}")
    translated = report.by_policy()
    if translated:
        lines += [
            "",
            "Policies translated into several languages (one row per policy: macro-F1 over its"
            " translations; a language's figures above lean on its translation of each)",
            f"{'policy':36} {'docs':>5} {'macro-F1':>9}" + "".join(f" {name + ' (docs)':>16}" for name, _ in splits),
        ]
        for policy, part in translated.items():
            row = f"{policy:36} {len(part.docs):5d} {part.macro_f1():9.2f}"
            for name, _ in splits:
                half = part.split(name)
                row += f" {f'{half.macro_f1():.2f} ({len(half.docs)})' if half.docs else '-':>16}"
            lines.append(row)
    per_language = {lang: report.macro_f1(lang) for lang in sorted(report.by_language())}
    reached = [lang for lang, f1 in per_language.items() if f1 >= TARGET_F1]
    below = ", ".join(
        f"{lang} {f1:.3f}" for lang, f1 in sorted(per_language.items(), key=lambda kv: kv[1]) if f1 < TARGET_F1
    )
    lines += [
        "",
        f"Languages at macro-F1 {TARGET_F1} or more: {len(reached)} of {len(per_language)}"
        + (f" ({', '.join(reached)})" if reached else ""),
    ]
    if below:
        lines.append(f"Below it: {below}")
    cells = {lang: report.cells_macro_f1(lang) for lang in per_language}
    lines += [
        "",
        "What the matrix shows, against the truth:",
        "  its ticks (a policy speaks of a topic or not), macro-F1: "
        + ", ".join(f"{name} {part.cells_macro_f1():.2f}" for name, part in splits)
        + f"; languages at {TARGET_F1} or more: {sum(1 for f1 in cells.values() if f1 >= TARGET_F1)}"
        f" of {len(cells)}",
        "  its #topic-<id> links, landing on a section (or the opening) the truth tags with the topic: "
        + ", ".join(
            f"{name} {links.tp} of {links.tp + links.fp} ({links.precision:.2f})"
            for name, links in ((name, part.links()) for name, part in splits)
        ),
    ]
    lines += ["", "Facts (documents where the extracted value equals the truth)"]
    for fact, (right, total) in sorted(report.fact_accuracy().items(), key=lambda kv: FACT_FIELDS.index(kv[0])):
        lines.append(f"{fact:20} {right:3d}/{total:<3d}")
    parties = report.third_parties()
    lines.append(
        f"third parties, each organisation named (pooled): P {parties.precision:.2f} R {parties.recall:.2f} "
        f"F1 {parties.f1:.2f} ({parties.tp} right, {parties.fp} extra, {parties.fn} missed); per split: "
        + ", ".join(f"{name} F1 {part.third_parties().f1:.2f}" for name, part in splits)
    )
    wrong = [
        (d.name, f, w, g)
        for d in report.docs
        for f, (w, g) in d.facts.items()
        if f != "third_parties" and not _same(f, w, g)
    ]
    if wrong:
        lines += ["", "Facts that differ (document, fact, truth, extracted)"]
        lines += [f"  {n}: {f}: {w!r} != {g!r}" for n, f, w, g in wrong]
    parties_wrong = [(d.name, *d.facts["third_parties"]) for d in report.docs if "third_parties" in d.facts]
    parties_wrong = [(n, w, g) for n, w, g in parties_wrong if not _same("third_parties", w, g)]
    if parties_wrong:
        lines += ["", "Third parties that differ (document: missed / extra)"]
        for name, want, got in parties_wrong:
            missed = sorted(str(w) for w in want or [] if not _organisations([w]) <= _organisations(got))
            extra = sorted(str(g) for g in got or [] if not _organisations([g]) <= _organisations(want))
            lines.append(f"  {name}: missed {missed} / extra {extra}")
    missing = [(d.name, t) for d in report.docs for t in d.unmatched]
    if missing:
        lines += ["", f"Truth sections not found among the sections cut ({len(missing)})"]
        lines += [f"  {n}: {t}" for n, t in missing[:40]]
    return "\n".join(lines)
