"""The policy briefing as a PDF and as a PowerPoint pack, made in the background like the peer-review pack.

Reuses the pack machinery of callbacks/pack.py and jobs.py (the same bounded queue, so a briefing counts against the
same limit of simultaneous chromium exports) and components/peer_review_pack.py (slide figures, kaleido rendering, the .pptx);
the PDF is written by components/briefing_pdf.py from the same sections, sentences and chart images.
"""

from __future__ import annotations

import copy
import logging

from dash import State, dcc, html, no_update

from callbacks import briefing as b
from callbacks.pack import JOBS, _file_name, _now, export_callback
from components import briefing_view
from components.briefing_figure4 import figure4_columns
from components.briefing_pdf import PdfDocument, PdfSection, build_pdf
from components.figures.briefing import FIG4_H, FIG4_W
from components.language import PAGE_LANGUAGE, page_language
from components.peer_review_pack import ChartSlide, Pack, TableSlide, build_pack, render_pngs, slide_figure
from data.store import current_tables
from i18n import N_, plotly_separators, translator
from jobs import BUSY, JobsBusy, when_busy
from pages import briefing as page

log = logging.getLogger(__name__)


def _export_figure(figure: dict, tables, lang: str = "en") -> dict:
    """A page figure ready for an image: a map's boundaries inlined (kaleido has no server to fetch them from),
    the language's number separators (set by the browser on the page)."""
    fig = copy.deepcopy(figure)
    if lang != "en":
        fig.setdefault("layout", {})["separators"] = plotly_separators(lang)
    for trace in fig.get("data") or []:
        if trace.get("type") == "choropleth" and isinstance(trace.get("geojson"), str):
            level = int(trace["geojson"].split("/nuts")[-1][0])
            trace["geojson"] = tables.geometries[level]
    return fig


def briefing_parts(state: dict, lang: str = "en") -> tuple[dict, dict, list[dict]]:
    """(report, figure4 data, sections in the page's order with Figure 4 in its place), in `lang`."""
    report = b.briefing_report(state["code"], lang)
    codes = b.figure4_codes(state)
    fig4 = b.figure4_data(
        codes,
        state["kind"],
        state["c1"],
        state["c2"],
        state["s1"],
        state["s2"],
        state.get("weights") or "",
        state["code"],
        lang,
    )
    fig4_section = briefing_view.section(
        "fig4",
        fig4["title"],
        fig4["sentence"],
        fig4["source"],
        fig4["figure"],
        fig4["rows"],
        figure4_columns(lang),
        fig4["note"],
    )
    sections = []
    for s in report["sections"]:
        sections.append(s)
        if s["key"] == "profile":
            sections.append(fig4_section)
    return report, fig4, sections


def _images(sections, tables, on_progress, width=1320, height=790, lang: str = "en") -> list[bytes]:
    """PNG of each section's chart, in order; Figure 4 at its own size, since its labels are placed in pixels."""
    charts = [s for s in sections if s["figure"]]
    others = render_pngs(
        [slide_figure(_export_figure(s["figure"], tables, lang), lang) for s in charts if s["key"] != "fig4"],
        on_progress,
        width=width,
        height=height,
        scale=1,
    )
    fig4 = [s for s in charts if s["key"] == "fig4"]
    fig4_png = render_pngs(
        [_export_figure(s["figure"], tables, lang) for s in fig4],
        lambda n: on_progress(len(charts)),
        width=FIG4_W,
        height=FIG4_H,
        scale=2,
    )
    others, fig4_png = iter(others), iter(fig4_png)
    return [next(fig4_png) if s["key"] == "fig4" else next(others) for s in charts]


def make_pdf(state: dict, link: str, on_progress=lambda done, total: None, lang: str = "en") -> tuple[bytes, str]:
    """The briefing as a PDF in `lang` (the job is handed the page's language: it runs without the request)."""
    _ = translator(lang)
    tables = current_tables()
    report, _fig4, sections = briefing_parts(state, lang)
    total = sum(1 for s in sections if s["figure"])
    pngs = iter(_images(sections, tables, lambda n: on_progress(n, total), lang=lang))
    subtitle = (
        _("Reference year {year} · compared with {country} and the EU27")
        if report["country_name"]
        else _("Reference year {year} · compared with the EU27")
    )
    doc = PdfDocument(
        _("Policy briefing: {region} ({code})").format(region=report["name"], code=report["code"]),
        subtitle.format(year=report["year"], country=report["country_name"]),
        tables.version,
        link,
        _now(lang),
        lang=lang,
    )
    for s in sections:
        doc.sections.append(
            PdfSection(
                s["title"],
                s["sentence"],
                s["source"],
                next(pngs) if s["figure"] else None,
                list(s["columns"].values()),
                [[str(row.get(k, "")) for k in s["columns"]] for row in s["table"]],
                s["note"],
            )
        )
    return build_pdf(doc), _file_name(f"briefing-{report['code']}-{report['year']}") + ".pdf"


