"""Sections recovered from raw text: the seeds' headings, and no text ever lost."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import CORPUS, SEEDS
from policy_atlas.lexicon import TOPIC_IDS
from policy_atlas.pipeline import Draft, analyse
from policy_atlas.reader import normalize_text, read_seed

EXPECTED = Path(__file__).parent / "expected_headings"


def draft_of(path: Path) -> Draft:
    seed, problems = read_seed(path.read_bytes(), f"seeds/{path.name}", path.name)
    assert seed is not None, problems
    return analyse(seed)


def expected_headings(name: str) -> list[tuple[int, str]]:
    rows = []
    for line in (EXPECTED / f"{Path(name).stem}.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            level, title = line.split("\t")
            rows.append((int(level), normalize_text(title)))
    return rows


@pytest.mark.parametrize("name", sorted(p.name for p in SEEDS.glob("*.txt")))
def test_seed_headings_match_the_hand_made_list(name: str) -> None:
    expected = expected_headings(name)
    draft = draft_of(SEEDS / name)
    if not expected:  # a text without headings is cut by topic instead
        assert draft.segmentation.generated
        return
    got = [(s.level, s.title) for s in draft.segmentation.sections]
    assert [t for _, t in got] == [t for _, t in expected]
    same_level = sum(1 for (a, _), (b, _) in zip(got, expected, strict=True) if a == b)
    # levels of unnumbered headings are a judgement call; numbered ones must be exact
    assert same_level / len(expected) >= 0.95, (got, expected)
    for (level, title), (want, _) in zip(got, expected, strict=True):
        if title[:1].isdigit():
            assert level == want, title


def test_seed_without_headings_is_cut_into_topical_blocks() -> None:
    draft = draft_of(SEEDS / "002_2c17a0862c804fc4.txt")
    sections = draft.segmentation.sections
    assert draft.segmentation.generated
    assert 6 <= len(sections) <= 16
    assert all(s.generated_title and s.topic_key in TOPIC_IDS for s in sections)
    # the subjects 003 (same template, with headings) names are found in 002 too
    keys = {s.topic_key for s in sections}
    assert {"collection", "rights", "transfers", "sharing", "security", "cookies", "contact"} <= keys
    # each block starts where a paragraph starts, and blocks follow each other
    text = draft.segmentation.text
    for section in sections:
        assert section.start == 0 or text[section.start - 1] == "\n"


def test_run_in_and_numbered_headings_keep_their_body() -> None:
    draft = draft_of(SEEDS / "004_bccd684d4b65cbbb.txt")
    cookies = next(s for s in draft.segmentation.sections if s.title == "Cookies")
    assert cookies.level == 2 and cookies.blocks[0].text.startswith("Kur përdorni Shërbimin")
    draft = draft_of(SEEDS / "001_00a49832638047e1.txt")
    log = next(s for s in draft.segmentation.sections if s.number == "1.2.2.1")
    assert log.title == "1.2.2.1 Informacioni i log" and log.level == 4
    assert log.blocks[0].text.startswith("Kur përdorni shërbimet tona")


def _all_texts() -> list[Path]:
    files = sorted(SEEDS.glob("*.txt"))
    if CORPUS.is_dir():
        files += sorted(CORPUS.iterdir())
    return files


@pytest.mark.parametrize("path", _all_texts(), ids=lambda p: p.name)
def test_segmentation_never_drops_text(path: Path) -> None:
    """The sections' text joined back equals the normalized input, for every file."""
    seed, problems = read_seed(path.read_bytes(), path.name, path.name)
    assert seed is not None, problems
    segmentation = analyse(seed).segmentation
    assert "".join(segmentation.pieces()) == seed.text
    # and the blocks that pages are rendered from hold every character of it
    parts = [b.text for b in segmentation.preamble]
    for section in segmentation.sections:
        body_start = section.blocks[0].start if section.blocks else section.end
        parts.append(seed.text[section.start : body_start])
        parts += [b.text for b in section.blocks]
    assert re.sub(r"\s", "", "".join(parts)) == re.sub(r"\s", "", seed.text)


def test_bold_lines_are_headings_in_markdown_without_real_headings(tmp_path: Path) -> None:
    text = (
        "Isikuandmete töötlemise põhimõtted\n==================================\n\n"
        "Käesolevad põhimõtted kirjeldavad, kuidas me isikuandmeid töötleme.\n\n"
        "**1\\. Mõisted**\n\n1.1. Andmesubjekt on füüsiline isik, kelle andmeid töödeldakse.\n\n"
        "**2\\. Isikuandmete kogumine**\n\nMe kogume andmeid, mille te meile esitate.\n\n"
        "Teksti sees on **rõhutatud sõna**, mis ei ole pealkiri.\n"
    )
    path = tmp_path / "policy.md"
    path.write_text(text, encoding="utf-8")
    draft = draft_of(path)
    assert [s.title for s in draft.segmentation.sections] == ["1. Mõisted", "2. Isikuandmete kogumine"]
    assert draft.segmentation.sections[1].blocks[-1].text.startswith("Teksti sees on **rõhutatud")
