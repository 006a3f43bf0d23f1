"""A value axis from 0 (or below, for negatives) to at least the maximum, in the metric's unit."""

from __future__ import annotations

import math
import sys
from dataclasses import dataclass

NICE_STEPS = (1.0, 2.0, 2.5, 5.0, 10.0)
LIMIT = 1e300  # larger values are drawn at this size (float arithmetic stays finite)
SUFFIXES = ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "k"))


@dataclass(frozen=True)
class Axis:
    """Ticks ``bottom``, ``bottom + step``, …, ``top``; every value shown lies inside."""

    bottom: float
    top: float
    step: float
    display_format: str

    @property
    def ticks(self) -> list[float]:
        count = round((self.top - self.bottom) / self.step)
        return [self.bottom + i * self.step for i in range(count + 1)]

    @property
    def span(self) -> float:
        return self.top - self.bottom

    def label(self, value: float) -> str:
        size = max(abs(self.top), abs(self.bottom))
        return tick_label(value, self.display_format, self.step, size)


def nice_axis(values: list[float], display_format: str, max_ticks: int = 6) -> Axis:
    """The tightest "nice" axis (steps of 1, 2, 2.5, 5 × 10ⁿ, at most ``max_ticks`` ticks)
    holding 0 and every value: the largest value never lies beyond its end."""
    finite = [max(-LIMIT, min(LIMIT, v)) for v in values if math.isfinite(v)]
    high = max([0.0, *finite])
    low = min([0.0, *finite])
    if high == low:
        high = 1.0 if display_format != "percent" else 0.01
    raw = high / max(1, max_ticks - 1) - low / max(1, max_ticks - 1)
    if raw < sys.float_info.min:  # values so tiny (5e-324) the step underflows: a flat axis
        return nice_axis([], display_format, max_ticks)
    magnitude = 10.0 ** math.floor(math.log10(raw))
    for fewest in (min(3, max_ticks), 1):
        best = _tightest(low, high, magnitude, display_format, fewest, max_ticks)
        if best is not None:
            return best
    return Axis(low, high, high - low, display_format)


def _tightest(
    low: float, high: float, magnitude: float, display_format: str, fewest: int, most: int
) -> Axis | None:
    best: Axis | None = None
    for step in (s * magnitude * f for f in (1.0, 10.0) for s in NICE_STEPS):
        top = math.ceil(high / step - 1e-9) * step
        bottom = math.floor(low / step + 1e-9) * step
        while top < high:  # float rounding never leaves the maximum outside
            top += step
        ticks = round((top - bottom) / step) + 1
        if fewest <= ticks <= most and (best is None or top - bottom < best.span * (1 - 1e-9)):
            best = Axis(bottom, top, step, display_format)
    return best


def _decimals(step: float) -> int:
    """Enough decimals that ticks ``step`` apart never print alike."""
    decimals = 0
    while decimals < 6 and step > 0 and abs(round(step, decimals) - step) > step * 1e-6:
        decimals += 1
    return decimals


def _scaled(value: float, step: float, size: float) -> str:
    """A number with k/M/B/T (chosen by ``size``) and as many decimals as the step needs."""
    if value == 0:
        return "0"
    if size >= 1e15 or size < 1e-4:
        return f"{value:.3g}"
    divisor, suffix = next(((d, s) for d, s in SUFFIXES if size >= max(d, 1e4)), (1.0, ""))
    return f"{value / divisor:,.{_decimals(step / divisor)}f}{suffix}"


def tick_label(value: float, display_format: str, step: float, size: float = 0.0) -> str:
    """``$1.2k``, ``850 ms``, ``41 %``, ``95 tok/s``, ``1.5M``; ``size`` picks the suffix."""
    if abs(value) < step * 1e-9:
        value = 0.0
    size = max(size, abs(value))
    if display_format == "currency":
        text = _scaled(abs(value), step, size)
        return f"-${text}" if value < 0 else f"${text}"
    if display_format == "percent":
        return f"{_scaled(value * 100, step * 100, size * 100)} %"
    if display_format == "latency":
        if size < 1e4:
            return f"{value:,.{_decimals(step)}f} ms" if value else "0 ms"
        return f"{_scaled(value / 1000, step / 1000, size / 1000)} s"
    if display_format == "throughput":
        return f"{_scaled(value, step, size)} tok/s"
    return _scaled(value, step, size)
