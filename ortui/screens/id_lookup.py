"""Shown names → the ids filters need, for drill-down and explain: models and providers pass
through; key names, member names and workspace names go through the account's directory; an
ambiguous name is asked about (with each candidate's detail), never chosen silently."""

from __future__ import annotations

from typing import Protocol

from textual.app import App

from ortui.analysis.drill import NAMED
from ortui.api import errors
from ortui.api.client import AnalyticsClient
from ortui.api.management import ManagementClient
from ortui.query.resolver import Directory, load_directory
from ortui.query.value_hints import ValueHints
from ortui.screens.choice_dialog import ChoiceDialog

#: (id, detail) choices for a shown value, and why there are none when the list is empty.
Choices = tuple[list[tuple[str, str]], str]
APPS = (
    "apps have no listing endpoint, so an app's name cannot be turned into the numeric id "
    "its filter needs: type the id in the filter editor"
)


class IdLookup(Protocol):
    async def choices(self, field: str, shown: str) -> Choices:
        """The ids ``shown`` may stand for in a ``field`` filter."""


class PassThroughLookup:
    """Values that already are what a filter takes (models, providers…); names are refused."""

    async def choices(self, field: str, shown: str) -> Choices:
        if field in NAMED:
            return [], f"{field} rows show names and no lookup is available to find the id"
        return [(shown, "")], ""


class DirectoryLookup:
    """Reads the account's keys, workspaces and members once (a few GETs) and matches names."""

    def __init__(self, client: AnalyticsClient) -> None:
        self.management = ManagementClient(client)
        self._directory: Directory | None = None

    async def directory(self) -> Directory:
        if self._directory is None:
            self._directory = await load_directory(self.management)
        return self._directory

    async def choices(self, field: str, shown: str) -> Choices:
        if field not in NAMED:
            return [(shown, "")], ""
        if field == "app":
            return ([(shown, "")], "") if shown.isdigit() else ([], APPS)
        try:
            directory = await self.directory()
        except errors.ApiError as exc:
            return [], f"the account's names could not be read ({exc.title}: {exc.message})"
        found = directory.candidates(field, shown)
        if not found:
            return [], f"no {field} called '{shown}' in this account"
        return [(c.id, c.detail) for c in found], ""


async def pick_id(app: App[object], lookup: IdLookup, field: str, shown: str) -> str | None:
    """The id for ``shown``; asks when several match; None (after saying why) when none do."""
    found, why = await lookup.choices(field, shown)
    if not found:
        app.notify(
            f"Can't filter by {field} = {shown}: {why}.",
            severity="warning",
            markup=False,
            timeout=8,
        )
        return None
    if len(found) == 1:
        return found[0][0]
    return await app.push_screen_wait(
        ChoiceDialog(
            f"{len(found)} values of {field} are called '{shown}': which one?",
            [(ident, f"{shown} — {detail or ident}") for ident, detail in found],
        )
    )


async def load_names(lookup: DirectoryLookup, hints: ValueHints) -> None:
    """Give the filter editor the account's names (keys, members, workspaces) to suggest."""
    try:
        hints.directory = await lookup.directory()
    except errors.ApiError:
        return  # suggestions then come from result values only
