"""Builds the deterministic synthetic traffic into a SQLite file (cached per seed and day).

Traffic covers ~13 months ending at the next UTC midnight: weekly seasonality, steady
growth, a new API key whose spend spikes, a provider latency incident, cache hits and a BYOK
share. Costs are tokens × per-model prices.
"""

from __future__ import annotations

import itertools
import os
import random
import sqlite3
import sys
import tempfile
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import UTC, date, datetime
from pathlib import Path

from ortui.demo import catalog as cat
from ortui.demo.cached import DATASET_VERSION as DATASET_VERSION
from ortui.demo.cached import DEFAULT_SEED as DEFAULT_SEED
from ortui.demo.cached import DEFAULT_SIZE as DEFAULT_SIZE
from ortui.demo.cached import dataset_end as dataset_end
from ortui.demo.cached import dataset_path as dataset_path
from ortui.demo.cached import is_cached as is_cached
from ortui.demo.metrics import ADDITIVE_COLUMNS, ROLLUP_DIMENSIONS

DAYS = 396
INTRODUCED_DAYS_AGO = {
    "openai/gpt-5": 110,
    "anthropic/claude-sonnet-4": 185,
    "anthropic/claude-opus-4": 185,
    "meta-llama/llama-4-maverick": 235,
    "meta-llama/llama-4-scout": 235,
    "moonshotai/kimi-k2": 135,
    "qwen/qwen3-235b-a22b": 215,
}
TEXT_COLUMNS = (
    "model",
    "variant",
    "api_key_id",
    "provider",
    "origin",
    "country",
    "data_region",
    "skin",
    "finish_reason",
    "workspace",
    "app",
    "user",
    "external_user",
    "context_length_bucket",
    "generation_id",
    "session_id",
)
PROVIDER_SPEED = {"Groq": 420.0, "Fireworks": 160.0, "Together": 140.0, "DeepInfra": 90.0}
REASONING_MODELS = {"openai/o3", "openai/o4-mini", "deepseek/deepseek-r1", "openai/gpt-5"}


def _cum(weights: Sequence[float]) -> list[float]:
    return list(itertools.accumulate(weights))


class _Choice:
    """A weighted choice with its cumulative weights computed once (``random.choices`` draws
    the same way, but rebuilds two lists on every call)."""

    def __init__(self, items: Sequence[object], weights: Sequence[float]) -> None:
        self.items = list(items)
        self.cum = _cum(weights)
        self.total = self.cum[-1]

    def __call__(self, rng: random.Random) -> object:
        return self.items[bisect_right(self.cum, rng.random() * self.total)]


def _weighted(pairs: Sequence[tuple[str, int]]) -> _Choice:
    return _Choice([i for i, _ in pairs], [w for _, w in pairs])


ORIGINS, COUNTRIES, VARIANTS = (
    _weighted(cat.ORIGINS),
    _weighted(cat.COUNTRIES),
    _weighted(cat.VARIANTS),
)
SKINS, FINISH_REASONS = _weighted(cat.SKINS), _weighted(cat.FINISH_REASONS)
USERS = _Choice(cat.USERS, [u.weight for u in cat.USERS])
APPS = _Choice(cat.APPS, [a.weight for a in cat.APPS])


def _day_weights() -> list[float]:
    """Relative traffic per day, oldest first: growth × weekday seasonality."""
    out = []
    for back in range(DAYS - 1, -1, -1):
        growth = 1.0 + 2.0 * (DAYS - back) / DAYS
        out.append(growth)
    return out


