"""``python -m ikmpolicy``: the same as the ``ikmpolicy`` command."""

import sys

from ikmpolicy.cli import main

sys.exit(main())
