"""``python -m cleanup.languagetool install|start|stop|status|url``."""

import sys

from cleanup.languagetool.server import main

sys.exit(main(sys.argv[1:]))
