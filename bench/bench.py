"""Policy Atlas benchmark (issue 7): our plugin against bare MkDocs, at 100 to 10,000 policies.

    python bench/bench.py [--sizes 100,1000,10000] [--runs 3] [--out bench/results.json] [--smoke]

For each size it generates a corpus of distinct policies from ../shared/corpus/policies and
seeds/ (paragraphs shuffled and recombined, numbers and names varied, deterministically) as
a copy of the project in a temporary folder outside the repository, and measures:

1. `full`: `mkdocs build` with our plugin (wall, CPU, peak RSS, the plugin hooks' own time);
2. `bare`: `mkdocs build` without our plugin (same theme, extensions, nav, CSS and JS) of the
   Markdown pages `policy-atlas render` writes for the same corpus; overhead = 1 / 2;
3. `core`: read, segment, analyse, assemble, render in one process pinned to one core,
   as MB of seed text per CPU second;
4. `serve`: after one seed edit among 1,000 (the serve size): the plugin's own time in a real
   `mkdocs serve` rebuild, and in-process (what `on_files` does, with the module cache warm);
5. peak RSS of every build (the largest process, and the whole process tree, sampled).

Also the size of the matrix page and, with chromium, how long it takes to become
interactive. Every figure is the median of the runs. Prints a table and writes JSON.
Corpus texts are only read: nothing of them is written into the repository.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import functools
import gc
import hashlib
import http.server
import json
import os
import platform
import pstats
import queue
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
CORPUS = ROOT.parent / "shared" / "corpus" / "policies"
SEEDS = ROOT / "seeds"
BIN = Path(sys.executable).parent
TIMED_MKDOCS = BENCH / "mkdocs_timed.py"
DEFAULT_OUT = BENCH / "results.json"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000", "PYTHONUNBUFFERED": "1"}
MIB = 1024 * 1024
SERVE_SIZE = 1000
BIG_SIZE = 10_000
README_BEGIN = "<!-- bench:table:begin -->"
README_END = "<!-- bench:table:end -->"

# Targets of issue 7.
MAX_OVERHEAD = 1.15
MIN_CORE_MB_S = 5.0
MAX_SCALING = 11.0
MAX_SERVE_PLUGIN_MS = 100.0
MAX_PEAK_RSS_MIB = 2e9 / MIB  # 2 GB
MAX_MATRIX_BYTES = 2_000_000
MAX_MATRIX_INTERACTIVE_MS = 1000.0


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def code_digest() -> str:
    """A hash of the plugin's code and data: shows whether it changed while the benchmark ran."""
    digest = hashlib.sha256()
    package = ROOT / "plugins" / "policy_atlas"
    for path in sorted(package.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix not in (".pyc", ".mo"):
            digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


# --- corpus generation --------------------------------------------------------------------

_END_PUNCT = (".", ",", ";", ":", "!", "?", ")", '"', "”", "»", "。", "؛", "،", "।", "|")
_MD_HEADING = re.compile(r"^ {0,3}#{1,6}\s")
_NUMBERED_HEADING = re.compile(r"^ {0,3}(?:#{1,6}\s*)?(?:\d+(?:\.\d+)*|[IVXLC]+)[.)]?\s")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+•]|\d+[.)])\s")
_FRONT_MATTER = re.compile(r"\A(---\n.*?\n---\n)", re.DOTALL)
_LEADING_NUMBER = re.compile(r"^ {0,3}(?:#{1,6}\s*)?(?:[-*+]\s+)?\d+(?:\.\d+)*[.)]?(?=\s)")
_NUMBER = re.compile(r"(?P<iso>(?<!\d)\d{4}-\d{2}-\d{2}(?!\d))|(?<![A-Za-z_\-/.])(?P<num>\d+)(?![A-Za-z_\d])")
_DOMAIN = re.compile(
    r"(?<![\w.-])(?:[a-z0-9-]+\.)*([a-z0-9][a-z0-9-]{2,})\.(?:com|org|net|io|eu|nl|de|fr|cz|no|al|info|app|co|uk|gov)\b",
    re.IGNORECASE,
)
# Brands that appear in many texts besides their own; varied wherever they occur.
_BRANDS = ("mozilla", "firefox", "thunderbird", "coronamelder", "google", "facebook", "apple", "microsoft", "whatsapp")
_GENERIC = frozenset(
    "privacy policy notice statement websites website accounts account service services foundation the new york "
    "times mail docs open terms archive lite www http https html index support help legal about europa europe".split()
)
_PRE = ("Nor", "Vel", "Cal", "Bri", "Zen", "Orb", "Lum", "Tav", "Kor", "Mar", "Sol", "Fen", "Dar", "Ast", "Pel")
_PRE2 = ("Riv", "Qua", "Ter", "Nix", "Ol", "Ves", "Hal", "Ing", "Quill", "Bram", "Cor", "Elm", "Gil", "Jun", "Lor")
_MID = ("a", "e", "i", "o", "", "ar", "en", "is", "or", "u", "an", "el")
_SUF = ("tek", "lane", "ly", "io", "ora", "nix", "vo", "mark", "soft", "data", "link", "wave", "net", "ware", "gate")


@dataclass(frozen=True)
class Source:
    """One real policy text the generated ones are made from."""

    name: str
    lang: str
    names: tuple[str, ...]  # publisher and service names to vary, longest first
    text: str  # decoded (undecodable bytes kept as surrogates), LF line ends, no BOM
    bom: bool
    crlf: bool
    suffix: str


def _names(service: str, text: str) -> tuple[str, ...]:
    found: set[str] = set()
    parts = [p for p in service.split("-") if p]
    if len(parts) == 1 and len(parts[0]) >= 3 and parts[0] not in _GENERIC:
        found.add(parts[0])
    elif len(parts) > 1:
        found.add(" ".join(parts))
        found.add("".join(parts))
    lowered = text.lower()
    found.update(brand for brand in _BRANDS if brand in lowered)
    for match in _DOMAIN.finditer(text):
        label = match.group(1).lower()
        if label in _GENERIC or label.isdigit():
            continue
        found.add(label)
        found.update(p for p in label.split("-") if len(p) >= 4 and p not in _GENERIC and not p.isdigit())
    return tuple(sorted(found, key=lambda s: (-len(s), s)))


