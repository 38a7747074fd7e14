"""Benchmark offline language detectors on the shared privacy-policy corpus.

Compares py3langid and lingua-language-detector (several configurations) by
accuracy and speed on every file listed in ``MANIFEST.tsv`` of the shared
corpus, plus the seed files of this repository.

Each detector configuration runs in its own child process (this script
re-invoked with ``--worker NAME``) so that import/model-load time is measured
cold and the peak resident memory (``resource.getrusage``) belongs to one
detector only. The parent prints a table and writes a JSON report with sorted
keys. Corpus texts are only read, never copied; the report holds file names,
predictions, confidences and timings, no text.

Usage::

    .venv/bin/python bench/langdetect_eval.py [--corpus DIR] [--seeds DIR]
        [--out FILE] [--configs NAME,NAME,...]
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus"
DEFAULT_SEEDS = REPO / "seeds"
DEFAULT_OUT = HERE / "langdetect_results.json"

HEAD_CHARS = 2000
MODES: tuple[str, ...] = ("head2000", "full")

# Languages Policy Atlas needs (ISO 639-1).
TARGET_LANGS: tuple[str, ...] = (
    "bg", "cs", "da", "de", "el", "en", "es", "et", "fi", "fr", "ga", "hr",
    "hu", "it", "lt", "lv", "mt", "nl", "pl", "pt", "ro", "sk", "sl", "sv",
    "sq", "nb", "nn", "ru", "uk", "sr", "tr", "zh", "ja", "ko", "id", "ms",
)  # fmt: skip

SEED_EXPECTED: dict[str, str] = {
    "000": "sq",
    "001": "sq",
    "002": "nb",
    "003": "cs",
    "004": "sq",
}

# Norwegian: a declared "nb" is matched by any of these predictions.
NORWEGIAN = frozenset({"nb", "nn", "no"})
# Serbo-Croatian confusable group (counted only in "group" accuracy).
SERBO_CROATIAN = frozenset({"sr", "hr", "bs"})

# py3langid labels without their own ISO 639-1 code whose macrolanguage has
# one. Other 3-letter labels (ace, bcl, kab, ...) stay as they are.
PY3LANGID_TO_639_1: dict[str, str] = {
    "ary": "ar",  # Moroccan Arabic
    "arz": "ar",  # Egyptian Arabic
    "fuv": "ff",  # Nigerian Fulfulde
    "gug": "gn",  # Paraguayan Guarani
    "sdh": "ku",  # Southern Kurdish
    "uzs": "uz",  # Southern Uzbek
    "wuu": "zh",  # Wu Chinese
    "yue": "zh",  # Cantonese
}

UNDETERMINED = "und"

# --------------------------------------------------------------------------
# Text preparation
# --------------------------------------------------------------------------

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n.*?\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_HTML_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
_KRAMDOWN_IAL = re.compile(r"\{:[^{}]*\}")
# Link text may hold escaped brackets: [Meta Products\[1\]](#annotation-1).
# Link target "(url "title")": anything with one level of nested parentheses.
_TARGET = r"\((?:[^()]|\([^()]*\))*\)"
_IMAGE = re.compile(r"!\[((?:\\.|[^\]\\])*)\]" + _TARGET)
_LINK = re.compile(r"\[((?:\\.|[^\]\\])*)\]" + _TARGET)
# ATX heading marks at line start, or at the start of a table cell.
_HEADING = re.compile(r"(^[ \t]{0,3}|(?<=\|)[ \t]*)#{1,6}(?=[ \t]|$)", re.MULTILINE)
_HEADING_TAIL = re.compile(r"[ \t]+#+[ \t]*$", re.MULTILINE)
_SETEXT_RULE = re.compile(r"^[ \t]*(?:=+|-+)[ \t]*$", re.MULTILINE)
_BLANK_RUNS = re.compile(r"\n{3,}")


def strip_markdown(text: str) -> str:
    """Remove simple Markdown/kramdown/HTML markup, keeping the visible words."""
    text = _FRONT_MATTER.sub("", text)
    text = _HTML_COMMENT.sub(" ", text)
    text = _KRAMDOWN_IAL.sub(" ", text)
    text = _IMAGE.sub(r"\1", text)
    text = _LINK.sub(r"\1", text)
    text = _HTML_TAG.sub(" ", text)
    text = _HEADING.sub(r"\1", text)
    text = _HEADING_TAIL.sub("", text)
    text = _SETEXT_RULE.sub("", text)
    return _BLANK_RUNS.sub("\n\n", text).strip()


def read_text(path: Path) -> str:
    return path.read_text(encoding="utf-8-sig", errors="replace")


@dataclass(frozen=True)
class Doc:
    key: str  # path relative to the corpus root, or seed file name
    lang: str  # declared/expected ISO 639-1 code
    text: str  # stripped text


def load_corpus(corpus: Path) -> list[Doc]:
    docs: list[Doc] = []
    manifest = corpus / "MANIFEST.tsv"
    lines = manifest.read_text(encoding="utf-8").splitlines()
    for line in lines[1:]:
        if not line.strip():
            continue
        cols = line.split("\t")
        rel, lang = cols[0], cols[1].strip().lower()
        docs.append(Doc(rel, lang, strip_markdown(read_text(corpus / rel))))
    docs.sort(key=lambda d: d.key)
    return docs


def load_seeds(seeds: Path) -> list[Doc]:
    docs: list[Doc] = []
    for path in sorted(seeds.glob("*.txt")):
        expected = SEED_EXPECTED.get(path.name[:3], UNDETERMINED)
        docs.append(Doc(path.name, expected, strip_markdown(read_text(path))))
    return docs


def is_correct(declared: str, predicted: str, *, group: bool) -> bool:
    if predicted == declared:
        return True
    if declared in NORWEGIAN and predicted in NORWEGIAN:
        return True
    return group and declared in SERBO_CROATIAN and predicted in SERBO_CROATIAN


# --------------------------------------------------------------------------
# Detector configurations (imports happen inside the worker, so that import
# time counts as load time)
# --------------------------------------------------------------------------

Detect = Callable[[str], tuple[str, float]]


@dataclass(frozen=True)
class Loaded:
    detect: Detect
    supported: frozenset[str]  # normalized ISO codes the detector can output
    api: str  # the calls used, for the report
    raw_detect: Detect | None = None  # a second API to show/compare on seeds
    raw_api: str = ""


def _py3langid(target_only: bool) -> Loaded:
    import py3langid
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    # py3langid.classify() uses a module-level identifier built with
    # norm_probs=False: its score is an unnormalized log-probability (e.g.
    # -4321.5), not a confidence. A [0, 1] confidence needs norm_probs=True.
    ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    api = (
        "from py3langid.langid import LanguageIdentifier, MODEL_FILE; "
        "ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)"
    )
    if target_only:
        own = set(ident.labels)
        langs = sorted({"no" if c == "nb" else c for c in TARGET_LANGS} & own)
        ident.set_languages(langs)
        api += f"; ident.set_languages({langs!r})"
    api += "; lang, conf = ident.classify(text)"

    def norm(label: str) -> str:
        return PY3LANGID_TO_639_1.get(label, label)

    def detect(text: str) -> tuple[str, float]:
        label, conf = ident.classify(text)
        return norm(str(label)), float(conf)

    def raw(text: str) -> tuple[str, float]:
        label, score = py3langid.classify(text)
        return norm(str(label)), float(score)

    supported = frozenset(norm(c) for c in ident.labels) - {"zxx"}
    return Loaded(detect, supported, api, raw, "py3langid.classify(text)")


def _lingua(*, preload: bool, low_accuracy: bool, target_only: bool) -> Loaded:
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    codes: list[str] = []
    if target_only:
        have = {lang.iso_code_639_1.name.lower() for lang in Language.all()}
        codes = [c for c in TARGET_LANGS if c in have]
        isos = [IsoCode639_1.from_str(c) for c in codes]
        builder = LanguageDetectorBuilder.from_iso_codes_639_1(*isos)
        api = f"LanguageDetectorBuilder.from_iso_codes_639_1(<{len(codes)} codes>)"
    else:
        builder = LanguageDetectorBuilder.from_all_languages()
        api = "LanguageDetectorBuilder.from_all_languages()"
    if low_accuracy:
        builder = builder.with_low_accuracy_mode()
        api += ".with_low_accuracy_mode()"
    if preload:
        builder = builder.with_preloaded_language_models()
        api += ".with_preloaded_language_models()"
    detector = builder.build()
    api += (
        ".build(); top = detector.compute_language_confidence_values(text)[0]; "
        "lang = top.language.iso_code_639_1.name.lower(); conf = top.value"
    )

    def detect(text: str) -> tuple[str, float]:
        values = detector.compute_language_confidence_values(text)
        if not values or values[0].value <= 0.0:
            return UNDETERMINED, 0.0
        top = values[0]
        return top.language.iso_code_639_1.name.lower(), float(top.value)

    def raw(text: str) -> tuple[str, float]:
        lang = detector.detect_language_of(text)
        if lang is None:
            return UNDETERMINED, float("nan")
        code = lang.iso_code_639_1.name.lower()
        return code, float(detector.compute_language_confidence(text, lang))

    if target_only:
        supported = frozenset(codes)
    else:
        supported = frozenset(lang.iso_code_639_1.name.lower() for lang in Language.all())
    raw_api = "detector.detect_language_of(text)"
    return Loaded(detect, supported, api, raw, raw_api)


CONFIGS: dict[str, Callable[[], Loaded]] = {
    "py3langid": lambda: _py3langid(target_only=False),
    "py3langid-target": lambda: _py3langid(target_only=True),
    "lingua-high-preloaded": lambda: _lingua(preload=True, low_accuracy=False, target_only=False),
    "lingua-high-lazy": lambda: _lingua(preload=False, low_accuracy=False, target_only=False),
    "lingua-low-lazy": lambda: _lingua(preload=False, low_accuracy=True, target_only=False),
    "lingua-high-target-preloaded": lambda: _lingua(preload=True, low_accuracy=False, target_only=True),
}


# --------------------------------------------------------------------------
# Worker: one configuration, one process
# --------------------------------------------------------------------------


def max_rss_mib() -> float:
    # ru_maxrss is in KiB on Linux.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def head(text: str) -> str:
    return text[:HEAD_CHARS]


def run_worker(name: str, corpus: Path, seeds: Path) -> dict[str, Any]:
    docs = load_corpus(corpus)
    seed_docs = load_seeds(seeds)
    rss_before = max_rss_mib()

    t0 = time.perf_counter()
    loaded = CONFIGS[name]()
    load_s = time.perf_counter() - t0
    rss_loaded = max_rss_mib()

    # First call on a short text: for lazy lingua this loads models.
    t0 = time.perf_counter()
    loaded.detect("This is a short warm-up sentence.")
    first_call_s = time.perf_counter() - t0

    modes: dict[str, Any] = {}
    for mode in MODES:
        prep = head if mode == "head2000" else str
        rows: list[dict[str, Any]] = []
        for doc in docs:
            text = prep(doc.text)
            t0 = time.perf_counter()
            pred, conf = loaded.detect(text)
            dt = time.perf_counter() - t0
            rows.append(
                {
                    "file": doc.key,
                    "declared": doc.lang,
                    "predicted": pred,
                    "confidence": round(conf, 6),
                    "chars": len(text),
                    "seconds": dt,
                }
            )
        modes[mode] = rows

    # Determinism: repeat the head2000 run (untimed) and compare exactly.
    repeat = [loaded.detect(head(d.text)) for d in docs]
    first = [(r["predicted"], r["confidence"]) for r in modes["head2000"]]
    deterministic = first == [(p, round(c, 6)) for p, c in repeat]

    seeds_out: list[dict[str, Any]] = []
    for doc in seed_docs:
        entry: dict[str, Any] = {"file": doc.key, "expected": doc.lang}
        for mode in MODES:
            text = head(doc.text) if mode == "head2000" else doc.text
            pred, conf = loaded.detect(text)
            entry[mode] = {"predicted": pred, "confidence": round(conf, 6)}
            if loaded.raw_detect is not None:
                rpred, rscore = loaded.raw_detect(text)
                entry[mode]["raw_api_predicted"] = rpred
                entry[mode]["raw_api_score"] = round(rscore, 6)
        seeds_out.append(entry)

    return {
        "config": name,
        "api": loaded.api,
        "raw_api": loaded.raw_api,
        "supported": sorted(loaded.supported),
        "load_seconds": load_s,
        "first_call_seconds": first_call_s,
        "max_rss_mib_before_load": rss_before,
        "max_rss_mib_after_load": rss_loaded,
        "max_rss_mib_end": max_rss_mib(),
        "deterministic_repeat": deterministic,
        "modes": modes,
        "seeds": seeds_out,
    }


# --------------------------------------------------------------------------
# Parent: scoring and reporting
# --------------------------------------------------------------------------


def supports(supported: frozenset[str], lang: str) -> bool:
    if lang in NORWEGIAN:
        return bool(supported & NORWEGIAN)
    return lang in supported


def accuracy(rows: list[dict[str, Any]], *, group: bool) -> dict[str, Any]:
    n = len(rows)
    ok = sum(is_correct(r["declared"], r["predicted"], group=group) for r in rows)
    return {"n": n, "correct": ok, "accuracy": round(ok / n, 4) if n else None}


def score_mode(rows: list[dict[str, Any]], supported: frozenset[str]) -> dict[str, Any]:
    target = set(TARGET_LANGS)
    sup_rows = [r for r in rows if supports(supported, r["declared"])]
    tgt_rows = [r for r in rows if r["declared"] in target]
    times = [r["seconds"] for r in rows]
    chars = sum(r["chars"] for r in rows)

    per_lang: dict[str, dict[str, Any]] = {}
    for r in rows:
        entry = per_lang.setdefault(r["declared"], {"n": 0, "correct_strict": 0, "correct_group": 0})
        entry["n"] += 1
        entry["correct_strict"] += is_correct(r["declared"], r["predicted"], group=False)
        entry["correct_group"] += is_correct(r["declared"], r["predicted"], group=True)

    misses: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        if not is_correct(r["declared"], r["predicted"], group=False):
            misses.setdefault(r["declared"], []).append(
                {
                    "file": r["file"],
                    "predicted": r["predicted"],
                    "confidence": r["confidence"],
                    "group_ok": is_correct(r["declared"], r["predicted"], group=True),
                    "declared_supported": supports(supported, r["declared"]),
                }
            )

    ok_conf = [r["confidence"] for r in rows if is_correct(r["declared"], r["predicted"], group=True)]
    bad_conf = [r["confidence"] for r in rows if not is_correct(r["declared"], r["predicted"], group=True)]
    return {
        "all_strict": accuracy(rows, group=False),
        "all_group": accuracy(rows, group=True),
        "supported_strict": accuracy(sup_rows, group=False),
        "supported_group": accuracy(sup_rows, group=True),
        "target_strict": accuracy(tgt_rows, group=False),
        "target_group": accuracy(tgt_rows, group=True),
        "median_ms_per_doc": round(statistics.median(times) * 1000, 3),
        "total_seconds": round(sum(times), 3),
        "chars_total": chars,
        "us_per_kchar": round(sum(times) / chars * 1e9, 1) if chars else None,
        "confidence_correct_min": min(ok_conf) if ok_conf else None,
        "confidence_correct_median": round(statistics.median(ok_conf), 6) if ok_conf else None,
        "confidence_wrong_max": max(bad_conf) if bad_conf else None,
        "per_language": per_lang,
        "misses": misses,
        "predictions": {r["file"]: {"predicted": r["predicted"], "confidence": r["confidence"]} for r in rows},
    }


def summarize(raw: dict[str, Any]) -> dict[str, Any]:
    supported = frozenset(raw["supported"])
    target = set(TARGET_LANGS)
    return {
        "api": raw["api"],
        "raw_api": raw["raw_api"],
        "supported_count": len(supported),
        "target_langs_missing": sorted(c for c in target if not supports(supported, c)),
        "load_seconds": round(raw["load_seconds"], 4),
        "first_call_seconds": round(raw["first_call_seconds"], 4),
        "max_rss_mib_before_load": round(raw["max_rss_mib_before_load"], 1),
        "max_rss_mib_after_load": round(raw["max_rss_mib_after_load"], 1),
        "max_rss_mib_end": round(raw["max_rss_mib_end"], 1),
        "deterministic_repeat": raw["deterministic_repeat"],
        "modes": {m: score_mode(raw["modes"][m], supported) for m in MODES},
        "seeds": raw["seeds"],
    }


def pct(acc: dict[str, Any]) -> str:
    if not acc["n"]:
        return "-"
    return f"{100 * acc['accuracy']:5.1f}% ({acc['correct']}/{acc['n']})"


def print_report(results: dict[str, Any]) -> None:
    configs: dict[str, Any] = results["configs"]
    print(
        f"\nCorpus: {results['corpus']['documents']} documents, "
        f"{results['corpus']['languages']} languages; "
        f"head = first {HEAD_CHARS} chars after Markdown stripping\n"
    )

    header = (
        f"{'config':<29}{'mode':<9}{'all strict':>17}{'all group':>17}"
        f"{'supported (grp)':>18}{'target (grp)':>17}{'med ms':>8}{'tot s':>8}"
    )
    print(header)
    print("-" * len(header))
    for name, res in configs.items():
        for mode in MODES:
            s = res["modes"][mode]
            print(
                f"{name:<29}{mode:<9}{pct(s['all_strict']):>17}{pct(s['all_group']):>17}"
                f"{pct(s['supported_group']):>18}{pct(s['target_group']):>17}"
                f"{s['median_ms_per_doc']:>8.2f}{s['total_seconds']:>8.2f}"
            )
    print()

    header = (
        f"{'config':<29}{'langs':>6}{'load s':>8}{'1st call s':>11}"
        f"{'RSS MiB base/load/end':>24}{'determ.':>8}  missing target langs"
    )
    print(header)
    print("-" * len(header))
    for name, res in configs.items():
        rss = f"{res['max_rss_mib_before_load']:.0f}/{res['max_rss_mib_after_load']:.0f}/{res['max_rss_mib_end']:.0f}"
        print(
            f"{name:<29}{res['supported_count']:>6}{res['load_seconds']:>8.3f}"
            f"{res['first_call_seconds']:>11.3f}{rss:>24}"
            f"{'yes' if res['deterministic_repeat'] else 'NO':>8}  "
            f"{' '.join(res['target_langs_missing']) or '-'}"
        )
    print()

    print("Confidence (group-correct min / median, wrong max):")
    for name, res in configs.items():
        for mode in MODES:
            s = res["modes"][mode]
            print(
                f"  {name:<29}{mode:<9} ok min {s['confidence_correct_min']}"
                f"  ok median {s['confidence_correct_median']}"
                f"  wrong max {s['confidence_wrong_max']}"
            )
    print()

    print("Misses (strict; '~' = right within sr/hr/bs, '!' = language unsupported):")
    for name, res in configs.items():
        for mode in MODES:
            misses = res["modes"][mode]["misses"]
            items = []
            for lang, lst in misses.items():
                for m in lst:
                    mark = "~" if m["group_ok"] else ("!" if not m["declared_supported"] else "")
                    items.append(f"{lang}->{m['predicted']}{mark}")
            print(f"  {name} [{mode}] {len(items)}: {', '.join(items) or '-'}")
    print()

    print("Seeds (stripped text; prediction confidence):")
    for name, res in configs.items():
        for seed in res["seeds"]:
            parts = []
            for mode in MODES:
                e = seed[mode]
                s = f"{mode}={e['predicted']} {e['confidence']:.4f}"
                if "raw_api_predicted" in e:
                    s += f" [raw api: {e['raw_api_predicted']} {e['raw_api_score']:.4g}]"
                parts.append(s)
            ok = all(is_correct(seed["expected"], seed[m]["predicted"], group=False) for m in MODES)
            print(f"  {name:<29}{seed['file'][:3]} exp {seed['expected']} {'ok ' if ok else 'BAD'} {'; '.join(parts)}")
    print()


def run_parent(args: argparse.Namespace) -> int:
    names = [n for n in args.configs.split(",") if n] if args.configs else list(CONFIGS)
    unknown = [n for n in names if n not in CONFIGS]
    if unknown:
        print(f"unknown config(s): {unknown}; known: {list(CONFIGS)}", file=sys.stderr)
        return 2

    docs = load_corpus(args.corpus)
    langs = sorted({d.lang for d in docs})
    results: dict[str, Any] = {
        "corpus": {
            "documents": len(docs),
            "languages": len(langs),
            "language_counts": {lang: sum(d.lang == lang for d in docs) for lang in langs},
            "target_languages_present": sorted(set(langs) & set(TARGET_LANGS)),
            "target_documents": sum(d.lang in TARGET_LANGS for d in docs),
        },
        "settings": {
            "head_chars": HEAD_CHARS,
            "target_languages": sorted(TARGET_LANGS),
            "strict": "exact ISO 639-1 match; declared nb also matched by nb/nn/no",
            "group": "strict, plus sr/hr/bs count as one group",
            "py3langid_label_map": PY3LANGID_TO_639_1,
            "python": sys.version.split()[0],
        },
        "configs": {},
    }
    wall0 = time.perf_counter()
    for name in names:
        print(f"running {name} ...", file=sys.stderr, flush=True)
        t0 = time.perf_counter()
        proc = subprocess.run(
            [
                sys.executable,
                str(Path(__file__).resolve()),
                "--worker",
                name,
                "--corpus",
                str(args.corpus),
                "--seeds",
                str(args.seeds),
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        if proc.returncode != 0:
            print(proc.stderr, file=sys.stderr)
            return proc.returncode
        summary = summarize(json.loads(proc.stdout))
        summary["process_wall_seconds"] = round(time.perf_counter() - t0, 2)
        results["configs"][name] = summary
        print(
            f"  done in {summary['process_wall_seconds']} s",
            file=sys.stderr,
            flush=True,
        )
    results["wall_seconds"] = round(time.perf_counter() - wall0, 2)

    print_report(results)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(
        json.dumps(results, sort_keys=True, indent=2, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    print(f"wrote {args.out}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--seeds", type=Path, default=DEFAULT_SEEDS)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--configs", default="", help=f"comma-separated subset of {','.join(CONFIGS)}")
    parser.add_argument("--worker", default="", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        json.dump(run_worker(args.worker, args.corpus, args.seeds), sys.stdout)
        return 0
    return run_parent(args)


if __name__ == "__main__":
    sys.exit(main())
