"""``python -m scanner`` runs the stackaudit command line."""

from scanner.cli import main

raise SystemExit(main())
