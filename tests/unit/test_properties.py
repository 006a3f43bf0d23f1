"""Property-based tests: random meta, random rows and random preset files never crash."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ortui.api.models import META_DECODER, QueryRequest
from ortui.presets.store import PresetStore
from ortui.query.draft import default_draft
from ortui.query.encoding import to_request
from ortui.query.validation import validate
from ortui.results.decode import decode_result
from ortui.results.formatting import format_cell
from ortui.results.series import chart_data
from ortui.widgets.chart_pane import render_chart

NAMES = st.text(min_size=1, max_size=24)
FORMATS = st.one_of(
    st.sampled_from(["number", "currency", "percent", "latency", "throughput"]),
    st.text(max_size=10),
)
METRIC = st.fixed_dictionaries(
    {
        "name": NAMES,
        "display_label": st.text(max_size=40),
        "is_rate": st.booleans(),
        "display_format": FORMATS,
    }
)
NAMED = st.fixed_dictionaries({"name": NAMES, "display_label": st.text(max_size=40)})
OPERATOR = st.fixed_dictionaries(
    {
        "name": NAMES,
        "value_type": st.one_of(st.sampled_from(["scalar", "array"]), st.text(max_size=8)),
    }
)
META = st.fixed_dictionaries(
    {
        "data": st.fixed_dictionaries(
            {
                "metrics": st.lists(METRIC, max_size=70),
                "dimensions": st.lists(NAMED, max_size=30),
                "operators": st.lists(OPERATOR, max_size=12),
                "granularities": st.lists(NAMED, max_size=8),
            }
        )
    }
)

KEYS = [
    "date__day",
    "created_at__hour",
    "model",
    "user",
    "user_email",
    "request_count",
    "total_usage",
    "cache_hit_rate",
    "weird key ✨",
]
VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=30),
    st.sampled_from(["2026-05-19", "2025-01-01T00:00:00.000Z", "1523", "n/a"]),
    st.lists(st.integers(), max_size=3),
)
ROWS = st.lists(st.dictionaries(st.sampled_from(KEYS), VALUES, max_size=len(KEYS)), max_size=40)
SLOW = settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@SLOW
@given(META)
def test_random_meta_decodes_and_builds_valid_requests(document: dict[str, Any]) -> None:
    meta = META_DECODER.decode(json.dumps(document)).data
    draft = default_draft(meta)
    problems = validate(draft, meta)
    if not problems:
        request = to_request(draft, meta)
        assert list(request.metrics) == list(draft.metrics)
    else:
        assert all(p.message for p in problems)


@SLOW
@given(ROWS, st.sampled_from([None, "day", "hour"]))
def test_random_rows_render_in_grid_cells_and_charts_or_are_flagged(
    rows: list[dict[str, Any]], granularity: str | None
) -> None:
    body = json.dumps(
        {
            "data": {
                "data": rows,
                "metadata": {"query_time_ms": 1, "row_count": len(rows), "truncated": False},
            }
        }
    ).encode()
    meta = META_DECODER.decode(
        json.dumps(
            {
                "data": {
                    "metrics": [
                        {"name": "request_count", "display_format": "number"},
                        {"name": "total_usage", "display_format": "currency"},
                        {"name": "cache_hit_rate", "display_format": "percent", "is_rate": True},
                    ]
                }
            }
        )
    ).data
    request = QueryRequest(
        ["request_count", "total_usage", "cache_hit_rate"],
        ["model", "user"],
        granularity=granularity,
    )
    table = decode_result(body, request, meta)
    assert table.row_count == len(rows)
    for column in table.columns:
        assert len(column.values) == len(rows)
        for value in column.values:
            assert isinstance(format_cell(value, column, table.granularity), str)
    if any(
        isinstance(r.get(k), bool | list)
        for r in rows
        for k in ("request_count", "total_usage", "cache_hit_rate")
    ):
        assert table.problems  # unreadable numbers are flagged, not hidden
    for metric in (None, "total_usage", "cache_hit_rate"):
        data = chart_data(table, metric)
        assert isinstance(render_chart(data, 60, 12, colour=False), str)


TOML_BITS = st.sampled_from(
    [
        "version = 1\n",
        'name = "x"\n',
        "[query]\n",
        'metrics = ["a"]\n',
        "metrics = 3\n",
        'time = "last_7d"\n',
        'time = "yesterday"\n',
        "[[query.filters]]\n",
        'field = "m"\n',
        'operator = "in"\n',
        "values = [1, 2]\n",
        "[view]\n",
        "sort = 4\n",
        "version = 99\n",
        "= broken\n",
        '"unterminated\n',
        "\x00\n",
        "limit = -5\n",
        "limit = true\n",
    ]
)


@settings(max_examples=80, deadline=None, derandomize=True, database=None)
@given(
    st.lists(st.lists(TOML_BITS, max_size=12).map("".join), max_size=4),
    st.lists(st.binary(max_size=64), max_size=2),
)
def test_random_preset_files_load_or_give_a_clear_error(
    texts: list[str], blobs: list[bytes]
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        for index, text in enumerate(texts):
            (root / f"t{index}.toml").write_text(text)
        for index, blob in enumerate(blobs):
            (root / f"b{index}.toml").write_bytes(blob)
        before = {p.name: p.read_bytes() for p in root.iterdir()}
        presets, problems = PresetStore(root).scan()
        assert len(presets) + len(problems) == len(texts) + len(blobs)
        assert all(str(p.path) in str(p) and p.message for p in problems)
        assert {p.name: p.read_bytes() for p in root.iterdir()} == before
