"""Cluster organisations page callbacks: directory filters, template downloads, monitoring uploads and charts.

The directory, the files' status and the charts are built by components/clusters_view.py; here the controls and
the browser store are checked and wired to them by name.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
from dash import ALL, Input, Output, State, ctx, dcc, no_update

import caching
from components import clusters_view as view
from components.chart_parts import chart_outputs
from components.language import PAGE_LANGUAGE, page_language
from data import policy as queries
from data.store import current_tables
from data.tables_export import safe_csv
from i18n import translator
from pages.clusters import (
    DIRECTORY,
    DIRECTORY_COUNT,
    DOWNLOAD,
    EXAMPLE,
    KPI,
    MON_FUNDING,
    MON_KPI,
    MON_MEMBERS,
    PROGRAMME,
    RAW_STORE,
    REGION,
    STATUS,
    TEMPLATE_BUTTON,
    UPLOAD,
    URL,
    YEAR,
)
from state.clusters import clusters_search

KEYS = view.KEYS


@caching.memoize
def directory_outputs(region: str, programme: str, lang: str = "en") -> list:
    """The directory answer as plain data per validated choice and language (a warm call is one cache read)."""
    return caching.plain(list(view.directory_view(current_tables(), region, programme, lang)))


def pick(value, allowed, default=""):
    """A control's value if it is one of the allowed strings, else the default (hostile input never raises)."""
    return value if isinstance(value, str) and value in allowed else default


def _valid_entry(entry) -> bool:
    """A store entry as receive_upload writes it (anything else in the store is ignored)."""
    if not isinstance(entry, dict) or not isinstance(entry.get("filename"), str):
        return False
    if "error" in entry:
        return isinstance(entry["error"], str)
    cols, rows = entry.get("columns"), entry.get("rows")
    return (
        isinstance(cols, list)
        and all(isinstance(c, str) for c in cols)
        and isinstance(rows, list)
        and all(isinstance(r, list) and len(r) == len(cols) for r in rows)
    )


def _raw_frame(entry) -> pd.DataFrame | None:
    if not entry or entry.get("error"):
        return None
    df = pd.DataFrame(entry["rows"], columns=entry["columns"], dtype="object").fillna("").astype(str)
    df.attrs["too_wide"] = entry.get("too_wide", [])
    return df


def _entry(df: pd.DataFrame, filename: str, origin: str) -> dict:
    return {
        "filename": filename,
        "origin": origin,
        "columns": list(df.columns),
        "rows": df.values.tolist(),
        "too_wide": df.attrs.get("too_wide", []),
    }


def server_files(data_dir: Path) -> dict:
    """Monitoring files an operator placed in DATA_DIR/monitoring/, as store entries."""
    out = {}
    for key, found in queries.monitoring_files(Path(data_dir) / "monitoring").items():
        if "error" in found:
            out[key] = {"filename": found["filename"], "origin": "server", "error": found["error"]}
        else:
            out[key] = _entry(found["frame"], found["filename"], "server")
    return out


def loaded_tables(tables, stored: dict | None, example: bool, lang: str = "en") -> dict:
    """What is charted: the example files (in `lang`), or the server files overridden table by table by the
    uploads."""
    if example:
        return {
            key: _entry(
                queries.example_frame(key, lang).astype(str).replace({"nan": "", "None": ""}),
                f"example {key} file",
                "example",
            )
            for key in KEYS
        }
    entries = server_files(tables.data_dir)
    if isinstance(stored, dict):
        entries.update({k: {**v, "origin": "upload"} for k, v in stored.items() if k in KEYS and _valid_entry(v)})
    return entries


