"""The explorer's key flow: ask for a management key (masked), keep it, then carry on."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ortui.auth.keyring_store import KeyringStore
from ortui.auth.secret import Secret
from ortui.screens.guard import guarded
from ortui.screens.key_prompt import KeyEntry, KeyPrompt

if TYPE_CHECKING:
    from ortui.screens.explorer import ExplorerScreen


class KeyFlow:
    """Owned by the explorer; keyring calls run in threads (they can block on a prompt)."""

    def __init__(self, screen: ExplorerScreen, secrets: KeyringStore | None) -> None:
        self.screen = screen
        self.secrets = secrets
        self._keyring_explained = False

    def ask_first(self) -> None:
        """No key was found at start: say so and ask for one."""
        self.screen.status.show_text("No management key yet: enter one to start (ctrl+k).")
        self.ask(
            "No key was found in --key-file, OPENROUTER_MANAGEMENT_KEY, "
            "OPENROUTER_API_KEY or the OS keyring."
        )

    def ask(self, note: str = "") -> None:
        """Check the keyring off the UI thread, then show the masked prompt."""
        self.screen.run_worker(
            lambda: self._check_keyring(note), thread=True, group="keyring", exit_on_error=False
        )

    def _check_keyring(self, note: str) -> None:
        problem = (
            self.secrets.problem()
            if self.secrets is not None
            else ("No keyring is configured for this session.")
        )
        self.screen.app.call_from_thread(self._show_prompt, note, problem)

    def _show_prompt(self, note: str, problem: str | None) -> None:
        if problem and not self._keyring_explained:
            self._keyring_explained = True
            self.screen.notify(problem, title="Keyring", timeout=12, markup=False)
        self.screen.app.push_screen(KeyPrompt(note, problem), self._entered)

    @guarded("use the key")
    def _entered(self, entry: KeyEntry | None) -> None:
        if entry is None:
            return
        screen, app = self.screen, self.screen.app
        screen.client.key = entry.key
        app.sub_title = app.sub_title.split(" · key:")[0] + f" · key: typed ({entry.key.hint})"
        if entry.save:
            self._save(entry.key)
        if screen.meta is None:
            screen.schema.load()
        else:
            screen.action_run()

    def _save(self, key: Secret) -> None:
        self.screen.run_worker(
            lambda: self._store(key), thread=True, group="keyring", exit_on_error=False
        )

    def _store(self, key: Secret) -> None:
        assert self.secrets is not None
        result = self.secrets.set(key)
        message = "Saved the key in the OS keyring." if result.ok else result.message
        self.screen.app.call_from_thread(
            self.screen.notify,
            message,
            severity="information" if result.ok else "warning",
            markup=False,
        )
