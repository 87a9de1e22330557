"""The unit's window (a member unit's clerk): task list, entry form, periods, export."""
