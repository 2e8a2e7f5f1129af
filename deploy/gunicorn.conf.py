"""gunicorn settings for a production server: ``gunicorn -c deploy/gunicorn.conf.py wsgi:app``.

Sync workers: each request is short (pages, autosaves, short polls for live simulations);
nothing holds a worker open. (2 x cores) + 1 workers is gunicorn's own starting advice.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
worker_class = "sync"
timeout = 60  # a PDF batch or an export streams; nothing legitimate takes a minute per chunk
graceful_timeout = 30
max_requests = 5000  # recycle workers now and then so memory stays flat over months
max_requests_jitter = 500
accesslog = "-"
errorlog = "-"
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
raw_env = ["TRAINING_LOG_JSON=true"]
