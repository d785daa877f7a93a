"""gunicorn settings for Q-SER Bridge: `gunicorn -c deploy/gunicorn.conf.py 'bridge:create_app()'` or `qser serve`.

Every value can be overridden from the environment (QSER_BIND, QSER_WORKERS, ...) or the command line.
"""
import multiprocessing
import os

bind = os.environ.get("QSER_BIND", "127.0.0.1:8000")
# The usual rule for synchronous workers: two per core plus one.
workers = int(os.environ.get("QSER_WORKERS", multiprocessing.cpu_count() * 2 + 1))
worker_class = "sync"
timeout = int(os.environ.get("QSER_WORKER_TIMEOUT", 60))  # PDF and Excel exports stay under this
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then (a guard against slow leaks), with jitter so they do not all restart at once. A new
# worker costs about 3 s of CPU to import the app: at 2,000 the benchmark's workers restarted every few seconds.
max_requests = 10000
max_requests_jitter = 1000
accesslog = "-"  # access log to stdout (journald collects it)
errorlog = "-"
access_log_format = '%(h)s %({x-request-id}o)s "%(r)s" %(s)s %(b)s %(M)sms "%(a)s"'
# Addresses of the reverse proxy whose X-Forwarded-* headers gunicorn trusts (QSER_PROXY_COUNT does the same in the app).
forwarded_allow_ips = os.environ.get("QSER_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
proxy_allow_ips = forwarded_allow_ips
preload_app = False  # each worker opens its own database connections
