"""The app's own plotly.js (assets/00-plotly.min.js, built by docs/plotly-bundle/build.sh) knows every trace type
the code draws, and is the plotly.js version the Python package (and so the chart exports) uses.

A trace type the bundle lacks is not an error in the browser: plotly.js draws nothing for it, silently."""

import re
from pathlib import Path

import plotly.graph_objects as go
from plotly.basedatatypes import BaseTraceType
from plotly.offline import get_plotlyjs_version

ROOT = Path(__file__).resolve().parents[2]
BUNDLE = ROOT / "assets" / "00-plotly.min.js"
ENTRY = ROOT / "docs" / "plotly-bundle" / "entry.js"
TRACE_TYPES = {
    name.lower()
    for name in dir(go)
    if isinstance(getattr(go, name), type) and issubclass(getattr(go, name), BaseTraceType)
}


def bundled_types() -> set[str]:
    named = set(re.findall(r"require\('plotly\.js/lib/(\w+)'\)", ENTRY.read_text()))
    return (named - {"core"}) | {"scatter"}  # core holds scatter


def drawn_types() -> set[str]:
    """Trace types named in the app's code: `type="bar"`, `"type": "bar"` or `go.Bar(`."""
    found = set()
    for path in [*ROOT.glob("components/**/*.py"), *ROOT.glob("callbacks/*.py"), *ROOT.glob("data/*.py")]:
        text = path.read_text()
        found |= set(re.findall(r"""\btype["']?\s*[=:]\s*["'](\w+)["']""", text))
        found |= {name.lower() for name in re.findall(r"\bgo\.([A-Z]\w*)\(", text)}
    return found & TRACE_TYPES


def test_the_bundle_is_the_plotly_js_of_the_python_package():
    header = BUNDLE.read_text(encoding="utf-8")[:400]
    assert f"plotly.js v{get_plotlyjs_version()}," in header


def test_every_trace_type_the_app_draws_is_in_the_bundle():
    assert {"bar", "scatter", "choropleth", "heatmap"} <= drawn_types()  # the scan finds the app's figures
    missing = drawn_types() - bundled_types()
    assert not missing, f"add {sorted(missing)} to docs/plotly-bundle/entry.js and run its build.sh"


def test_the_bundle_header_lists_the_entry_types():
    header = BUNDLE.read_text(encoding="utf-8")[:400]
    listed = set(
        re.search(r"partial bundle: ([^\n]+)", header).group(1).replace("core (scatter)", "scatter").split(", ")
    )
    assert listed == bundled_types()
