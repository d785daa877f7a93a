"""Logs for operations: JSON lines in production, a request id per request, timing and query count at debug."""
import json
import logging
import re
import time
import uuid

import sqlalchemy as sa
from flask import Flask, g, has_request_context, request

log = logging.getLogger("bridge.request")
REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


class JsonFormatter(logging.Formatter):
    """Format a record as one JSON object per line, with the request id when there is one."""

    def format(self, record: logging.LogRecord) -> str:
        """Return the record as a JSON line."""
        data = {"time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"), "level": record.levelname,
                "logger": record.name, "message": record.getMessage()}
        if has_request_context() and "request_id" in g:
            data["request_id"] = g.request_id
        data.update(getattr(record, "fields", {}))
        if record.exc_info:
            data["exception"] = self.formatException(record.exc_info)
        return json.dumps(data, default=str, ensure_ascii=False)


def configure_logging(app: Flask) -> None:
    """Log JSON lines in production (or with QSER_LOG_FORMAT=json), plain text otherwise.

    A process that already has log handlers (a test runner, an embedding) keeps them.
    """
    level = getattr(logging, str(app.config["LOG_LEVEL"]).upper(), logging.INFO)
    fmt = app.config["LOG_FORMAT"] or ("json" if app.config["ENV_NAME"] == "production" else "text")
    root = logging.getLogger()
    if fmt != "json":
        logging.basicConfig(level=level)
    elif not root.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(JsonFormatter())
        root.addHandler(handler)
        root.setLevel(level)


def _count_query(_conn, _cursor, _statement, _params, _context, _many) -> None:
    if has_request_context() and "query_count" in g:
        g.query_count += 1


def _start() -> None:
    given = request.headers.get("X-Request-ID", "")
    g.request_id = given if REQUEST_ID.match(given) else uuid.uuid4().hex
    g.query_count = 0
    g.started = time.perf_counter()


def _finish(response):
    response.headers["X-Request-ID"] = g.get("request_id", "")
    if log.isEnabledFor(logging.DEBUG) and "started" in g:
        ms = round((time.perf_counter() - g.started) * 1000, 1)
        log.debug("%s %s %s %.1f ms %d queries", request.method, request.path, response.status_code, ms,
                  g.query_count, extra={"fields": {"method": request.method, "path": request.path,
                                                   "status": response.status_code, "duration_ms": ms,
                                                   "queries": g.query_count}})
    return response


def init_app(app: Flask) -> None:
    """Configure logging and attach the request id, timing and query counter."""
    configure_logging(app)
    if not sa.event.contains(sa.engine.Engine, "before_cursor_execute", _count_query):
        sa.event.listen(sa.engine.Engine, "before_cursor_execute", _count_query)
    app.before_request(_start)
    app.after_request(_finish)
