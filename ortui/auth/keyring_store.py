"""The OS keyring, called off the caller's thread with a timeout, never in plaintext silently."""

from __future__ import annotations

import concurrent.futures
from dataclasses import dataclass
from typing import Any

from ortui.auth.secret import Secret

SERVICE = "ortui"
USERNAME = "openrouter-management-key"
NO_KEYRING = (
    "No usable OS keyring here (typical over SSH: no D-Bus secret service). Set "
    "OPENROUTER_MANAGEMENT_KEY or use --key-file PATH; a key typed into ortui is kept in memory "
    "only."
)


@dataclass(frozen=True)
class KeyringResult:
    key: Secret | None = None
    ok: bool = True
    message: str = ""


def _backend() -> Any:
    import keyring

    return keyring.get_keyring()


def backend_problem(backend: Any) -> str | None:
    """Why a backend must not hold the key: the 'fail' backend, or one storing plaintext."""
    names = {backend.__class__.__module__ + "." + backend.__class__.__name__}
    for child in getattr(backend, "backends", []) or []:
        names.add(child.__class__.__module__ + "." + child.__class__.__name__)
    if any(n.startswith("keyring.backends.fail") for n in names) or (
        getattr(backend, "priority", 1) <= 0 and not getattr(backend, "backends", None)
    ):
        return NO_KEYRING
    plaintext = any("keyrings.alt" in n and "file" in n.lower() for n in names)
    if plaintext and not any("Encrypted" in n for n in names):
        return (
            "The only keyring backend stores keys in a plaintext file (keyrings.alt). "
            "ortui will not save the key there unless you pass --allow-plaintext."
        )
    return None


class KeyringStore:
    """Reads and writes the key under service ``ortui``; every call has a timeout."""

    def __init__(self, timeout: float = 3.0, allow_plaintext: bool = False) -> None:
        self.timeout = timeout
        self.allow_plaintext = allow_plaintext
        self._pool = concurrent.futures.ThreadPoolExecutor(1, "ortui-keyring")

    def _call(self, name: str, *args: str) -> Any:
        import keyring

        future = self._pool.submit(getattr(keyring, name), SERVICE, USERNAME, *args)
        return future.result(timeout=self.timeout)

    def problem(self) -> str | None:
        try:
            problem = self._pool.submit(lambda: backend_problem(_backend())).result(self.timeout)
        except concurrent.futures.TimeoutError:
            return f"The OS keyring did not answer within {self.timeout:g} s (locked?)."
        except Exception as exc:  # a broken backend must not stop the app
            return f"The OS keyring failed: {type(exc).__name__}"
        if problem and "plaintext" in problem and self.allow_plaintext:
            return None
        return problem

    def _read_problem(self) -> str | None:
        """Reading or removing is fine from a plaintext backend: a key is there only if the
        user stored it with --allow-plaintext, and it must stay usable and removable."""
        problem = self.problem()
        return None if problem is not None and "plaintext" in problem else problem

    def get(self) -> KeyringResult:
        problem = self._read_problem()
        if problem is not None:
            return KeyringResult(None, False, "")
        try:
            value = self._call("get_password")
        except concurrent.futures.TimeoutError:
            return KeyringResult(
                None,
                False,
                f"The OS keyring did not answer within {self.timeout:g} s (locked?); skipped it.",
            )
        except Exception as exc:
            return KeyringResult(None, False, f"The OS keyring failed: {type(exc).__name__}")
        return KeyringResult(Secret(value) if value else None)

    def _write(self, name: str, *args: str) -> KeyringResult:
        problem = self.problem() if name == "set_password" else self._read_problem()
        if problem is not None:
            return KeyringResult(None, False, problem)
        try:
            self._call(name, *args)
        except concurrent.futures.TimeoutError:
            return KeyringResult(
                None, False, f"The OS keyring did not answer within {self.timeout:g} s."
            )
        except Exception as exc:
            return KeyringResult(None, False, f"The OS keyring failed: {type(exc).__name__}")
        return KeyringResult()

    def set(self, key: Secret) -> KeyringResult:
        """Store the key, then read it back: "saved" only means usable."""
        result = self._write("set_password", key.reveal())
        if not result.ok:
            return result
        stored = self.get()
        if stored.key != key:
            return KeyringResult(
                None,
                False,
                "The OS keyring accepted the key but does not "
                "give it back, so ortui could not use it; nothing was saved "
                "that ortui can read. Use OPENROUTER_MANAGEMENT_KEY or "
                "--key-file instead.",
            )
        return result

    def clear(self) -> KeyringResult:
        return self._write("delete_password")
