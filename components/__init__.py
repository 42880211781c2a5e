"""Layout pieces used by several pages, and the pure figure builders (components.figures)."""
