"""Analysing seeds in a process pool gives exactly what one process gives."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import CORPUS, SEEDS
from policy_atlas import cache, facts, parallel
from policy_atlas.anchors import Lock
from policy_atlas.pipeline import analyse
from policy_atlas.reader import read_seeds
from policy_atlas.site import build


@pytest.fixture
def many_seeds(tmp_path: Path) -> Path:
    """The seeds and up to 30 corpus files: enough for several chunks."""
    folder = tmp_path / "seeds"
    folder.mkdir()
    for path in sorted(SEEDS.iterdir()):
        shutil.copy(path, folder / path.name)
    if CORPUS.is_dir():
        for path in sorted(CORPUS.iterdir())[:30]:
            if path.suffix in (".txt", ".md"):
                shutil.copy(path, folder / path.name)
    return folder


def _site(seeds: Path) -> dict[str, str]:
    cache.clear()
    pages = build(seeds, Lock(), "en", home_template=None)
    return {**pages.pages, **pages.extra, "anchors.lock.json": pages.assembled.lock.dumps()}


@pytest.mark.parametrize("method", ["fork", "forkserver"])  # mkdocs build; mkdocs serve (threads)
def test_the_pool_gives_the_same_drafts_facts_and_site(
    many_seeds: Path, monkeypatch: pytest.MonkeyPatch, method: str
) -> None:
    if parallel.worker_count() < 2:
        pytest.skip("one CPU: no pool")
    monkeypatch.setattr(parallel, "_start_method", lambda: method)
    monkeypatch.setenv(parallel.WORKERS_ENV, "1")
    serial = _site(many_seeds)
    monkeypatch.setenv(parallel.WORKERS_ENV, "2")
    monkeypatch.setattr(parallel, "MIN_SEEDS", 1)
    monkeypatch.setattr(parallel, "MIN_SEEDS_FRESH", 1)
    # several chunks even from the five seeds alone (without ../shared/corpus beside the clone)
    monkeypatch.setattr(parallel, "CHUNK_SIZE", 2)
    used: list[int] = []
    in_pool = parallel._in_pool

    def spy(seeds: list, workers: int, method: str) -> list:
        used.append(workers)
        return in_pool(seeds, workers, method)

    monkeypatch.setattr(parallel, "_in_pool", spy)
    cache.clear()
    seeds = read_seeds(many_seeds).seeds
    drafts = parallel.analyse_all(seeds, min_seeds=1)
    assert used == [2]
    assert drafts == [analyse(seed) for seed in seeds]
    assert len(facts.FACTS.items()) == len(seeds)
    assert _site(many_seeds) == serial
    assert len(used) == 2  # the second site was analysed in the pool too


def test_a_failing_pool_falls_back_to_one_process(many_seeds: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(parallel.WORKERS_ENV, "1")
    serial = _site(many_seeds)

    def broken(seeds: list, workers: int, method: str) -> list:
        raise OSError("no processes here")

    monkeypatch.setenv(parallel.WORKERS_ENV, "2")
    monkeypatch.setattr(parallel, "worker_count", lambda: 2)
    monkeypatch.setattr(parallel, "MIN_SEEDS", 1)
    monkeypatch.setattr(parallel, "MIN_SEEDS_FRESH", 1)
    monkeypatch.setattr(parallel, "_in_pool", broken)
    assert _site(many_seeds) == serial


def test_few_seeds_or_one_cpu_never_start_a_pool(many_seeds: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def forbidden(seeds: list, workers: int, method: str) -> list:
        raise AssertionError("the pool was started")

    monkeypatch.setattr(parallel, "_in_pool", forbidden)
    cache.clear()
    seeds = read_seeds(many_seeds).seeds
    parallel.analyse_all(seeds, min_seeds=len(seeds) + 1)
    cache.clear()
    monkeypatch.setenv(parallel.WORKERS_ENV, "1")
    parallel.analyse_all(seeds, min_seeds=1)
