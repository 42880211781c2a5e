"""Long jobs (the PowerPoint pack; the briefing PDF later): a bounded queue, not a process per request.

At most JOBS_RUNNING jobs run and JOBS_WAITING wait their turn; a request past that is answered at once with
"busy, try again in a minute" and starts nothing. A job's place is a ticket with a deadline in a set shared by
every process of the machine: taken by the web worker before the job is queued, given back when the job ends
or is cancelled, and dropped at its deadline (JOB_TIMEOUT) if its process was killed.

- Locally (no REDIS_URL): Dash's DiskcacheManager, whose job processes are counted by the tickets in its disk
  cache, so at most running + waiting exist; each is reaped by its parent as soon as it ends (no zombies).
- In production (REDIS_URL): Dash's CeleryManager; the jobs wait in Redis and run in the Celery worker that the
  Procfile starts with JOBS_RUNNING processes (`celery --app app:celery_app worker`), tickets in Redis.
"""

from __future__ import annotations

import contextvars
import json
import threading
import time
import uuid
from contextlib import contextmanager, suppress

import dash
import psutil

from i18n import N_

ADMITTED, RUNNING = "eu-cluster-jobs-admitted", "eu-cluster-jobs-running"
NO_JOB = "0"  # the job id of a request answered "busy": nothing runs, nothing to stop
# English (the answer of a full queue is made before any job has a language); jobs in a language say it with _(BUSY).
BUSY = N_("The server is busy with other exports: try again in a minute.")
_TICKET = contextvars.ContextVar("eu_cluster_job_ticket", default=None)


class JobsBusy(Exception):
    """No running place came free in time."""


def when_busy(*outputs):
    """The outputs a background callback answers with when the queue is full (put under @app.callback)."""

    def mark(fn):
        fn.when_busy = outputs[0] if len(outputs) == 1 else list(outputs)
        return fn

    return mark


# --- tickets -----------------------------------------------------------------------------------------------------


class DiskTickets:
    """Tickets with deadlines in a diskcache (shared by the processes of one machine)."""

    def __init__(self, cache):
        self.cache = cache

    def take(self, group: str, ticket: str, limit: int, ttl: float) -> bool:
        now = time.time()
        with self.cache.transact(retry=True):
            held = {t: d for t, d in self.cache.get(group, default={}).items() if d > now}
            taken = ticket in held or len(held) < limit
            if taken:
                held[ticket] = now + ttl
            self.cache.set(group, held)
        return taken

    def give_back(self, group: str, ticket: str) -> None:
        with self.cache.transact(retry=True):
            held = self.cache.get(group, default={})
            if ticket in held:
                del held[ticket]
                self.cache.set(group, held)

    def count(self, group: str) -> int:
        now = time.time()
        return sum(d > now for d in self.cache.get(group, default={}).values())


class RedisTickets:
    """Tickets with deadlines in Redis sorted sets (score = deadline), taken atomically by a script."""

    TAKE = """
    redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
    if redis.call('ZSCORE', KEYS[1], ARGV[3]) or redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[2]) then
        redis.call('ZADD', KEYS[1], ARGV[4], ARGV[3])
        return 1
    end
    return 0
    """

    def __init__(self, client):
        self.client = client
        self._take = client.register_script(self.TAKE)

    def take(self, group: str, ticket: str, limit: int, ttl: float) -> bool:
        now = time.time()
        return bool(self._take(keys=[group], args=[now, limit, ticket, now + ttl]))

    def give_back(self, group: str, ticket: str) -> None:
        self.client.zrem(group, ticket)

    def count(self, group: str) -> int:
        return int(self.client.zcount(group, time.time(), "+inf"))