def _checked(tables, stored: dict | None, example: bool, lang: str) -> tuple[dict, dict, dict, list[int]]:
    """The loaded files, their validation, the accepted rows of each table and the years they cover."""
    entries = loaded_tables(tables, stored, example, lang)
    raw = {k: _raw_frame(e) for k, e in entries.items()}
    orgs = tables.cluster_organisations
    directory = set(orgs.loc[orgs["is_cluster"] == "yes", "organisation"])
    results = queries.validate_all(raw, set(tables.regions["code"]), directory, lang)
    accepted = {
        k: (results[k].accepted if k in results else pd.DataFrame(columns=queries.TEMPLATES[k].names)) for k in KEYS
    }
    years = sorted(
        set(queries.monitoring_years(accepted["management"])) | {int(y) for y in accepted["members"]["year"]}
    )
    return entries, results, accepted, years


def checked_files(tables, stored: dict | None, example: bool, lang: str = "en"):
    """`_checked`; the example files' (the same for every visitor) kept with the tables per language, read-only."""
    if example:
        return tables.memo(("clusters-example-checked", lang), lambda: _checked(tables, None, True, lang))
    return _checked(tables, stored, example, lang)


def uploads_key(stored) -> str:
    """The uploads the charts read (valid store entries of known tables) as canonical JSON: the content part of
    the monitoring answer's cache key ("" when nothing was uploaded)."""
    if not isinstance(stored, dict):
        return ""
    kept = {k: v for k, v in stored.items() if k in KEYS and _valid_entry(v)}
    return json.dumps(kept, sort_keys=True, separators=(",", ":"), ensure_ascii=False) if kept else ""


def server_files_key(data_dir: Path) -> str:
    """Which operator files DATA_DIR/monitoring/ holds, with their size and time of change (cache key part)."""
    folder = Path(data_dir) / "monitoring"
    parts = []
    for key in KEYS:
        for ext in ("csv", "xlsx"):
            path = folder / f"{key}.{ext}"
            try:
                stat = path.stat()
            except OSError:
                continue
            parts.append(f"{path.name}:{stat.st_size}:{stat.st_mtime_ns}")
    return "|".join(parts)


YEARS_KEPT = (1990, 2100)


@caching.memoize
def monitoring_answer(uploads: str, server: str, example: bool, year: int | None, kpi: str, lang: str = "en") -> dict:
    """The monitoring answer as plain data per uploaded content (`uploads_key`), operator files (`server`, only
    part of the key), choices and language: a warm call is one cache read."""
    _ = translator(lang)
    stored = json.loads(uploads) if uploads else None
    entries, results, accepted, years = checked_files(current_tables(), stored, example, lang)
    year_note = None
    if year is not None and years and year not in years:
        year_note = _("The loaded files have no row for {year}: showing the latest year of each file instead.").format(
            year=year
        )
    chosen = year if year is not None and year in years else None
    return caching.plain(
        {
            "status": view.status_view(entries, results, example, year_note, lang),
            "years": [{"label": str(y), "value": y} for y in years],
        }
        | view.monitoring_charts(entries, accepted, chosen, kpi, example, lang)
    )


