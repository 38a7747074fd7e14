"""Where the core's time goes: pyinstrument profiles of a cold build and of a serve rebuild.

    .venv/bin/pip install pyinstrument     # profiling only, not a dependency of the project
    .venv/bin/python bench/profile_core.py [--size 1000] [--out bench/out/profile]

Generates the same corpus as bench/bench.py (in a temporary folder), then profiles
1. `site.build` with the caches cleared (read, segment, analyse, assemble, render), and
2. what the plugin's `on_files` does after one seed edit in `mkdocs serve` (lock loaded,
   caches warm).
Writes the pyinstrument trees (text and HTML) and `profile.json`, and prints the
functions and modules with the most time of their own, and the pipeline's stages.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench

# top-level steps of site.build and the plugin's on_files, measured inclusively
STAGES = (
    "read_seeds",
    "analyse",
    "assemble",
    "place",
    "render_policy",
    "render_matrix",
    "render_topic",
    "render_topic_index",
    "render_home",
    "render_problems",
    "policies_json",
    "matrix_csv",
    "load",
)


def _frames(frame: Any) -> Iterator[Any]:
    stack = [frame]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(current.children)


def _where(frame: Any) -> str:
    path = (frame.file_path or "").replace("\\", "/")
    for marker in ("plugins/", "site-packages/", "lib/python3.11/"):
        if marker in path:
            path = path.split(marker, 1)[1]
            break
    return path


def _module(frame: Any) -> str:
    path = _where(frame)
    if path.startswith("policy_atlas/"):
        return path
    return path.split("/", 1)[0] if "/" in path else path or "<builtin>"


def summarize(session: Any, top: int = 15) -> dict[str, Any]:
    root = session.root_frame()
    total = root.time
    by_function: dict[str, float] = defaultdict(float)
    by_module: dict[str, float] = defaultdict(float)
    stages: dict[str, float] = defaultdict(float)

    def walk(frame: Any, open_stages: frozenset[str], caller: str) -> None:
        own = frame.total_self_time
        module = _module(frame)
        if module in ("<built-in>", "<string>"):  # C functions count for the module calling them
            module = caller
        if not frame.is_synthetic and own:
            by_function[f"{_where(frame)}:{frame.line_no}:{frame.function}"] += own
            by_module[module] += own
        name = frame.function
        if name in STAGES and _where(frame).startswith("policy_atlas/") and name not in open_stages:
            stages[name] += frame.time
            open_stages = open_stages | {name}
        for child in frame.children:
            walk(child, open_stages, module)

    if root is not None:
        walk(root, frozenset(), "<built-in>")

    def ranked(values: dict[str, float]) -> list[dict[str, Any]]:
        rows = sorted(values.items(), key=lambda kv: -kv[1])[:top]
        return [{"name": k, "seconds": round(v, 3), "share": round(v / total, 3)} for k, v in rows]

    return {
        "total_s": round(total, 3),
        "self_time_by_function": ranked(by_function),
        "self_time_by_module": ranked(by_module),
        "stages_inclusive": ranked(stages),
    }


def profiled(name: str, work: Callable[[], object], out: Path) -> dict[str, Any]:
    from pyinstrument import Profiler

    profiler = Profiler(interval=0.001)
    start = time.perf_counter()
    profiler.start()
    work()
    profiler.stop()
    wall = time.perf_counter() - start
    (out / f"{name}.txt").write_text(profiler.output_text(unicode=True, color=False), encoding="utf-8")
    (out / f"{name}.html").write_text(profiler.output_html(), encoding="utf-8")
    return {"wall_s": round(wall, 3), **summarize(profiler.last_session)}


def print_summary(name: str, summary: dict[str, Any]) -> None:
    print(f"\n== {name}: {summary['wall_s']:.2f} s")
    for title, key in (
        ("stages (inclusive)", "stages_inclusive"),
        ("functions (own time)", "self_time_by_function"),
        ("modules (own time)", "self_time_by_module"),
    ):
        print(f"-- {title}")
        for row in summary[key]:
            print(f"  {row['share'] * 100:5.1f}%  {row['seconds']:8.2f} s  {row['name']}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=1000)
    parser.add_argument("--out", type=Path, default=bench.BENCH / "out" / "profile")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)

    from policy_atlas import cache
    from policy_atlas.anchors import Lock
    from policy_atlas.render import HOME_MARKER
    from policy_atlas.site import build

    work = Path(tempfile.mkdtemp(prefix="policy-atlas-profile-"))
    try:
        seeds = work / "seeds"
        seed_bytes = bench.generate(bench.load_sources(), args.size, seeds)
        build(seeds, Lock(), "en", home_template=None)  # imports, language model, lexicons
        cache.clear()
        results: dict[str, Any] = {"policies": args.size, "seed_bytes": seed_bytes, "code": bench.code_digest()}
        results["cold_build"] = profiled("cold_build", lambda: build(seeds, Lock(), "en", home_template=None), args.out)

        lock_path = work / "anchors.lock.json"
        first = build(seeds, Lock(), "en", home_template=HOME_MARKER, shown_dir="seeds")
        first.assembled.lock.save(lock_path)  # as after `make build`

        def on_files() -> object:
            return build(seeds, Lock.load(lock_path), "en", home_template=HOME_MARKER, shown_dir="seeds")

        on_files()  # caches warm, as in a running `mkdocs serve`
        edited = sorted(seeds.iterdir())[args.size // 2]
        edited.write_bytes(edited.read_bytes() + b"\n\nWe review this policy every 12 months.\n")
        results["serve_rebuild"] = profiled("serve_rebuild", on_files, args.out)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    (args.out / "profile.json").write_text(json.dumps(results, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{args.size} policies, {seed_bytes / 1e6:.1f} MB, plugin code {results['code']}")
    print_summary("cold build (caches cleared)", results["cold_build"])
    print_summary("serve rebuild after one seed edit", results["serve_rebuild"])
    print(f"\nwritten: {args.out}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
