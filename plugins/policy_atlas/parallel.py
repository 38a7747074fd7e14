"""Analysing many seeds on every CPU: a process pool, results in the seeds' order.

Each worker analyses a seed (`pipeline.analyse`) and extracts its facts (through
`pipeline.place_policy`, which does not depend on the lock for the facts); the results
come back into the module memos of this process, so `assemble` finds them there and
the site is exactly what one process would have built. The pool is used only when
there are enough seeds left to analyse for it to pay (a cold build, not a serve
rebuild after one edit) and more than one CPU; anything going wrong with it falls back
to analysing in this process.

Workers are forked when this process runs a single thread (`mkdocs build`, the CLI);
otherwise (`mkdocs serve`) they start from a fresh interpreter ("forkserver"), which
imports the main module again: a script that builds a site with threads running must
guard its top level with `if __name__ == "__main__":`, as multiprocessing requires.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import pickle
import threading
from collections.abc import Hashable, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from . import facts, pipeline
from .langdetect import _identifier
from .model import SeedText
from .pipeline import Draft, analyse, analyse_cached, place_policy

log = logging.getLogger("mkdocs.plugins.policy_atlas")

# Below this many seeds to analyse, starting the workers costs more than sharing the work
# saves. Measured on 2 CPUs (bench/README.md): forked workers (which share what this process
# has loaded) already halve the time at 40 seeds; workers from a fresh interpreter (threads
# running) first spend about 2 CPU seconds each loading the model and compiling patterns.
MIN_SEEDS = 32
MIN_SEEDS_FRESH = 150
CHUNK_SIZE = 8
WORKERS_ENV = "POLICY_ATLAS_WORKERS"  # 1 turns the pool off; a number caps the workers

_Result = tuple[Draft, Hashable | None, facts.PolicyFacts | None]


def worker_count() -> int:
    """CPUs this process may run on, capped by POLICY_ATLAS_WORKERS."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        cpus = os.cpu_count() or 1
    wanted = os.environ.get(WORKERS_ENV, "").strip()
    if wanted.isdigit() and int(wanted) > 0:
        cpus = min(cpus, int(wanted))
    return max(cpus, 1)


def analyse_all(seeds: Sequence[SeedText], min_seeds: int | None = None) -> list[Draft]:
    """`analyse_cached` of every seed, in order; the ones not analysed yet in a process pool
    when there are at least `min_seeds` of them and more than one CPU."""
    method = _start_method()
    if min_seeds is None:
        min_seeds = MIN_SEEDS if method == "fork" else MIN_SEEDS_FRESH
    todo = [seed for seed in seeds if pipeline._DRAFTS.peek(_draft_key(seed)) is None]
    workers = min(worker_count(), -(-len(todo) // CHUNK_SIZE))  # no worker without a chunk
    # never inside a worker of a pool (no pools of pools)
    if workers > 1 and len(todo) >= min_seeds and multiprocessing.parent_process() is None:
        try:
            results = _in_pool(todo, workers, method)
        except (OSError, BrokenProcessPool, pickle.PicklingError, EOFError) as exc:
            log.info("Policy Atlas: analysing in one process (the process pool failed: %s)", exc)
        else:
            for seed, (draft, key, found) in zip(todo, results, strict=True):
                pipeline._DRAFTS.put(_draft_key(seed), draft)
                if key is not None and found is not None:
                    facts.FACTS.put(key, found)
    return [analyse_cached(seed) for seed in seeds]


def _draft_key(seed: SeedText) -> Hashable:
    return (seed.digest, seed.source, seed.meta)  # as `pipeline.analyse_cached` remembers it


def _start_method() -> str:
    """ "fork" while this process runs one thread (cheap, nothing re-imported); with other
    threads running (`mkdocs serve`) a forked child could inherit a lock held by one of
    them, so then "forkserver" (or "spawn")."""
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return "fork"
    return "forkserver" if "forkserver" in methods else "spawn"


def _in_pool(seeds: list[SeedText], workers: int, method: str) -> list[_Result]:
    if method == "fork":
        _identifier()  # load the language model once, here, rather than in every worker
    context = multiprocessing.get_context(method)
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        return list(pool.map(_analyse_one, seeds, chunksize=CHUNK_SIZE))


def _analyse_one(seed: SeedText) -> _Result:
    """In a worker: the draft of one seed and its facts (key and value, as `assemble` will ask)."""
    draft = analyse(seed)
    facts.FACTS.clear()  # a worker keeps nothing between seeds
    place_policy(draft, "-", None)
    entries = facts.FACTS.items()
    for memo in (facts.FACTS, facts.READINGS):
        memo.clear()
    key, found = entries[0] if len(entries) == 1 else (None, None)
    return draft, key, found
