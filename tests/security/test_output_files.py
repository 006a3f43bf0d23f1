"""Item 3 of #14: ``-o`` and export write where the user meant, never replacing special files."""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest
from textual.notifications import Notify
from textual.widgets import Input

from ortui.cli import main
from ortui.demo.server import DemoServer
from ortui.fileio import OutputPathError, write_output
from tests.pilot import ready_with_result

pytestmark = pytest.mark.usefixtures("key")


def read_fifo(path: Path, into: list[bytes]) -> threading.Thread:
    def reader() -> None:
        with open(path, "rb") as handle:
            into.append(handle.read())

    thread = threading.Thread(target=reader, daemon=True)
    thread.start()
    return thread


def test_a_named_pipe_is_written_into_not_replaced(tmp_path: Path, demo_server: DemoServer) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    thread = read_fifo(fifo, got)
    assert (
        main(
            [
                "query",
                "--base-url",
                demo_server.url,
                "--metrics",
                "request_count",
                "--format",
                "csv",
                "-o",
                str(fifo),
            ]
        )
        == 0
    )
    thread.join(10)
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)  # still a pipe
    assert got and got[0].startswith(b"request_count\n")


def test_a_symlink_to_a_pipe_writes_the_pipe(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    link = tmp_path / "out.csv"
    link.symlink_to(fifo)
    got: list[bytes] = []
    thread = read_fifo(fifo, got)
    write_output(link, b"data\n")
    thread.join(10)
    assert got == [b"data\n"] and link.is_symlink() and stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_a_symlink_writes_its_target_and_stays_a_link(
    tmp_path: Path, demo_server: DemoServer
) -> None:
    real = tmp_path / "shared" / "report.csv"
    real.parent.mkdir()
    real.write_text("old\n")
    link = tmp_path / "report.csv"
    link.symlink_to(real)
    assert (
        main(
            [
                "query",
                "--base-url",
                demo_server.url,
                "--metrics",
                "request_count",
                "--format",
                "csv",
                "-o",
                str(link),
            ]
        )
        == 0
    )
    assert link.is_symlink() and real.read_text().startswith("request_count\n")


def test_an_existing_file_keeps_its_mode_and_hard_links(tmp_path: Path) -> None:
    first = tmp_path / "a.csv"
    first.write_text("old\n")
    os.chmod(first, 0o640)
    second = tmp_path / "b.csv"
    os.link(first, second)
    write_output(first, b"new\n")
    assert second.read_text() == "new\n" and os.stat(first).st_ino == os.stat(second).st_ino
    assert stat.S_IMODE(os.stat(first).st_mode) == 0o640
    lone = tmp_path / "c.csv"
    lone.write_text("old\n")
    os.chmod(lone, 0o604)
    write_output(lone, b"new\n")
    assert lone.read_text() == "new\n" and stat.S_IMODE(os.stat(lone).st_mode) == 0o604


def test_a_directory_is_an_error_naming_it(
    tmp_path: Path, demo_server: DemoServer, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "exports"
    folder.mkdir()
    with pytest.raises(OutputPathError, match="exports is a directory"):
        write_output(folder, b"x")
    assert (
        main(
            [
                "query",
                "--base-url",
                demo_server.url,
                "--metrics",
                "request_count",
                "-o",
                str(folder),
            ]
        )
        == 2
    )
    err = capsys.readouterr().err
    assert f"{folder} is a directory" in err and "Traceback" not in err
    assert folder.is_dir() and list(folder.iterdir()) == []


def test_presets_export_to_a_pipe(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    thread = read_fifo(fifo, got)
    assert (
        main(
            [
                "presets",
                "export",
                "Spend by model, last 30 days",
                "-o",
                str(fifo),
                "--config-dir",
                str(tmp_path),
            ]
        )
        == 0
    )
    thread.join(10)
    assert stat.S_ISFIFO(os.stat(fifo).st_mode) and b"Spend by model" in got[0]


async def test_the_tui_export_writes_into_a_pipe_and_names_a_directory(
    demo_server: DemoServer, tmp_path: Path
) -> None:
    from ortui.screens.export_dialog import ExportDialog
    from ortui.widgets.results_grid import ResultsGrid
    from tests.flows.conftest import demo_app
    from tests.pilot import run

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    thread = read_fifo(fifo, got)
    app = demo_app(demo_server.url)
    messages: list[str] = []
    async with run(app, size=(120, 40)) as pilot:
        screen = await ready_with_result(pilot)
        for target in (fifo, tmp_path):
            screen.query_one(ResultsGrid).focus()
            await pilot.press("e")
            dialog = await pilot.shown(ExportDialog)
            dialog.query_one("#export-path", Input).value = str(target)
            async with pilot.expect(Notify) as note:
                await pilot.press("enter")
            messages.append(note.message.notification.message)
    thread.join(10)
    assert stat.S_ISFIFO(os.stat(fifo).st_mode) and got and got[0].count(b"\n") > 1
    assert any(f"{tmp_path} is a directory" in m for m in messages)
