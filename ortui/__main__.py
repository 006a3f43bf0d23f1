"""Entry point for ``python -m ortui``."""

from ortui.cli import main

raise SystemExit(main())
