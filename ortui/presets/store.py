"""Preset files in the config dir: list, load, save (atomic), rename, duplicate, delete.

Broken files are reported with their path and line and skipped — never deleted or rewritten.
"""

from __future__ import annotations

import re
import stat
import tomllib
from dataclasses import dataclass, replace
from pathlib import Path

from ortui.fileio import atomic_write
from ortui.presets.codec import PresetFormatError
from ortui.presets.preset import STARTERS, Preset, file_name, from_document, to_toml
from ortui.safe_text import safe_text


@dataclass(frozen=True)
class LoadProblem:
    """A preset file that could not be read; ``line`` when the parser knows it."""

    path: Path
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else str(self.path)
        return safe_text(f"{where}: {self.message}")


class PresetExists(Exception):
    """Saving would overwrite another preset of that name."""


class PresetNotFound(LookupError):
    """No preset (saved or starter) has that name."""


MAX_PRESET_BYTES = 64 * 1024


def read_preset(path: Path) -> Preset:
    """One file; raises LoadProblem-worthy exceptions (TOMLDecodeError, PresetFormatError).

    Only a regular file of at most 64 KiB is read (a FIFO would block, a huge file would
    stall the list), and nesting too deep for the parser is a format error, not a crash."""
    info = path.stat()
    if not stat.S_ISREG(info.st_mode):
        raise PresetFormatError("not a regular file")
    if info.st_size > MAX_PRESET_BYTES:
        raise PresetFormatError(
            f"{info.st_size:,} bytes; a preset file is at most {MAX_PRESET_BYTES // 1024} KiB"
        )
    with path.open("rb") as handle:
        data = handle.read(MAX_PRESET_BYTES + 1)
    try:
        document = tomllib.loads(data.decode("utf-8"))
    except RecursionError:
        raise PresetFormatError("nested too deeply to be a preset") from None
    return from_document(document, path)


def _problem(path: Path, exc: Exception) -> LoadProblem:
    if isinstance(exc, tomllib.TOMLDecodeError):
        match = re.search(r"\(at line (\d+)", str(exc))
        return LoadProblem(path, str(exc), int(match.group(1)) if match else None)
    if isinstance(exc, UnicodeDecodeError):
        return LoadProblem(path, "not UTF-8 text")
    return LoadProblem(path, str(exc))


class PresetStore:
    """One TOML file per preset under ``folder``; starters are offered but never written."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def scan(self) -> tuple[list[Preset], list[LoadProblem]]:
        presets: list[Preset] = []
        problems: list[LoadProblem] = []
        if self.folder.is_dir():
            for path in sorted(self.folder.glob("*.toml")):
                try:
                    presets.append(read_preset(path))
                except (
                    OSError,
                    tomllib.TOMLDecodeError,
                    PresetFormatError,
                    UnicodeDecodeError,
                ) as exc:
                    problems.append(_problem(path, exc))
        return sorted(presets, key=lambda p: p.name.casefold()), problems

    def all(self) -> tuple[list[Preset], list[LoadProblem]]:
        """Saved presets, then starters whose names are not taken."""
        saved, problems = self.scan()
        names = {p.name for p in saved}
        return saved + [s for s in STARTERS if s.name not in names], problems

    def find(self, name: str) -> Preset | None:
        saved, _ = self.all()
        wanted = name.casefold()
        return next((p for p in saved if p.name.casefold() == wanted), None)

    def load(self, name: str) -> Preset:
        preset = self.find(name)
        if preset is None:
            names = ", ".join(repr(p.name) for p in self.all()[0])
            raise PresetNotFound(f"no preset named {name!r}; known: {names}")
        return preset

    def save(self, preset: Preset, overwrite: bool = False) -> Path:
        """Write atomically; the file of an existing preset of that name is reused."""
        existing = next((p for p in self.scan()[0] if p.name == preset.name), None)
        if existing is not None and not overwrite:
            raise PresetExists(preset.name)
        path = existing.path if existing and existing.path else self.folder / file_name(preset.name)
        atomic_write(path, to_toml(preset).encode())
        return path

    def delete(self, name: str) -> None:
        preset = self.load(name)
        if preset.path is None:
            raise PresetNotFound(f"{name!r} is a starter preset; there is no file to delete")
        preset.path.unlink()

    def rename(self, name: str, new_name: str) -> Path:
        preset = self.load(name)
        if self.find(new_name) is not None and new_name.casefold() != name.casefold():
            raise PresetExists(new_name)
        path = self.save(replace(preset, name=new_name, path=None, starter=False), overwrite=True)
        if preset.path is not None and preset.path != path:
            preset.path.unlink()
        return path

    def duplicate(self, name: str, new_name: str) -> Path:
        preset = self.load(name)
        return self.save(replace(preset, name=new_name, path=None, starter=False))
