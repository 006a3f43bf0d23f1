"""Widgets: builder parts, results grid, chart pane, status line. They take domain types."""
