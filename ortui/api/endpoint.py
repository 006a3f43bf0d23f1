"""Where requests go and the bounds on them, from the environment: the base URL, the body
size and total time limits, and whether plain http:// would send the key off this machine."""

from __future__ import annotations

import ipaddress
import os

DEFAULT_BASE_URL = "https://openrouter.ai/api/v1"
DEFAULT_MAX_BODY = 64 * 1024 * 1024
DEFAULT_TOTAL_TIMEOUT = 300.0


def default_total_timeout() -> float:
    """``ORTUI_TIMEOUT`` (seconds for a whole request, retries included) when set, else 300."""
    raw = os.environ.get("ORTUI_TIMEOUT", "")
    try:
        value = float(raw) if raw else DEFAULT_TOTAL_TIMEOUT
    except ValueError:
        return DEFAULT_TOTAL_TIMEOUT
    return value if value > 0 and value == value else DEFAULT_TOTAL_TIMEOUT


def is_loopback_host(host: str) -> bool:
    """``localhost``, 127.0.0.0/8 or ::1: the key never leaves this machine."""
    host = host.strip("[]").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def insecure_host(base_url: str) -> str | None:
    """The host that would get the key over plain http://, or None when that is fine."""
    from urllib.parse import urlsplit

    parts = urlsplit(base_url.strip())
    if parts.scheme.lower() != "http":
        return None
    host = parts.hostname or ""
    return None if is_loopback_host(host) else host or base_url


def default_max_body() -> int:
    """``ORTUI_MAX_BODY_MB`` (megabytes) when set, else 64 MB."""
    raw = os.environ.get("ORTUI_MAX_BODY_MB", "")
    try:
        return max(1, int(float(raw) * 1024 * 1024)) if raw else DEFAULT_MAX_BODY
    except ValueError:
        return DEFAULT_MAX_BODY


def default_base_url() -> str:
    """``ORTUI_BASE_URL`` when set, else OpenRouter's production API."""
    return os.environ.get("ORTUI_BASE_URL") or DEFAULT_BASE_URL
