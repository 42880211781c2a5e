"""Policy briefing callbacks (/briefing/<code>): the report assembled from the Region page's builders and the
cluster stars, and Figure 4 redrawn when a threshold moves.

`briefing_report` and `figure4_data` return plain data (sections with sentence, figure, table, source), used by
the page and by the PDF / PowerPoint exports (callbacks/briefing_export.py) alike.
"""

from __future__ import annotations

import pandas as pd
from dash import Input, Output, State, html, no_update
from dash.exceptions import PreventUpdate

import caching
from callbacks import region as r
from components.chart_card import chart_card, data_table, with_csv
from components.figures.briefing import figure4, stars_map
from components.figures.maps import boundaries_url
from components.region_picker import region_label
from components.region_view import BAR_INNOVATION, attribution, headline_records, profile_parts
from data import briefing as say
from data import typology as ty
from data.build.stars import UNSUPPORTED
from data.chart_data import drawn, spec
from data.policy import plan_steps, region_support
from data.profile import (
    ECONOMIC,
    INNOVATION,
    PROFILE,
    default_year,
    named_cluster_organisations,
    participation_summary,
    region_info,
)
from data.queries import combine_attributions, source_line
from data.region import nace_labels
from data.store import current_tables
from pages import briefing as page
from state.briefing import briefing_search
from state.rankings import format_weights, parse_weights
from state.region import known

TOP_SECTORS = 15


def _level_word(level):
    return ty.LEVEL_WORDS.get(level, "regions")


def _attribution(tables, ids) -> str:
    return attribution(tables.sources, ids)


def default_peers(code: str) -> list[str]:
    """Its country's regions of its level (all EU countries for a country) plus, for a NUTS 2 region, its five
    most similar NUTS 2 regions elsewhere (the Region page's similarity on the profile indicators)."""
    tables = current_tables()
    info = region_info(tables.regions, code)
    regions = tables.regions[(tables.regions["level"] == info["level"]) & tables.regions["is_eu"]]
    if info["level"] > 0:
        regions = regions[regions["nuts0"] == info["nuts0"]]
    peers = regions["code"].tolist()
    if info["level"] == 2:
        year = default_year(tables.indicator_values, code)
        peers += [row["code"] for row in r.similar_data(code, year, list(PROFILE), 5, True)["rows"]]
    return [c for c in dict.fromkeys(peers) if c != code]


