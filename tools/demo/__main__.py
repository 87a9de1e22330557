"""``python -m tools.demo --data-dir DIR [--periods 2016Q1 ...] [--seed 1]``."""

import sys

from tools.demo.office_data import main

sys.exit(main())
