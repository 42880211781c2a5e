"""Time Dash callbacks on the server, in process, next to the no-op callback of the same app.

Builds the request Dash's renderer would send (POST /_dash-update-component) from the app's own callback
map, so a benchmark names a callback by one of its outputs and gives the input values.
"""

from __future__ import annotations

import gzip
import json
import statistics
import time

from components.chart_card import VISIBLE


def find_callback(app, output: str) -> tuple[str, dict]:
    """The callback whose output key contains `output` (e.g. 'overview-map' or 'noop-output.children')."""
    matches = [(k, v) for k, v in app.callback_map.items() if output in k]
    if len(matches) != 1:
        raise KeyError(f"{len(matches)} callbacks match {output!r}: {[k[:80] for k, _ in matches]}")
    return matches[0]


def _ids(key: str) -> list[tuple[str, str]]:
    parts = key.strip(".").split("...") if key.startswith("..") else [key]
    out = []
    for part in parts:
        ident, prop = part.rsplit(".", 1)
        out.append((json.loads(ident) if ident.startswith("{") else ident, prop))
    return out


def payload(app, output: str, values: dict) -> dict:
    """The JSON body for one call; `values` maps 'id.prop' (string ids) or (id, prop) to a value."""
    key, spec = find_callback(app, output)

    def value_of(ident, prop):
        name = ident if isinstance(ident, str) else json.dumps(ident, sort_keys=True)
        # A card drawn when scrolled into view (components/chart_card.py) counts as in view unless told otherwise.
        default = True if isinstance(ident, dict) and ident.get("type") == VISIBLE else None
        return values.get(f"{name}.{prop}", values.get((name, prop), default))

    def item(dep):
        ident = json.loads(dep["id"]) if dep["id"].startswith("{") else dep["id"]
        return {"id": ident, "property": dep["property"], "value": value_of(ident, dep["property"])}

    outputs = [{"id": i, "property": p} for i, p in _ids(key)]
    inputs = [item(d) for d in spec["inputs"]]
    return {
        "output": key,
        "outputs": outputs if key.startswith("..") else outputs[0],
        "inputs": inputs,
        "state": [item(d) for d in spec.get("state", [])],
        "changedPropIds": [
            f"{json.dumps(i['id']) if isinstance(i['id'], dict) else i['id']}.{i['property']}" for i in inputs[:1]
        ],
    }


def call(client, app, body: dict):
    prefix = app.config.routes_pathname_prefix
    response = client.post(f"{prefix}_dash-update-component", json=body)
    if response.status_code not in (200, 204):
        raise RuntimeError(
            f"callback {body['output'][:60]} answered {response.status_code}: {response.get_data(as_text=True)[:300]}"
        )
    return response


def time_calls(client, app, bodies: list[dict], repeat: int) -> list[float]:
    """Seconds per call, cycling through `bodies` (varied arguments so the cache is exercised honestly)."""
    times = []
    for n in range(repeat):
        body = bodies[n % len(bodies)]
        start = time.perf_counter()
        call(client, app, body)
        times.append(time.perf_counter() - start)
    return times


def summary(name: str, times: list[float], noop_median: float | None = None) -> str:
    times = sorted(times)
    median = statistics.median(times)
    p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
    ratio = f"  {median / noop_median:5.1f}x no-op" if noop_median else ""
    return f"{name:<44} median {median * 1000:8.2f} ms   p95 {p95 * 1000:8.2f} ms{ratio}"


def payload_sizes(client, app, body: dict) -> tuple[int, int]:
    """(raw bytes, gzip bytes) of one callback response."""
    raw = call(client, app, body).get_data()
    return len(raw), len(gzip.compress(raw))


def noop_baseline(client, app, repeat: int) -> float:
    """Time the no-op callback, print it, and return its median (the yardstick of every other figure)."""
    bodies = [payload(app, "noop-output.children", {"noop-input.data": n}) for n in range(3)]
    times = time_calls(client, app, bodies, repeat)
    print(summary("no-op", times))
    return statistics.median(times)