@caching.memoize
def figure4_data(codes: list, kind: str, c1: float, c2: float, s1, s2, weights: str, highlight: str) -> dict:
    """Figure 4 for `codes`: composite of each region among the EU regions of its level (the Rankings
    composite), total stars, the types; with the thresholds' note and one text row per region."""
    tables = current_tables()
    totals = ty.star_totals(tables.cluster_stars, kind)
    th = ty.star_thresholds(totals, kind, s1, s2)
    names = dict(zip(tables.regions["code"], tables.regions["name"]))
    levels = dict(zip(tables.regions["code"], tables.regions["level"].astype(int)))
    weight_map = parse_weights(weights, tables.indicators["id"].tolist(), []) if weights else None
    composite, method = {}, []
    labels = dict(zip(tables.indicators["id"], tables.indicators["short_label"]))
    for level in sorted({levels[c] for c in codes if c in levels}):
        res = ty.composite_by_level(tables.indicator_values, tables.indicators, tables.regions, level, weight_map)
        composite.update({k: v for k, v in res["value"].items() if pd.notna(v)})
        used = ", ".join(labels.get(i, i) for i in res["weights"]) or "none"
        method.append(
            f"{_level_word(level)}: {res['year'] or 'no year'}, equal weights over {used}"
            if not weight_map
            else f"{_level_word(level)}: {res['year']}, weights {format_weights(res['weights'])}"
        )
    stars = {c: totals["stars"].get(c) for c in codes}
    points = ty.figure4_points(codes, names, levels, composite, stars, th, c1, c2)
    kind_word = ty.KIND_WORDS[kind]
    title = (
        f"Composite indicator and cluster stars ({kind_word})<br><sup>{len(codes)} regions; types by composite "
        f"{c1:g} / {c2:g} and stars {th['low']:g} / {th['high']:g}</sup>"
    )
    fig = figure4(points, th, c1, c2, title, star_label=f"Cluster stars (total over {kind_word})", highlight=highlight)
    rows = [
        {
            "code": p["code"],
            "name": p["name"],
            "level": _level_word(p["level"]),
            "composite": f"{p['composite']:.3f}" if p["composite"] is not None else say.MISSING,
            "stars": f"{p['stars']:.0f}" if p["stars"] is not None else say.MISSING,
            "type": p["type_label"],
        }
        for p in points
    ]
    point = next((p for p in points if p["code"] == highlight), None)
    sentence = (
        say.figure4_sentence(point, points, _level_word(levels.get(highlight)), kind_word)
        if point
        else "; ".join(f"{p['code']}: {p['type_label']}" for p in points) + "."
    )
    method_note = (
        "Composite: the Rankings composite (min-max, arithmetic mean) over the EU regions of each region's "
        "own level, with the Rankings default year and indicators (" + "; ".join(method) + "). Stars: "
        "each region against the EU regions of its level. " + th["note"]
    )
    source = combine_attributions(
        [
            source_line(tables.indicators, tables.sources, list(weight_map or {}) or ["gdp_pc_pps", "gerd_pc_gdp"]),
            _attribution(tables, ["sbs"] + (["ecosystem_weights"] if kind == "ecosystem" else [])),
        ]
    )
    drawn_points = pd.DataFrame(
        [
            {
                "what": what,
                "unit": unit,
                "code": p["code"],
                "name": p["name"],
                "value": None if p[key] is None else round(p[key], 3),
            }
            for p in points
            for what, unit, key in (
                ("Composite indicator", "score, 0 to 1", "composite"),
                (f"Cluster stars (total over {kind_word})", "stars", "stars"),
            )
        ]
    )
    with_csv(fig, drawn(drawn_points, source=source + "; composite and stars: own calculation"))
    return {
        "figure": fig.to_plotly_json(),
        "rows": rows,
        "sentence": sentence,
        "note": method_note,
        "source": source + "; composite and stars: own calculation",
        "thresholds": th,
        "title": f"Figure 4: composite indicator and cluster stars ({kind_word})",
        "types": {p["code"]: p["type"] for p in points},
    }


FIG4_COLUMNS = {
    "code": "Code",
    "name": "Region",
    "level": "Compared with",
    "composite": "Composite",
    "stars": "Stars",
    "type": "Type",
}


def _section(key, title, sentence, source, figure=None, table=None, columns=None, note="", height=420):
    return {
        "key": key,
        "title": title,
        "sentence": sentence,
        "source": source,
        "figure": figure,
        "table": table or [],
        "columns": columns or {},
        "note": note,
        "height": height,
    }