class _Generator:
    """Draws one generation at a time; each day has its own seeded random stream, so a day's
    rows are the same whichever other days are built with it."""

    def __init__(self, seed: int, end: datetime) -> None:
        self.seed = seed
        self.rng = random.Random(seed)
        self.end = end
        self.end_ts = int(end.timestamp())

    def key_weights(self, back: int) -> list[float]:
        weights = []
        for key in cat.API_KEYS:
            weight = key.weight if back < key.created_days_ago else 0.0
            if key.disabled_days_ago is not None and back < key.disabled_days_ago:
                weight = 0.0
            if key.id == cat.SPIKING_KEY and back < 3:
                weight *= 3
            weights.append(weight)
        return weights

    def model_weights(self, back: int) -> list[float]:
        return [
            m.popularity if back < INTRODUCED_DAYS_AGO.get(m.slug, DAYS + 1) else 0.0
            for m in cat.MODELS
        ]

    def day_counts(self, size: int) -> dict[int, int]:
        """Generations per day, by days back from the end (0 = the last day)."""
        weights = _day_weights()
        total = sum(weights)
        counts = {}
        for index, weight in enumerate(weights):
            back = DAYS - 1 - index
            weekday = datetime.fromtimestamp(self.end_ts - (back + 1) * 86400, UTC).weekday()
            counts[back] = round(size * weight / total * (0.55 if weekday >= 5 else 1.18))
        return counts

    def rows(
        self,
        size: int,
        days: Iterable[int] | None = None,
        progress: Callable[[int], None] | None = None,
    ) -> Iterator[tuple[object, ...]]:
        """The generations of ``days`` (days back; default all), oldest day first;
        ``progress`` hears how many rows are done after each day."""
        counts = self.day_counts(size)
        done = 0
        for back in sorted(counts if days is None else days, reverse=True):
            self.rng = random.Random(f"ortui-demo:{self.seed}:{back}")
            day_start = self.end_ts - (back + 1) * 86400
            key_cum = _cum(self.key_weights(back))
            model_cum = _cum(self.model_weights(back))
            for _ in range(counts[back]):
                yield self.one(day_start, back, key_cum, model_cum)
            done += counts[back]
            if progress is not None:
                progress(done)

    def one(
        self, day_start: int, back: int, key_cum: list[float], model_cum: list[float]
    ) -> tuple[object, ...]:
        rng = self.rng
        hour = min(23, max(0, int(rng.gauss(14, 4.5))))
        ts = day_start + hour * 3600 + rng.randrange(3600)
        key = rng.choices(cat.API_KEYS, cum_weights=key_cum)[0]
        model = rng.choices(cat.MODELS, cum_weights=model_cum)[0]
        if key.id == cat.SPIKING_KEY and back < 3 and rng.random() < 0.3:
            model = cat.MODELS[8]  # the spiking agent leans on the most expensive model
        provider = rng.choice(model.providers)
        origin = str(ORIGINS(rng))
        country = str(COUNTRIES(rng))
        variant = str(VARIANTS(rng))
        prompt = max(8, int(rng.lognormvariate(7.6, 1.1)))
        completion = max(1, int(rng.lognormvariate(5.4, 0.9)))
        reasoning = int(completion * 0.6) if model.slug in REASONING_MODELS else 0
        cached = possible = 0
        if model.caches and rng.random() < 0.55:
            possible = int(prompt * rng.uniform(0.4, 0.9))
            if rng.random() < 0.65:
                cached = int(possible * rng.uniform(0.6, 1.0))
        price = 0.0 if variant == "free" else 1.0
        cache_cost = cached * model.prompt_price * 0.25 / 1e6 * price
        web = 0.004 if rng.random() < 0.03 else 0.0
        file = 0.002 if rng.random() < 0.01 else 0.0
        fetch = 0.001 if rng.random() < 0.01 else 0.0
        data = 0.0005 if rng.random() < 0.005 else 0.0
        cost = (
            price
            * ((prompt - cached) * model.prompt_price + completion * model.completion_price)
            / 1e6
        )
        cost += cache_cost + web + file + fetch + data
        byok = 1 if rng.random() < key.byok_share else 0
        in_incident = (
            provider == cat.INCIDENT_PROVIDER
            and back == cat.INCIDENT_DAYS_AGO
            and 6 <= hour < 6 + cat.INCIDENT_HOURS
        )
        latency = cat.PROVIDER_LATENCY_MS[provider] * rng.lognormvariate(0, 0.35)
        latency *= (1 + prompt / 20000) * (4.0 if in_incident else 1.0)
        speed = PROVIDER_SPEED.get(provider, 75.0) * rng.lognormvariate(0, 0.25)
        speed *= 0.35 if in_incident else 1.0
        has_key = origin == "api" or rng.random() < 0.5
        user: cat.User = USERS(rng)  # type: ignore[assignment]
        app: cat.App = APPS(rng)  # type: ignore[assignment]
        workspace = cat.workspace_of(key)
        text = (
            model.slug,
            variant,
            key.id if has_key else None,
            provider,
            origin,
            country,
            cat.REGION_OF_COUNTRY.get(country, "us"),
            SKINS(rng),
            FINISH_REASONS(rng),
            workspace,
            app.id if rng.random() < 0.75 else None,
            user.id if origin != "api" or rng.random() < 0.7 else None,
            rng.choice(cat.EXTERNAL_USERS),
            cat.context_bucket(prompt),
            f"gen-{rng.getrandbits(64):016x}",
            f"sess-{key.id}-{ts // 1800:x}",
        )
        additive = (
            1,
            cost,
            byok,
            cost * byok,
            cost * byok * 0.05,
            cost * 0.95,
            cache_cost,
            data,
            web,
            file,
            fetch,
            prompt,
            completion,
            reasoning,
            cached,
            possible,
            1 if cached else 0,
            1 if possible else 0,
            1 if rng.random() < 0.02 else 0,
            1 if rng.random() < 0.03 else 0,
            latency,
            completion / (completion / speed + 0.05),
        )
        return (ts, *text, *additive)


