"""CONTRIBUTING.md, "Add an indicator", followed step by step with a fake indicator: a raw file, one catalogue
entry, a rebuild; then the indicator is on Overview, Region, Rankings and Data & methods."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from app import create_app
from benchmarks.harness import call, payload
from data import catalogue
from data.build.__main__ import main as build
from data.store import load_tables
from settings import DEFAULT_DATA_DIR

FAKE = "fake_robots_per_job"
LABEL = "Industrial robots per thousand jobs (fake)"
ENTRY = {
    "id": FAKE,
    "label": LABEL,
    "short_label": "Robots / 1000 jobs",
    "unit": "robots per thousand jobs",
    "description": "A fake indicator that tests/callbacks/test_add_indicator.py adds the way CONTRIBUTING.md says.",
    "higher_is_better": True,
    "theme": "innovation",
    "decimals": 1,
    "nuts_version": "2024",
    "additive": False,
    "benchmark_note": None,
    "size_dependent": False,
    "source": catalogue.eurostat(
        "fake_robots", "fake_rob_01", "Fake robot density", "fake/robots.csv", "NUTS 2 (2024), 2021-2022"
    ),
    "file": "fake/robots.csv",
    "reader": "simple",
    "filters": {"unit": "R_THS"},
}
TOP = "987.6"  # FRE1's 2022 value, far above every other region's


def _raw_with_the_fake_file(raw, folder):
    """Step 1: the raw folder with one more file (links to the real inputs beside it)."""
    for child in raw.iterdir():
        (folder / child.name).symlink_to(child)
    regions = pd.read_parquet(DEFAULT_DATA_DIR / "regions.parquet")
    codes = regions.loc[(regions["level"] == 2) & regions["is_eu"], "code"].tolist()
    rows = [
        {
            "freq": "A",
            "unit": "R_THS",
            "geo": code,
            "time": year,
            "obs_value": TOP if (code, year) == ("FRE1", 2022) else f"{10 + i * 0.1 + year - 2021:.1f}",
        }
        for year in (2021, 2022)
        for i, code in enumerate(codes)
    ]
    (folder / "fake").mkdir()
    pd.DataFrame(rows).to_csv(folder / "fake" / "robots.csv", index=False)


@pytest.fixture(scope="module")
def app(raw, tmp_path_factory):
    folder, out = tmp_path_factory.mktemp("raw"), tmp_path_factory.mktemp("tables")
    _raw_with_the_fake_file(raw, folder)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(catalogue, "INDICATORS", [*catalogue.INDICATORS, ENTRY])  # step 2: the catalogue entry
        assert build(["--raw", str(folder), "--out", str(out)]) == 0  # step 3: the rebuild
        yield create_app(tables=load_tables(out))


@pytest.fixture(scope="module")
def client(app):
    return app.server.test_client()


def _page(client, app, path, search=""):
    body = payload(app, "_pages_content", {"_pages_location.pathname": path, "_pages_location.search": search})
    return json.dumps(call(client, app, body).get_json(), ensure_ascii=False)


def _answer(client, app, output, values) -> str:
    return json.dumps(call(client, app, payload(app, output, values)).get_json(), ensure_ascii=False)


def test_the_rebuilt_tables_hold_the_fake_indicator(app):
    tables = app.server.extensions["eu_cluster_tables"]
    row = tables.indicators.set_index("id").loc[FAKE]
    assert row["label"] == LABEL and row["source_id"] == "fake_robots" and row["default_year"] == 2022
    assert "Fake robot density" in tables.sources["title"].tolist()


def test_it_is_on_overview(app, client):
    from pages import overview

    client.get("/")
    assert LABEL in _page(client, app, "/", f"?indicator={FAKE}")
    answer = _answer(
        client,
        app,
        overview.HEADLINES + ".children",
        {overview.INDICATOR + ".value": FAKE, overview.YEAR + ".value": 2022, overview.LEVEL + ".value": 2},
    )
    assert "Nord-Pas de Calais" in answer and TOP in answer


def test_it_is_on_region(app, client):
    client.get("/")
    assert LABEL in _page(client, app, "/region/FRE1", f"?ts={FAKE}")
    series = _answer(
        client,
        app,
        '"index":"region-timeseries"',
        {
            "region-ts.value": FAKE,
            "region-year.value": 2022,
            "region-store.data": {"code": "FRE1", "default_year": 2022},
        },
    )
    assert f"{LABEL}: Nord-Pas de Calais" in series and TOP in series


def test_it_is_on_rankings(app, client):
    client.get("/")
    page = _page(client, app, "/rankings", f"?indicator={FAKE}&year=2022")
    assert LABEL in page and f'"id": {{"type": "rankings-weight", "index": "{FAKE}"}}' in page  # its weight
    values = {
        "indicator": FAKE,
        "year": 2022,
        "cmp": 2021,
        "level": 2,
        "eu": True,
        "countries": [],
        "ecosystem": None,
        "lq": 1.5,
        "programme": None,
        "basket": [],
        "mark": [],
        "n": 10,
        "weights": f"{FAKE}:1",
        "norm": "minmax",
        "agg": "arithmetic",
        "draws": 200,
        "conc": 20,
        "seed": 1,
    }
    ranking = _answer(
        client,
        app,
        "rankings-summary.children",
        {f"rankings-{k}.{'data' if k == 'weights' else 'value'}": v for k, v in values.items()},
    )
    assert "Nord-Pas de Calais" in ranking and TOP in ranking


def test_it_is_on_data_and_methods(app, client):
    client.get("/")
    page = _page(client, app, "/data")
    assert LABEL in page and ENTRY["description"] in page and "Fake robot density" in page


def test_it_is_not_in_the_default_composite_unless_the_catalogue_says_so(app):
    from data.composite import default_candidates

    tables = app.server.extensions["eu_cluster_tables"]
    assert FAKE in tables.indicators["id"].tolist() and FAKE not in default_candidates(tables.indicators)