def stars_section(code: str, kind: str = "nace") -> dict:
    tables = current_tables()
    info = region_info(tables.regions, code)
    totals = ty.star_totals(tables.cluster_stars, kind)
    labels = (
        nace_labels(tables)
        if kind == "nace"
        else dict(zip(tables.ecosystems["ecosystem_id"], tables.ecosystems["name"]))
    )
    rows = tables.cluster_stars
    rows = rows[(rows["region"] == code) & (rows["kind"] == kind)]
    judged = rows[rows["stars"].notna()].sort_values(["stars", "employment"], ascending=[False, False])

    def yes(v):
        return "unknown" if pd.isna(v) else ("★" if v else "–")

    top = [
        {"label": f"{s.sector} {labels.get(s.sector, '')}".strip(), "stars": int(s.stars)}
        for s in judged.itertuples()
        if s.stars > 0
    ][:TOP_SECTORS]
    table = [
        {
            "sector": f"{s.sector} {labels.get(s.sector, '')}".strip(),
            "size": yes(s.size),
            "specialisation": yes(s.specialisation),
            "focus": yes(s.focus),
            "stars": "unknown" if pd.isna(s.stars) else str(int(s.stars)),
            "lq": "" if pd.isna(s.lq) else f"{s.lq:.2f}",
            "basis": s.basis,
        }
        for s in pd.concat([judged[judged["stars"] > 0], rows[rows["stars"].isna()]]).itertuples()
    ]
    total = None
    if code in totals.index and pd.notna(totals.loc[code, "stars"]):
        t = totals.loc[code]
        total = {
            "stars": int(t["stars"]),
            "judged": int(t["judged"]),
            "unknown_sectors": int(t["unknown_sectors"]),
            "level_word": _level_word(info["level"]),
        }
    kind_word = ty.KIND_WORDS[kind]
    sentence = say.stars_sentence(total, top, info["name"], kind_word)
    at_level = totals[totals["level"] == info["level"]]
    level_regions = tables.regions[(tables.regions["level"] == info["level"]) & tables.regions["is_eu"]]
    df = pd.DataFrame({"code": level_regions["code"], "name": level_regions["name"]})
    df["value"] = df["code"].map(at_level["stars"]).astype("Float64").astype("float64")
    df["flag"] = None
    fig = stars_map(
        df,
        boundaries_url(info["level"], tables.version),
        f"Cluster stars by region ({kind_word}), EU {_level_word(info['level'])}, 2015",
        highlight=code,
    )
    with_csv(fig, spec("star_totals", sectors=kind, level=int(info["level"])))
    unsupported = " ".join(f"{k.capitalize()}: not computed, {why}." for k, why in UNSUPPORTED.items())
    note = (
        "Stars: size (employment in the top decile of the EU regions of the same level), specialisation "
        "(LQ ≥ 2), focus (share of the region's employment in the top decile). Only these three EOCIC criteria "
        "can be computed from the data. " + unsupported
    )
    return _section(
        "stars",
        f"Cluster stars ({kind_word})",
        sentence,
        _attribution(tables, ["sbs"] + (["ecosystem_weights"] if kind == "ecosystem" else []))
        + "; stars: own calculation",
        fig.to_plotly_json(),
        table,
        {
            "sector": "Sector",
            "size": "Size",
            "specialisation": "Specialisation",
            "focus": "Focus",
            "stars": "Stars",
            "lq": "LQ",
            "basis": "Basis",
        },
        note,
        height=520,
    )


def _policy_region(tables, code, frame):
    info = region_info(tables.regions, code)
    for candidate in (code, info.get("nuts1"), info.get("nuts0")):
        if candidate and (frame["region_code"] == candidate).any():
            return candidate
    return None