def _create_schema(db: sqlite3.Connection) -> None:
    numeric = ", ".join(f"{c} REAL" for c in ADDITIVE_COLUMNS)
    text = ", ".join(f'"{c}" TEXT' for c in TEXT_COLUMNS)
    db.execute(f"CREATE TABLE generations (ts INTEGER, {text}, {numeric})")
    dims = ", ".join(f'"{c}"' for c in ROLLUP_DIMENSIONS)
    sums = ", ".join(f"SUM({c}) AS {c}" for c in ADDITIVE_COLUMNS)
    db.execute(
        f"CREATE TABLE rollup AS SELECT (ts / 3600) * 3600 AS ts, {dims}, {sums} "
        f"FROM generations WHERE 0 GROUP BY 1"
    )
    db.execute("CREATE TABLE info (key TEXT PRIMARY KEY, value TEXT)")


def build_database(
    path: Path,
    seed: int,
    size: int,
    end: datetime,
    days: Sequence[int] | None = None,
    progress: Callable[[float], None] | None = None,
) -> None:
    """Write the dataset (only ``days``, days back from the end, when given) to ``path``
    atomically; ``progress`` hears the fraction of rows written, 0 to 1."""
    generator = _Generator(seed, end)
    counts = generator.day_counts(size)
    wanted = sum(counts[d] for d in (days if days is not None else counts)) or 1
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        db = sqlite3.connect(tmp)
        db.execute("PRAGMA journal_mode=OFF")
        db.execute("PRAGMA synchronous=OFF")
        _create_schema(db)
        marks = ", ".join("?" * (1 + len(TEXT_COLUMNS) + len(ADDITIVE_COLUMNS)))
        report = None if progress is None else (lambda done: progress(done / wanted))
        db.executemany(
            f"INSERT INTO generations VALUES ({marks})", generator.rows(size, days, report)
        )
        dims = ", ".join(f'"{c}"' for c in ROLLUP_DIMENSIONS)
        sums = ", ".join(f"SUM({c})" for c in ADDITIVE_COLUMNS)
        db.execute(
            f"INSERT INTO rollup SELECT (ts / 3600) * 3600, {dims}, {sums} "
            f"FROM generations GROUP BY 1, {dims}"
        )
        db.execute("CREATE INDEX generations_ts ON generations (ts)")
        db.execute("CREATE INDEX rollup_ts ON rollup (ts)")
        db.execute("CREATE INDEX generations_id ON generations (generation_id)")
        first = max(days) + 1 if days is not None else DAYS
        start = int(end.timestamp()) - first * 86400
        db.executemany(
            "INSERT INTO info VALUES (?, ?)",
            [("end", str(int(end.timestamp()))), ("seed", str(seed)), ("start", str(start))],
        )
        db.commit()
        db.close()
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


#: The days a first start builds before anything else (the default query's last 7 days,
#: whole): the rest of the year is built in another process meanwhile.
RECENT_DAYS = 9


def recent_path(cache_dir: Path, seed: int, size: int, end: datetime) -> Path:
    return cache_dir / f"demo-v{DATASET_VERSION}-seed{seed}-n{size}-{end:%Y%m%d}-recent.sqlite"


def ensure_recent(
    cache_dir: Path,
    seed: int = DEFAULT_SEED,
    size: int = DEFAULT_SIZE,
    progress: Callable[[float], None] | None = None,
) -> Path:
    """Today's last ``RECENT_DAYS`` days only (a small file, built in well under a second);
    their rows are exactly those of the full dataset."""
    end = dataset_end()
    path = recent_path(cache_dir, seed, size, end)
    if not path.exists():
        build_database(path, seed, size, end, list(range(RECENT_DAYS)), progress)
    return path


def ensure_dataset(
    cache_dir: Path, seed: int = DEFAULT_SEED, size: int = DEFAULT_SIZE, today: date | None = None
) -> Path:
    """The dataset file for this seed, size and day; built once, then read from the cache."""
    end = dataset_end(today)
    path = dataset_path(cache_dir, seed, size, end)
    if not path.exists():
        build_database(path, seed, size, end)
    return path


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m ortui.demo.dataset CACHE_DIR SEED SIZE``: build the full dataset, printing
    the fraction done (``0.42``) a line at a time — the explorer runs this in another process
    so that building never slows its keystrokes."""
    cache_dir, seed, size = (argv if argv is not None else sys.argv[1:])[:3]

    def report(fraction: float) -> None:
        print(f"{fraction:.3f}", flush=True)

    end = dataset_end()
    path = dataset_path(Path(cache_dir), int(seed), int(size), end)
    if not path.exists():
        build_database(path, int(seed), int(size), end, None, report)
    print("done", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
