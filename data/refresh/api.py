"""Eurostat's dissemination API over plain HTTP (urllib, no extra dependency), with polite retries.

* `data_url`: SDMX 3.0 data query, SDMX-CSV 2.0 with labels (`format=csvdata&formatVersion=2.0&labels=name`),
  the format of the files in ../shared/data/eurostat/;
* `release_url` / `parse_release`: the dataflow's structure message, whose `UPDATE_DATA` annotation states when
  Eurostat last updated the data (the dataset "version": Eurostat keeps no other versioning of its data);
* `Client.get`: a User-Agent naming the project; on 429/503 (and other 5xx, timeouts, cut responses) waits as
  `Retry-After` says, or 2, 4, 8... s, for a bounded number of tries; a refused connection or an unknown host
  means offline (no retries); 400/404 mean the query selects nothing (a code changed, or the dataset went).
"""

from __future__ import annotations

import csv
import email.utils
import http.client
import io
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

DEFAULT_BASE = "https://ec.europa.eu/eurostat/api/dissemination"
USER_AGENT = "EU-Cluster-Region-Observatory-refresh/1.0 (python -m data.refresh; open-source dashboard)"
SDMX_COLUMNS = ("STRUCTURE", "geo", "TIME_PERIOD", "OBS_VALUE")


class Offline(Exception):
    """The API cannot be reached at all (connection refused, unknown host)."""


class NoData(Exception):
    """The query selects nothing (HTTP 400/404, or no rows): a code in the filters changed, or the dataset went."""


class Refused(Exception):
    """The API did not give a complete answer within the allowed tries (429/503 throughout, cut responses...)."""


class Truncated(Exception):
    """The body is not a complete SDMX-CSV file."""


def data_url(base: str, code: str, filters: dict[str, str | list[str]]) -> str:
    params = [
        (f"c[{dim}]", ",".join(codes) if isinstance(codes, (list, tuple)) else codes) for dim, codes in filters.items()
    ]
    params += [
        ("compress", "false"),
        ("format", "csvdata"),
        ("formatVersion", "2.0"),
        ("lang", "en"),
        ("labels", "name"),
    ]
    query = urllib.parse.urlencode(params, safe="[],:")
    return f"{base.rstrip('/')}/sdmx/3.0/data/dataflow/ESTAT/{code}/1.0?{query}"


def release_url(base: str, code: str) -> str:
    return f"{base.rstrip('/')}/sdmx/2.1/dataflow/ESTAT/{code.upper()}/1.0"


def parse_release(body: bytes) -> str | None:
    """The dataflow's UPDATE_DATA annotation (e.g. '2025-04-21T23:00:00+0200'), or None when absent."""
    try:
        root = ET.fromstring(body)
    except ET.ParseError:
        return None
    for annotation in root.iter():
        if not annotation.tag.endswith("}Annotation") and annotation.tag != "Annotation":
            continue
        parts = {child.tag.rsplit("}", 1)[-1]: (child.text or "").strip() for child in annotation}
        if parts.get("AnnotationType") == "UPDATE_DATA" and parts.get("AnnotationTitle"):
            return parts["AnnotationTitle"]
    return None


def check_sdmx_csv(body: bytes) -> int:
    """Number of data rows of a complete SDMX-CSV body; raises Truncated for a cut or malformed one."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as err:
        raise Truncated(f"not UTF-8 text ({err.reason}), probably cut") from None
    if not text.endswith("\n"):
        raise Truncated("the file does not end with a line break (cut mid-row)")
    try:
        rows = list(csv.reader(io.StringIO(text)))
    except csv.Error as err:
        raise Truncated(f"not a CSV file ({err})") from None
    header = rows[0] if rows else []
    missing = [c for c in SDMX_COLUMNS if c not in header]
    if missing:
        raise Truncated(f"not SDMX-CSV: columns {missing} missing (first line {text[:80]!r})")
    for number, row in enumerate(rows[1:], start=2):
        if len(row) != len(header):
            raise Truncated(f"line {number} has {len(row)} cells, the header {len(header)} (cut or malformed)")
    if len(rows) < 2:
        raise NoData("the answer holds no rows")
    return len(rows) - 1


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def _is_offline(reason) -> bool:
    return isinstance(reason, (ConnectionRefusedError, socket.gaierror)) or (
        isinstance(reason, OSError) and reason.errno in (101, 113)
    )  # network / host unreachable


def _summary(body: bytes) -> str:
    text = " ".join(body.decode("utf-8", "replace").split())
    return text[:200]


@dataclass
class Client:
    base: str = DEFAULT_BASE
    tries: int = 5
    backoff: float = 2.0  # first wait in seconds, doubled on each further try
    max_wait: float = 300.0
    timeout: float = 180.0
    log: Callable[[str], None] = print
    sleep: Callable[[float], None] = field(default=time.sleep)

    def get(self, url: str, check: Callable[[bytes], object] | None = None) -> bytes:
        """The body of a complete 200 answer (checked by `check`, which raises Truncated when cut)."""
        request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept-Encoding": "identity"})
        for attempt in range(1, self.tries + 1):
            wait = None
            try:
                with urllib.request.urlopen(request, timeout=self.timeout) as response:
                    body = response.read()  # raises IncompleteRead when shorter than Content-Length
                if check is not None:
                    check(body)
                return body
            except urllib.error.HTTPError as err:
                if err.code in (400, 404):
                    raise NoData(f"HTTP {err.code}: {_summary(err.read())}") from None
                if err.code not in (429, 500, 502, 503, 504):
                    raise Refused(f"HTTP {err.code}: {_summary(err.read())}") from None
                problem, wait = f"HTTP {err.code}", _retry_after(err.headers.get("Retry-After"))
            except (http.client.IncompleteRead, Truncated) as err:
                problem = f"incomplete response ({err})"
            except urllib.error.URLError as err:
                if _is_offline(err.reason):
                    raise Offline(f"{urllib.parse.urlsplit(url).netloc}: {err.reason}") from None
                problem = f"connection problem ({err.reason})"
            except (TimeoutError, ConnectionError, http.client.HTTPException) as err:
                problem = f"connection problem ({err.__class__.__name__}: {err})"
            if attempt == self.tries:
                raise Refused(f"{problem}; gave up after {self.tries} tries")
            wait = min(self.max_wait, self.backoff * 2 ** (attempt - 1) if wait is None else wait)
            self.log(f"    {problem}; try {attempt + 1} of {self.tries} in {wait:g} s")
            self.sleep(wait)
        raise AssertionError("unreachable")
