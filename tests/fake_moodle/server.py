"""The fake Moodle's HTTP server: threaded werkzeug on loopback, with costs, latency and faults."""
import json
import threading
import time
from collections import Counter, deque

from werkzeug.serving import WSGIRequestHandler, make_server
from werkzeug.wrappers import Request, Response

from tests.fake_moodle.dispatch import BATCH, FUNCTIONS, METER, handle
from tests.fake_moodle.errors import FakeMoodleError
from tests.fake_moodle.schema import unflatten
from tests.fake_moodle.state import MoodleState


class _QuietHandler(WSGIRequestHandler):
    """Request handler that does not log every request."""

    def log_request(self, *args, **kwargs):
        """Skip access logging."""


class FakeMoodle:
    """A running fake Moodle: `url`, `token`, `state`, counters and knobs for latency and faults.

    With a CostModel (`costs`), every request waits for one of `costs.workers` PHP workers and
    holds it for the modelled server time times `costs.scale`; `server_seconds` adds it up.

    It also keeps a virtual clock, so that a client's elapsed time on Moodle can be read without
    the noise of this machine's load (`virtual_seconds`): a request starts, in simulated time,
    when the responses it could have waited for are done (every response finished, in real
    time, before it arrived) and a simulated worker is free; it ends its modelled cost later.
    The real sleeps only keep concurrent requests overlapping in real time, as they would on
    Moodle; client time between requests is not counted (measure it without costs).
    """

    def __init__(self, token="fake-token", latency=0.0, costs=None):
        self.state = MoodleState(token)
        self._issued = token
        self.state.service = set(FUNCTIONS)
        self.latency = latency
        self.costs = costs
        self._workers = threading.BoundedSemaphore(costs.workers) if costs else None
        self.server_seconds = 0.0
        self._virtual_lock = threading.Lock()
        self._worker_free = [0.0] * (costs.workers if costs else 1)
        self._done_until = 0.0
        self._origin = 0.0
        self._latest_end = 0.0
        self.faults = deque()
        self.requests = 0
        self.calls = Counter()
        self._count_lock = threading.Lock()
        self._server = make_server("127.0.0.1", 0, self._wsgi, threaded=True,
                                   request_handler=_QuietHandler)
        self._server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._server.server_port}"
        self.state.siteurl = self.url
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.05,),
                                        daemon=True)

    @property
    def token(self):
        """Return the token the site issued to the client (rejected after invalidate_token)."""
        return self._issued

    def start(self):
        """Start serving in a background thread."""
        self._thread.start()
        return self

    def stop(self):
        """Stop serving."""
        self._server.shutdown()
        self._server.server_close()

    def invalidate_token(self):
        """Make the site reject the current token (as if it was deleted in Moodle)."""
        self.state.token = self._issued + "-revoked"

    def fail_next(self, count=1, status=503, retry_after=None):
        """Answer the next count requests with an HTTP error status (unprocessed)."""
        self.faults.extend([("status", status, retry_after)] * count)

    def stall_next(self, count=1, seconds=1.0):
        """Delay the next count requests by seconds before processing them (client timeouts)."""
        self.faults.extend([("stall", seconds, None)] * count)

    def reset_counters(self):
        """Forget the request and call counts; start the virtual clock's measurement afresh."""
        with self._count_lock:
            self.requests = 0
            self.calls.clear()
            self.server_seconds = 0.0
        with self._virtual_lock:
            self._origin = max([self._done_until, self._latest_end, *self._worker_free])
            self._worker_free = [self._origin] * len(self._worker_free)
            self._done_until = self._latest_end = self._origin

    @property
    def virtual_seconds(self):
        """Return the simulated seconds from the last reset to the last modelled response."""
        return self._latest_end - self._origin

    def _count(self, form):
        """Count one HTTP request and the calls it carries."""
        wsfunction = form.get("wsfunction") or ""
        with self._count_lock:
            self.requests += 1
            if wsfunction == BATCH:
                for inner in form.get("requests") or []:
                    if isinstance(inner, dict):
                        self.calls[inner.get("function", "")] += 1
            self.calls[wsfunction] += 1

    def _fault(self):
        """Pop and return the next injected fault, if any."""
        try:
            return self.faults.popleft()
        except IndexError:
            return None

    def _wsgi(self, environ, start_response):
        """Serve one request."""
        request = Request(environ)
        form = unflatten(request.form.items(multi=True))
        self._count(form)
        if self.latency:
            time.sleep(self.latency)
        fault = self._fault()
        if fault and fault[0] == "status":
            headers = {"Retry-After": str(fault[2])} if fault[2] is not None else {}
            return Response("Service unavailable", status=fault[1], headers=headers)(environ,
                                                                                     start_response)
        if fault and fault[0] == "stall":
            time.sleep(fault[1])
        body = self._serve(form)
        return Response(json.dumps(body), content_type="application/json")(environ, start_response)

    def _serve(self, form):
        """Answer one request, holding a worker for its modelled cost when costs are modelled."""
        if self.costs is None:
            return self._answer(form)
        ready = self._done_until
        with self._workers:
            METER.model, METER.seconds = self.costs, self.costs.request
            try:
                body = self._answer(form)
            finally:
                seconds, METER.model = METER.seconds, None
            end = self._schedule(ready, seconds)
            time.sleep(seconds * self.costs.scale)
        with self._count_lock:
            self.server_seconds += seconds
        with self._virtual_lock:
            self._done_until = max(self._done_until, end)
        return body

    def _schedule(self, ready, seconds):
        """Give a request the first free simulated worker no earlier than ready; return its end."""
        with self._virtual_lock:
            worker = min(range(len(self._worker_free)), key=self._worker_free.__getitem__)
            end = max(ready, self._worker_free[worker]) + seconds
            self._worker_free[worker] = end
            self._latest_end = max(self._latest_end, end)
            return end

    def _answer(self, form):
        """Return the body Moodle would send (a result or an error object)."""
        try:
            return handle(self.state, form)
        except FakeMoodleError as exc:
            return exc.body(self.state.debug)

    def simulated(self, wall_seconds):
        """Return the Moodle-side seconds that wall_seconds of this fake stand for."""
        return wall_seconds / (self.costs.scale if self.costs else 1.0)
