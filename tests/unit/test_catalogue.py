"""The indicator catalogue is the one place an indicator's properties are written."""

import pytest

from data import catalogue, composite
from data.build.indicators import indicators_table
from data.build.sources import build_sources


def _like(base_id: str, **changes) -> dict:
    base = next(item for item in catalogue.INDICATORS if item["id"] == base_id)
    return {**{k: v for k, v in base.items() if k not in ("composite", "composite_note", "groups")}, **changes}


def test_a_new_size_dependent_economic_indicator_stays_out_of_the_default_composite(monkeypatch):
    new = _like("gdp_meur", id="gva_meur", label="GVA at basic prices", theme="economy")
    monkeypatch.setattr(catalogue, "INDICATORS", [*catalogue.INDICATORS, new])
    table = indicators_table()
    assert "gva_meur" in table["id"].tolist()
    assert "gva_meur" not in composite.default_candidates(table)
    assert "gva_meur" in catalogue.size_dependent()


def test_only_an_explicit_entry_makes_a_composite_member(monkeypatch):
    new = _like("gdp_meur", id="gva_meur", composite=True)
    monkeypatch.setattr(catalogue, "INDICATORS", [*catalogue.INDICATORS, new])
    assert "gva_meur" in composite.default_candidates(indicators_table())


def test_the_tables_and_groups_come_from_the_catalogue():
    ids = [item["id"] for item in catalogue.INDICATORS]
    assert indicators_table()["id"].tolist() == ids
    sources = set(build_sources()["id"])
    assert {item["source"]["id"] for item in catalogue.INDICATORS} <= sources
    assert catalogue.group("innovation") == ("gerd_pc_gdp", "rd_personnel_fte", "patents_per_million")
    assert set(catalogue.group("profile")).isdisjoint(catalogue.size_dependent())


@pytest.mark.parametrize("change, message", [({"theme": "culture"}, "theme"), ({"groups": {"map": 1}}, "groups")])
def test_a_wrong_entry_is_named(change, message):
    with pytest.raises(ValueError, match=message):
        catalogue.check([_like("gdp_meur", **change)])


def test_a_missing_property_is_named():
    entry = _like("gdp_meur")
    del entry["size_dependent"]
    with pytest.raises(ValueError, match="size_dependent"):
        catalogue.check([entry])
