"""The TUI's command line is parsed without importing every subcommand (a faster start), and
reads exactly as the full parser reads it; anything else goes through the full parser."""

from __future__ import annotations

import subprocess
import sys

import pytest

from ortui.cli.main import build_parser, parse_command_line

TUI_LINES = [
    [],
    ["--demo"],
    ["--demo", "--tz", "Asia/Tokyo", "--preset", "Weekly", "--spend", "--timeout", "3"],
    ["--key-file", "k", "--base-url", "http://127.0.0.1:1/api/v1", "--allow-insecure-http"],
    ["--config-dir", "cfg", "--dem"],  # an abbreviation, as argparse allows
]


@pytest.mark.parametrize("words", TUI_LINES)
def test_the_tui_line_reads_as_the_full_parser_reads_it(words: list[str]) -> None:
    assert vars(parse_command_line(words)) == vars(build_parser().parse_args(words))


def test_opening_the_tui_imports_no_subcommand() -> None:
    code = (
        "import sys; from ortui.cli.main import parse_command_line; "
        "args = parse_command_line(['--demo']); "
        "print(args.command, sorted(m for m in sys.modules if m.startswith('ortui.cli.')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.split(" ", 1)[0] == "None"
    for command in ("query", "spend", "explain", "auth", "presets", "completion", "demo"):
        assert f"ortui.cli.{command}'" not in out


@pytest.mark.parametrize(
    ("words", "said"),
    [
        (["bogus"], "invalid choice: 'bogus'"),
        (["--tz"], "argument --tz: expected one argument"),
        (["--timeout", "soon"], "not a number of seconds"),
        (["--demo", "--metrics", "x"], "invalid choice: 'x'"),
        (["--demo", "--metrics"], "unrecognized arguments: --metrics"),
    ],
)
def test_what_the_tui_line_refuses_is_said_by_the_full_parser(
    words: list[str], said: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        parse_command_line(words)
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert said in err and "COMMAND" in err  # the full usage line, subcommands and all


def test_a_subcommand_or_help_uses_the_full_parser(capsys: pytest.CaptureFixture[str]) -> None:
    args = parse_command_line(["query", "--demo", "--metrics", "request_count"])
    assert args.command == "query" and args.metrics == "request_count"
    with pytest.raises(SystemExit):
        parse_command_line(["--help"])
    assert "demo-server" in capsys.readouterr().out
