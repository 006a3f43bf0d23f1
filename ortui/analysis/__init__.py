"""Analysis on top of queries: compare with an earlier period, explain a change (pure)."""
