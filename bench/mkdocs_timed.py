"""Run `mkdocs` with the Policy Atlas plugin's hooks timed (a helper of bench/bench.py).

    python bench/mkdocs_timed.py build --no-strict
    python bench/mkdocs_timed.py serve --livereload -a 127.0.0.1:8123

It is `mkdocs` itself, plus a stopwatch around each hook of `PolicyAtlasPlugin`
(patched on the class, so it also covers the fresh plugin object MkDocs makes on every
rebuild of `mkdocs serve`). After each build it prints one line to stderr:

    PA-BENCH {"calls": {...}, "hooks_s": {...}, "plugin_s": 0.123}

`plugin_s` is the plugin's own time in that build: everything MkDocs does with the
pages the plugin hands over (Markdown, templates, writing) is MkDocs' time, not ours.
"""

from __future__ import annotations

import functools
import json
import sys
import time
from collections.abc import Callable
from typing import Any

from mkdocs.__main__ import cli
from mkdocs.plugins import CombinedEvent
from policy_atlas.plugin import PolicyAtlasPlugin

# events outside a build (startup, serve, shutdown) are not timed
NOT_TIMED = ("on_startup", "on_serve", "on_shutdown")
_seconds: dict[str, float] = {}
_calls: dict[str, int] = {}


def _report() -> None:
    line = {
        "calls": dict(sorted(_calls.items())),
        "hooks_s": {name: round(value, 6) for name, value in sorted(_seconds.items())},
        "plugin_s": round(sum(_seconds.values()), 6),
    }
    print("PA-BENCH " + json.dumps(line, sort_keys=True), file=sys.stderr, flush=True)
    _seconds.clear()
    _calls.clear()


def _timed(name: str, method: Callable[..., Any], last: bool = True) -> Callable[..., Any]:
    """`method` with a stopwatch, its time counted under the hook `name`; after the (last)
    handler of on_post_build, the build's report is printed."""

    @functools.wraps(method)  # keeps `mkdocs_priority`, so MkDocs orders the handlers as before
    def wrapper(self: PolicyAtlasPlugin, *args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return method(self, *args, **kwargs)
        finally:
            _seconds[name] = _seconds.get(name, 0.0) + time.perf_counter() - start
            _calls[name] = _calls.get(name, 0) + (1 if last else 0)
            if name == "on_post_build" and last:
                _report()

    return wrapper


def _timed_hook(name: str, handler: Any) -> Any:
    """A hook of the plugin, timed: one method, or a CombinedEvent of several (each timed,
    the one MkDocs runs last closing the report)."""
    if not isinstance(handler, CombinedEvent):
        return _timed(name, handler)
    ordered = sorted(handler.methods, key=lambda m: getattr(m, "mkdocs_priority", 0))
    return CombinedEvent(*(_timed(name, m, last=m is ordered[0]) for m in handler.methods))


def hooks() -> list[str]:
    """Every event handler the plugin defines itself (whatever hooks it grows)."""
    names = {
        name for cls in PolicyAtlasPlugin.__mro__ if cls.__module__.startswith("policy_atlas") for name in vars(cls)
    }
    return sorted(
        n for n in names if n.startswith("on_") and n not in NOT_TIMED and callable(getattr(PolicyAtlasPlugin, n))
    )


def vars_of(name: str) -> Any:
    """The class attribute itself (a CombinedEvent stays one; getattr would bind it)."""
    for cls in PolicyAtlasPlugin.__mro__:
        if name in vars(cls):
            return vars(cls)[name]
    raise AttributeError(name)


def _nothing(self: PolicyAtlasPlugin, **kwargs: Any) -> None:
    return None


def main() -> None:
    for hook in hooks():
        setattr(PolicyAtlasPlugin, hook, _timed_hook(hook, vars_of(hook)))
    if not hasattr(PolicyAtlasPlugin, "on_post_build"):  # the report is printed after it
        PolicyAtlasPlugin.on_post_build = _timed("on_post_build", _nothing)  # type: ignore[attr-defined]
    sys.argv = ["mkdocs", *sys.argv[1:]]
    cli()


if __name__ == "__main__":
    main()