def load_sources() -> list[Source]:
    """The shared corpus and the project's seeds, in a fixed order."""
    from policy_atlas.langdetect import detect_language

    sources: list[Source] = []
    paths = sorted(CORPUS.glob("*.md")) + sorted(CORPUS.glob("*.txt")) if CORPUS.is_dir() else []
    if not paths:
        log(f"{CORPUS} not found: generating from seeds/ only")
    for path in [*paths, *sorted(SEEDS.glob("*.txt")), *sorted(SEEDS.glob("*.md"))]:
        raw = path.read_bytes()
        bom = raw.startswith(b"\xef\xbb\xbf")
        text = raw[3 if bom else 0 :].decode("utf-8", "surrogateescape")
        crlf = "\r\n" in text
        text = text.replace("\r\n", "\n")
        if path.parent == CORPUS:
            lang, service = [*path.stem.split("--"), "", ""][:2]
        else:
            lang, service = detect_language(text).lang, ""
        sources.append(Source(path.name, lang, _names(service, text), text, bom, crlf, path.suffix))
    return sources


def _split_blocks(body: str) -> tuple[list[str], str]:
    blocks = [b for b in re.split(r"\n[ \t]*\n", body.strip("\n")) if b.strip()]
    if len(blocks) < 4 and body.count("\n") >= 8:  # one paragraph per line
        return [b for b in body.strip("\n").split("\n") if b.strip()], "\n"
    return blocks, "\n\n"


def _is_heading(block: str) -> bool:
    if _MD_HEADING.match(block):
        return True
    line = block.strip()
    if "\n" in line or not 0 < len(line) <= 90:
        return False
    return not line.endswith(_END_PUNCT) and not _LIST_ITEM.match(line)


def _sections(blocks: list[str]) -> list[list[str]]:
    """Blocks grouped under their headings; the first group is the preamble."""
    sections: list[list[str]] = [[]]
    for block in blocks:
        if _is_heading(block) and sections[-1]:
            sections.append([])
        sections[-1].append(block)
    return sections if sections[0] else sections[1:]


def _numbered(sections: list[list[str]]) -> bool:
    return any(_is_heading(s[0]) and _NUMBERED_HEADING.match(s[0]) for s in sections)


def _brand(rng: random.Random) -> str:
    return rng.choice(_PRE + _PRE2) + rng.choice(_MID) + rng.choice(_SUF)


def _vary_names(text: str, names: tuple[str, ...], rng: random.Random) -> str:
    if not names:
        return text
    brands = {name: _brand(rng) for name in names}
    pattern = re.compile(r"(?<!\w)(" + "|".join(re.escape(n) for n in names) + r")(?!\w)", re.IGNORECASE)

    def replace(match: re.Match[str]) -> str:
        found = match.group(1)
        brand = brands[found.lower()]
        if found.isupper():
            return brand.upper()
        if found.islower():
            return brand.lower()
        return brand

    return pattern.sub(replace, text)


def _vary_number(match: re.Match[str], rng: random.Random) -> str:
    if match.group("iso"):
        return f"{rng.randint(2012, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    digits = match.group("num")
    value = int(digits)
    if len(digits) == 4 and 1900 <= value <= 2099:
        return str(rng.randint(2012, 2025))
    if len(digits) <= 2 and value <= 31:
        return str(rng.randint(1, 28)).zfill(len(digits))
    if len(digits) == 1:
        return str(rng.randint(2, 9))
    return str(rng.randint(1, 9)) + "".join(str(rng.randint(0, 9)) for _ in digits[1:])


def _vary_numbers(text: str, rng: random.Random) -> str:
    lines = []
    for line in text.split("\n"):
        lead = _LEADING_NUMBER.match(line)  # section numbers stay as they are
        cut = lead.end() if lead else 0
        lines.append(line[:cut] + _NUMBER.sub(lambda m: _vary_number(m, rng), line[cut:]))
    return "\n".join(lines)


