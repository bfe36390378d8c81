"""The Celery app of the distributed engine: Redis as broker and result backend.

A task is acknowledged after it ran (``task_acks_late``), and a worker process that dies mid-task
has its task put back (``task_reject_on_worker_lost``); a worker takes one task at a time
(``worker_prefetch_multiplier``), so a long crawl batch never holds others back. A task taken by a
worker that was killed outright comes back after the broker's visibility timeout: it must be longer
than any task's hard time limit, or Redis would hand a task that is still running to a second worker
(the tasks check this, distributed/tasks.py).
"""

from __future__ import annotations

from celery import Celery

QUEUES = ("crawl", "documents", "judge")
# Seconds: above a crawl batch's hard limit with the default settings (600 s a site, 10 sites:
# 6,630 s, distributed.tasks.crawl_time_limit), and short enough that a dead machine's batches come
# back within the night.
DEFAULT_VISIBILITY_TIMEOUT = 2 * 3600.0

app = Celery("oit", set_as_current=False)
app.conf.update(
    task_serializer="json",
    result_serializer="json",
    accept_content=["json"],
    result_accept_content=["json"],
    task_acks_late=True,
    task_reject_on_worker_lost=True,
    task_track_started=True,  # a resumed coordinator tells a task being run from one still queued
    worker_prefetch_multiplier=1,
    worker_hijack_root_logger=False,
    worker_redirect_stdouts=False,
    broker_connection_retry_on_startup=True,
    result_expires=7 * 24 * 3600,  # a coordinator resumed days later still reads what finished
    task_default_queue="crawl",
    task_routes={
        "distributed.tasks.crawl_batch": {"queue": "crawl"},
        "distributed.tasks.read_document": {"queue": "documents"},
        "distributed.tasks.read_rest": {"queue": "documents"},
        "distributed.tasks.judge_batch": {"queue": "judge"},
    },
)


def configure(broker: str, visibility_timeout: float = DEFAULT_VISIBILITY_TIMEOUT) -> Celery:
    """The app bound to ``broker`` (redis://HOST:PORT/N), which is also the result backend."""
    app.conf.update(
        broker_url=broker,
        result_backend=broker,
        broker_transport_options={"visibility_timeout": visibility_timeout},
        result_backend_transport_options={"visibility_timeout": visibility_timeout},
    )
    import distributed.tasks  # noqa: F401  (registers the tasks on the app)

    return app
