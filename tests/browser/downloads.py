"""Files the browser downloads in a dash_duo test."""

from pathlib import Path

from dash.testing.wait import until


def wait_for_file(folder: Path, suffix: str, timeout: float = 15) -> Path:
    """The first non-empty `*suffix` file in `folder`, waiting up to `timeout` seconds. Chromium writes a download
    as `*.crdownload` and renames it when complete, so the file found is whole."""
    return until(
        lambda: next((p for p in folder.glob(f"*{suffix}") if p.stat().st_size > 0), None),
        timeout,
        poll=0.2,
        msg=f"no {suffix} file downloaded into {folder}",
    )