def vary(source: Source, donors: list[Source], rng: random.Random, recombine: bool) -> str:
    """A new, real-looking policy made from `source` (and a donor in the same language)."""
    match = _FRONT_MATTER.match(source.text)
    front = match.group(1) if match else ""
    blocks, joiner = _split_blocks(source.text[len(front) :])
    sections = _sections(blocks)
    head, rest = sections[:1], sections[1:]
    numbered = _numbered(rest)
    if len(rest) >= 2 and not numbered:  # move a few sections, each with its paragraphs
        for _ in range(rng.randint(1, max(1, len(rest) // 3))):
            i, j = rng.sample(range(len(rest)), 2)
            rest[i], rest[j] = rest[j], rest[i]
    for section in head + rest:  # swap two paragraphs within a section
        start = 1 if _is_heading(section[0]) else 0
        plain = [k for k in range(start, len(section)) if not _LIST_ITEM.match(section[k])]
        if len(plain) >= 3 and rng.random() < 0.5:
            i, j = rng.sample(plain, 2)
            section[i], section[j] = section[j], section[i]
    if donors and (recombine or rng.random() < 0.5):  # take a section from another text
        donor = rng.choice(donors)
        donor_sections = _sections(_split_blocks(_FRONT_MATTER.sub("", donor.text))[0])
        taken = list(rng.choice(donor_sections[1:] or donor_sections))
        if numbered or not rest:  # paragraphs only: their numbered headings would not fit
            target = rng.choice(head + rest)
            paragraphs = [b for b in taken if not _is_heading(b)][:2] or taken[-1:]
            target[1:1] = paragraphs
        else:
            rest.insert(rng.randint(0, len(rest)), taken)
    if len(rest) >= 5 and not numbered and rng.random() < 0.2:
        del rest[rng.randrange(len(rest))]
    body = joiner.join(block for section in head + rest for block in section) + "\n"
    names = tuple(sorted({*source.names, *(n for d in donors for n in d.names)}, key=lambda s: (-len(s), s)))
    return _vary_numbers(_vary_names(front + body, names, rng), rng)


def generate(sources: list[Source], count: int, seeds_dir: Path) -> int:
    """Write `count` distinct policies into `seeds_dir`; returns their total bytes."""
    order = list(range(len(sources)))
    random.Random(7).shuffle(order)
    by_lang: dict[str, list[Source]] = {}
    for source in sources:
        by_lang.setdefault(source.lang, []).append(source)
    seeds_dir.mkdir(parents=True, exist_ok=True)
    seen: set[str] = set()
    total = 0
    for i in range(count):
        source = sources[order[i % len(sources)]]
        donors = [d for d in by_lang[source.lang] if d is not source]
        for attempt in range(20):
            rng = random.Random(i * 1_000_003 + attempt)
            text = vary(source, donors, rng, recombine=attempt > 0)
            data = (b"\xef\xbb\xbf" if source.bom else b"") + (
                text.replace("\n", "\r\n") if source.crlf else text
            ).encode("utf-8", "surrogateescape")
            digest = hashlib.sha256(data).hexdigest()
            if digest not in seen:
                break
        else:
            raise RuntimeError(f"could not make policy {i} distinct from the others ({source.name})")
        seen.add(digest)
        (seeds_dir / f"{i:05d}_{digest[:16]}{source.suffix}").write_bytes(data)
        total += len(data)
    return total


def bare_config(config_text: str) -> str:
    """mkdocs.yml without our plugin; our CSS and JS as plain extras. Theme, extensions, nav: the same."""
    config = yaml.safe_load(config_text)
    config["plugins"] = [
        p
        for p in config.get("plugins", [])
        if not (p == "policy-atlas" or (isinstance(p, dict) and "policy-atlas" in p))
    ]
    config["extra_css"] = ["assets/policy-atlas/policy-atlas.css"]
    config["extra_javascript"] = ["assets/policy-atlas/policy-atlas.js", "assets/policy-atlas/matrix.js"]
    return yaml.safe_dump(config, sort_keys=False, allow_unicode=True)


@dataclass
class Corpus:
    size: int
    root: Path  # the project copy: mkdocs.yml, docs/, seeds/
    bare: Path  # mkdocs.yml without the plugin, docs/ as rendered
    seed_bytes: int

    @property
    def seeds(self) -> Path:
        return self.root / "seeds"


def make_corpus(work: Path, size: int, sources: list[Source]) -> Corpus:
    root = work / f"p{size}"
    root.mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", root / "docs")
    seed_bytes = generate(sources, size, root / "seeds")
    bare = work / f"bare{size}"
    bare.mkdir()
    (bare / "mkdocs.yml").write_text(bare_config((ROOT / "mkdocs.yml").read_text(encoding="utf-8")), encoding="utf-8")
    return Corpus(size, root, bare, seed_bytes)


# --- measuring a child process ------------------------------------------------------------

_PAGE = os.sysconf("SC_PAGE_SIZE")


def _tree_rss(root: int) -> int:
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry.name}/stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry.name))
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        with contextlib.suppress(OSError, IndexError, ValueError):
            total += int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * _PAGE
        stack.extend(children.get(pid, []))
    return total


class TreeRssSampler(threading.Thread):
    """Peak of the summed RSS of a process and its descendants, sampled every 0.2 s."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.peak = 0
        self._stop_event = threading.Event()

    def run(self) -> None:
        while not self._stop_event.is_set():
            self.peak = max(self.peak, _tree_rss(self.pid))
            self._stop_event.wait(0.2)

    def stop(self) -> int:
        self._stop_event.set()
        self.join()
        return self.peak


@dataclass
class Measured:
    wall_s: float
    cpu_s: float
    peak_rss_mib: float  # ru_maxrss: the largest single process
    tree_rss_mib: float  # sampled sum over the process tree (matters once a process pool is used)
    returncode: int
    log: str
    extra: dict[str, Any] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return {
            "wall_s": round(self.wall_s, 3),
            "cpu_s": round(self.cpu_s, 3),
            "peak_rss_mib": round(self.peak_rss_mib, 1),
            "tree_rss_mib": round(self.tree_rss_mib, 1),
            **self.extra,
        }


def run_measured(cmd: list[str], cwd: Path, log_path: Path) -> Measured:
    """Run `cmd` to completion; wall time, CPU time and peak RSS of that child alone."""
    with log_path.open("w", encoding="utf-8") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=ENV, stdout=out, stderr=subprocess.STDOUT)
        sampler = TreeRssSampler(proc.pid)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        tree = sampler.stop()
        proc.returncode = os.waitstatus_to_exitcode(status)
    text = log_path.read_text(encoding="utf-8", errors="replace")
    peak = usage.ru_maxrss * 1024 / MIB
    return Measured(wall, usage.ru_utime + usage.ru_stime, peak, max(tree / MIB, peak), proc.returncode, text)


def plugin_report(text: str) -> dict[str, Any] | None:
    """The last `PA-BENCH` line of bench/mkdocs_timed.py in a build's output."""
    lines = [line for line in text.splitlines() if line.startswith("PA-BENCH ")]
    return json.loads(lines[-1][len("PA-BENCH ") :]) if lines else None


def _mkdocs_seconds(text: str) -> float | None:
    found = re.findall(r"Documentation built in ([\d.]+) seconds", text)
    return float(found[-1]) if found else None


def _check(measured: Measured, what: str) -> None:
    if measured.returncode != 0:
        raise RuntimeError(f"{what} failed ({measured.returncode}):\n{measured.log[-3000:]}")


def full_build(corpus: Corpus, logs: Path, run: int) -> Measured:
    """1. `mkdocs build` with our plugin, as a first build (no lock yet)."""
    (corpus.root / "anchors.lock.json").unlink(missing_ok=True)
    cmd = [sys.executable, str(TIMED_MKDOCS), "build", "--no-strict"]
    measured = run_measured(cmd, corpus.root, logs / f"full{corpus.size}-{run}.log")
    _check(measured, f"full build of {corpus.size}")
    report = plugin_report(measured.log) or {}
    measured.extra = {
        "plugin_s": report.get("plugin_s"),
        "plugin_hooks_s": report.get("hooks_s"),
        "mkdocs_reported_s": _mkdocs_seconds(measured.log),
        "warnings": measured.log.count("WARNING"),
    }
    return measured


