"""What both windows share: start-up, the application, language, preferences, workers, colours."""
