"""Failures of callbacks and page layouts: counted per app, logged one line each with an id, tracebacks once."""

from __future__ import annotations

import logging
import threading
import traceback
import uuid
from pathlib import Path

log = logging.getLogger("app")
ERRORS = "eu_cluster_errors"


class ErrorLog:
    """Failures of callbacks and page layouts in this process: counted (tests assert none happened), each
    logged as one line with an id the user's message shows, the traceback only the first time an error of
    that kind and place is seen (a failing callback on a full disk logged 700 tracebacks in 45 s)."""

    def __init__(self, limit: int = 1000):
        self.count = 0
        self.recent: list[str] = []  # the last lines logged, newest last
        self.seen: dict[tuple, str] = {}  # (type, file, line) -> id of its first occurrence
        self.limit = limit
        self.lock = threading.Lock()

    def record(self, err: Exception) -> str:
        error_id = uuid.uuid4().hex[:8]
        frames = traceback.extract_tb(err.__traceback__)
        where = (frames[-1].filename, frames[-1].lineno) if frames else ("?", 0)
        key = (type(err).__name__, *where)
        with self.lock:
            self.count += 1
            first = self.seen.get(key)
            if first is None and len(self.seen) < self.limit:
                self.seen[key] = error_id
            message = " ".join(str(err).split())[:200]  # one line, whatever the exception says
            line = (
                f"callback failed (error {error_id}): {type(err).__name__}: {message} "
                f"at {Path(where[0]).name}:{where[1]}" + (f" (traceback: see error {first})" if first else "")
            )
            self.recent = (self.recent + [line])[-50:]
        if first is None:
            log.error(line, exc_info=err)
        else:
            log.error(line)
        return error_id
