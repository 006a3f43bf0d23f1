"""Spend control arithmetic: periods, pace, burn rate, runway and month-end projection (pure)."""