@caching.memoize
def briefing_report(code: str) -> dict:
    """The briefing's sections other than Figure 4, in the seeds' order, as plain data."""
    tables = current_tables()
    info = region_info(tables.regions, code)
    year = default_year(tables.indicator_values, code)
    headline = r.headline_data(code, year)
    who = headline["country_name"]
    name = info["name"]
    economy_rows, economy_columns = headline_records(headline, ECONOMIC)
    innovation_rows, innovation_columns = headline_records(headline, INNOVATION)
    sections = [
        _section(
            "economy",
            "Figure 1: key economic indicators",
            say.indicators_paragraph(headline["rows"], ECONOMIC, name, who),
            source_line(tables.indicators, tables.sources, ECONOMIC),
            headline["economy"],
            economy_rows,
            economy_columns,
        ),
        _section(
            "innovation",
            "Figure 2: technology indicators",
            say.indicators_paragraph(headline["rows"], BAR_INNOVATION, name, who),
            source_line(tables.indicators, tables.sources, INNOVATION),
            headline["innovation"],
            innovation_rows,
            innovation_columns,
        ),
    ]
    prof = profile_parts(tables, code, year, "bar")
    from data.profile import profile as profile_rows

    p = profile_rows(tables.indicator_values, tables.regions, tables.indicators, code, year).to_dict("records")
    sections.append(
        _section(
            "profile",
            "Figure 3: normalised profile",
            say.profile_sentence(p, name, who),
            source_line(tables.indicators, tables.sources, PROFILE),
            prof["figure"],
            prof["rows"],
            {
                "indicator": "Indicator",
                "year": "Year",
                "value": "Value",
                "score": "Score",
                "country": who or "Country",
                "country_score": "Score",
                "eu": "EU27",
                "eu_score": "Score",
                "range": "EU NUTS 2 range",
            },
            height=480,
        )
    )
    sections.append(stars_section(code))
    frames = tables.frames
    summary = (
        participation_summary(frames["participations"], tables.regions, code) if "participations" in frames else None
    )
    sections.append(
        _section(
            "programmes",
            "Programme participation",
            say.participation_sentence(summary, name),
            _attribution(tables, ["programmes_participants", "programmes_notes"]),
        )
    )
    orgs = named_cluster_organisations(frames["cluster_organisations"], tables.regions, code)
    names = tables.regions.set_index("code")["name"]
    where = region_label(names.get(orgs["region"], ""), orgs["region"]) if orgs["region"] else None
    co = frames["cluster_organisations"]
    listed = co[co["region_code"] == orgs["region"]].drop_duplicates("org_key") if orgs["region"] else co.iloc[0:0]
    sections.append(
        _section(
            "organisations",
            "Cluster organisations",
            say.organisations_sentence(orgs, name, where),
            _attribution(tables, sorted(set(listed["source_id"])))
            if len(listed)
            else "Documents searched: " + _attribution(tables, sorted(set(co["source_id"]))),
            table=[
                {"organisation": o.organisation, "described_as": o.described_as or "", "programme": o.programme or ""}
                for o in listed.itertuples()
            ],
            columns={"organisation": "Organisation", "described_as": "Described as", "programme": "Programme"},
        )
    )
    recs, actions = frames["policy_recommendations"], frames["policy_actions"]
    target = _policy_region(tables, code, recs)
    support = region_support(recs, target) if target else []
    plan_region = _policy_region(tables, code, actions)
    steps = plan_steps(actions, plan_region) if plan_region else pd.DataFrame()
    where = region_label(names.get(target, ""), target) if target else None
    table = [{"group": s.group, "step": s.step, "timing": s.timing} for s in steps.itertuples()] if len(steps) else []
    src = (
        sorted(
            set(recs.loc[recs["region_code"] == target, "source_id"])
            | (set(steps["source_id"]) if len(steps) else set())
        )
        if target or len(steps)
        else []
    )
    sections.append(
        _section(
            "policy",
            "Recommendations and action plan",
            say.policy_sentence(support, len(steps), where, name),
            _attribution(tables, src)
            if src
            else "Documents searched: "
            + _attribution(tables, sorted(set(recs["source_id"]) | set(actions["source_id"]))),
            table=table,
            columns={"group": "Action", "step": "Step", "timing": "Timing"},
        )
    )
    return {"code": code, "name": name, "year": year, "country_name": who, "level": info["level"], "sections": sections}


def section_component(section: dict):
    key = section["key"]
    body = [html.P(section["sentence"], className="briefing-sentence", id=f"briefing-sentence-{key}")]
    if section["figure"]:
        table = data_table(pd.DataFrame(section["table"]), section["columns"]) if section["table"] else None
        body.append(
            chart_card(
                f"briefing-{key}",
                section["title"],
                section["source"],
                height=section["height"],
                figure=section["figure"],
                table=table,
            )
        )
    else:
        if section["table"]:
            body.append(data_table(pd.DataFrame(section["table"]), section["columns"]))
        body.append(
            html.P(section["source"] or "Source: see Data & methods", className="source-line small text-body-secondary")
        )
    if section["note"]:
        body.append(html.P(section["note"], className="small text-body-secondary", id=f"briefing-note-{key}"))
    return html.Section([html.H2(section["title"], className="h5 mt-4 mb-2"), *body], id=f"briefing-{key}")


