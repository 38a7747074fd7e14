"""`policy-atlas eval` (make eval) on the real truth files, through its command line."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import CORPUS, ROOT, require_corpus
from policy_atlas.evaluate import FACT_FIELDS

TRUTH = ROOT / "tests" / "truth"


def _eval(truth: Path, corpus: Path, *more: str) -> str:
    done = _run(truth, corpus, *more)
    assert done.returncode == 0, done.stderr
    return done.stdout


def _run(truth: Path, corpus: Path, *more: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "policy_atlas.cli",
            "eval",
            "--truth",
            str(truth),
            "--seeds",
            str(ROOT / "seeds"),
            "--corpus",
            str(corpus),
            *more,
        ],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )


def test_eval_of_the_seeds_gives_every_fact_right(tmp_path: Path) -> None:
    """The five seeds' truth alone (no corpus needed): every fact of every seed comes out
    as annotated, every annotated section is found, and the report names the languages
    at the macro-F1 aimed at and those below it, with exact figures."""
    for path in TRUTH.glob("00[0-4]_*.yaml"):
        shutil.copy(path, tmp_path / path.name)
    out = _eval(tmp_path, tmp_path / "no-corpus")
    assert "Documents: 5 dev" in out
    facts = out.split("Facts (documents where the extracted value equals the truth)")[1]
    for fact in FACT_FIELDS:
        assert re.search(rf"^{fact} +5/5 *$", facts, re.MULTILINE), fact
    assert "Facts that differ" not in out and "Truth sections not found" not in out
    assert "Languages at macro-F1 0.85 or more:" in out and " of 3" in out  # sq, nb, cs


@pytest.mark.skipif(not CORPUS.is_dir(), reason=f"{CORPUS} is absent: the truth set reads ../shared/corpus/")
def test_eval_of_the_whole_truth_set_finds_every_annotated_section() -> None:
    """Every truth file names sections the segmenter cuts (titles in reading order): a
    change to segmentation that loses one shows here, not as a silent drop in F1."""
    out = _eval(TRUTH, CORPUS)
    documents = len(list(TRUTH.glob("*.yaml")))
    heldout = sum(
        1 for p in TRUTH.glob("*.yaml") if yaml.safe_load(p.read_text(encoding="utf-8")).get("split") == "heldout"
    )
    assert f"Documents: {documents - heldout} dev, {heldout} heldout" in out
    assert "Truth sections not found" not in out


def _agreement(truth: Path, second: Path, corpus: Path) -> str:
    return _eval(truth, corpus, "--agreement", str(second)).split("Agreement:", 1)[1]


def _row(out: str, label: str) -> list[float]:
    line = next(line for line in out.splitlines() if line.split()[:1] == [label])
    return [float(x) for x in line.split()[1:]]


def _seed_annotated_twice(
    tmp_path: Path, second_sections: Callable[[list[dict[str, Any]]], list[dict[str, Any]]]
) -> tuple[Path, Path, str, dict[str, Any]]:
    """Seed 003's truth in tmp_path/truth, and in tmp_path/second a copy of its sections as
    `second_sections` makes them: the folders, the file name and the second annotation."""
    truth, second = tmp_path / "truth", tmp_path / "second"
    truth.mkdir()
    second.mkdir()
    name = "003_2c31ca6f0ba12496.yaml"
    shutil.copy(TRUTH / name, truth / name)
    data = yaml.safe_load((TRUTH / name).read_text(encoding="utf-8"))
    copy = {"source": data["source"], "sections": second_sections(data["sections"])}
    (second / name).write_text(yaml.safe_dump(copy, allow_unicode=True), encoding="utf-8")
    return truth, second, name, copy


def test_agreement_of_two_annotations_of_a_seed(tmp_path: Path) -> None:
    """A second annotation identical to the truth agrees fully, and Policy Atlas scores the
    same against both; one that drops a topic and adds another agrees less, and the
    topics it changed are the ones that lose."""
    truth, second, name, copy = _seed_annotated_twice(tmp_path, lambda sections: sections)
    out = _agreement(truth, second, tmp_path / "no-corpus")
    second_vs_truth, atlas_vs_truth, atlas_vs_second = _row(out, "all")
    assert second_vs_truth == 1.0 and atlas_vs_truth == atlas_vs_second
    assert "not among the sections cut" not in out

    sections = copy["sections"]
    dropped = next(s for s in sections if "retention" in (s["topics"] or []))
    dropped["topics"] = [t for t in dropped["topics"] if t != "retention"]
    added = next(s for s in sections if s["topics"] and "children" not in s["topics"])
    added["topics"] = [*added["topics"], "children"]
    (second / name).write_text(yaml.safe_dump(copy, allow_unicode=True), encoding="utf-8")
    out = _agreement(truth, second, tmp_path / "no-corpus")
    assert _row(out, "all")[0] < 1.0
    assert _row(out, "retention")[0] < 1.0 and _row(out, "children")[0] < 1.0
    assert _row(out, "collection")[0] == 1.0
    assert _row(out, "all")[1] == atlas_vs_truth  # the truth did not change


@pytest.mark.skipif(not CORPUS.is_dir(), reason=f"{CORPUS} is absent: the truth set reads ../shared/corpus/")
def test_agreement_set_matches_the_truth_section_for_section() -> None:
    """Every document of tests/agreement has a truth file with the same sections (the
    command refuses otherwise), Policy Atlas cuts them all, and the two annotations agree
    at the 0.97 the README and docs/taxonomy.md state."""
    second = ROOT / "tests" / "agreement"
    out = _agreement(TRUTH, second, CORPUS)
    assert f"{len(list(second.glob('*.yaml')))} documents annotated a second time" in out
    assert "not among the sections cut" not in out
    second_vs_truth, atlas_vs_truth, atlas_vs_second = _row(out, "all")
    assert second_vs_truth >= 0.97 and atlas_vs_truth > 0.0 and atlas_vs_second > 0.0


def test_agreement_refuses_a_second_annotation_of_other_sections(tmp_path: Path) -> None:
    """A second annotation must cover the truth's sections, title for title: one that
    leaves a section out is refused with a message naming the file, not scored."""
    truth, second, name, _ = _seed_annotated_twice(tmp_path, lambda sections: sections[1:])
    done = _run(truth, tmp_path, "--agreement", str(second))
    assert done.returncode == 2
    assert f"{second / name}: its sections are not the truth's" in done.stderr
    assert "Traceback" not in done.stderr


def test_eval_compares_third_parties_as_organisations(tmp_path: Path) -> None:
    """An annotator may write an organisation otherwise than the pipeline reports it: with
    a legal form ("Xiaomi Inc." is no other company than Xiaomi) or by a
    product of it ("WeChat" is Tencent's). Both count as the same organisation; a name that
    is none of those found still counts as missed."""
    path = next(TRUTH.glob("001_*.yaml"))
    truth = yaml.safe_load(path.read_text(encoding="utf-8"))
    truth["facts"]["third_parties"] = ["Xiaomi Inc.", "Huawei", "Vivo", "Oppo", "Rongyun", "WeChat"]
    (tmp_path / path.name).write_text(yaml.safe_dump(truth, allow_unicode=True), encoding="utf-8")
    out = _eval(tmp_path, tmp_path / "no-corpus")
    assert re.search(r"^third_parties +1/1 *$", out, re.MULTILINE)
    truth["facts"]["third_parties"].append("Baidu")
    (tmp_path / path.name).write_text(yaml.safe_dump(truth, allow_unicode=True), encoding="utf-8")
    out = _eval(tmp_path, tmp_path / "no-corpus")
    assert re.search(r"^third_parties +0/1 *$", out, re.MULTILINE)
    assert "missed ['Baidu'] / extra []" in out


def _matrix_figures(out: str) -> tuple[float, int, int]:
    """The development half's macro-F1 of the matrix's ticks, and its #topic-<id> links
    right and in all, as the report states them."""
    ticks = re.search(r"its ticks \(a policy speaks of a topic or not\), macro-F1: dev (\d\.\d\d)", out)
    links = re.search(
        r"its #topic-<id> links, landing on a section \(or the opening\) the truth tags with the topic: dev (\d+) of (\d+)",
        out,
    )
    assert ticks and links, out
    return float(ticks.group(1)), int(links.group(1)), int(links.group(2))


def test_eval_reports_what_the_matrix_shows(tmp_path: Path) -> None:
    """Beyond each section's topics, the report scores what a reader of the matrix sees:
    whether a policy speaks of a topic at all (its tick) and whether #topic-<id> lands on
    a section the truth tags with it. A topic the truth finds where the policy has no tick
    lowers the first; a link to a section the truth does not tag so lowers the second."""
    path = next(TRUTH.glob("003_*.yaml"))
    truth = yaml.safe_load(path.read_text(encoding="utf-8"))
    (tmp_path / path.name).write_text(yaml.safe_dump(truth, allow_unicode=True), encoding="utf-8")
    ticks, right, links = _matrix_figures(_eval(tmp_path, tmp_path / "no-corpus"))
    assert links > 0 and right <= links

    # Seed 003 speaks of no children: a truth that says one section does is a missed tick
    sections = truth["sections"]
    assert not any("children" in (s["topics"] or []) for s in sections)
    changed = next(s for s in sections if s["topics"])
    changed["topics"] = [*changed["topics"], "children"]
    (tmp_path / path.name).write_text(yaml.safe_dump(truth, allow_unicode=True), encoding="utf-8")
    fewer_ticks, same_right, same_links = _matrix_figures(_eval(tmp_path, tmp_path / "no-corpus"))
    assert fewer_ticks < ticks and (same_right, same_links) == (right, links)

    # no section about retention in the truth: the retention link is wrong, its tick extra
    for section in sections:
        section["topics"] = [t for t in section["topics"] or [] if t != "retention"]
    (tmp_path / path.name).write_text(yaml.safe_dump(truth, allow_unicode=True), encoding="utf-8")
    _, fewer_right, same_links = _matrix_figures(_eval(tmp_path, tmp_path / "no-corpus"))
    assert (fewer_right, same_links) == (right - 1, links)


def test_eval_reports_each_policy_translated_into_several_languages(tmp_path: Path) -> None:
    """The truth set holds translations of the same policies (Common Voice's notice in cs,
    id and it, among others): the report gives one row per such policy, its macro-F1 over
    its translations per split, so that a reader sees how much of a language's figure is one
    policy's. A wrong truth in one translation lowers that row."""
    corpus = require_corpus()
    names = [f"{lang}--common-voice--privacy-notice.yaml" for lang in ("cs", "id", "it")]
    for name in names:
        shutil.copy(TRUTH / name, tmp_path / name)

    def row(report: str) -> tuple[int, float, str]:
        found = re.search(r"^common-voice--privacy-notice +(\d+) +([\d.]+) +([\d.]+ \(\d+\))$", report, re.M)
        assert found, report
        return int(found[1]), float(found[2]), found[3]

    docs, f1, dev = row(_eval(tmp_path, corpus))
    assert docs == 3 and dev == f"{f1:.2f} (3)"
    truth = yaml.safe_load((tmp_path / names[0]).read_text(encoding="utf-8"))
    truth["sections"][0]["topics"] = ["children"]
    (tmp_path / names[0]).write_text(yaml.safe_dump(truth, allow_unicode=True), encoding="utf-8")
    assert row(_eval(tmp_path, corpus))[1] < f1
    single = tmp_path / "single"
    single.mkdir()
    shutil.copy(TRUTH / names[1], single / names[1])
    assert "translated into several languages" not in _eval(single, corpus)


def test_eval_scores_the_opening_where_the_truth_annotates_it(tmp_path: Path) -> None:
    """`opening:` in a truth file gives the topics of the text before the first heading:
    Policy Atlas's opening is scored against it as one more section, and a #topic link
    landing on the opening is right where that annotation has the topic; a truth file
    without it says the opening is about nothing."""
    from policy_atlas.evaluate import evaluate_file

    path = next(TRUTH.glob("003_*.yaml"))
    truth = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert truth["opening"] == ["scope", "changes"]

    def scored(opening: object) -> tuple[int, int, int, int]:
        changed = dict(truth)
        if opening is None:
            del changed["opening"]
        else:
            changed["opening"] = opening
        target = tmp_path / path.name
        target.write_text(yaml.safe_dump(changed, allow_unicode=True), encoding="utf-8")
        doc = evaluate_file(target, ROOT / "seeds", tmp_path / "no-corpus")
        return (
            sum(c.tp for c in doc.counts.values()),
            sum(c.fp for c in doc.counts.values()),
            doc.links.tp,
            doc.cells["changes"].tp,
        )

    annotated, wrong = scored(["scope", "changes"]), scored([])
    assert annotated[0] == wrong[0] + 2 and annotated[1] == wrong[1] - 2
    assert annotated[2] == wrong[2] + 2  # #topic-changes and #topic-scope land on the opening
    assert annotated[3] == 1 and wrong[3] == 0  # the tick for changes is right only if the truth says so
    assert scored(None) == wrong  # no `opening:`: an opening about nothing
