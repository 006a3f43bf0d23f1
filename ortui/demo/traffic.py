"""The demo's synthetic traffic, one generation at a time: ~13 months of weekly seasonality,
steady growth, a new API key whose spend spikes, a provider latency incident, cache hits and a
BYOK share. Costs are tokens × per-model prices. Each day has its own seeded random stream."""

from __future__ import annotations

import itertools
import random
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import UTC, datetime

from ortui.demo import catalog as cat

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


class TrafficGenerator:
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
