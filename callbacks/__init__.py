"""Callbacks, one module per page; each module's `register(app)` wires its callbacks to one app."""
from __future__ import annotations

from callbacks import chart_actions, overview, shell


def register(app):
    for module in (shell, chart_actions, overview):
        module.register(app)
