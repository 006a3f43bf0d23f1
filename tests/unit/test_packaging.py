"""The wheel carries the stylesheets, and they are found at run time."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from ortui.resources import stylesheets
from tests.conftest import REPO


def test_stylesheets_are_found_from_the_checkout_or_package() -> None:
    names = [p.name for p in stylesheets()]
    assert "app.tcss" in names and all(p.is_absolute() for p in stylesheets())


def test_wheel_force_includes_the_tcss_files(tmp_path: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "build",
            "--wheel",
            "--no-isolation",
            "--outdir",
            str(tmp_path),
            str(REPO),
        ],
        check=True,
        capture_output=True,
    )
    wheel = next(tmp_path.glob("ortui-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "ortui/styles/app.tcss" in names
    assert "ortui/cli/main.py" in names


def test_cli_version_and_help() -> None:
    version = subprocess.run(
        [sys.executable, "-m", "ortui", "--version"], capture_output=True, text=True, check=True
    )
    assert version.stdout.startswith("ortui ")
    helptext = subprocess.run(
        [sys.executable, "-m", "ortui", "demo-server", "--help"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "--fault" in helptext and "429-bare" in helptext