def make_pptx(state: dict, link: str, on_progress=lambda done, total: None, lang: str = "en") -> tuple[bytes, str]:
    """The briefing as a PowerPoint pack in `lang`."""
    _ = translator(lang)
    tables = current_tables()
    report, _fig4, sections = briefing_parts(state, lang)
    slides = [
        TableSlide(
            _("Briefing: {region}, what the charts show").format(region=report["name"]),
            _("Generated from the data of each slide"),
            [_("Section"), _("What it shows")],
            [[s["title"], s["sentence"]] for s in sections],
        )
    ]
    for s in sections:
        if s["figure"]:
            slides.append(
                ChartSlide(
                    s["title"], s["source"], s["figure"], note=s["sentence"] + (" " + s["note"] if s["note"] else "")
                )
            )
        elif s["table"]:
            slides.append(
                TableSlide(
                    s["title"],
                    s["source"],
                    list(s["columns"].values()),
                    [[str(row.get(k, "")) for k in s["columns"]] for row in s["table"][:14]],
                    note=s["sentence"],
                )
            )
    pack = Pack(
        _("Policy briefing: {region} ({code})").format(region=report["name"], code=report["code"]),
        _("Reference year {year}").format(year=report["year"]),
        tables.version,
        link,
        _now(lang),
        slides,
        lang=lang,
    )
    total = sum(1 for s in sections if s["figure"])
    images = _images(sections, tables, lambda n: on_progress(n, total), lang=lang)
    return build_pack(pack, images), _file_name(f"briefing-{report['code']}-{report['year']}") + ".pptx"


def clean_state(tables, store, c1, c2, s1, s2, kind) -> dict | None:
    from state.region import known

    codes, _ = known(tables)
    if not isinstance(store, dict) or store.get("code") not in codes:
        return None
    c1, c2 = sorted((min(max(b._float(c1, 0.5), 0), 1), min(max(b._float(c2, 0.6), 0), 1)))
    return {
        "code": store["code"],
        "peers": [c for c in (store.get("peers") or []) if c in codes][:40],
        "weights": store.get("weights") or "",
        "c1": c1,
        "c2": c2,
        "s1": b._float(s1, None),
        "s2": b._float(s2, None),
        "kind": kind if kind in ("nace", "ecosystem") else "nace",
    }


def _register(app, fmt: str, make, label: str):
    """The export button of one format; `label` (marked N_) names the file in the error message."""
    i = page.export_ids(fmt)

    @export_callback(
        app,
        i,
        {
            "store": State(page.STORE, "data"),
            "c1": State(page.C1, "value"),
            "c2": State(page.C2, "value"),
            "s1": State(page.S1, "value"),
            "s2": State(page.S2, "value"),
            "kind": State(page.KIND, "value"),
            "href": State(page.URL, "href"),
            # The page's language goes into the job as an argument (and so into its cache key): the job runs
            # in another process, without the request.
            "lang": State(PAGE_LANGUAGE, "data"),
        },
    )
    @when_busy(no_update, BUSY)
    def make_file(set_progress, n_clicks, store, c1, c2, s1, s2, kind, href, lang):
        if not n_clicks:
            return no_update, no_update
        lang = page_language(lang)
        _ = translator(lang)
        with app.server.app_context():
            state = clean_state(current_tables(), store, c1, c2, s1, s2, kind)
            if not state:
                return no_update, _("Nothing to export: open a region's briefing first.")
            set_progress((0, 1, _("Collecting the sections…")))

            def progress(done, total):
                set_progress((done, total, _("Drawing chart {done} of {total}").format(done=done, total=total)))

            try:
                with app.server.extensions[JOBS].limits.running_slot(
                    lambda: set_progress((0, 1, _("Waiting for other exports to finish…")))
                ):
                    body, name = make(state, href or "", progress, lang)
            except JobsBusy:
                return no_update, _(BUSY)
            except Exception as err:  # kaleido or chromium missing or failing: say so, keep the page
                log.exception("briefing %s failed", fmt)
                return no_update, html.Span(
                    _("The {file} could not be made on the server ({error}).").format(
                        file=_(label), error=type(err).__name__
                    ),
                    className="text-danger",
                )
        return dcc.send_bytes(body, name), _("{name}: {size} KB.").format(name=name, size=len(body) // 1024)


def register(app):
    if JOBS not in app.server.extensions:  # an app built without a background manager has no exports
        return
    _register(app, "pdf", make_pdf, N_("PDF"))
    _register(app, "pptx", make_pptx, N_("PowerPoint pack"))