def render_pages(corpus: Corpus, logs: Path) -> Measured:
    """The Markdown pages of the corpus, written by `policy-atlas render` for the bare build."""
    docs = corpus.bare / "docs"
    shutil.rmtree(docs, ignore_errors=True)
    shutil.copytree(corpus.root / "docs", docs)
    cmd = [
        str(BIN / "policy-atlas"),
        "render",
        "--seeds",
        str(corpus.seeds),
        "--out",
        str(docs),
        "--docs",
        str(corpus.root / "docs"),
        "--lock",
        "/nonexistent/anchors.lock.json",
    ]
    measured = run_measured(cmd, corpus.bare, logs / f"render{corpus.size}.log")
    _check(measured, f"policy-atlas render of {corpus.size}")
    return measured


def bare_build(corpus: Corpus, logs: Path, run: int) -> Measured:
    """2. `mkdocs build` of the rendered pages, without our plugin."""
    cmd = [str(BIN / "mkdocs"), "build", "--no-strict"]
    measured = run_measured(cmd, corpus.bare, logs / f"bare{corpus.size}-{run}.log")
    _check(measured, f"bare build of {corpus.size}")
    measured.extra = {"mkdocs_reported_s": _mkdocs_seconds(measured.log)}
    return measured


def _child(mode: str, path: Path, runs: int, logs: Path, name: str) -> tuple[dict[str, Any], Measured]:
    cmd = [sys.executable, str(Path(__file__).resolve()), f"--{mode}", str(path), "--runs", str(runs)]
    measured = run_measured(cmd, ROOT, logs / f"{name}.log")
    _check(measured, name)
    last = [line for line in measured.log.splitlines() if line.startswith("RESULT ")][-1]
    return json.loads(last[len("RESULT ") :]), measured


# --- child processes: the core alone, and the serve rebuild in-process ---------------------


def core_child(seeds: Path, runs: int) -> dict[str, Any]:
    """3. read + segment + analyse + assemble + render every seed, on one core."""
    from policy_atlas import cache
    from policy_atlas.anchors import Lock
    from policy_atlas.site import build

    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    files = [p for p in seeds.iterdir() if p.suffix in (".md", ".txt")]
    seed_bytes = sum(p.stat().st_size for p in files)
    warm = tempfile.mkdtemp(prefix="policy-atlas-bench-warm-")
    try:  # load the language model and the lexicons once, outside the timing
        shutil.copy(min(files), warm)
        start = time.perf_counter()
        build(Path(warm), Lock(), "en", home_template=None)
        startup = time.perf_counter() - start
    finally:
        shutil.rmtree(warm)
    results = []
    for _ in range(runs):
        cache.clear()
        gc.collect()
        wall, cpu = time.perf_counter(), time.process_time()
        pages = build(seeds, Lock(), "en", home_template=None)
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        results.append({"wall_s": round(wall, 3), "cpu_s": round(cpu, 3), "pages": len(pages.pages)})
    return {"files": len(files), "seed_bytes": seed_bytes, "startup_s": round(startup, 3), "runs": results}


_EDIT = "\n\nWe review this policy every {n} months and publish every change on this page.\n"


def serve_child(project: Path, runs: int) -> dict[str, Any]:
    """4b. What the plugin's on_files does in a serve rebuild after one seed edit, in-process."""
    from policy_atlas.anchors import Lock
    from policy_atlas.render import HOME_MARKER
    from policy_atlas.site import build

    seeds = project / "seeds"
    lock_path = project / "anchors.lock.json"

    def on_files() -> float:
        start = time.perf_counter()
        lock = Lock.load_cached(lock_path)  # as the plugin's on_files: parsed again only when changed
        build(seeds, lock, "en", home_template=HOME_MARKER, shown_dir="seeds")
        return time.perf_counter() - start

    files = sorted(p for p in seeds.iterdir() if p.suffix in (".md", ".txt"))
    originals = {p: p.read_bytes() for p in files}
    try:
        cold = on_files()
        unchanged = [on_files() for _ in range(runs)]
        edits = []
        for k in range(runs + 1):
            path = files[(k * 7919 + 13) % len(files)]
            path.write_bytes(path.read_bytes() + _EDIT.format(n=k + 12).encode())
            if k < runs:
                edits.append(on_files())
            else:  # one more edit, profiled: where the rebuild's time goes
                profiler = cProfile.Profile()
                profiler.enable()
                on_files()
                profiler.disable()
                profile = _top_functions(profiler, 12)
    finally:
        for path, data in originals.items():
            path.write_bytes(data)
    return {
        "files": len(files),
        "lock": lock_path.exists(),
        "cold_s": round(cold, 3),
        "unchanged_ms": [round(s * 1000, 1) for s in unchanged],
        "edit_ms": [round(s * 1000, 1) for s in edits],
        "edit_profile": profile,
    }


def _top_functions(profiler: cProfile.Profile, count: int) -> list[dict[str, Any]]:
    stats = pstats.Stats(profiler)
    total = max(stats.total_tt, 1e-9)  # type: ignore[attr-defined]
    rows = []
    for (filename, line, name), (_, _, tottime, cumtime, _) in stats.stats.items():  # type: ignore[attr-defined]
        short = filename.split("site-packages/")[-1].split("plugins/")[-1]
        rows.append({"function": f"{short}:{line}:{name}", "self_s": tottime, "cum_s": cumtime})
    rows.sort(key=lambda r: -r["self_s"])
    return [
        {
            "function": r["function"],
            "self_ms": round(r["self_s"] * 1000, 1),
            "self_share": round(r["self_s"] / total, 3),
            "cum_ms": round(r["cum_s"] * 1000, 1),
        }
        for r in rows[:count]
    ]


