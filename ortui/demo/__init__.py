"""The simulator: a deterministic synthetic dataset, a SQLite query engine, an HTTP server."""
