"""Screens own services and workers; widgets below them only show and report."""
