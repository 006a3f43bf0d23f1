"""Headless ``ortui query`` / ``ortui meta``: formats parsed back, exit codes, curl, formulas."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ortui.api.models import Meta, Metric, QueryPayload, QueryRequest, TimeRange
from ortui.cli import main
from ortui.demo.server import DemoServer
from ortui.export.curl import curl_command
from ortui.export.renderers import neutralise, to_delimited
from ortui.results.decode import build_table
from tests.conftest import CANARY_KEY, TEST_KEY, ServerFactory
from tests.helpers import rows, run_cli, window

FIXED = window(10)
ARGS = [
    "--metrics",
    "total_usage,request_count",
    "--dimensions",
    "model",
    "--filter",
    "model in openai/gpt-4o,anthropic/claude-sonnet-4",
    "--granularity",
    "day",
    "--start",
    FIXED["start"][:16].replace("T", " "),
    "--end",
    FIXED["end"][:16].replace("T", " "),
    "--order-by",
    "date:desc",
]
BODY = {
    "metrics": ["total_usage", "request_count"],
    "dimensions": ["model"],
    "filters": [
        {
            "field": "model",
            "operator": "in",
            "value": ["openai/gpt-4o", "anthropic/claude-sonnet-4"],
        }
    ],
    "granularity": "day",
    "time_range": FIXED,
    "order_by": {"field": "date", "direction": "desc"},
}


@pytest.mark.parametrize("fmt", ["csv", "tsv", "json", "jsonl"])
def test_every_format_parses_back_to_the_simulator_rows(
    fmt: str, demo_server: DemoServer, key: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run_cli(
        ["query", "--base-url", demo_server.url, *ARGS, "--format", fmt], capsys
    )
    assert code == 0 and "rows" in err
    expected = rows(demo_server.url, BODY)
    if fmt in ("csv", "tsv"):
        parsed = list(csv.DictReader(io.StringIO(out), delimiter="," if fmt == "csv" else "\t"))
        assert [r["model"] for r in parsed] == [r["model"] for r in expected]
        assert [int(r["request_count"]) for r in parsed] == [
            int(r["request_count"]) for r in expected
        ]
        assert [float(r["total_usage"]) for r in parsed] == [r["total_usage"] for r in expected]
    else:
        records = (
            json.loads(out)["rows"]
            if fmt == "json"
            else [json.loads(line) for line in out.splitlines()]
        )
        assert records == [{**r, "request_count": int(r["request_count"])} for r in expected]
        if fmt == "json":
            assert set(json.loads(out)) == {"rows", "metadata", "warnings"}


def test_table_and_markdown_formats(
    demo_server: DemoServer, key: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run_cli(
        ["query", "--base-url", demo_server.url, *ARGS, "--format", "md"], capsys
    )
    assert code == 0 and out.startswith("| Date (UTC) | Model | Total Usage | Request Count |")
    code, out, _ = run_cli(
        ["query", "--base-url", demo_server.url, *ARGS, "--format", "table"], capsys
    )
    assert code == 0 and "$" in out and "Request Count" in out.splitlines()[0]


def test_output_file_is_written(
    demo_server: DemoServer, key: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "out.csv"
    code, out, err = run_cli(
        ["query", "--base-url", demo_server.url, *ARGS, "-o", str(target)], capsys
    )
    assert code == 0 and out == "" and target.read_text().startswith("date__day,model,")
    assert f"wrote {target}" in err


def test_exit_codes(
    demo_server: DemoServer,
    make_server: ServerFactory,
    key: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert run_cli(["query", "--base-url", demo_server.url, "--metrics", "nope"], capsys)[0] == 2
    assert (
        run_cli(
            [
                "query",
                "--base-url",
                demo_server.url,
                "--metrics",
                "request_count",
                "--filter",
                "model",
            ],
            capsys,
        )[0]
        == 2
    )
    code, _, err = run_cli(
        ["query", "--base-url", demo_server.url, "--metrics", "p90_latency", "--last", "90d"],
        capsys,
    )
    assert code == 2 and "31 days" in err
    from ortui.demo.faults import FaultPlan, parse_fault

    auth = make_server(keys=["sk-or-v1-other"])
    assert run_cli(["query", "--base-url", auth.url, "--metrics", "request_count"], capsys)[0] == 4
    flaky = make_server(faults=FaultPlan([parse_fault("status=503")]))
    code, _, err = run_cli(["query", "--base-url", flaky.url, "--metrics", "request_count"], capsys)
    assert code == 5 and "503" in err
    monkeypatch.delenv("OPENROUTER_MANAGEMENT_KEY")
    assert run_cli(["query", "--base-url", demo_server.url, "--metrics", "x"], capsys)[0] == 4


def test_server_rejection_exits_3(
    demo_server: DemoServer, key: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # the client cannot know a filter value is wrong for a dimension; the server can
    code, _, err = run_cli(
        [
            "query",
            "--base-url",
            demo_server.url,
            "--metrics",
            "request_count",
            "--filter",
            "model eq a,b",
        ],
        capsys,
    )
    assert code == 2  # caught before sending: eq takes one value
    code, _, err = run_cli(
        [
            "query",
            "--base-url",
            demo_server.url,
            "--metrics",
            "request_count",
            "--order-by",
            "date",
        ],
        capsys,
    )
    assert code == 3 and "needs a granularity" in err


def test_meta_command(
    demo_server: DemoServer, key: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run_cli(["meta", "--base-url", demo_server.url, "--format", "json"], capsys)
    assert code == 0 and len(json.loads(out)["metrics"]) >= 38
    code, out, _ = run_cli(["meta", "--base-url", demo_server.url], capsys)
    assert code == 0 and "GRANULARITIES" in out


def test_formula_cells_are_neutralised_but_numbers_are_not() -> None:
    assert neutralise("=cmd|' /C calc'!A0") == "'=cmd|' /C calc'!A0"
    assert neutralise("+1+1") == "'+1+1" and neutralise("@SUM(A1)") == "'@SUM(A1)"
    assert neutralise("-12.5") == "-12.5" and neutralise("-$3.50") == "-$3.50"
    meta = Meta(metrics=[Metric("cost", "Cost", False, "currency")])
    table = build_table(
        QueryPayload([{"app": '=HYPERLINK("x")', "cost": -2.5}]),
        QueryRequest(["cost"], ["app"]),
        meta,
    )
    text = to_delimited(table)
    assert "'=HYPERLINK" in text and ",-2.5" in text


@pytest.mark.skipif(shutil.which("curl") is None, reason="curl not installed")
def test_copied_curl_command_runs_and_returns_the_same_rows(demo_server: DemoServer) -> None:
    request = QueryRequest(
        metrics=["request_count"],
        dimensions=["model"],
        time_range=TimeRange(FIXED["start"], FIXED["end"]),
        limit=7,
    )
    command = curl_command(demo_server.url, request)
    assert "$OPENROUTER_MANAGEMENT_KEY" in command and TEST_KEY not in command
    env = {**os.environ, "OPENROUTER_MANAGEMENT_KEY": TEST_KEY}
    out = subprocess.run(
        ["sh", "-c", command], capture_output=True, text=True, env=env, check=True
    ).stdout
    assert json.loads(out)["data"]["data"] == rows(
        demo_server.url,
        {"metrics": ["request_count"], "dimensions": ["model"], "time_range": FIXED, "limit": 7},
    )


def test_canary_key_never_in_cli_output_or_files(
    demo_server: DemoServer,
    make_server: ServerFactory,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    server = make_server(keys=[CANARY_KEY])
    monkeypatch.setenv("OPENROUTER_MANAGEMENT_KEY", CANARY_KEY)
    target = tmp_path / "x.json"
    outputs = []
    for args in (
        [
            "query",
            "--base-url",
            server.url,
            "--metrics",
            "request_count",
            "-o",
            str(target),
            "--format",
            "json",
        ],
        ["query", "--base-url", server.url, "--metrics", "nope"],
        ["query", "--base-url", "http://127.0.0.1:9/api/v1", "--metrics", "x"],
        ["meta", "--base-url", server.url],
        ["auth", "status"],
    ):
        main(args)
        captured = capsys.readouterr()
        outputs.append(captured.out + captured.err)
    assert all(CANARY_KEY not in text for text in outputs)
    assert CANARY_KEY not in target.read_text()
    proc = subprocess.run([sys.executable, "-m", "ortui", "--help"], capture_output=True, text=True)
    assert "--key " not in proc.stdout  # no option takes the key itself


def test_preset_with_overrides(
    demo_server: DemoServer, key: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    config = ["--config-dir", str(tmp_path)]
    code, out, _ = run_cli(
        [
            "query",
            "--base-url",
            demo_server.url,
            *config,
            "--preset",
            "Spend by model, last 30 days",
            "--limit",
            "2",
            "--format",
            "csv",
        ],
        capsys,
    )
    header, *lines = out.splitlines()
    assert code == 0 and header == "model,total_usage,request_count" and len(lines) == 2
    code, _, err = run_cli(
        ["query", "--base-url", demo_server.url, *config, "--preset", "No such"], capsys
    )
    assert code == 2 and "no preset named" in err
