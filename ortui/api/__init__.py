"""The HTTP contract of OpenRouter's Analytics API: wire models, typed errors, async client."""
