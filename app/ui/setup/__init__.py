"""The first-run wizard: role, unit, clerk, key (shared by both roles)."""