class JobLimits:
    def __init__(self, tickets, running: int, waiting: int, timeout: float):
        self.tickets, self.running, self.waiting, self.timeout = tickets, running, waiting, timeout

    def admit(self, ticket: str) -> bool:
        """A place in the queue (running or waiting), taken before the job is queued."""
        return self.tickets.take(ADMITTED, ticket, self.running + self.waiting, self.timeout)

    def finish(self, ticket: str | None) -> None:
        if ticket:
            self.tickets.give_back(RUNNING, ticket)
            self.tickets.give_back(ADMITTED, ticket)

    @contextmanager
    def running_slot(self, on_wait=lambda: None, poll: float = 0.2, wait: float | None = None):
        """Hold one of the running places while the job works; `on_wait()` is called once if it has to wait,
        JobsBusy raised after `wait` seconds (default: the job timeout)."""
        ticket = _TICKET.get() or uuid.uuid4().hex
        waited, deadline = False, time.monotonic() + (self.timeout if wait is None else wait)
        while not self.tickets.take(RUNNING, ticket, self.running, self.timeout):
            if time.monotonic() > deadline:
                raise JobsBusy
            if not waited:
                on_wait()
                waited = True
            time.sleep(poll)
        try:
            yield
        finally:
            self.tickets.give_back(RUNNING, ticket)


# --- the managers ------------------------------------------------------------------------------------------------


class _Queued:
    """What both managers add to Dash's: admission before a job is queued, a busy answer past the limits."""

    limits: JobLimits

    def make_job_fn(self, fn, progress, key=None):
        job_fn = super().make_job_fn(fn, progress, key)
        self._busy_outputs[id(job_fn)] = getattr(fn, "when_busy", {"_dash_no_update": "_dash_no_update"})
        return job_fn

    def busy_output(self, job_fn):
        return self._busy_outputs.get(id(job_fn), {"_dash_no_update": "_dash_no_update"})


def _run_job(limits: JobLimits, ticket: str, job_fn, args):
    """A job process: run the job with its ticket, give the ticket back however it ends."""
    _TICKET.set(ticket)
    try:
        job_fn(*args)
    finally:
        limits.finish(ticket)


def _reap(process, timeout: float):
    """In the parent: wait for a job process and reap it the moment it ends (no zombie, whichever worker reads its
    result); one still running after the job timeout is killed with its children (chromium)."""
    process.join(timeout)
    if process.is_alive():
        try:
            for proc in [*psutil.Process(process.pid).children(recursive=True), psutil.Process(process.pid)]:
                proc.kill()
        except psutil.Error:
            pass
        process.join()


class QueuedDiskcacheManager(_Queued, dash.DiskcacheManager):
    """Dash's disk manager with admission, reaping, and one lock around its SQLite use and the fork: a job forked
    while another thread of the worker is inside SQLite inherits SQLite's lock and hangs for good (seen with 30
    concurrent requests)."""

    def __init__(self, cache, limits_of, expire=None):
        self._busy_outputs = {}
        self._sqlite = threading.RLock()
        self.limits = limits_of(DiskTickets(cache))
        super().__init__(cache, expire=expire)

    def call_job_fn(self, key, job_fn, args, context):
        from multiprocess import Process

        ticket = uuid.uuid4().hex
        with self._sqlite:
            if not self.limits.admit(ticket):
                self.handle.set(key, self.busy_output(job_fn), expire=self.limits.timeout)  # the first poll reads it
                return NO_JOB
            process = Process(
                target=_run_job, args=(self.limits, ticket, job_fn, (key, self._make_progress_key(key), args, context))
            )
            process.start()
            self.handle.set(f"{ADMITTED}-pid-{process.pid}", ticket, expire=self.limits.timeout)
        threading.Thread(target=_reap, args=(process, self.limits.timeout), daemon=True).start()
        return process.pid

    def job_running(self, job):
        with self._sqlite:
            return str(job) != NO_JOB and super().job_running(job)

    def terminate_job(self, job):
        if job is None or str(job) == NO_JOB:
            return
        with self._sqlite:
            self.limits.finish(self.handle.get(f"{ADMITTED}-pid-{job}"))
            # A job that ended between Dash's pid check and its listing of the children: nothing to stop.
            with suppress(psutil.NoSuchProcess):
                super().terminate_job(job)

    def terminate_unhealthy_job(self, job):
        with self._sqlite:
            return str(job) != NO_JOB and super().terminate_unhealthy_job(job)

    def get_progress(self, key):
        with self._sqlite:
            return super().get_progress(key)

    def result_ready(self, key):
        with self._sqlite:
            return super().result_ready(key)

    def get_result(self, key, job):
        with self._sqlite:
            return super().get_result(key, job)

    def get_updated_props(self, key):
        with self._sqlite:
            return super().get_updated_props(key)

    def clear_cache_entry(self, key):
        with self._sqlite:
            return super().clear_cache_entry(key)

    def get_or_create_signing_secret(self, generate):
        with self._sqlite:
            return super().get_or_create_signing_secret(generate)