# --- a real `mkdocs serve` --------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def real_serve(corpus: Corpus, edits: int, startup_timeout: float) -> dict[str, Any]:
    """4a. `mkdocs serve` on the corpus; edit one seed at a time; the plugin's time per rebuild."""
    port = _free_port()
    cmd = [sys.executable, str(TIMED_MKDOCS), "serve", "--livereload", "--no-strict", "-a", f"127.0.0.1:{port}"]
    proc = subprocess.Popen(
        cmd, cwd=corpus.root, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, errors="replace"
    )
    lines: queue.Queue[tuple[float, str]] = queue.Queue()

    def pump() -> None:
        assert proc.stderr is not None
        for line in proc.stderr:
            lines.put((time.perf_counter(), line.rstrip("\n")))

    threading.Thread(target=pump, daemon=True).start()

    def next_build(timeout: float) -> tuple[float, dict[str, Any], float | None]:
        """The plugin's report of the next build, then MkDocs' own line that ends it."""
        deadline = time.perf_counter() + timeout
        report: dict[str, Any] | None = None
        while True:
            try:
                at, line = lines.get(timeout=max(0.1, deadline - time.perf_counter()))
            except queue.Empty:
                if report is not None:  # MkDocs did not say how long it took
                    return time.perf_counter(), report, None
                raise TimeoutError("mkdocs serve did not report a build in time") from None
            if line.startswith("PA-BENCH "):
                report = json.loads(line[len("PA-BENCH ") :])
                deadline = min(deadline, time.perf_counter() + 60)
            elif report is not None and "Documentation built in" in line:
                return at, report, _mkdocs_seconds(line)

    def serving(timeout: float) -> None:
        """Wait until MkDocs watches the files: an edit before that is never seen."""
        deadline = time.perf_counter() + timeout
        while True:
            try:
                _, line = lines.get(timeout=max(0.1, deadline - time.perf_counter()))
            except queue.Empty:
                raise TimeoutError("mkdocs serve did not start serving in time") from None
            if "Serving on" in line:
                return

    files = sorted(p for p in corpus.seeds.iterdir() if p.suffix in (".md", ".txt"))
    lock = corpus.root / "anchors.lock.json"  # `mkdocs serve` should never write it
    originals: dict[Path, bytes] = {}
    result: dict[str, Any] = {}
    try:
        started = time.perf_counter()
        at, first, built = next_build(startup_timeout)
        result["startup_s"] = round(at - started, 2)
        result["startup_plugin_s"] = first["plugin_s"]
        serving(120.0)
        time.sleep(1.5)  # let the watcher settle
        rebuilds = []
        for k in range(edits):
            path = files[(k * 4271 + 101) % len(files)]
            originals.setdefault(path, path.read_bytes())
            lock_mtime = lock.stat().st_mtime_ns if lock.exists() else None
            edited = time.perf_counter()
            path.write_bytes(path.read_bytes() + _EDIT.format(n=k + 30).encode())
            at, report, built = next_build(max(120.0, startup_timeout))
            rebuilds.append(
                {
                    "plugin_ms": round(report["plugin_s"] * 1000, 1),
                    "on_files_ms": round(report["hooks_s"].get("on_files", 0.0) * 1000, 1),
                    "hooks_ms": {k: round(v * 1000, 1) for k, v in sorted(report["hooks_s"].items())},
                    "lock_written": lock.exists() and lock.stat().st_mtime_ns != lock_mtime,
                    "mkdocs_rebuild_s": built,
                    "edit_to_built_s": round(at - edited, 2),
                }
            )
            time.sleep(1.5)
        result["rebuilds"] = rebuilds
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        for path, data in originals.items():
            path.write_bytes(data)
    return result


# --- the matrix page in a browser ---------------------------------------------------------------

