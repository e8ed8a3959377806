"""Entry point of the frozen application: the same ``main`` as the ``ln-scheduler`` command,
so the bundle opens the window with no arguments and runs every CLI command with arguments."""

import sys

from ln_scheduler.cli import main

if __name__ == "__main__":
    sys.exit(main())
