"""File formats: the plan data file, canonical JSON, keys, signed submission workbooks."""