@caching.memoize
def sections_answer(code: str) -> dict:
    """The sections before Figure 4 (the headline charts and the profile) and after it, as components."""
    report = briefing_report(code)
    before = [s for s in report["sections"] if s["key"] in ("economy", "innovation", "profile")]
    after = [s for s in report["sections"] if s["key"] not in ("economy", "innovation", "profile")]
    return caching.plain(
        {"before": [section_component(s) for s in before], "after": [section_component(s) for s in after]}
    )


def figure4_codes(store: dict) -> list[str]:
    code = store["code"]
    peers = store.get("peers") or default_peers(code)
    return [code] + [c for c in peers if c != code]


@caching.memoize
def figure4_answer(codes: list, kind: str, c1, c2, s1, s2, weights: str, code: str) -> dict:
    data = figure4_data(codes, kind, c1, c2, s1, s2, weights, code)
    return caching.plain(
        {
            "figure": data["figure"],
            "table": data_table(pd.DataFrame(data["rows"]), FIG4_COLUMNS),
            "source": data["source"],
            "sentence": data["sentence"],
            "note": data["note"],
        }
    )


def _float(value, default):
    try:
        out = float(value)
    except (TypeError, ValueError):
        return default
    return out if out == out else default


def register(app):
    @app.callback(
        output={"before": Output(page.BEFORE, "children"), "after": Output(page.AFTER, "children")},
        inputs={"store": Input(page.STORE, "data")},
    )
    def fill_sections(store):
        codes = known(current_tables())[0]
        if not isinstance(store, dict) or store.get("code") not in codes:
            raise PreventUpdate
        return sections_answer(store["code"])

    fig4 = page.FIG4_IDS

    @app.callback(
        output={
            "figure": Output(fig4["graph"], "figure"),
            "table": Output(fig4["table"], "children"),
            "source": Output(fig4["source"], "children"),
            "sentence": Output(page.FIG4_SENTENCE, "children"),
            "note": Output(page.FIG4_NOTE, "children"),
        },
        inputs={
            "c1": Input(page.C1, "value"),
            "c2": Input(page.C2, "value"),
            "s1": Input(page.S1, "value"),
            "s2": Input(page.S2, "value"),
            "kind": Input(page.KIND, "value"),
            "store": State(page.STORE, "data"),
        },
    )
    def update_figure4(c1, c2, s1, s2, kind, store):
        codes_known = known(current_tables())[0]
        if not isinstance(store, dict) or store.get("code") not in codes_known:
            raise PreventUpdate
        c1, c2 = sorted((min(max(_float(c1, 0.5), 0), 1), min(max(_float(c2, 0.6), 0), 1)))
        s1 = _float(s1, None) if s1 not in (None, "") else None
        s2 = _float(s2, None) if s2 not in (None, "") else None
        kind = kind if kind in ty.KIND_WORDS else "nace"
        codes = [c for c in figure4_codes(store) if c in codes_known][:41]
        return figure4_answer(codes, kind, c1, c2, s1, s2, store.get("weights") or "", store["code"])

    @app.callback(
        Output(page.URL, "search"),
        Input(page.C1, "value"),
        Input(page.C2, "value"),
        Input(page.S1, "value"),
        Input(page.S2, "value"),
        Input(page.KIND, "value"),
        State(page.STORE, "data"),
        prevent_initial_call=True,
    )
    def sync_url(c1, c2, s1, s2, kind, store):
        if not isinstance(store, dict):
            return no_update
        c1, c2 = sorted((_float(c1, 0.5), _float(c2, 0.6)))
        weights = (
            parse_weights(store.get("weights") or "", current_tables().indicators["id"].tolist(), [])
            if store.get("weights")
            else None
        )
        return briefing_search(
            store.get("peers") if not store.get("pilots") else [],
            kind,
            c1,
            c2,
            _float(s1, None),
            _float(s2, None),
            weights,
            bool(store.get("pilots")),
            tuple(store.get("default_stars") or (None, None)),
        )
