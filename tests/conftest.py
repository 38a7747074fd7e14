"""Shared fixtures: real builds of real seeds in temporary folders."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
CORPUS = ROOT.parent / "shared" / "corpus" / "policies"
BIN = Path(sys.executable).parent
# Every link's address, made absolute: an <a> of HTML gives it as `href`; an <a> inside an
# SVG chart (the retention chart's labels) as `href.baseVal`, relative to the page.
ABSOLUTE_HREFS = (
    "els => els.map(e => typeof e.href === 'string' ? e.href : new URL(e.href.baseVal, document.baseURI).href)"
)
SEED_LANGS = {
    "000_e48afe074e6cf66d.txt": "sq",
    "001_00a49832638047e1.txt": "sq",
    "002_2c17a0862c804fc4.txt": "nb",
    "003_2c31ca6f0ba12496.txt": "cs",
    "004_bccd684d4b65cbbb.txt": "sq",
}


@dataclass
class Project:
    """A copy of the project (mkdocs.yml, docs/, seeds/) in a temporary folder."""

    root: Path

    @property
    def seeds(self) -> Path:
        return self.root / "seeds"

    @property
    def site(self) -> Path:
        return self.root / "site"

    @property
    def lock(self) -> Path:
        return self.root / "anchors.lock.json"

    def build(self, *args: str, strict: bool = True, check: bool = True) -> subprocess.CompletedProcess[str]:
        cmd = [str(BIN / "mkdocs"), "build", "--clean", "--strict" if strict else "--no-strict", *args]
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000"}
        result = subprocess.run(cmd, cwd=self.root, capture_output=True, text=True, env=env, timeout=600)
        if check and result.returncode != 0:
            raise AssertionError(f"mkdocs build failed ({result.returncode}):\n{result.stderr[-4000:]}")
        return result

    def build_languages(self) -> None:
        """`make build-i18n`: the site again per language of extra.alternate, into site/<lang>/."""
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000"}
        result = subprocess.run(
            [str(BIN / "python"), "-m", "policy_atlas.build_languages", "mkdocs.yml"],
            cwd=self.root,
            capture_output=True,
            text=True,
            env=env,
            timeout=900,
        )
        if result.returncode != 0:
            raise AssertionError(f"language builds failed:\n{result.stdout[-2000:]}\n{result.stderr[-4000:]}")

    def page(self, path: str) -> str:
        return (self.site / path / "index.html").read_text(encoding="utf-8")

    def set_config(self, old: str, new: str) -> None:
        config = self.root / "mkdocs.yml"
        text = config.read_text(encoding="utf-8")
        assert old in text, old
        config.write_text(text.replace(old, new), encoding="utf-8")


def make_project(tmp: Path, seeds: Path | None = SEEDS) -> Project:
    root = tmp / "project"
    root.mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", root / "docs")
    if seeds is not None:
        shutil.copytree(seeds, root / "seeds")
    else:
        (root / "seeds").mkdir()
    return Project(root)


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return make_project(tmp_path)


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The five seeds built once with the project's own mkdocs.yml."""
    project = make_project(tmp_path_factory.mktemp("built"))
    project.build()
    project.build_languages()
    return project


def require_corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not beside the project")
    return CORPUS
