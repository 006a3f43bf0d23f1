"""Fault injection for reliability tests: ``--fault NAME[=VALUE][@PROBABILITY][xCOUNT]``.

Faults (repeatable; each applies to API requests, analytics and management alike):

- ``latency=MS``        add MS milliseconds before answering
- ``status=CODE``       answer CODE (500, 502, 503, 408 …) with an error envelope
- ``429``               rate limited with ``Retry-After: VALUE`` seconds (default 1)
- ``429-bare``          rate limited without ``Retry-After``
- ``drop``              close the connection without answering
- ``reset``             send headers and half the body, then close
- ``truncate``          a 200 whose JSON body is cut short
- ``html``              a 200 with an HTML error page
- ``wrong-type``        a 200 with ``Content-Type: text/plain``
- ``huge=MB``           a 200 whose body is MB megabytes of padding

``@P`` applies the fault to a fraction P of requests (seeded, so runs repeat); ``xN`` stops
after N requests, e.g. ``status=503x2`` fails the first two requests then recovers.
"""

from __future__ import annotations

import random
import re
import threading
from dataclasses import dataclass, field

KINDS = (
    "latency",
    "status",
    "429",
    "429-bare",
    "drop",
    "reset",
    "truncate",
    "html",
    "wrong-type",
    "huge",
)
SPEC = re.compile(r"^(?P<name>[a-z0-9-]+)(=(?P<value>[0-9.]+))?(@(?P<p>[0-9.]+))?(x(?P<n>\d+))?$")


@dataclass
class Fault:
    name: str
    value: float | None = None
    probability: float = 1.0
    remaining: int | None = None


@dataclass
class FaultPlan:
    """The faults in force; ``pick`` decides per request, thread-safely and reproducibly."""

    faults: list[Fault] = field(default_factory=list)
    seed: int = 7

    def __post_init__(self) -> None:
        self._rng = random.Random(self.seed)
        self._lock = threading.Lock()

    def pick(self) -> list[Fault]:
        chosen = []
        with self._lock:
            for fault in self.faults:
                if fault.remaining == 0 or self._rng.random() >= fault.probability:
                    continue
                if fault.remaining is not None:
                    fault.remaining -= 1
                chosen.append(fault)
                if fault.name != "latency":
                    break  # one shaping fault per request; later ones keep their budget
        return chosen


def parse_fault(text: str) -> Fault:
    """Parse one ``--fault`` value; raises ValueError with the accepted syntax."""
    match = SPEC.match(text.strip().lower())
    if not match or match["name"] not in KINDS:
        raise ValueError(
            f"bad fault {text!r}: use NAME[=VALUE][@PROBABILITY][xCOUNT] with "
            f"NAME one of {', '.join(KINDS)}"
        )
    value = float(match["value"]) if match["value"] else None
    if match["name"] in ("latency", "status", "huge") and value is None:
        raise ValueError(f"fault {match['name']!r} needs a value, e.g. {match['name']}=500")
    probability = float(match["p"]) if match["p"] else 1.0
    remaining = int(match["n"]) if match["n"] else None
    return Fault(match["name"], value, probability, remaining)
