"""The plan editor (工作方案): the office's plans, listed, edited, imported and published.

The editor works on the plan-file JSON (``resources/plans/*.json``'s shape) held by a
``PlanDocument``; every change is an undo command, every position a JSON pointer (RFC 6901)
as the plans services and ``check_plan`` use them.
"""
