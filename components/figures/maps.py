"""Choropleth maps of NUTS regions (offline: no tiles, no topojson from a CDN)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from _plotly_utils.basevalidators import ColorscaleValidator

from components import theme
from components.chart_card import with_csv
from data.chart_data import drawn
from data.queries import flag_text
from i18n import translator


def boundaries_url(level: int, version: str) -> str:
    """Where the browser fetches a level's boundaries; the data version in the query string makes a rebuilt
    file a new URL, so browsers never keep stale boundaries (the file itself is cached a day)."""
    import dash

    return dash.get_relative_path(f"/geo/nuts{int(level)}.geojson") + f"?v={version}"


def choropleth(
    df,
    geojson: dict | str,
    title: str,
    unit: str,
    decimals: int = 1,
    year: int | None = None,
    colorscale=theme.SEQUENTIAL,
    zmid: float | None = None,
    highlight: str | None = None,
    lang: str = "en",
) -> go.Figure:
    """Map `df` (code, name, value, flag) onto the GeoJSON features whose `id` is the NUTS code.

    `geojson` is the GeoJSON itself or, better for the app, the URL the browser fetches it from once.

    Regions with a missing value are drawn in grey and say 'no data' on hover, never a colour for 0. The hover's
    words in `lang` (`title` and `unit` come in it).
    """
    _ = translator(lang)
    no_data = _("no data")
    has_value = df["value"].notna()
    fmt = f",.{decimals}f"
    flags = pd.Series([flag_text(f, lang) for f in df["flag"].tolist()], index=df.index) if "flag" in df else ""
    known = df[has_value]
    missing = df[~has_value]
    hover = (
        "<b>%{customdata[0]}</b> (%{location})<br>%{z:"
        + fmt
        + "} "
        + unit.replace("%", "%%")
        + f"<br>{year if year is not None else ''} %{{customdata[1]}}<extra></extra>"
    )
    traces = []  # plain trace dicts, in one figure: add_trace would validate each (~1.5 ms)
    if len(missing):
        traces.append(
            dict(
                type="choropleth",
                geojson=geojson,
                featureidkey="id",
                locations=missing["code"],
                z=np.zeros(len(missing)),
                customdata=np.stack([missing["name"], [no_data] * len(missing)], axis=-1),
                colorscale=[[0, theme.MISSING_COLOUR], [1, theme.MISSING_COLOUR]],
                showscale=False,
                name=no_data,
                meta="missing",
                hovertemplate="<b>%{customdata[0]}</b> (%{location})<br>" + no_data + "<extra></extra>",
                marker_line_color="white",
                marker_line_width=0.4,
            )
        )
    traces.append(
        dict(
            type="choropleth",
            geojson=geojson,
            featureidkey="id",
            locations=known["code"],
            z=known["value"],
            customdata=np.stack([known["name"], flags[has_value] if len(known) else []], axis=-1)
            if len(known)
            else None,
            colorscale=ColorscaleValidator("colorscale", "choropleth").validate_coerce(colorscale),  # a name as a list
            zmid=zmid,
            name=title,
            hovertemplate=hover,
            marker_line_color="white",
            marker_line_width=0.4,
            colorbar=dict(title=dict(text=unit, side="right"), thickness=14, len=0.8),
        )
    )
    if highlight and highlight in set(df["code"]):
        traces.append(
            dict(
                type="choropleth",
                geojson=geojson,
                featureidkey="id",
                locations=[highlight],
                z=[0],
                colorscale=[[0, "rgba(0,0,0,0)"], [1, "rgba(0,0,0,0)"]],
                showscale=False,
                marker_line_color=theme.HIGHLIGHT,
                marker_line_width=2.5,
                hoverinfo="skip",
                name=_("selected"),
            )
        )
    return theme.figure(
        traces,
        dict(
            geo=dict(
                visible=False,
                fitbounds=False,
                projection_type="mercator",
                lataxis_range=[34, 72],
                lonaxis_range=[-25, 45],
            ),
            title=title,
            margin=dict(l=0, r=0, t=50, b=0),
            dragmode=False,
            showlegend=False,
        ),
    )


def feature_bounds(geojson: dict | None, code: str) -> tuple[float, float, float, float] | None:
    """(lon_min, lat_min, lon_max, lat_max) of one feature of a GeoJSON FeatureCollection; None if absent."""
    for feature in (geojson or {}).get("features", []):
        if feature.get("id") == code:
            points = np.array(list(_points(feature["geometry"]["coordinates"])), dtype="float64")
            # The part in Europe (France without its outermost regions), unless the region lies wholly outside.
            europe = points[(points[:, 0] > -25) & (points[:, 0] < 45) & (points[:, 1] > 34) & (points[:, 1] < 72)]
            points = europe if len(europe) else points
            return (
                float(points[:, 0].min()),
                float(points[:, 1].min()),
                float(points[:, 0].max()),
                float(points[:, 1].max()),
            )
    return None


def _points(coords):
    if coords and isinstance(coords[0], (int, float)):
        yield coords[:2]
        return
    for part in coords:
        yield from _points(part)


def locator_map(
    df,
    highlight: str,
    geojson: dict | str,
    title: str,
    around: tuple[float, float, float, float] | None = None,
    lang: str = "en",
) -> go.Figure:
    """Where a region lies: the regions of `df` (code, name) in grey with `highlight` in the region colour.

    The view is the region's bounding box `around` widened on every side (so a mainland region is not shrunk
    by its country's far islands), else all of `df`. The map carries no data, so it needs no colour scale. Its
    words in `lang` (`title` comes in it)."""
    _ = translator(lang)
    others = df[df["code"] != highlight]
    chosen = df[df["code"] == highlight]
    fig = theme.figure()
    for rows, colour, name in (
        (others, theme.MISSING_COLOUR, _("other regions")),
        (chosen, theme.REGION_COLOUR, _("this region")),
    ):
        if len(rows):
            fig.add_trace(
                dict(
                    type="choropleth",
                    geojson=geojson,
                    featureidkey="id",
                    locations=rows["code"],
                    z=np.zeros(len(rows)),
                    text=rows["name"],
                    colorscale=[[0, colour], [1, colour]],
                    showscale=False,
                    name=name,
                    hovertemplate="<b>%{text}</b> (%{location})<extra></extra>",
                    marker_line_color="white",
                    marker_line_width=0.6,
                )
            )
    if around:
        lon0, lat0, lon1, lat1 = around
        pad = max(lon1 - lon0, lat1 - lat0, 1.0) * 1.2
        fig.update_geos(
            visible=False,
            projection_type="mercator",
            lonaxis_range=[lon0 - pad, lon1 + pad],
            lataxis_range=[lat0 - pad / 2, lat1 + pad / 2],
        )
    else:
        fig.update_geos(visible=False, fitbounds="locations", projection_type="mercator")
    fig.update_layout(
        template=theme.template(),
        title=dict(text=title, font_size=13),
        margin=dict(l=0, r=0, t=30, b=0),
        dragmode=False,
        showlegend=False,
    )
    return with_csv(
        fig,
        drawn(
            df.assign(
                what=[_("this region") if c == highlight else _("other region on the map") for c in df["code"]],
                value=None,
            )
        ),
    )
