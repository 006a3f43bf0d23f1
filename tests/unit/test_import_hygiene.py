"""Domain packages never import Textual, Rich or plotext; the import contracts hold."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOMAIN = [
    "ortui",
    "ortui.api.client",
    "ortui.api.models",
    "ortui.query.validation",
    "ortui.query.encoding",
    "ortui.query.pipeline",
    "ortui.query.describe",
    "ortui.results.decode",
    "ortui.results.table",
    "ortui.results.series",
    "ortui.results.formatting",
    "ortui.results.sorting",
    "ortui.auth.sources",
    "ortui.demo.server",
    "ortui.settings",
    "ortui.charts.render",
    "ortui.charts.ansi",
    "ortui.results.buckets",
]


def test_domain_imports_no_ui_libraries() -> None:
    code = (
        f"import sys\nfor m in {DOMAIN!r}: __import__(m)\n"
        "bad = [m for m in ('textual', 'rich', 'plotext') if m in sys.modules]\n"
        "print(','.join(bad))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert out == ""


def test_import_contracts_in_pyproject_hold() -> None:
    """``lint-imports`` (import-linter, a test dependency) checks every contract in
    pyproject.toml: UI layers import downwards, the domain and the simulator never import the
    UI, widgets never import preset storage."""
    lint = Path(sys.executable).with_name("lint-imports")
    done = subprocess.run([str(lint), "--no-cache"], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert "0 broken" in done.stdout
