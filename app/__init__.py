"""质量工作任务填报与汇总 — quality-work progress reporting (unit clerks and the office)."""

import time

STARTED_AT = time.perf_counter()  # for the start-to-first-paint figure

__version__ = "0.1.0"
APP_NAME = "QualityReport"
APP_TITLE_ZH = "质量工作任务填报与汇总"
