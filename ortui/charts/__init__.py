"""Chart rendering without a terminal: data in, rows of styled runs out (no textual/rich)."""
