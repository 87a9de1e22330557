"""Demo and benchmark data, never shipped: a realistic office data set from genuine signed
submissions (``office_data``), used by tools/screenshots, tools/bench and the tests.

Its keys are derived from a public string (``demo_private_key``): anyone can sign as any demo
unit. That is why it lives outside ``app/`` and why tools/ci_frozen.sh fails a bundle that
contains it.
"""
