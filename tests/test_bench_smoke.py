"""`make bench` at 20 policies: the benchmark runs and reports all five measurements.

No timing is asserted here: timed targets are judged by `make bench`, not by `make test`.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from conftest import ROOT


def test_bench_smoke_run_reports_every_measurement(tmp_path: Path) -> None:
    out = tmp_path / "results.json"
    env = {**os.environ, "TMPDIR": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "bench.py"), "--smoke", "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
        timeout=180,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    assert "Targets:" in result.stdout
    results = json.loads(out.read_text(encoding="utf-8"))
    assert results["smoke"] is True
    size = results["sizes"]["20"]
    assert size["policies"] == 20
    # 1. the full build with our plugin
    assert size["full_build"]["wall_s"] > 0
    assert size["full_build"]["plugin_s"] > 0
    # 2. the bare build of the rendered pages, and the overhead
    assert size["bare_build"]["wall_s"] > 0
    assert size["overhead"]["wall_ratio"] > 0
    assert size["html_pages"]["bare"] >= size["policies"]
    # 3. the core pipeline alone
    assert size["core"]["mb_per_cpu_s"] > 0
    # 4. a serve rebuild after one seed edit: in-process and in a real `mkdocs serve`
    assert size["serve"]["in_process"]["edit_ms_median"] > 0
    assert size["serve"]["real_serve"]["plugin_ms_median"] > 0
    # 5. peak memory of each build
    for build in ("full_build", "bare_build"):
        assert size[build]["peak_rss_mib"] > 0
    assert size["matrix_html_bytes"] > 0
    assert {t["status"] for t in results["targets"]} == {"n/a"}  # a smoke run judges nothing
    # every generated text stays in the temporary folder, which is removed
    assert not [p for p in tmp_path.iterdir() if p.name.startswith("policy-atlas-bench-")]
