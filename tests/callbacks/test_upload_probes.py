"""The probes of issue 15 against the real upload callback: each hostile file is answered at once, with a message
naming its limit, without the worker growing, and nothing of the file comes back in the answer."""

import json

import pytest

from benchmarks import hostile_files as hostile
from benchmarks.harness import payload
from pages.clusters import RAW_STORE, UPLOAD

PROBES = {
    "column bomb (.xlsx, one cell at ZZZZ)": ("bomb.xlsx", hostile.column_bomb, "past the limit of 50 columns"),
    "zip bomb (.xlsx, a 200-million-character cell)": (
        "cell.xlsx",
        hostile.huge_cell,
        "once unzipped, past the limit of 20 MB",
    ),
    "CSV with 50,000 columns": ("wide.csv", hostile.wide_csv, "past the limit of 50 columns"),
}


def upload_body(app, key, filename, data):
    body = payload(
        app,
        f"{RAW_STORE}.data",
        {
            f"{UPLOAD[key]}.contents": hostile.data_url(data),
            f"{UPLOAD[key]}.filename": filename,
            f"{RAW_STORE}.data": {},
        },
    )
    return {**body, "changedPropIds": [f"{UPLOAD[key]}.contents"]}


@pytest.mark.parametrize("probe", list(PROBES))
def test_a_hostile_upload_is_refused_within_2_s_and_50_mb(app, client, probe):
    filename, build, message = PROBES[probe]
    body = upload_body(app, "members", filename, build())
    client.post("/_dash-update-component", json=upload_body(app, "members", "warm.csv", b"a\n1\n"))  # imports
    seconds, growth, response = hostile.peak_rss_growth(lambda: client.post("/_dash-update-component", json=body))
    assert response.status_code == 200
    stored = json.loads(response.data)["response"][RAW_STORE]["data"]["members"]
    assert message in stored["error"], stored
    assert len(response.data) < 2000  # the file does not come back
    assert seconds < 2, f"{probe}: {seconds:.2f} s"
    assert growth < 50e6, f"{probe}: {growth / 1e6:.0f} MB"


def test_the_store_keeps_the_parsed_charted_columns_not_the_file(app, client):
    text = b"cluster,year,member,member_type,in_governance,extra\nA,2023,Secret Name,SME,yes,x\n"
    body = upload_body(app, "members", "m.csv", text)
    stored = json.loads(client.post("/_dash-update-component", json=body).data)["response"][RAW_STORE]["data"]
    assert stored["members"]["columns"] == ["cluster", "year", "member", "member_type", "in_governance", "extra"]
    assert stored["members"]["rows"] == []  # wrong columns: only the header is kept, to say what is wrong
    body = upload_body(app, "members", "m.csv", text.replace(b",extra", b"").replace(b",x", b""))
    stored = json.loads(client.post("/_dash-update-component", json=body).data)["response"][RAW_STORE]["data"]
    assert stored["members"]["columns"] == ["cluster", "year", "member_type", "in_governance"]
    assert stored["members"]["rows"] == [["A", "2023", "SME", "yes"]]
    assert b"Secret Name" not in json.dumps(stored).encode()
