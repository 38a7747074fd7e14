"""`policy-atlas eval` (make eval) on the real truth files, through its command line."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import CORPUS, ROOT
from policy_atlas.evaluate import FACT_FIELDS

TRUTH = ROOT / "tests" / "truth"


def _eval(truth: Path, corpus: Path) -> str:
    done = subprocess.run(
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
        ],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


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
