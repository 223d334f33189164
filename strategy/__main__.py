"""Run the CLI with `python -m strategy`."""

import sys

from strategy.cli import main

sys.exit(main())
