"""`mkdocs serve` watches seeds/: editing a seed rebuilds the site."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

from conftest import BIN, Project


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def wait_for(predicate, timeout: float) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.3)
    return False


def test_editing_a_seed_rebuilds_the_served_page(project: Project, tmp_path: Path) -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}/policies/webprom/"
    scratch = tmp_path / "serve-tmp"  # where `mkdocs serve` writes the site it serves
    scratch.mkdir()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "TMPDIR": str(scratch)}
    server = subprocess.Popen(
        [str(BIN / "mkdocs"), "serve", "--livereload", "--no-strict", "-a", f"127.0.0.1:{port}"],
        cwd=project.root,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        # Ctrl-C stops it even where this test runs with SIGINT ignored (a background job)
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    try:
        assert wait_for(lambda: (fetch(url) or "").find("Ruajtje") >= 0, 60), "mkdocs serve did not come up"
        assert "livereload" in (fetch(url) or "")  # the page listens for reloads
        seed = project.seeds / "004_bccd684d4b65cbbb.txt"
        seed.write_text(
            seed.read_text(encoding="utf-8").replace("\nRuajtje\n", "\nRuajtja e të dhënave\n"), encoding="utf-8"
        )
        assert wait_for(lambda: "ruajtja-e-te-dhenave" in (fetch(url) or ""), 60), "no rebuild after a seed edit"
        # the search index of the rebuild: Material's entries, folded before it wrote them
        index = json.loads(fetch(f"http://127.0.0.1:{port}/search/search_index.json") or "{}")
        entry = next(d for d in index["docs"] if d["location"].endswith("#ruajtja-e-te-dhenave"))
        assert entry["title"] == "Ruajtja e të dhënave"
        assert "no" in index["config"]["lang"]  # lunr's Norwegian stemmer, for seed 002
        webprom = [d for d in index["docs"] if d["location"].startswith("policies/webprom/")]
        assert any("dhenave" in d["text"] for d in webprom)  # a word with diacritics, also without
        # serving never writes the lock: only `make build` publishes ids
        assert not project.lock.exists()
    finally:
        server.send_signal(signal.SIGINT)  # Ctrl-C, as a user stops it
        try:
            _, err = server.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            raise
    # stopped as a user stops it, the server removes the site it served and says nothing amiss
    assert not list(scratch.iterdir()), f"mkdocs serve left {list(scratch.iterdir())}"
    assert "Traceback" not in err
