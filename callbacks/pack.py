"""The peer-review pack of the Region and Compare pages, as background callbacks.

Drawing a chart with kaleido takes a browser and a few hundred milliseconds, so the pack is made as a long job
(Dash's background callbacks, queued by jobs.py): the request returns at once, the page polls for progress, and
other users' callbacks never wait behind an export.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from dash import Input, Output, State, dcc, html, no_update

from components.language import PAGE_LANGUAGE, page_language
from components.pack_controls import pack_ids
from components.peer_review_pack import ChartSlide, Pack, TableSlide, make_pack
from data.profile import DISTANCE_NOTE, ECONOMIC, INNOVATION
from data.queries import source_line
from data.store import current_tables
from i18n import format_day, format_number, ntranslator, translator
from jobs import BUSY, JobsBusy, when_busy

log = logging.getLogger(__name__)
JOBS = "eu_cluster_jobs"  # app.server.extensions key of the background callbacks' manager (set by app.create_app)

# Each export runs a headless chromium (about 500 MB for 4-5 s, benchmarks/pack.py): jobs.py queues them, at most
# JOBS_RUNNING drawing at once and JOBS_WAITING waiting; the others are told the server is busy.


def _now(lang: str = "en") -> str:
    """When an export was made: '2026-12-04 16:20 UTC' in English, '4 décembre 2026, 16:20 UTC' in French."""
    now = datetime.now(UTC)
    if lang == "en":
        return now.strftime("%Y-%m-%d %H:%M UTC")
    return f"{format_day(now.date(), lang)}, {now.strftime('%H:%M')} UTC"


def _file_name(text: str) -> str:
    return "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in text)[:80]


def region_pack(state: dict, link: str, lang: str = "en") -> tuple[Pack, str]:
    """The Region page's current view as a pack: key figures, comparison bars, time series, profile,
    specialisation and similar regions (the page's parts read by name), all in `lang`: the pack's own text and the
    Region page's charts and tables, drawn by its builders in that language."""
    from callbacks import region as r
    from components.region_view import headline_records

    _ = translator(lang)
    tables = current_tables()
    code, year = state["code"], state["year"]
    headline = r.headline_answer(code, year, state["default_year"], lang)
    economy, innovation, note = headline["economy"], headline["innovation"], headline["year_note"]
    timeseries = r.timeseries_answer(*r.explorer_args(state, lang))
    profile = r.profile_answer(code, year, state["view"], lang)
    specialisation = r.specialisation_answer(code, lang)
    data = r.headline_data(code, year, lang)
    records, labels = headline_records(data, ECONOMIC + INNOVATION, lang)
    slides = [
        TableSlide(
            _("Key figures: {region}, reference year {year}").format(region=data["name"], year=year),
            source_line(tables.indicators, tables.sources, ECONOMIC + INNOVATION, lang),
            list(labels.values()),
            [[str(row[key]) for key in labels] for row in records],
            note=note,
        ),
        chart_slide(economy, note),
        chart_slide(innovation, note),
        chart_slide(timeseries, timeseries["note"]),
        chart_slide(profile),
        chart_slide(specialisation["ecosystems"]),
        chart_slide(specialisation["nace"]),
    ]
    similar = r.similar_data(code, year, state["sim"], state["k"], state["excl"])
    if similar["rows"]:
        slides.append(
            TableSlide(
                _("Regions with the most similar profile to {region}").format(region=data["name"]),
                profile["source"],
                [_("Region"), _("Distance"), _("Indicators compared")],
                [
                    [
                        f"{s['name']} ({s['code']})",
                        format_number(float(f"{s['distance']:.3f}"), lang, 3),
                        str(s["shared"]),
                    ]
                    for s in similar["rows"]
                ],
                note=_(DISTANCE_NOTE).format(min_shared=similar["need"]),
            )
        )
    who = data["country_name"]
    subtitle = (
        _("Compared with {country} and the EU27 · reference year {year}")
        if who
        else _("Compared with the EU27 · reference year {year}")
    ).format(country=who, year=year)
    pack = Pack(f"{data['name']} ({code})", subtitle, tables.version, link, _now(lang), slides, lang=lang)
    return pack, _file_name(f"peer-review-{code}-{year}") + ".pptx"


def compare_pack(state: dict, link: str, lang: str = "en") -> tuple[Pack, str]:
    """The Compare page's current view as a pack: side-by-side values, profiles and the quadrant scatter. The
    pack's own text is in `lang`; the charts and the table are the Compare page's."""
    from callbacks import compare as c

    _, ngettext = translator(lang), ntranslator(lang)
    tables = current_tables()
    codes, year = state["regions"], state["year"]
    data = c.compare_data(codes, year, state["view"], lang)
    answer = c.compare_answer(codes, year, state["view"], state["default_year"], lang)
    scatter = c.scatter_answer(codes, year, state["x"], state["y"], lang)
    columns = list(data["columns"].values())
    rows = [[row.get(key, "") for key in data["columns"]] for row in data["table"]]
    slides = [
        TableSlide(
            _("Side by side, reference year {year} (value and EU rank)").format(year=year),
            answer["table_source"],
            columns,
            rows,
            note=answer["year_note"],
        ),
        chart_slide(answer["profile"], answer["year_note"]),
        chart_slide(scatter["scatter"]),
    ]
    names = ", ".join(codes)
    pack = Pack(
        ngettext("Comparison of {count} region", "Comparison of {count} regions", len(codes)).format(count=len(codes)),
        _("{regions} · reference year {year}").format(regions=names, year=year),
        tables.version,
        link,
        _now(lang),
        slides,
        lang=lang,
    )
    return pack, _file_name(f"peer-review-compare-{year}") + ".pptx"


def chart_slide(chart: dict, note: str = "") -> ChartSlide:
    """A slide of one chart card's named parts (title, source line, figure)."""
    return ChartSlide(chart["title"], chart["source"], chart["figure"], note=note)


def export_callback(app, i: dict, states: dict):
    """The background callback of an export button (ids from `pack_ids` or the briefing's `export_ids`): download
    and status out, the button disabled and a Cancel button and progress bar shown while the job runs. The function
    is called with `set_progress`, `n_clicks` and the `states` by name."""
    return app.callback(
        Output(i["download"], "data"),
        Output(i["status"], "children"),
        inputs={"n_clicks": Input(i["button"], "n_clicks"), **states},
        background=True,
        prevent_initial_call=True,
        interval=500,
        running=[
            (Output(i["button"], "disabled"), True, False),
            (Output(i["cancel"], "style"), {"display": "inline-block"}, {"display": "none"}),
            (Output(f"{i['progress']}-wrap", "style"), {"display": "block"}, {"display": "none"}),
        ],
        cancel=[Input(i["cancel"], "n_clicks")],
        progress=[Output(i["progress"], "value"), Output(i["progress"], "max"), Output(i["progress"], "label")],
        progress_default=[0, 1, ""],
    )


def _register(app, page: str, controls: dict, href: State, make, clean):
    """The pack export of a page: `controls` (State by name) are cleaned by `clean(tables, **controls)` into the
    page's state, from which `make(state, link, lang)` builds the pack. The page's language is an argument of the
    job (and so of its cache key): the job runs in another process, without the request."""
    i = pack_ids(page)

    @export_callback(app, i, {**controls, "href": href, "lang": State(PAGE_LANGUAGE, "data")})
    @when_busy(no_update, BUSY)
    def make_pack_file(set_progress, n_clicks, href, lang, **values):
        if not n_clicks:
            return no_update, no_update
        lang = page_language(lang)
        _, ngettext = translator(lang), ntranslator(lang)
        with app.server.app_context():
            state = clean(current_tables(), **values)
            if not state or not state.get("year") or (page == "compare" and not state["regions"]):
                return no_update, _("Nothing to export: choose a region first.")
            set_progress((0, 1, _("Collecting the charts…")))
            pack, name = make(state, href or "", lang)

            def progress(done, total):
                set_progress((done, total, _("Drawing chart {done} of {total}").format(done=done, total=total)))

            try:
                with app.server.extensions[JOBS].limits.running_slot(
                    lambda: set_progress((0, 1, _("Waiting for other exports to finish…")))
                ):
                    body = make_pack(pack, progress)
            except JobsBusy:
                return no_update, _(BUSY)
            except Exception as err:  # kaleido or chromium missing or failing: say so, keep the page
                log.exception("peer-review pack failed")
                return no_update, html.Span(
                    _(
                        "The PowerPoint pack could not be made on the server ({error}). Charts can still be "
                        "downloaded one by one as PNG or SVG."
                    ).format(error=type(err).__name__),
                    className="text-danger",
                )
        slides = len(pack.slides) + 1
        size = ngettext("{name}: {count} slide, {size} KB.", "{name}: {count} slides, {size} KB.", slides)
        return dcc.send_bytes(body, name), size.format(name=name, count=slides, size=len(body) // 1024)


def register(app):
    if JOBS not in app.server.extensions:  # an app built without a background manager has no pack
        return
    from pages import compare as cp
    from pages import region as rp
    from state.compare import clean_controls as clean_compare
    from state.region import clean_controls as clean_region

    _register(
        app,
        "region",
        {
            "store": State(rp.STORE, "data"),
            "year": State(rp.YEAR, "value"),
            "ts": State(rp.TS, "value"),
            "view": State(rp.VIEW, "value"),
            "sim": State(rp.SIM, "value"),
            "k": State(rp.K, "value"),
            "excl": State(rp.EXCL, "value"),
            "regions": State(rp.ADDED, "value"),
            "measure": State(rp.MEASURE, "value"),
            "base": State(rp.BASE, "value"),
            "log": State(rp.LOG, "value"),
        },
        State(rp.URL, "href"),
        region_pack,
        clean_region,
    )
    _register(
        app,
        "compare",
        {
            "store": State(cp.STORE, "data"),
            "year": State(cp.YEAR, "value"),
            "view": State(cp.VIEW, "value"),
            "x": State(cp.X, "value"),
            "y": State(cp.Y, "value"),
        },
        State(cp.URL, "href"),
        compare_pack,
        clean_compare,
    )
