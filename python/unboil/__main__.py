"""``python -m unboil``: the command line (:mod:`unboil.cli`)."""

import sys

from .cli import main

sys.exit(main())
