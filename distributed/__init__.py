"""Work distribution over Celery and Redis: ``oit worker`` runs crawl batches, documents and judge
batches of a run; ``oit run --engine celery`` enqueues them and waits (distributed/coordinator.py).
The embedded engine (scheduler/pipeline.py on one machine) needs none of this."""
