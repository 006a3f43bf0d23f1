"""First frame: ``ortui --demo`` (warm caches) vs a minimal Textual app showing one Static.

Each is started as a fresh process, so imports count; the time is from interpreter start to
the first screen being composed and refreshed. Also prints the heaviest imports of ``ortui.app``
(``python -X importtime``).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.common import Result, median  # noqa: E402

MINIMAL = """
import time, sys
from textual.app import App
from textual.widgets import Static
class Minimal(App):
    def compose(self):
        yield Static("hello")
    def on_mount(self):
        self.call_after_refresh(self.done)
    def done(self):
        print(time.perf_counter() - START)
        self.exit()
Minimal().run(headless=True, size=(120, 40))
"""

ORTUI = """
import sys, argparse
from ortui.app import OrtuiApp
from ortui.cli.connection import open_connection
from ortui.settings import default_paths
args = argparse.Namespace(demo=True, key_file=None, base_url=None, config_dir=None)
connection = open_connection(args, default_paths())
app = OrtuiApp(connection.client, server_label=connection.server_label,
               key_label=connection.key_label)
WHAT = sys.argv[1]
def done():
    print(time.perf_counter() - START)
    app.exit()
if WHAT == "first":
    original = OrtuiApp.on_mount
    def on_mount(self):
        self.call_after_refresh(done)  # queued before the explorer opens
        original(self)
    OrtuiApp.on_mount = on_mount
else:
    from ortui.screens.explorer import ExplorerScreen
    loaded = ExplorerScreen.on_schema_loaded
    def on_schema_loaded(self, message):
        loaded(self, message)
        self.call_after_refresh(done)
    ExplorerScreen.on_schema_loaded = on_schema_loaded
app.run(headless=True, size=(120, 40))
connection.close()
"""


def _time(code: str, env: dict[str, str], *argv: str) -> float:
    prelude = "import time\nSTART = time.perf_counter()\n"
    started = subprocess.run(
        [sys.executable, "-c", prelude + code, *argv],
        capture_output=True,
        text=True,
        env=env,
        check=True,
        timeout=120,
    )
    lines = [ln for ln in started.stdout.splitlines() if ln.strip()]
    return float(lines[-1]) * 1000


def import_breakdown(top: int = 8) -> list[tuple[str, float]]:
    """Cumulative import time of the heaviest modules pulled in by ``import ortui.app``."""
    out = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import ortui.app"],
        capture_output=True,
        text=True,
        env=_env(),
        check=True,
    ).stderr
    rows = []
    for line in out.splitlines():
        if not line.startswith("import time:") or "|" not in line:
            continue
        parts = [p.strip() for p in line.removeprefix("import time:").split("|")]
        try:
            rows.append((parts[2], int(parts[1]) / 1000))
        except (ValueError, IndexError):
            continue
    tops = [r for r in rows if not r[0].startswith(" ") or r[0].count(" ") <= 2]
    return sorted(tops, key=lambda r: r[1], reverse=True)[:top]


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT)}


def run(repeat: int = 5) -> list[Result]:
    env = _env()
    _time(ORTUI, env, "ready")  # warm the demo dataset cache and the bytecode caches
    minimal = median([_time(MINIMAL, env) for _ in range(repeat)])
    first = median([_time(ORTUI, env, "first") for _ in range(repeat)])
    ready = median([_time(ORTUI, env, "ready") for _ in range(repeat)])
    return [
        Result(
            "first frame: ortui --demo (warm)",
            first,
            "ms",
            minimal,
            "minimal Textual app",
            "≤ 1.5× minimal",
            first <= 1.5 * minimal,
        ),
        Result(
            "explorer filled from meta: ortui --demo (warm)",
            ready,
            "ms",
            minimal,
            "minimal Textual app",
            "",
        ),
    ]


def main() -> None:
    from benchmarks.common import table

    print(table(run()))
    print("\nheaviest imports of ortui.app (cumulative ms):")
    for name, ms in import_breakdown():
        print(f"  {ms:8.1f}  {name.strip()}")
    for lazy in ("plotext", "keyring"):
        code = f"import sys, ortui.app; print('{lazy}' in sys.modules)"
        loaded = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, env=_env()
        ).stdout.strip()
        print(f"  {lazy} imported by ortui.app: {loaded}")


if __name__ == "__main__":
    main()
