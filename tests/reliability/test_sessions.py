"""Many sessions at once never see each other's data; nothing is written to disk; no telemetry."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

SKIP_DIRS = {
    ".git",
    ".venv",
    "__pycache__",
    ".pytest_cache",
    ".ruff_cache",
    ".hypothesis",
    "test-results",
}


def files_under(root: Path, newer_than: float) -> list[Path]:
    """Files under root changed after a moment, skipping caches and other tests' folders."""
    found = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if d not in SKIP_DIRS and not d.startswith("pytest-of")]
        for name in filenames:
            path = Path(dirpath) / name
            try:
                info = path.lstat()
            except OSError:
                continue  # gone since it was listed
            # Only regular files the app could have written: another program's socket or FIFO
            # in the temp folder cannot be read (OSError) and holds no user data of ours.
            if (
                stat.S_ISREG(info.st_mode)
                and info.st_mtime > newer_than
                and (info.st_size < 20_000_000)
            ):
                found.append(path)
    return found


@pytest.mark.browser
def test_ten_sessions_at_once_never_see_each_other_and_leave_nothing_on_disk(chromium: Path):
    started = time.time()
    proc = subprocess.run(
        # Ten people joining over 20 s, as a room does: all ten browsers rendering at the same
        # instant on this 2-core machine pushed single steps past the driver's 60 s timeout,
        # in the code before this change as well (analytics p50 34 s), which tests the rig.
        [
            sys.executable,
            "-m",
            "loadtest.run",
            "-n",
            "10",
            "--ramp",
            "20",
            "--chromium",
            str(chromium),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    print(proc.stdout)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert "no session saw another's data" in proc.stdout
    # Uploads carry "Post 0 by M…"; strategies carry "schema_version": neither may be on disk.
    written = files_under(ROOT, started) + files_under(Path(tempfile.gettempdir()), started)
    for path in written:
        try:
            data = path.read_bytes()
        except OSError:
            continue  # removed by its program since it was listed
        assert b"Post 0 by M" not in data, f"an upload was written to {path}"
        assert b'"schema_version"' not in data, f"a strategy was written to {path}"


def test_config_keeps_sessions_short_lived_private_and_without_telemetry():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text("utf-8"))
    assert config["browser"]["gatherUsageStats"] is False
    assert 0 < config["server"]["disconnectedSessionTTL"] <= 3600
    assert config["server"]["maxUploadSize"] == 10
    assert config["server"]["enableXsrfProtection"] is True
    assert config["client"]["showErrorDetails"] == "none"
    assert config["server"]["fileWatcherType"] == "none"
