"""The office's window (质量强市办): consolidation, tracker, indicators, charts, keys, scores."""
