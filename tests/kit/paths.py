"""Where things are in the repository, wherever a test module sits."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
PLANS = FIXTURES / "plans"
# the plan document the shipped 2016 plan was made from (vendored: a CI clone has no ../shared)
SEED = PLANS / "sz-2016-seed.txt"
