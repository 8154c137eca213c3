"""The generated secret key: created once, whole, and the same for every process that starts
at the same moment."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from cicdr.config import ROOT

# Each process waits for the start file, then asks for the key: they race for real.
RACER = """
import os, sys, time
from pathlib import Path
go = Path(sys.argv[1])
while not go.exists():
    time.sleep(0.001)
from cicdr.config import secret_key
print(secret_key())
"""


def _race(instance: Path, processes: int) -> list[str]:
    go = instance.parent / f"{instance.name}.go"
    env = {**os.environ, "CICDR_INSTANCE": str(instance), "PYTHONPATH": str(ROOT)}
    env.pop("SECRET_KEY", None)
    started = [subprocess.Popen([sys.executable, "-c", RACER, str(go)],  # noqa: S603
                                env=env, stdout=subprocess.PIPE, text=True)
               for _ in range(processes)]
    time.sleep(1.0)  # let every interpreter start and wait at the line
    go.touch()
    keys = [p.communicate(timeout=60)[0].strip() for p in started]
    assert all(p.returncode == 0 for p in started)
    return keys


def test_processes_started_together_all_get_one_whole_key(tmp_path: Path) -> None:
    for trial in range(5):
        instance = tmp_path / f"instance-{trial}"
        keys = _race(instance, 8)
        assert len(set(keys)) == 1, keys
        assert len(keys[0]) == 64 and int(keys[0], 16) >= 0  # 32 random bytes in hex
        stored = instance / "secret_key"
        assert stored.read_text() == keys[0]
        assert stored.stat().st_mode & 0o777 == 0o600
        assert sorted(p.name for p in instance.iterdir()) == ["secret_key"]  # no leftovers


def test_the_key_is_kept_across_restarts(tmp_path: Path) -> None:
    first = _race(tmp_path / "instance", 1)
    assert _race(tmp_path / "instance", 1) == first
