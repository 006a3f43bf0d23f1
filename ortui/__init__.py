"""ortui: a keyboard-driven terminal explorer for OpenRouter's usage analytics."""

__version__ = "0.1.0"
