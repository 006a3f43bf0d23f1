"""The cast of the synthetic traffic: models with prices, providers, keys, apps, users."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass


@dataclass(frozen=True)
class Model:
    slug: str
    prompt_price: float  # USD per million tokens
    completion_price: float
    popularity: float
    providers: tuple[str, ...]
    caches: bool = False


MODELS: tuple[Model, ...] = (
    Model("openai/gpt-4o", 2.5, 10.0, 9, ("OpenAI", "Azure"), True),
    Model("openai/gpt-4o-mini", 0.15, 0.6, 12, ("OpenAI", "Azure"), True),
    Model("openai/gpt-4.1", 2.0, 8.0, 6, ("OpenAI",), True),
    Model("openai/gpt-4.1-mini", 0.4, 1.6, 7, ("OpenAI",), True),
    Model("openai/o3", 2.0, 8.0, 3, ("OpenAI",), True),
    Model("openai/o4-mini", 1.1, 4.4, 4, ("OpenAI",), True),
    Model("openai/gpt-5", 1.25, 10.0, 5, ("OpenAI",), True),
    Model(
        "anthropic/claude-sonnet-4",
        3.0,
        15.0,
        11,
        ("Anthropic", "Amazon Bedrock", "Google Vertex"),
        True,
    ),
    Model("anthropic/claude-opus-4", 15.0, 75.0, 2, ("Anthropic", "Amazon Bedrock"), True),
    Model("anthropic/claude-3.5-haiku", 0.8, 4.0, 5, ("Anthropic", "Amazon Bedrock"), True),
    Model("anthropic/claude-3.7-sonnet", 3.0, 15.0, 4, ("Anthropic", "Google Vertex"), True),
    Model("google/gemini-2.5-pro", 1.25, 10.0, 7, ("Google AI Studio", "Google Vertex"), True),
    Model("google/gemini-2.5-flash", 0.3, 2.5, 9, ("Google AI Studio", "Google Vertex"), True),
    Model("google/gemini-2.0-flash-001", 0.1, 0.4, 5, ("Google AI Studio",)),
    Model("google/gemma-3-27b-it", 0.1, 0.2, 2, ("DeepInfra", "Together")),
    Model(
        "deepseek/deepseek-chat-v3-0324",
        0.27,
        1.1,
        6,
        ("DeepSeek", "DeepInfra", "Together", "Fireworks"),
        True,
    ),
    Model("deepseek/deepseek-r1", 0.55, 2.19, 4, ("DeepSeek", "Together", "Fireworks")),
    Model("deepseek/deepseek-r1-distill-llama-70b", 0.1, 0.4, 1, ("DeepInfra", "Groq")),
    Model(
        "meta-llama/llama-3.3-70b-instruct",
        0.13,
        0.4,
        5,
        ("Together", "DeepInfra", "Groq", "Fireworks"),
    ),
    Model("meta-llama/llama-4-maverick", 0.17, 0.6, 3, ("Together", "Fireworks", "Groq")),
    Model("meta-llama/llama-4-scout", 0.08, 0.3, 2, ("Together", "DeepInfra", "Groq")),
    Model("meta-llama/llama-3.1-8b-instruct", 0.02, 0.05, 4, ("DeepInfra", "Groq")),
    Model("mistralai/mistral-large-2411", 2.0, 6.0, 2, ("Mistral",)),
    Model("mistralai/mistral-small-3.1-24b-instruct", 0.1, 0.3, 2, ("Mistral", "DeepInfra")),
    Model("mistralai/codestral-2501", 0.3, 0.9, 2, ("Mistral",)),
    Model("qwen/qwen3-235b-a22b", 0.13, 0.6, 3, ("Together", "Fireworks", "DeepInfra")),
    Model("qwen/qwen-2.5-coder-32b-instruct", 0.06, 0.15, 2, ("DeepInfra", "Together")),
    Model("x-ai/grok-3", 3.0, 15.0, 2, ("xAI",)),
    Model("x-ai/grok-3-mini", 0.3, 0.5, 2, ("xAI",)),
    Model("moonshotai/kimi-k2", 0.55, 2.2, 2, ("Together", "Fireworks")),
)

PROVIDER_LATENCY_MS = {
    "OpenAI": 650,
    "Azure": 720,
    "Anthropic": 900,
    "Amazon Bedrock": 1050,
    "Google Vertex": 800,
    "Google AI Studio": 700,
    "DeepSeek": 1400,
    "DeepInfra": 600,
    "Together": 550,
    "Fireworks": 480,
    "Groq": 220,
    "Mistral": 600,
    "xAI": 850,
}

#: The provider whose latency spikes, and when (days before "now", and how long in hours).
INCIDENT_PROVIDER = "Together"
INCIDENT_DAYS_AGO = 4
INCIDENT_HOURS = 14


@dataclass(frozen=True)
class ApiKey:
    id: str
    name: str
    weight: float
    created_days_ago: int = 400
    byok_share: float = 0.0
    #: Disabled this many days ago: no traffic since, listed only with include_disabled.
    disabled_days_ago: int | None = None

    @property
    def hash(self) -> str:
        """The 64-hex key hash that ``GET /api/v1/keys`` would list."""
        return hashlib.sha256(f"ortui-demo-{self.id}".encode()).hexdigest()


API_KEYS: tuple[ApiKey, ...] = (
    ApiKey("91001", "prod-backend", 10, byok_share=0.15),
    ApiKey("91002", "staging", 2),
    ApiKey("91003", "ci-evals", 3),
    ApiKey("91004", "data-pipeline", 4, byok_share=0.5),
    ApiKey("91005", "support-bot", 3, created_days_ago=200),
    ApiKey("91006", "agent-experiments", 6, created_days_ago=9),
    # A second "staging" in another workspace: names are not unique in real accounts.
    ApiKey("91007", "staging", 1.5, created_days_ago=75),
    ApiKey("91008", "legacy-batch", 2, created_days_ago=380, disabled_days_ago=40),
)
#: The new key whose spend spikes.
SPIKING_KEY = "91006"


@dataclass(frozen=True)
class App:
    id: str
    title: str
    weight: float


APPS: tuple[App, ...] = (
    App("3101", "Acme Support Desk", 5),
    App("3102", "Docs Copilot", 3),
    App("3103", "Eval Harness", 2),
    App("3104", "Cline", 3),
    App("3105", "Internal Chat", 2),
)


@dataclass(frozen=True)
class User:
    id: str
    name: str
    email: str
    weight: float


USERS: tuple[User, ...] = (
    User("user_2aQ8mXr1", "Ada Lovelace", "ada@acme.example", 4),
    User("user_2bR9nYs2", "Grace Hopper", "grace@acme.example", 3),
    User("user_2cS0oZt3", "Alan Turing", "alan@acme.example", 3),
    User("user_2dT1pAu4", "Katherine Johnson", "katherine@acme.example", 2),
    User("user_2eU2qBv5", "Linus Pauling", "linus@acme.example", 1),
    User("user_2fV3rCw6", "Barbara Liskov", "barbara@acme.example", 2),
)

WORKSPACES = {
    "6f1c2d3e-0000-4a1b-9c2d-000000000001": "Default",
    "6f1c2d3e-0000-4a1b-9c2d-000000000002": "Research",
    "6f1c2d3e-0000-4a1b-9c2d-000000000003": "Customer Apps",
}
WORKSPACE_SLUGS = {
    "6f1c2d3e-0000-4a1b-9c2d-000000000001": "default",
    "6f1c2d3e-0000-4a1b-9c2d-000000000002": "research",
    "6f1c2d3e-0000-4a1b-9c2d-000000000003": "customer-apps",
}
DEFAULT_WORKSPACE = "6f1c2d3e-0000-4a1b-9c2d-000000000001"
KEY_WORKSPACE = {
    "91001": 2,
    "91002": 2,
    "91003": 1,
    "91004": 1,
    "91005": 3,
    "91006": 1,
    "91007": 3,
    "91008": 1,
}

VARIANTS = (("standard", 80), ("free", 6), ("nitro", 6), ("thinking", 5), ("floor", 3))
ORIGINS = (("api", 85), ("chatroom", 10), ("playground", 5))
COUNTRIES = (
    ("US", 40),
    ("DE", 12),
    ("GB", 10),
    ("IN", 9),
    ("FR", 7),
    ("JP", 6),
    ("BR", 5),
    ("CA", 5),
    ("NL", 4),
    ("SG", 2),
)
REGION_OF_COUNTRY = {"DE": "eu", "GB": "eu", "FR": "eu", "NL": "eu"}
SKINS = (("default", 95), ("enterprise", 5))
FINISH_REASONS = (
    ("stop", 78),
    ("tool_calls", 12),
    ("length", 7),
    ("content_filter", 1),
    ("error", 2),
)
EXTERNAL_USERS = tuple(f"cust-{n:04d}" for n in range(1, 41))
CONTEXT_BUCKETS = (
    (1_000, "0-1K"),
    (4_000, "1K-4K"),
    (16_000, "4K-16K"),
    (64_000, "16K-64K"),
    (10**9, "64K+"),
)


def context_bucket(prompt_tokens: int) -> str:
    return next(label for bound, label in CONTEXT_BUCKETS if prompt_tokens < bound)


def api_key_by_ref(ref: str) -> ApiKey | None:
    """A key by numeric id or by its 64-hex hash, as the real service resolves filters."""
    return next((k for k in API_KEYS if ref in (k.id, k.hash)), None)


def workspace_of(key: ApiKey) -> str:
    """The uuid of the workspace a key belongs to."""
    return list(WORKSPACES)[KEY_WORKSPACE[key.id] - 1]
