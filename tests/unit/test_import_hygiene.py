"""Domain packages never import Textual, Rich or plotext."""

from __future__ import annotations

import subprocess
import sys

DOMAIN = ["ortui", "ortui.api.client", "ortui.api.models", "ortui.query.validation",
          "ortui.query.encoding", "ortui.results.table", "ortui.results.series",
          "ortui.results.formatting", "ortui.results.sorting", "ortui.auth.sources",
          "ortui.demo.server", "ortui.settings", "ortui.charts.render", "ortui.charts.ansi",
          "ortui.results.buckets"]


def test_domain_imports_no_ui_libraries() -> None:
    code = (f"import sys\nfor m in {DOMAIN!r}: __import__(m)\n"
            "bad = [m for m in ('textual', 'rich', 'plotext') if m in sys.modules]\n"
            "print(','.join(bad))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == ""
