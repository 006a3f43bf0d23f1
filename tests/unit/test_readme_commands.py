"""Every headless example in README.md names ``--demo`` (so it runs as pasted, without a key)
and runs: each is run here with ``--demo`` pointed at the test simulator."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from ortui.cli import main
from ortui.demo.server import DemoServer
from tests.conftest import REPO, TEST_KEY

HEADLESS = ("query", "meta", "explain", "spend", "check")


def readme_examples() -> list[str]:
    """The ``ortui …`` lines of the README's ``sh`` blocks, continuation lines joined."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    commands: list[str] = []
    for block in re.findall(r"```sh\n(.*?)```", text, re.S):
        for line in block.replace("\\\n", " ").splitlines():
            words = shlex.split(line.split(" #", 1)[0], comments=False)
            if len(words) > 1 and words[0] == "ortui" and words[1] in HEADLESS:
                commands.append(line)
    return commands


def _argv(line: str) -> list[str]:
    """The command's own words: no pipe, no redirection, no comment."""
    words = shlex.split(line.split(" #", 1)[0])
    for stop in ("|", ">"):
        if stop in words:
            words = words[: words.index(stop)]
    return words[1:]


def test_the_readme_has_headless_examples() -> None:
    assert len(readme_examples()) >= 12


@pytest.mark.parametrize("line", readme_examples())
def test_readme_example_names_demo_and_runs(
    line: str,
    demo_server: DemoServer,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    argv = _argv(line)
    assert "--demo" in argv, f"README example without --demo: {line}"
    monkeypatch.setenv("OPENROUTER_MANAGEMENT_KEY", TEST_KEY)
    index = argv.index("--demo")
    argv[index : index + 1] = ["--base-url", demo_server.url, "--config-dir", str(tmp_path)]
    code = main(argv)
    out = capsys.readouterr()
    allowed = (0, 1) if argv[0] == "check" else (0,)  # check exits 1 when a threshold is crossed
    assert code in allowed, out.err
    assert out.out.strip(), out.err
