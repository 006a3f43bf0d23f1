"""CLI errors suggest the fix: "did you mean" from meta's names, valid operators listed."""

from __future__ import annotations

import pytest

from ortui.cli import main
from ortui.demo.server import DemoServer
from tests.conftest import TEST_KEY


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (
            ["--metrics", "total_usag,reqest_count"],
            "Unknown metric: total_usag (did you mean 'total_usage'?), "
            "reqest_count (did you mean 'request_count'?).",
        ),
        (["--dimensions", "modle"], "Unknown dimension: modle (did you mean 'model'?)."),
        (
            ["--filter", "modl eq openai/gpt-4o"],
            "Filter 1: unknown dimension 'modl' (did you mean 'model'?).",
        ),
        (
            ["--filter", "model equals openai/gpt-4o"],
            "Filter 1: unknown operator 'equals' (did you mean 'eq'?); "
            "use one of eq, neq, in, not_in, gt, gte, lt, lte.",
        ),
        (
            ["--filter", "model like gpt"],
            "Filter 1: unknown operator 'like'; use one of eq, neq, in, not_in, gt, gte, lt, lte.",
        ),
        (["--filter", "model >= 3"], "unknown operator '>=' (did you mean 'gte'?)"),
        (
            ["--granularity", "daily"],
            "Unknown granularity 'daily' (did you mean 'day'?); "
            "use one of minute, hour, day, week, month or none.",
        ),
        (["--granularity", "hours"], "(did you mean 'hour'?)"),
    ],
)
def test_unknown_names_get_a_suggestion(
    args: list[str],
    expected: str,
    demo_server: DemoServer,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("OPENROUTER_MANAGEMENT_KEY", TEST_KEY)
    metrics = [] if "--metrics" in args else ["--metrics", "request_count"]
    code = main(["query", "--base-url", demo_server.url, *metrics, *args])
    err = capsys.readouterr().err
    assert code == 2 and expected in err, err
