"""Pure renderers of results and queries: CSV, TSV, JSON, JSON Lines, Markdown, curl."""