class QueuedCeleryManager(_Queued, dash.CeleryManager):
    def __init__(self, celery_app, limits, expire=None):
        from celery import signals

        self._busy_outputs = {}
        self.limits = limits
        super().__init__(celery_app, expire=expire)

        # In the Celery worker: the task id is the ticket; give it back however the task ends.
        def started(task_id=None, task=None, **_):
            if task is not None and task.name.startswith("background_callback_"):
                _TICKET.set(task_id)

        def ended(task_id=None, task=None, **_):
            if task is not None and task.name.startswith("background_callback_"):
                limits.finish(task_id)

        signals.task_prerun.connect(started, weak=False, dispatch_uid="eu-cluster-jobs-prerun")
        signals.task_postrun.connect(ended, weak=False, dispatch_uid="eu-cluster-jobs-postrun")

    def call_job_fn(self, key, job_fn, args, context):
        from plotly.utils import PlotlyJSONEncoder

        ticket = uuid.uuid4().hex
        if not self.limits.admit(ticket):
            self.handle.backend.set(key, json.dumps(self.busy_output(job_fn), cls=PlotlyJSONEncoder))
            return NO_JOB
        job_fn.apply_async(args=(key, self._make_progress_key(key), args, context), task_id=ticket)
        return ticket

    def job_running(self, job):
        return str(job) != NO_JOB and super().job_running(job)

    def terminate_job(self, job):
        if job is None or str(job) == NO_JOB:
            return
        self.limits.finish(str(job))
        super().terminate_job(job)

    def terminate_unhealthy_job(self, job):
        return str(job) != NO_JOB and super().terminate_unhealthy_job(job)

    def get_or_create_signing_secret(self, generate):
        # Dash's version reads, sets and reads again: requests (or gunicorn workers) starting together each kept
        # their own secret, so a job handle signed by one no longer verified in the next poll and the export was
        # never answered. SET NX lets the first writer win for everyone.
        client = self.handle.backend.client
        client.set(self.SIGNING_SECRET_KEY, generate(), nx=True)
        return client.get(self.SIGNING_SECRET_KEY)


def make_celery(redis_url: str, running: int):
    from celery import Celery

    celery_app = Celery("eu_cluster_jobs", broker=redis_url, backend=redis_url)
    celery_app.conf.update(
        worker_prefetch_multiplier=1,  # waiting jobs stay in Redis, not reserved by one worker process
        worker_concurrency=running,
        result_expires=600,
        broker_connection_retry_on_startup=True,
        task_track_started=True,
    )
    return celery_app


def background_manager(settings):
    """The app's background-callback manager: Celery on Redis when REDIS_URL is set, else the disk cache."""

    def limits_of(tickets):
        return JobLimits(tickets, settings.jobs_running, settings.jobs_waiting, settings.job_timeout)

    if settings.redis_url:
        import redis

        return QueuedCeleryManager(
            make_celery(settings.redis_url, settings.jobs_running),
            limits_of(RedisTickets(redis.Redis.from_url(settings.redis_url))),
            expire=600,
        )
    import diskcache

    return QueuedDiskcacheManager(diskcache.Cache(str(settings.cache_dir / "background")), limits_of, expire=600)


def celery_app_of(app):
    """The Celery app the Procfile's worker runs (None without REDIS_URL)."""
    from callbacks.pack import JOBS

    manager = app.server.extensions.get(JOBS)
    return manager.handle if isinstance(manager, QueuedCeleryManager) else None