_READY_PROBE = """
window.__paReady = null;
new MutationObserver(function (records, observer) {
  if (document.querySelector('[data-pa-ready]')) { window.__paReady = performance.now(); observer.disconnect(); }
}).observe(document, {subtree: true, attributes: true, attributeFilter: ['data-pa-ready']});
"""
_INTERACT = """
() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const settle = () => document.body.offsetHeight;  // the browser's own layout, forced now
  const th = document.querySelector('.pa-matrix.pa-long table thead th');
  let t = performance.now(); th.click(); settle(); const sort = performance.now() - t;
  // filtering: by language, by topic, by text; the slowest of the three counts
  const [language, topic] = document.querySelectorAll('.pa-matrix-tools select');
  const input = document.querySelector('.pa-matrix-tools input[type=search]');
  const change = (el, value, event) => {
    const t0 = performance.now(); el.value = value; el.dispatchEvent(new Event(event)); settle();
    const ms = performance.now() - t0; el.value = ''; el.dispatchEvent(new Event(event)); return ms;
  };
  const byLanguage = change(language, language.options[1].value, 'change');
  const byTopic = change(topic, topic.options[1].value, 'change');
  const byText = change(input, 'a', 'input');
  return {ready_ms: window.__paReady, dom_content_loaded_ms: nav.domContentLoadedEventEnd,
          load_ms: nav.loadEventEnd, sort_ms: sort, filter_ms: Math.max(byLanguage, byTopic, byText),
          filter_language_ms: byLanguage, filter_topic_ms: byTopic, filter_text_ms: byText,
          rows: document.querySelectorAll('.pa-matrix.pa-long tbody tr').length};
}
"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def matrix_in_browser(site: Path, runs: int) -> dict[str, Any] | None:
    """Time until the matrix page is sortable and filterable, in headless chromium."""
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(chromium).exists():
        return None
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/matrix/"
    samples: list[dict[str, Any]] = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=chromium, args=["--headless", "--no-sandbox", "--disable-gpu"]
            )
            for _ in range(runs):
                page = browser.new_page()
                page.add_init_script(_READY_PROBE)
                page.goto(url, wait_until="load")
                page.wait_for_selector("[data-pa-ready]", state="attached", timeout=60_000)
                samples.append(page.evaluate(_INTERACT))
                page.close()
            browser.close()
    except Exception as exc:  # a missing browser library must not sink the benchmark
        log(f"matrix page in the browser: not measured ({exc.__class__.__name__}: {exc})")
        return None
    finally:
        server.shutdown()
    out = {key: round(statistics.median(s[key] for s in samples), 1) for key in samples[0] if key != "rows"}
    out["rows"] = samples[0]["rows"]
    out["interactive_ms"] = round(max(out["ready_ms"], out["load_ms"]) + max(out["sort_ms"], out["filter_ms"]), 1)
    return out


# --- the whole benchmark ------------------------------------------------------------------------


def _median(values: list[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return round(statistics.median(present), 3) if present else None


def _summary(runs: list[Measured]) -> dict[str, Any]:
    out: dict[str, Any] = {"runs": [m.as_json() for m in runs]}
    for key in ("wall_s", "cpu_s", "peak_rss_mib", "tree_rss_mib"):
        out[key] = _median([getattr(m, key) for m in runs])
    for key in ("plugin_s", "mkdocs_reported_s"):
        if any(key in m.extra for m in runs):
            out[key] = _median([m.extra.get(key) for m in runs])
    return out


def _dir_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def bench_size(
    corpus: Corpus, runs: int, logs: Path, serve: bool, browser: bool, serve_runs: int = 3
) -> dict[str, Any]:
    size = corpus.size
    code_at_start = code_digest()
    log(f"{size}: rendering the pages for the bare build")
    render = render_pages(corpus, logs)
    full: list[Measured] = []
    bare: list[Measured] = []
    for run in range(runs):  # interleaved, so that a noisy neighbour hits both alike
        log(f"{size}: full build {run + 1}/{runs}")
        full.append(full_build(corpus, logs, run))
        log(f"{size}: bare build {run + 1}/{runs}  (full: {full[-1].wall_s:.1f} s)")
        bare.append(bare_build(corpus, logs, run))
        log(f"{size}: bare build {bare[-1].wall_s:.1f} s")
    result: dict[str, Any] = {
        "policies": size,
        "seed_bytes": corpus.seed_bytes,
        "seed_mb": round(corpus.seed_bytes / 1e6, 3),
        "runs": runs,
        "full_build": _summary(full),
        "bare_build": _summary(bare),
        "render_cli": render.as_json(),
    }
    f, b = result["full_build"], result["bare_build"]
    result["overhead"] = {
        "wall_ratio": round(f["wall_s"] / b["wall_s"], 3),
        "cpu_ratio": round(f["cpu_s"] / b["cpu_s"], 3),
    }
    site = corpus.root / "site"
    matrix = site / "matrix" / "index.html"
    result["site_bytes"] = {"full": _dir_bytes(site), "bare": _dir_bytes(corpus.bare / "site")}
    result["html_pages"] = {
        "full": sum(1 for _ in site.rglob("*.html")),
        "bare": sum(1 for _ in (corpus.bare / "site").rglob("*.html")),
    }
    result["matrix_html_bytes"] = matrix.stat().st_size if matrix.exists() else None
    log(f"{size}: core pipeline, {runs} runs on one core")
    core, core_proc = _child("core-child", corpus.seeds, runs, logs, f"core{size}")
    cpu = _median([r["cpu_s"] for r in core["runs"]])
    wall = _median([r["wall_s"] for r in core["runs"]])
    result["core"] = {
        **core,
        "cpu_s": cpu,
        "wall_s": wall,
        "mb_per_cpu_s": round(core["seed_bytes"] / 1e6 / cpu, 3) if cpu else None,
        "mb_per_wall_s": round(core["seed_bytes"] / 1e6 / wall, 3) if wall else None,
        "peak_rss_mib": round(core_proc.peak_rss_mib, 1),
    }
    if browser and matrix.exists():
        log(f"{size}: matrix page in chromium")
        result["matrix_browser"] = matrix_in_browser(site, max(runs, 3))
    if serve:
        # the lock of the last full build is in place, as in a project that has been built before
        log(f"{size}: serve rebuild in-process")
        in_process, _ = _child("serve-child", corpus.root, serve_runs, logs, f"serve{size}")
        log(f"{size}: serve rebuild in a real mkdocs serve")
        try:
            real = real_serve(corpus, serve_runs, startup_timeout=max(120.0, 5 * f["wall_s"]))
        except (TimeoutError, OSError) as exc:
            log(f"real mkdocs serve: not measured ({exc})")
            real = {"error": str(exc)}
        rebuilds = real.get("rebuilds", [])
        result["serve"] = {
            "edited_among": size,
            "in_process": {
                **in_process,
                "edit_ms_median": _median(in_process["edit_ms"]),
                "unchanged_ms_median": _median(in_process["unchanged_ms"]),
            },
            "real_serve": {
                **real,
                "plugin_ms_median": _median([r["plugin_ms"] for r in rebuilds]),
                "on_files_ms_median": _median([r["on_files_ms"] for r in rebuilds]),
                "mkdocs_rebuild_s_median": _median([r["mkdocs_rebuild_s"] for r in rebuilds]),
                "edit_to_built_s_median": _median([r["edit_to_built_s"] for r in rebuilds]),
            },
        }
    result["code_digest"] = sorted({code_at_start, code_digest()})
    return result


def machine() -> dict[str, Any]:
    def first(path: str, key: str) -> str | None:
        with contextlib.suppress(OSError):
            for line in Path(path).read_text().splitlines():
                if line.startswith(key):
                    return line.split(":", 1)[1].strip()
        return None

    mem = first("/proc/meminfo", "MemTotal")
    versions = {}
    for dist in ("mkdocs", "mkdocs-material", "markdown", "policy-atlas"):
        with contextlib.suppress(Exception):
            from importlib.metadata import version

            versions[dist] = version(dist)
    return {
        "arch": platform.machine(),
        "cpu": first("/proc/cpuinfo", "model name") or platform.processor(),
        "nproc": os.cpu_count(),
        "usable_cpus": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "mem_total_gib": round(int(mem.split()[0]) / 1024 / 1024, 1) if mem else None,
        "python": platform.python_version(),
        "system": f"{platform.system()} {platform.release()}",
        "versions": versions,
    }


def _status(ok: bool | None) -> str:
    return "n/a" if ok is None else ("PASS" if ok else "FAIL")


def targets(sizes: dict[str, dict[str, Any]], scaling: list[dict[str, Any]], smoke: bool) -> list[dict[str, Any]]:
    """The targets of issue 7, judged on what was measured (not judged in a smoke run)."""
    out: list[dict[str, Any]] = []

    def add(name: str, target: str, measured: Any, ok: bool | None, note: str = "") -> None:
        out.append(
            {"name": name, "target": target, "measured": measured, "status": "n/a" if smoke else _status(ok)}
            | ({"note": note} if note else {})
        )

    mid = sizes.get(str(SERVE_SIZE))
    ratio = mid["overhead"]["wall_ratio"] if mid else None
    add(
        "overhead at 1,000 (full / bare, wall)",
        f"<= {MAX_OVERHEAD}",
        ratio,
        None if ratio is None else ratio <= MAX_OVERHEAD,
    )
    core_at = mid or (sizes[max(sizes, key=int)] if sizes else None)
    mbs = core_at["core"]["mb_per_cpu_s"] if core_at else None
    add(
        f"core throughput at {core_at['policies'] if core_at else 0:,} (MB per CPU second, one core)",
        f">= {MIN_CORE_MB_S}",
        mbs,
        None if mbs is None else mbs >= MIN_CORE_MB_S,
    )
    for step in scaling:
        add(
            f"core time {step['from']:,} -> {step['to']:,} policies",
            f"<= {MAX_SCALING}x",
            step["time_ratio"],
            step["time_ratio"] <= MAX_SCALING,
            f"text grew {step['bytes_ratio']}x",
        )
    serve_at = next((s for s in sizes.values() if "serve" in s), None)
    if serve_at:
        real = serve_at["serve"]["real_serve"].get("plugin_ms_median")
        inproc = serve_at["serve"]["in_process"]["edit_ms_median"]
        measured = real if real is not None else inproc
        add(
            f"serve rebuild, 1 seed edited among {serve_at['policies']:,}: plugin's own time (ms)",
            f"<= {MAX_SERVE_PLUGIN_MS:.0f}",
            measured,
            None if measured is None or serve_at["policies"] != SERVE_SIZE else measured <= MAX_SERVE_PLUGIN_MS,
            f"in-process on_files: {inproc} ms",
        )
    big = sizes.get(str(BIG_SIZE))
    rss = max(big["full_build"]["peak_rss_mib"], big["full_build"]["tree_rss_mib"]) if big else None
    add(
        "peak RSS of the full build at 10,000 (MiB)",
        f"<= {MAX_PEAK_RSS_MIB:.0f} (2 GB)",
        rss,
        None if rss is None else rss <= MAX_PEAK_RSS_MIB,
    )
    size_b = mid["matrix_html_bytes"] if mid else None
    add(
        "matrix page HTML at 1,000 (bytes)",
        f"<= {MAX_MATRIX_BYTES:,}",
        size_b,
        None if size_b is None else size_b <= MAX_MATRIX_BYTES,
    )
    browser = mid.get("matrix_browser") if mid else None
    tti = browser["interactive_ms"] if browser else None
    add(
        "matrix page at 1,000 interactive in chromium (ms)",
        f"< {MAX_MATRIX_INTERACTIVE_MS:.0f}",
        tti,
        None if tti is None else tti < MAX_MATRIX_INTERACTIVE_MS,
        "load + sorting/filtering ready, then the slower of one sort and one filter",
    )
    return out


def _fmt(value: Any, digits: int = 2) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:,.{digits}f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def table_rows(results: dict[str, Any]) -> tuple[list[str], list[list[str]]]:
    sizes = results["sizes"]
    keys = sorted(sizes, key=int)
    header = ["", *(f"{int(k):,} policies" for k in keys)]
    scaling = {s["to"]: s for s in results["scaling"]}

    def row(label: str, get: Any, digits: int = 2) -> list[str]:
        cells = []
        for k in keys:
            try:
                cells.append(_fmt(get(sizes[k]), digits))
            except (KeyError, TypeError):
                cells.append("-")
        return [label, *cells]

    rows = [
        row("text (MB) / runs (median of)", lambda s: f"{s['seed_mb']:.1f} / {s['runs']}"),
        row("1 full mkdocs build, wall (s)", lambda s: s["full_build"]["wall_s"]),
        row("  of which plugin hooks (s)", lambda s: s["full_build"]["plugin_s"]),
        row("2 bare mkdocs build, wall (s)", lambda s: s["bare_build"]["wall_s"]),
        row("  overhead 1/2, wall (target <= 1.15)", lambda s: s["overhead"]["wall_ratio"], 3),
        row("  overhead 1/2, CPU time", lambda s: s["overhead"]["cpu_ratio"], 3),
        row("3 core, MB per CPU s, 1 core (>= 5)", lambda s: s["core"]["mb_per_cpu_s"], 3),
        row("  core time, CPU (s)", lambda s: s["core"]["cpu_s"]),
        row("  core time vs 10x fewer (<= 11x)", lambda s: scaling[s["policies"]]["time_ratio"]),
        row(
            "4 serve: plugin ms after 1 edit (<= 100)",
            lambda s: s["serve"]["real_serve"]["plugin_ms_median"],
            0,
        ),
        row("  same, in-process on_files (ms)", lambda s: s["serve"]["in_process"]["edit_ms_median"], 0),
        row("  whole mkdocs rebuild (s)", lambda s: s["serve"]["real_serve"]["mkdocs_rebuild_s_median"]),
        row("5 peak RSS full build (MiB)", lambda s: s["full_build"]["peak_rss_mib"], 0),
        row("  peak RSS bare build (MiB)", lambda s: s["bare_build"]["peak_rss_mib"], 0),
        row("  peak RSS core alone (MiB)", lambda s: s["core"]["peak_rss_mib"], 0),
        row("matrix page HTML (KB, <= 2,000)", lambda s: s["matrix_html_bytes"] / 1000, 0),
        row("matrix interactive, chromium (ms, < 1,000)", lambda s: s["matrix_browser"]["interactive_ms"], 0),
    ]
    return header, rows


def format_text(results: dict[str, Any]) -> str:
    header, rows = table_rows(results)
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    lines = [
        "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths, strict=True)))
        for r in [header, *rows]
    ]
    lines.insert(1, "-" * len(lines[0]))
    lines.append("")
    lines.append("Targets:")
    for t in results["targets"]:
        note = f"  ({t['note']})" if t.get("note") else ""
        lines.append(f"  [{t['status']:>4}] {t['name']}: {_fmt(t['measured'])} (target {t['target']}){note}")
    lines.extend(_caveats(results))
    m = results["machine"]
    lines.append("")
    lines.append(f"Machine: {_machine_line(m)}; load average {results['load_average']}")
    return "\n".join(lines)


def _caveats(results: dict[str, Any]) -> list[str]:
    out = []
    for size, data in sorted(results["sizes"].items(), key=lambda kv: int(kv[0])):
        if "error" in data:
            out.append(f"FAILED at {int(size):,} policies: {data['error'].strip().splitlines()[0][:300]}")
    if results.get("code_changed_during_run"):
        out.append(
            "WARNING: the plugin's code changed while the benchmark ran (digests "
            + ", ".join(results["code_digests"])
            + "): figures may come from different versions of it."
        )
    if any(s.get("runs") == 1 for s in results["sizes"].values() if "error" not in s) and not results["smoke"]:
        out.append("Sizes with runs = 1 were measured once (no median).")
    return out


def _machine_line(m: dict[str, Any]) -> str:
    return (
        f"{m['cpu']} ({m['arch']}), {m['nproc']} CPUs, {m['mem_total_gib']} GiB RAM, "
        f"Python {m['python']}, {m['system']}, mkdocs {m['versions'].get('mkdocs')}, "
        f"material {m['versions'].get('mkdocs-material')}"
    )


def format_markdown(results: dict[str, Any]) -> str:
    header, rows = table_rows(results)
    lines = [
        "| " + " | ".join(header) + " |",
        "|---" + "|---:" * (len(header) - 1) + "|",
        *("| " + " | ".join(r) + " |" for r in rows),
        "",
        "| target | measured | status |",
        "|---|---:|---|",
        *(
            f"| {t['name']} {t['target']} | {_fmt(t['measured'])} | **{t['status']}**"
            + (f" ({t['note']})" if t.get("note") else "")
            + " |"
            for t in results["targets"]
        ),
        "",
        *(f"{line}  " for line in _caveats(results)),
        f"Measured {results['finished']} on {_machine_line(results['machine'])}; "
        f"load average before/after {results['load_average']}; plugin code {', '.join(results['code_digests'])}. "
        "`bench/results.json` has every run.",
    ]
    return "\n".join(lines)


def update_readme(path: Path, block: str) -> None:
    text = path.read_text(encoding="utf-8")
    if README_BEGIN not in text or README_END not in text:
        log(f"{path}: no {README_BEGIN} marker, table not written")
        return
    before, rest = text.split(README_BEGIN, 1)
    after = rest.split(README_END, 1)[1]
    path.write_text(f"{before}{README_BEGIN}\n{block}\n{README_END}{after}", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="100,1000,10000", help="corpus sizes (default: 100,1000,10000)")
    parser.add_argument("--runs", type=int, default=3, help="runs per figure, median taken (default: 3)")
    parser.add_argument("--big-runs", type=int, default=1, help=f"runs at {BIG_SIZE:,} policies (default: 1)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="JSON results (default: bench/results.json)")
    parser.add_argument("--smoke", action="store_true", help="20 policies, 1 run, targets not judged")
    parser.add_argument("--no-browser", action="store_true", help="skip the matrix page in chromium")
    parser.add_argument("--readme", action="store_true", help="write the table into README.md and bench/README.md")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder with corpora and sites")
    parser.add_argument("--core-child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--serve-child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.core_child:
        print("RESULT " + json.dumps(core_child(args.core_child, args.runs), sort_keys=True), flush=True)
        return 0
    if args.serve_child:
        print("RESULT " + json.dumps(serve_child(args.serve_child, args.runs), sort_keys=True), flush=True)
        return 0

    sizes = [20] if args.smoke else sorted({int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()})
    runs = 1 if args.smoke else args.runs
    serve_size = SERVE_SIZE if SERVE_SIZE in sizes else min(sizes)
    work = Path(tempfile.mkdtemp(prefix="policy-atlas-bench-"))
    if work.resolve().is_relative_to(ROOT):
        raise SystemExit(f"the temporary folder {work} is inside the repository; set TMPDIR elsewhere")
    logs = work / "logs"
    logs.mkdir()
    log(f"working in {work}")
    load_before = ", ".join(f"{v:.2f}" for v in os.getloadavg())
    started = time.perf_counter()
    results: dict[str, Any] = {"sizes": {}}
    failed = False

    def finish(complete: bool) -> None:
        done = {k: v for k, v in results["sizes"].items() if "error" not in v}
        scaling = []
        for small in sizes:
            a, b = done.get(str(small)), done.get(str(small * 10))
            if a and b:
                scaling.append(
                    {
                        "from": small,
                        "to": small * 10,
                        "time_ratio": round(b["core"]["cpu_s"] / a["core"]["cpu_s"], 2),
                        "bytes_ratio": round(b["seed_bytes"] / a["seed_bytes"], 2),
                    }
                )
        digests = sorted({d for v in done.values() for d in v.get("code_digest", [])})
        results.update(
            {
                "schema": 1,
                "complete": complete,
                "smoke": args.smoke,
                "sizes_measured": sizes,
                "runs": runs,
                "big_runs": args.big_runs,
                "scaling": scaling,
                "code_digests": digests,
                "code_changed_during_run": len(digests) > 1,
                "machine": machine(),
                "load_average": f"{load_before} / " + ", ".join(f"{v:.2f}" for v in os.getloadavg()),
                "finished": time.strftime("%Y-%m-%d %H:%M %Z"),
                "duration_s": round(time.perf_counter() - started, 1),
            }
        )
        results["targets"] = targets(done, scaling, args.smoke)
        args.out.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(results, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
        args.out.write_text(text, encoding="utf-8")

    try:
        sources = load_sources()
        for size in sizes:
            log(f"{size}: generating the corpus")
            corpus = make_corpus(work, size, sources)
            size_runs = args.big_runs if size >= BIG_SIZE else runs
            try:
                results["sizes"][str(size)] = bench_size(
                    corpus,
                    size_runs,
                    logs,
                    serve=size == serve_size,
                    browser=not args.no_browser and not args.smoke,
                    serve_runs=1 if args.smoke else max(runs, 3),
                )
            except (RuntimeError, OSError, KeyError, ValueError, IndexError) as exc:
                log(f"{size}: FAILED: {exc}")
                results["sizes"][str(size)] = {"policies": size, "error": str(exc)[-3000:]}
                failed = True
            if not args.keep:
                shutil.rmtree(corpus.root, ignore_errors=True)
                shutil.rmtree(corpus.bare, ignore_errors=True)
            finish(complete=False)  # what is measured so far survives an interrupted run
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
        else:
            log(f"kept {work}")
    finish(complete=True)
    print(format_text(results))
    print(f"\nwritten: {args.out}  ({results['duration_s']:.0f} s)")
    if args.readme and not args.smoke:
        block = format_markdown(results)
        for readme in (ROOT / "README.md", BENCH / "README.md"):
            update_readme(readme, block)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
