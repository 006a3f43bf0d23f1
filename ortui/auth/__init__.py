"""Where the management key comes from, and how it is kept out of every output."""
