"""The same seeds give byte-identical sites."""

from __future__ import annotations

import hashlib
from pathlib import Path

from conftest import Project, make_project


def digest_tree(root: Path) -> dict[str, str]:
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def test_two_builds_are_byte_identical(project: Project, tmp_path: Path) -> None:
    project.build()
    first = digest_tree(project.site)
    project.build()  # now with the anchor lock written by the first build
    second = digest_tree(project.site)
    other = make_project(tmp_path / "other")  # another folder, another time
    other.build()
    third = digest_tree(other.site)
    assert first == second
    assert first == third
    assert len(first) > 30