def register(app):
    @app.callback(
        Output(DIRECTORY, "children"),
        Output(DIRECTORY_COUNT, "children"),
        Input(REGION, "value"),
        Input(PROGRAMME, "value"),
        State(PAGE_LANGUAGE, "data"),
    )
    def update_directory(region, programme, lang=None):
        tables = current_tables()
        orgs = tables.cluster_organisations
        region = pick(region, {c for c, _ in queries.directory_regions(orgs, tables.regions)})
        programme = pick(programme, set(queries.directory_programmes(orgs)))
        return directory_outputs(region, programme, page_language(lang))

    @app.callback(
        Output(DOWNLOAD, "data"),
        Input({"type": TEMPLATE_BUTTON, "key": ALL, "fmt": ALL}, "n_clicks"),
        State(PAGE_LANGUAGE, "data"),
        prevent_initial_call=True,
    )
    def download_template(_clicks, lang=None):
        trigger = ctx.triggered_id
        if (
            not isinstance(trigger, dict)
            or not isinstance(_clicks, list)
            or not any(isinstance(c, int) and c > 0 for c in _clicks)
        ):
            return no_update
        key, fmt = trigger.get("key"), trigger.get("fmt")
        if key not in queries.TEMPLATES:
            return no_update
        lang = page_language(lang)
        if fmt == "xlsx":
            return dcc.send_bytes(queries.template_xlsx(key, lang=lang), f"cluster-{key}-template.xlsx")
        if fmt == "example":
            return {
                "content": safe_csv(queries.example_frame(key, lang), lineterminator="\n"),
                "filename": f"cluster-{key}-EXAMPLE-not-real-data.csv",
                "type": "text/csv",
            }
        return {
            "content": safe_csv(queries.template_frame(key), lineterminator="\n"),
            "filename": f"cluster-{key}-template.csv",
            "type": "text/csv",
        }

    @app.callback(
        Output(RAW_STORE, "data"),
        [Input(UPLOAD[k], "contents") for k in KEYS],
        [State(UPLOAD[k], "filename") for k in KEYS],
        State(RAW_STORE, "data"),
        State(PAGE_LANGUAGE, "data"),
        prevent_initial_call=True,
    )
    def receive_upload(*args):
        contents, filenames = args[: len(KEYS)], args[len(KEYS) : 2 * len(KEYS)]
        lang = page_language(args[-1])
        _ = translator(lang)
        stored = {k: v for k, v in (args[-2] if isinstance(args[-2], dict) else {}).items() if k in KEYS}
        trigger = ctx.triggered_id
        if not isinstance(trigger, str) or trigger not in UPLOAD.values():
            return no_update
        key = next(k for k, v in UPLOAD.items() if v == trigger)
        i = KEYS.index(key)
        name = str(filenames[i])[:120] if isinstance(filenames[i], str) and filenames[i] else "file"
        try:
            if not isinstance(contents[i], str):
                raise queries.UploadError(_("No file was received."))
            # The browser keeps the parsed table, cut to the columns the page uses, never the file itself.
            df = queries.kept_table(key, queries.read_upload(contents[i], name, lang))
            stored[key] = _entry(df, name, "upload")
        except queries.UploadError as err:
            stored[key] = {"filename": name, "origin": "upload", "error": str(err)}
        return stored

    @app.callback(
        output={
            "status": Output(STATUS, "children"),
            "years": Output(YEAR, "options"),
            "members": chart_outputs(MON_MEMBERS),
            "funding": chart_outputs(MON_FUNDING),
            "kpis": chart_outputs(MON_KPI),
        },
        inputs={
            "stored": Input(RAW_STORE, "data"),
            "example": Input(EXAMPLE, "value"),
            "year": Input(YEAR, "value"),
            "kpi": Input(KPI, "value"),
            "lang": State(PAGE_LANGUAGE, "data"),
        },
    )
    def update_monitoring(stored, example, year, kpi, lang=None):
        tables = current_tables()
        example = example is True
        # A year outside any monitoring period is no choice (and, being part of the cache key, would let invented
        # values add cache entries): the latest year is shown, as for no year.
        plausible = isinstance(year, int) and not isinstance(year, bool) and YEARS_KEPT[0] <= year <= YEARS_KEPT[1]
        year = year if plausible else None
        return monitoring_answer(
            "" if example else uploads_key(stored),
            "" if example else server_files_key(tables.data_dir),
            example,
            year,
            pick(kpi, queries.KPI_COLUMNS, "joint_projects_actions"),
            page_language(lang),
        )

    @app.callback(
        Output(URL, "search"),
        Input(REGION, "value"),
        Input(PROGRAMME, "value"),
        Input(EXAMPLE, "value"),
        Input(YEAR, "value"),
        Input(KPI, "value"),
        prevent_initial_call=True,
    )
    def sync_url(region, programme, example, year, kpi):
        year = year if isinstance(year, int) and not isinstance(year, bool) else None
        return clusters_search(
            pick(region, {region} if isinstance(region, str) else set()),
            pick(programme, {programme} if isinstance(programme, str) else set()),
            1 if example is True else 0,
            year,
            pick(kpi, queries.KPI_COLUMNS, None),
        )
