"""Callbacks, one module per page; each module's `register(app)` wires its callbacks to one app."""

from __future__ import annotations

import importlib
import pkgutil


def register(app):
    """Register every callbacks module of this package (a new page's module needs no edit here)."""
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        if hasattr(module, "register"):
            module.register(app)
