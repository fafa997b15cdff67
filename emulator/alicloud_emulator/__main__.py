"""``python -m alicloud_emulator serve ...``."""

import sys

from alicloud_emulator.cli import main

sys.exit(main())
