"""Files the browser downloads in a dash_duo test."""
import time
from pathlib import Path


def wait_for_file(folder: Path, suffix: str, timeout: float = 15) -> Path:
    """The first non-empty `*suffix` file in `folder`, waiting up to `timeout` seconds."""
    end = time.time() + timeout
    while time.time() < end:
        done = [p for p in folder.glob(f"*{suffix}") if p.stat().st_size > 0]
        if done:
            return done[0]
        time.sleep(0.2)
    raise AssertionError(f"no {suffix} file downloaded into {folder}: {list(folder.iterdir())}")
