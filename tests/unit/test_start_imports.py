"""What the first frame does not need is not loaded as ortui starts: httpx's command-line
client (click, pygments), the explain screen, the filter editor, the demo simulator (it runs
in a process of its own)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import TEST_SIZE


def _loaded_after(code: str) -> set[str]:
    script = f"import sys\n{code}\nprint(' '.join(sorted(sys.modules)))"
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    ).stdout
    return set(out.split())


def test_the_client_loads_httpx_without_its_command_line_tool() -> None:
    loaded = _loaded_after(
        "from ortui.api.client import AnalyticsClient\n"
        "AnalyticsClient(None)._http\n"
        "import httpx\n"
        "assert callable(httpx.main)"
    )
    assert "httpx" in loaded
    assert not {"click", "httpx._main", "pygments"} & loaded


def test_httpx_command_line_tool_still_loads_when_asked_for() -> None:
    loaded = _loaded_after(
        "from ortui.api.client import load_httpx\nload_httpx()\nimport httpx._main"
    )
    assert "click" in loaded


def test_the_explorer_loads_without_the_screens_it_opens_later() -> None:
    loaded = _loaded_after("import ortui.screens.explorer")
    assert "ortui.screens.explorer" in loaded
    assert not {"ortui.screens.explain", "ortui.screens.filter_editor"} & loaded


def test_the_tui_s_demo_connection_leaves_the_simulator_to_its_own_process(
    dataset: Path,
) -> None:
    loaded = _loaded_after(
        "import argparse, os\n"
        "from pathlib import Path\n"
        "from ortui.cli.connection import open_connection\n"
        "from ortui.settings import default_paths\n"
        f"os.environ['ORTUI_CACHE_DIR'] = {str(dataset.parent)!r}\n"
        f"os.environ['ORTUI_DEMO_SIZE'] = '{TEST_SIZE}'\n"
        "args = argparse.Namespace(demo=True, config_dir=None)\n"
        "connection = open_connection(args, default_paths(), announce=False, fast_demo=True)\n"
        "connection.close()"
    )
    assert "ortui.cli.connection" in loaded
    assert not {"ortui.demo.server", "ortui.demo.simulator", "http.server", "sqlite3"} & loaded
