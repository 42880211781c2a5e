"""Peer-review pack requests as the browser sends them (start the background callback, then poll it), for the
job-queue tests and benchmarks/hardening_uploads_jobs.py."""

from __future__ import annotations

import json
import time

from benchmarks.harness import payload

ENDPOINT = "/_dash-update-component"


def pack_body(app, n: int, code: str = "FRE1") -> dict:
    """The Region page's pack request; `n` makes the link (and so the job's cache key) distinct."""
    return payload(
        app,
        "region-pack-download.data",
        {
            "region-pack-button.n_clicks": 1,
            "region-store.data": {"code": code, "default_year": 2021},
            "region-year.value": 2021,
            "region-url.href": f"http://127.0.0.1/region/{code}?request={n}",
        },
    )


def start(client, body) -> dict:
    """The first answer: the signed handles of the job (cacheKey, job)."""
    response = client.post(ENDPOINT, json=body)
    assert response.status_code == 200, response.status_code
    return json.loads(response.data)


def poll(client, body, handles, timeout: float = 180, every: float = 0.25) -> dict:
    """Poll as the browser does until the job answers; its outputs {component id: {prop: value}}."""
    if "response" in handles:  # Dash answered the first request itself (no job to poll)
        return handles["response"]
    # A first answer without a cache key has no job to poll: say what it was instead of polling "None" until the
    # timeout (seen in the Celery test: GET None-set_props for minutes).
    assert handles.get("cacheKey"), f"the first answer started no job: {str(handles)[:300]}"
    query = f"?cacheKey={handles['cacheKey']}&job={handles['job']}"
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        response = client.post(ENDPOINT + query, json=body)
        assert response.status_code in (200, 204), response.status_code
        data = json.loads(response.data) if response.status_code == 200 else {}
        if "response" in data:
            return data["response"]
        time.sleep(every)
    raise TimeoutError("the job did not answer")


def status_text(outputs: dict) -> str:
    status = outputs.get("region-pack-status", {}).get("children")
    return json.dumps(status) if not isinstance(status, str) else status
