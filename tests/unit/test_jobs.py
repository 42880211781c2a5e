"""The background job manager's own rules, without a server."""

import dash
import diskcache
import psutil

from jobs import JobLimits, QueuedDiskcacheManager


def test_a_job_that_ends_while_it_is_being_stopped_is_not_an_error(tmp_path, monkeypatch):
    # Dash's terminate_job checks the pid exists, then lists its children: a job ending in between raised
    # NoSuchProcess into the result poll (seen once in a pack download under load).
    def ended(self, job):
        raise psutil.NoSuchProcess(int(job))

    monkeypatch.setattr(dash.DiskcacheManager, "terminate_job", ended)
    manager = QueuedDiskcacheManager(diskcache.Cache(str(tmp_path)), lambda tickets: JobLimits(tickets, 1, 1, 10))
    manager.terminate_job(4242)
