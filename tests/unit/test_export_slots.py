"""Peer-review exports are limited to a few at once, counted in the shared disk cache."""
import threading
import time

import diskcache
import pytest

from callbacks.pack import SLOT_KEY, ExportsBusy, export_slot


def test_only_limit_exports_run_at_once_and_the_others_wait_their_turn(tmp_path):
    cache = diskcache.Cache(str(tmp_path))
    running, peak, waited = [0], [0], []
    lock = threading.Lock()

    def export(n):
        with export_slot(cache, lambda: waited.append(n), limit=2, poll=0.01):
            with lock:
                running[0] += 1
                peak[0] = max(peak[0], running[0])
            time.sleep(0.1)
            with lock:
                running[0] -= 1

    threads = [threading.Thread(target=export, args=(n,)) for n in range(5)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert peak[0] == 2 and len(waited) >= 3
    assert cache.get(SLOT_KEY) == 0  # every slot given back


def test_a_slot_is_given_back_when_the_export_fails_and_a_full_house_times_out(tmp_path):
    cache = diskcache.Cache(str(tmp_path))
    with pytest.raises(RuntimeError):
        with export_slot(cache, limit=1):
            raise RuntimeError("chromium failed")
    assert cache.get(SLOT_KEY) == 0
    with export_slot(cache, limit=1):
        with pytest.raises(ExportsBusy):
            with export_slot(cache, limit=1, timeout=0.05, poll=0.01):
                pass
