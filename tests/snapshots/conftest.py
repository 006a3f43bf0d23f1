"""Snapshots need a fixed time zone and colour."""

from __future__ import annotations

import os

os.environ["TZ"] = "UTC"
os.environ.pop("NO_COLOR", None)
