"""The benchmark's CPU accounting: a child still running (a forkserver) is counted too."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from newsledger.bench import _cpu_seconds, _live_children_cpu

BURN = "import time\nwhile time.process_time() < 0.3: pass\nprint('burnt', flush=True)\ntime.sleep(60)\n"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_cpu_of_a_running_child_is_counted_until_it_is_reaped() -> None:
    before = _cpu_seconds()
    with subprocess.Popen([sys.executable, "-c", BURN], stdout=subprocess.PIPE, text=True) as child:
        try:
            assert child.stdout is not None and child.stdout.readline() == "burnt\n"
            assert _live_children_cpu() >= 0.29
            assert _cpu_seconds() - before >= 0.29
        finally:
            child.kill()
    assert _live_children_cpu() < 0.29  # reaped: now in RUSAGE_CHILDREN, never counted twice
    assert _cpu_seconds() - before >= 0.29
