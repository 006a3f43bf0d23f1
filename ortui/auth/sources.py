"""Finds the management key: ``--key-file``, environment, OS keyring — never argv."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from ortui.auth.keyring_store import KeyringStore
from ortui.auth.secret import Secret

ENV_VARS = ("OPENROUTER_MANAGEMENT_KEY", "OPENROUTER_API_KEY")
MAX_KEY_FILE_BYTES = 64 * 1024


@dataclass(frozen=True)
class KeyLookup:
    """The key found (if any), where it came from, and anything the user should know."""

    key: Secret | None
    source: str  # "key file", "env OPENROUTER_MANAGEMENT_KEY", "keyring", "demo", "none"
    notes: list[str] = field(default_factory=list)

    @property
    def description(self) -> str:
        if self.key is None:
            return "no key"
        return f"{self.source} ({self.key.hint})"


class KeyFileError(Exception):
    """The key file cannot be read or is empty."""


def read_key_file(path: Path) -> tuple[Secret, list[str]]:
    """The key in ``path`` (first non-empty line), with a warning if others can read it."""
    notes = []
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise KeyFileError(f"key file {path} is not a regular file")
        with open(path, "rb") as handle:
            raw = handle.read(MAX_KEY_FILE_BYTES + 1)
        text = raw.decode("utf-8")
    except OSError as exc:
        raise KeyFileError(f"cannot read key file {path}: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise KeyFileError(
            f"key file {path} is not a text file (expected the key as UTF-8 text on its first line)"
        ) from None
    if len(raw) > MAX_KEY_FILE_BYTES:
        raise KeyFileError(
            f"key file {path} is larger than {MAX_KEY_FILE_BYTES // 1024} KiB; "
            "it should hold just the key"
        )
    if info.st_mode & (stat.S_IRGRP | stat.S_IROTH):
        notes.append(f"{path} is readable by other users; run: chmod 600 {path}")
    line = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    if not line:
        raise KeyFileError(f"key file {path} is empty")
    if not line.isprintable():
        raise KeyFileError(f"key file {path} holds control characters on its key line")
    return Secret(line), notes


def find_key(
    key_file: Path | None, keyring: KeyringStore | None, environ: dict[str, str] | None = None
) -> KeyLookup:
    """Look in order: key file, ``OPENROUTER_MANAGEMENT_KEY``, ``OPENROUTER_API_KEY``, keyring."""
    env = os.environ if environ is None else environ
    if key_file is not None:
        key, notes = read_key_file(key_file)
        return KeyLookup(key, "key file", notes)
    for name in ENV_VARS:
        if env.get(name, "").strip():
            notes = []
            if name == "OPENROUTER_API_KEY":
                notes.append(
                    "Using OPENROUTER_API_KEY (the official SDKs' variable); it must "
                    "hold a management key. OPENROUTER_MANAGEMENT_KEY takes precedence."
                )
            return KeyLookup(Secret(env[name]), f"env {name}", notes)
    if keyring is not None:
        result = keyring.get()
        if result.key is not None:
            return KeyLookup(result.key, "keyring", [])
        return KeyLookup(None, "none", [result.message] if result.message else [])
    return KeyLookup(None, "none", [])
