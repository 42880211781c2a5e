"""Request bodies are limited per route: a 100 MB callback body gets 413 before it is read or parsed."""

import io
import json

import pytest

from benchmarks import hostile_files as hostile
from tests.callbacks.test_upload_probes import upload_body

HUNDRED_MB = 100_000_000


class Zeros(io.RawIOBase):
    """A body of `size` bytes made as it is read (the 100 MB never sits in memory), counting what was read."""

    def __init__(self, size):
        self.size, self.pos, self.read_bytes = size, 0, 0

    def readable(self):
        return True

    def seekable(self):  # the test client measures the body by seeking to its end
        return True

    def seek(self, offset, whence=0):
        self.pos = {0: offset, 1: self.pos + offset, 2: self.size + offset}[whence]
        return self.pos

    def tell(self):
        return self.pos

    def readinto(self, buf):
        n = max(min(len(buf), self.size - self.pos), 0)
        buf[:n] = b"0" * n
        self.pos += n
        self.read_bytes += n
        return n


@pytest.mark.parametrize("declared", [True, False], ids=["content-length", "chunked"])
def test_a_100_mb_callback_body_gets_413_and_is_not_read_whole(client, declared):
    body = Zeros(HUNDRED_MB)
    extra = (
        {} if declared else {"environ_overrides": {"wsgi.input_terminated": True, "HTTP_TRANSFER_ENCODING": "chunked"}}
    )
    seconds, growth, response = hostile.peak_rss_growth(
        lambda: client.post("/_dash-update-component", input_stream=body, content_type="application/json", **extra)
    )
    assert response.status_code == 413
    assert "at most 10,000,000 bytes" in response.get_data(as_text=True)
    assert body.read_bytes <= 10_100_000 and growth < 50e6


def test_other_routes_take_no_large_body_and_a_real_upload_still_fits(app, client):
    assert client.post("/health", data=b"x" * 20_000).status_code == 413
    two_mb_csv = b"cluster,year,member_type\n" + b"A,2023,SME\n" * 180_000
    response = client.post("/_dash-update-component", json=upload_body(app, "members", "big.csv", two_mb_csv))
    assert response.status_code == 200
    chunked = client.post(
        "/_dash-update-component",
        data=json.dumps(upload_body(app, "members", "m.csv", b"a\n1\n")),
        content_type="application/json",
        environ_overrides={"wsgi.input_terminated": True, "HTTP_TRANSFER_ENCODING": "chunked"},
    )
    assert chunked.status_code == 200 and b"Wrong columns" not in chunked.data and b"members" in chunked.data


def test_the_limit_is_a_setting(tables):
    from app import create_app
    from settings import Settings

    small = create_app(Settings.from_env({"MAX_CONTENT_LENGTH": "200000"}), tables=tables).server.test_client()
    assert (
        small.post("/_dash-update-component", data=b"{" * 300_000, content_type="application/json").status_code == 413
    )
