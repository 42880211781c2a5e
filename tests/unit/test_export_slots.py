"""Long jobs (peer-review exports) hold tickets with deadlines, counted in the shared disk cache or Redis."""

import threading
import time

import diskcache
import pytest

from jobs import ADMITTED, RUNNING, DiskTickets, JobLimits, JobsBusy


def limits(tmp_path, running=2, waiting=1, timeout=60.0):
    return JobLimits(DiskTickets(diskcache.Cache(str(tmp_path))), running, waiting, timeout)


def test_only_the_running_limit_works_at_once_and_the_others_wait_their_turn(tmp_path):
    jobs = limits(tmp_path, running=2)
    working, peak, waited = [0], [0], []
    lock = threading.Lock()
    # The first two hold their places until the other three have found none free: on a busy machine, a thread
    # started late must not find a place that a quick first job has already given back.
    three_waiting = threading.Event()

    def wait_noted(n):
        waited.append(n)
        if len(waited) == 3:
            three_waiting.set()

    def export(n):
        with jobs.running_slot(lambda: wait_noted(n), poll=0.01):
            with lock:
                working[0] += 1
                peak[0] = max(peak[0], working[0])
            three_waiting.wait(timeout=10)
            time.sleep(0.05)
            with lock:
                working[0] -= 1

    threads = [threading.Thread(target=export, args=(n,)) for n in range(5)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert peak[0] == 2 and len(waited) == 3
    assert jobs.tickets.count(RUNNING) == 0  # every place given back


def test_admission_stops_at_running_plus_waiting_and_a_finished_job_frees_its_place(tmp_path):
    jobs = limits(tmp_path, running=2, waiting=1)
    assert [jobs.admit(t) for t in "abcd"] == [True, True, True, False]
    jobs.finish("b")
    assert jobs.admit("d") and not jobs.admit("e")
    assert jobs.tickets.count(ADMITTED) == 3


def test_a_killed_jobs_place_comes_back_at_its_deadline(tmp_path):
    jobs = limits(tmp_path, running=1, waiting=0, timeout=0.2)
    assert jobs.admit("killed") and not jobs.admit("next")
    time.sleep(0.25)
    assert jobs.admit("next")


def test_a_place_is_given_back_when_the_export_fails_and_a_full_house_times_out(tmp_path):
    jobs = limits(tmp_path, running=1)
    with pytest.raises(RuntimeError), jobs.running_slot():
        raise RuntimeError("chromium failed")
    assert jobs.tickets.count(RUNNING) == 0
    with jobs.running_slot(), pytest.raises(JobsBusy), jobs.running_slot(poll=0.01, wait=0.05):
        pass
