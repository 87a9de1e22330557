"""Pure domain values and rules (no storage, no files, no Qt): the catalog, entries, payloads."""
