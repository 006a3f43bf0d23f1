"""Saved presets (one TOML file each) and query history (bounded JSON Lines)."""
