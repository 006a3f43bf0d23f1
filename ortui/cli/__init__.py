"""The command line: argv → settings → services → the TUI or a headless command."""

from ortui.cli.main import main

__all__ = ["main"]
