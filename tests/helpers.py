"""Small helpers for talking to the test simulator with plain httpx."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from ortui.cli import main
from ortui.results.table import Cell, ResultTable
from tests.conftest import TEST_KEY

AUTH = {"Authorization": f"Bearer {TEST_KEY}"}


def stamp(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def window(days: float, end: datetime | None = None) -> dict[str, str]:
    """A fixed, whole-hour window ending at ``end`` (default: the last full hour)."""
    end = end or datetime.now(UTC).replace(minute=0, second=0, microsecond=0)
    return {"start": stamp(end - timedelta(days=days)), "end": stamp(end)}


def post(base: str, body: Any, headers: dict[str, str] | None = None) -> httpx.Response:
    return httpx.post(f"{base}/analytics/query", json=body, headers=headers or AUTH, timeout=30)


def key_hashes(base: str, name: str) -> list[str]:
    """The hashes of every key called ``name`` on the simulator at ``base``, workspace by
    workspace (the demo has two ``staging`` keys)."""
    found: list[str] = []
    spaces = httpx.get(f"{base}/workspaces", headers=AUTH, timeout=10).json()["data"]
    for space in spaces:
        keys = httpx.get(
            f"{base}/keys", params={"workspace_id": space["id"]}, headers=AUTH, timeout=10
        ).json()["data"]
        found += [k["hash"] for k in keys if k["name"] == name]
    return found


def rows(base: str, body: dict[str, Any]) -> list[dict[str, Any]]:
    response = post(base, body)
    assert response.status_code == 200, response.text
    data: list[dict[str, Any]] = response.json()["data"]["data"]
    return data


def total(result: list[dict[str, Any]], metric: str) -> float:
    return sum(float(r[metric]) for r in result if r.get(metric) is not None)


def values(table: ResultTable, name: str) -> list[Cell]:
    """The values of the column ``name``, which the table must have."""
    column = table.column(name)
    assert column is not None, f"no column {name!r} in {[c.key for c in table.columns]}"
    return column.values


def time_values(table: ResultTable) -> list[Cell]:
    """The values of the table's time column, which it must have."""
    assert table.time_column is not None, "the table has no time column"
    return table.time_column.values


def run_cli(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """``ortui ARGS`` in this process: the exit code, stdout and stderr."""
    code = main(args)
    out = capsys.readouterr()
    return code, out.out, out.err
