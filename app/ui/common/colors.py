"""The interface's colours (plain strings: importable before Qt is loaded)."""

STATUS_COLORS = {
    "not_started": "#8a8f98",  # grey: nothing yet
    "in_progress": "#1e6fd9",  # blue: moving
    "completed": "#2e8b3d",  # green: done
    "delayed": "#d2461f",  # red-orange: needs attention
}
OK_COLOR = "#2e8b3d"
ERROR_COLOR = "#c62828"
WARN_COLOR = "#b26a00"
HINT_COLOR = "#5f6b7a"
LINK_COLOR = "#1a5fb4"
