"""Key actions of the explorer: ask for a management key (masked), keep it, retry."""

from __future__ import annotations

from typing import Any

from textual import work
from textual.screen import Screen

from ortui.api.client import AnalyticsClient
from ortui.api.models import Meta
from ortui.auth.keyring_store import KeyringStore
from ortui.auth.secret import Secret
from ortui.screens.key_prompt import KeyEntry, KeyPrompt


class KeyActions(Screen[None]):
    """Mixed into the explorer; keyring calls run in threads (they can block on a prompt)."""

    client: AnalyticsClient
    secrets: KeyringStore | None
    meta: Meta | None
    _keyring_explained: bool

    def action_run(self) -> None:
        """Provided by the explorer."""
        raise NotImplementedError

    def load_meta(self) -> Any:
        """Provided by the explorer."""
        raise NotImplementedError

    @work(thread=True, group="keyring", exit_on_error=False)
    def ask_for_key(self, note: str = "") -> None:
        """Check the keyring off the UI thread, then show the masked prompt."""
        problem = self.secrets.problem() if self.secrets is not None else (
            "No keyring is configured for this session.")
        self.app.call_from_thread(self._show_key_prompt, note, problem)

    def _show_key_prompt(self, note: str, problem: str | None) -> None:
        if problem and not self._keyring_explained:
            self._keyring_explained = True
            self.notify(problem, title="Keyring", timeout=12, markup=False)
        self.app.push_screen(KeyPrompt(note, problem), self._key_entered)

    def _key_entered(self, entry: KeyEntry | None) -> None:
        if entry is None:
            return
        self.client.key = entry.key
        self.app.sub_title = (self.app.sub_title.split(" · key:")[0]
                              + f" · key: typed ({entry.key.hint})")
        if entry.save:
            self.save_key(entry.key)
        if self.meta is None:
            self.load_meta()
        else:
            self.action_run()

    @work(thread=True, group="keyring", exit_on_error=False)
    def save_key(self, key: Secret) -> None:
        assert self.secrets is not None
        result = self.secrets.set(key)
        message = "Saved the key in the OS keyring." if result.ok else result.message
        self.app.call_from_thread(self.notify, message, severity="information" if result.ok
                                  else "warning", markup=False)

    def action_enter_key(self) -> None:
        self.ask_for_key()
