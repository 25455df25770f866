"""A local HTTP server that answers like Sotkanet REST 1.1 and StatFin PxWeb, from recorded responses.

Bound to 127.0.0.1 only. Paths:
  GET  /rest/1.1/regions | /rest/1.1/indicators | /rest/1.1/indicators/<id>
  GET  /rest/1.1/json?indicator=<id>&years=<y>&years=<y>&genders=<g>...   (repeated params, all regions)
  GET  /PxWeb/api/v1/fi/StatFin/vaerak/statfin_vaerak_pxt_11re.px          table metadata
  POST /PxWeb/api/v1/fi/StatFin/vaerak/statfin_vaerak_pxt_11re.px          json-stat2 slice for the query

``faults`` injects failures per path (query string excluded), consumed one per request, e.g.
``{"/rest/1.1/json": [500, 200]}``; a data request of one indicator is matched first by
``"/rest/1.1/json?indicator=<id>"``. ``sticky_faults`` (same keys, one fault each) answer every request. A
fault is one of:
  an HTTP status (200 = answer normally); ``"malformed"`` (truncated JSON); ``"html"`` (an HTML error
  page with status 200); ``"wrong_shape"`` (a JSON object where a list is expected); ``"drop"`` (close
  the connection without an answer); ``"empty"`` (``[]``, as Sotkanet answers for years an indicator does
  not cover); ``{"delay": seconds}`` (answer late);
  ``{"status": 429, "retry_after": "1", "body": "..."}``.
``.requests`` counts requests per path and ``.log`` lists them (method, path, query, User-Agent).

CLI: ``python -m demo.fixture_server --recordings DIR --port-file FILE [--port N]
[--write-recordings]``; serves until SIGTERM/SIGINT, writes its port to FILE once listening.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import signal
import socket
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

SOTKANET_PREFIX = "/rest/1.1"
PXWEB_PREFIX = "/PxWeb/api/v1/fi/StatFin"
TABLE_11RE = "vaerak/statfin_vaerak_pxt_11re.px"
MAX_PXWEB_CELLS = 100_000  # PxWeb refuses bigger queries (pxweb R package's API catalogue)

HTML_ERROR = (
    b"<!DOCTYPE html><html><head><title>503 Service Unavailable</title></head>"
    b"<body><h1>Service Unavailable</h1><p>The server is temporarily unable to service your request."
    b"</p></body></html>"
)


class _Recordings:
    """Lazy, cached reads of the recorded documents."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self._cache: dict[Path, Any] = {}
        self._lock = threading.Lock()

    def load(self, *parts: str) -> Any | None:
        path = self.root.joinpath(*parts)
        with self._lock:
            if path not in self._cache:
                if not path.is_file():
                    return None
                self._cache[path] = json.loads(path.read_text(encoding="utf-8"))
            return self._cache[path]


class _QuietServer(ThreadingHTTPServer):
    """Clients that hang up (timeouts, dropped connections) are expected here: no tracebacks."""

    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        if not isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            super().handle_error(request, client_address)


class FixtureServer:
    """The fixture server, run in a background thread. Use as a context manager."""

    def __init__(self, recordings_dir: Path, port: int = 0, faults: dict[str, list[Any]] | None = None,
                 sticky_faults: dict[str, Any] | None = None):
        self.recordings = _Recordings(Path(recordings_dir))
        self.faults: dict[str, list[Any]] = {k: list(v) for k, v in (faults or {}).items()}
        self.sticky_faults: dict[str, Any] = dict(sticky_faults or {})
        self.requests: dict[str, int] = {}
        self.log: list[dict[str, Any]] = []
        self._lock = threading.Lock()
        self._httpd = _QuietServer(("127.0.0.1", port), _make_handler(self))
        self._httpd.daemon_threads = True
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        return int(self._httpd.server_address[1])

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def sotkanet_url(self) -> str:
        return self.base_url + SOTKANET_PREFIX

    @property
    def statfin_url(self) -> str:
        return self.base_url + PXWEB_PREFIX

    def start(self) -> FixtureServer:
        if self._thread is None:
            self._thread = threading.Thread(
                target=self._httpd.serve_forever,
                kwargs={"poll_interval": 0.05},
                name="fixture-server",
                daemon=True,
            )
            self._thread.start()
        return self

    def stop(self) -> None:
        if self._thread is not None:
            self._httpd.shutdown()
            self._thread.join(timeout=5)
            self._thread = None
        self._httpd.server_close()

    def __enter__(self) -> FixtureServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def add_fault(self, path: str, *faults: Any) -> None:
        with self._lock:
            self.faults.setdefault(path, []).extend(faults)

    def count(self, path: str) -> int:
        with self._lock:
            return self.requests.get(path, 0)

    def _note(self, method: str, path: str, query: str, headers: Any) -> Any:
        with self._lock:
            self.requests[path] = self.requests.get(path, 0) + 1
            self.log.append(
                {"method": method, "path": path, "query": query, "user_agent": headers.get("User-Agent")}
            )
            indicator = parse_qs(query).get("indicator", [""])[0]
            for key in ([f"{path}?indicator={indicator}"] if indicator else []) + [path]:
                if key in self.sticky_faults:
                    return self.sticky_faults[key]
                queue = self.faults.get(key)
                if queue:
                    return queue.pop(0)
            return None


def _make_handler(server: FixtureServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        server_version = "rsw-fixture/1.0"

        def log_message(self, format: str, *args: Any) -> None:
            return

        def _send(
            self,
            status: int,
            body: bytes,
            content_type: str = "application/json;charset=UTF-8",
            headers: dict[str, str] | None = None,
        ) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            for key, value in (headers or {}).items():
                self.send_header(key, value)
            self.end_headers()
            self.wfile.write(body)

        def _json(self, doc: Any, status: int = 200) -> None:
            self._send(status, json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))

        def _not_found(self, what: str) -> None:
            self._send(
                404,
                f"<html><body><h1>404 Not Found</h1><p>{what}</p></body></html>".encode(),
                "text/html;charset=UTF-8",
            )

        def _fault(self, fault: Any) -> bool:
            """Answer with the injected fault; False when the request should be served normally."""
            if fault is None or fault == 200:
                return False
            if fault == "malformed":
                self._send(200, b'[{"indicator":5,"region":978,"year":2020,"gender":"total","val')
            elif fault == "empty":
                self._json([])
            elif fault == "html":
                self._send(200, HTML_ERROR, "text/html;charset=UTF-8")
            elif fault == "wrong_shape":
                self._json({"error": "unexpected", "rows": []})
            elif fault == "drop":
                self.close_connection = True
                with contextlib.suppress(OSError):
                    self.connection.shutdown(socket.SHUT_RDWR)
            elif isinstance(fault, dict) and "delay" in fault:
                time.sleep(float(fault["delay"]))  # a slow answer: the client's timeout should fire
                return False
            elif isinstance(fault, dict):
                headers = {"Retry-After": str(fault["retry_after"])} if "retry_after" in fault else {}
                body = str(fault.get("body", "")).encode("utf-8")
                self._send(int(fault.get("status", 500)), body, "text/plain;charset=UTF-8", headers)
            else:
                self._send(int(fault), f"HTTP {fault}".encode(), "text/plain;charset=UTF-8")
            return True

        def _begin(self, method: str) -> tuple[str, dict[str, list[str]]] | None:
            parts = urlsplit(self.path)
            path = parts.path.rstrip("/") or "/"
            fault = server._note(method, path, parts.query, self.headers)
            if self._fault(fault):
                return None
            return path, parse_qs(parts.query, keep_blank_values=True)

        def do_GET(self) -> None:
            begun = self._begin("GET")
            if begun is None:
                return
            path, query = begun
            rec = server.recordings
            if path == f"{SOTKANET_PREFIX}/regions":
                doc = rec.load("sotkanet", "regions.json")
                return self._json(doc) if doc is not None else self._not_found(path)
            if path == f"{SOTKANET_PREFIX}/indicators":
                doc = rec.load("sotkanet", "indicators.json")
                return self._json(doc) if doc is not None else self._not_found(path)
            if path.startswith(f"{SOTKANET_PREFIX}/indicators/"):
                ident = path.rsplit("/", 1)[1]
                doc = rec.load("sotkanet", "indicators", f"{ident}.json") if ident.isdigit() else None
                return self._json(doc) if doc is not None else self._not_found(path)
            if path == f"{SOTKANET_PREFIX}/json":
                return self._sotkanet_data(query)
            if path == f"{PXWEB_PREFIX}/{TABLE_11RE}":
                doc = rec.load("statfin", "11re_meta.json")
                return self._json(doc) if doc is not None else self._not_found(path)
            return self._not_found(path)

        def _sotkanet_data(self, query: dict[str, list[str]]) -> None:
            ident = (query.get("indicator") or [""])[0]
            if not ident.isdigit():
                return self._send(
                    400, b"indicator parameter missing or not a number", "text/plain;charset=UTF-8"
                )
            rows = server.recordings.load("sotkanet", "data", f"{ident}.json")
            if rows is None:
                return self._not_found(f"indicator {ident}")
            years = {int(y) for y in query.get("years", []) if y.lstrip("-").isdigit()}
            genders = set(query.get("genders", []))
            regions = {int(r) for r in query.get("regions", []) if r.isdigit()}
            out = [
                r
                for r in rows
                if (not years or r.get("year") in years)
                and (not genders or r.get("gender") in genders)
                and (not regions or r.get("region") in regions)
            ]
            return self._json(out)

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length) if length else b""
            begun = self._begin("POST")
            if begun is None:
                return
            path, _query = begun
            if path != f"{PXWEB_PREFIX}/{TABLE_11RE}":
                return self._not_found(path)
            cube = server.recordings.load("statfin", "11re_data.json")
            if cube is None:
                return self._not_found(path)
            try:
                body = json.loads(raw.decode("utf-8"))
                answer = slice_json_stat2(cube, body.get("query", []))
            except (ValueError, AttributeError, KeyError) as exc:
                return self._send(400, f"Bad query: {exc}".encode(), "text/plain;charset=UTF-8")
            if answer is None:
                return self._send(403, b"Too many values selected", "text/plain;charset=UTF-8")
            fmt = (body.get("response") or {}).get("format", "json")
            if fmt != "json-stat2":
                return self._send(
                    400, f"format {fmt!r} not recorded; use json-stat2".encode(), "text/plain;charset=UTF-8"
                )
            return self._json(answer)

    return Handler


def slice_json_stat2(cube: dict, query: list[dict]) -> dict | None:
    """The part of a recorded json-stat2 cube a PxWeb query selects (``item`` and ``all`` filters).
    Categories keep the table's order, as PxWeb answers. None when the answer would be too big."""
    ids: list[str] = cube["id"]
    sizes: list[int] = cube["size"]
    ordered: dict[str, list[str]] = {}
    for dim in ids:
        index = cube["dimension"][dim]["category"]["index"]
        ordered[dim] = sorted(index, key=index.get) if isinstance(index, dict) else list(index)
    chosen: dict[str, list[str]] = {}
    for q in query:
        code, selection = q["code"], q.get("selection", {})
        if code not in ordered:
            raise KeyError(f"variable {code} is not in the table")
        values = selection.get("values", [])
        if selection.get("filter", "item") == "all":
            chosen[code] = list(ordered[code])
        else:
            unknown = [v for v in values if v not in ordered[code]]
            if unknown:
                raise KeyError(f"values {unknown} of {code} are not in the table")
            wanted = set(values)
            chosen[code] = [v for v in ordered[code] if v in wanted]
    for dim in ids:
        # PxWeb eliminates unselected variables; the recorded tables only hold totals/one content
        # so answer with the first category (SSS / the one content variable).
        chosen.setdefault(dim, [ordered[dim][0]])
    cells = 1
    for dim in ids:
        cells *= len(chosen[dim])
    if cells > MAX_PXWEB_CELLS:
        return None
    positions = {dim: {v: i for i, v in enumerate(ordered[dim])} for dim in ids}
    strides = [1] * len(ids)
    for k in range(len(ids) - 2, -1, -1):
        strides[k] = strides[k + 1] * sizes[k + 1]
    values: list[Any] = []

    def walk(level: int, offset: int) -> None:
        if level == len(ids):
            values.append(cube["value"][offset])
            return
        dim = ids[level]
        for v in chosen[dim]:
            walk(level + 1, offset + positions[dim][v] * strides[level])

    walk(0, 0)
    dimension = {}
    for dim in ids:
        src = cube["dimension"][dim]
        cat = {
            "index": {v: i for i, v in enumerate(chosen[dim])},
            "label": {v: src["category"].get("label", {}).get(v, v) for v in chosen[dim]},
        }
        if "unit" in src["category"]:
            cat["unit"] = {v: u for v, u in src["category"]["unit"].items() if v in chosen[dim]}
        dimension[dim] = {"label": src.get("label", dim), "category": cat}
    answer = {k: v for k, v in cube.items() if k not in ("id", "size", "dimension", "value")}
    answer.update({"id": ids, "size": [len(chosen[d]) for d in ids], "dimension": dimension, "value": values})
    return answer


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Serve recorded Sotkanet/StatFin responses on 127.0.0.1.")
    parser.add_argument("--recordings", type=Path, required=True)
    parser.add_argument("--port-file", type=Path, required=True)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument(
        "--write-recordings",
        action="store_true",
        help="write the demo recordings into --recordings first when it is empty",
    )
    args = parser.parse_args(argv)
    if args.write_recordings and not (args.recordings / "sotkanet" / "regions.json").exists():
        from demo.api_recordings import write_recordings

        write_recordings(args.recordings)

    server = FixtureServer(args.recordings, port=args.port)
    stopped = threading.Event()

    def on_signal(signum: int, _frame: Any) -> None:
        stopped.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    server.start()
    tmp = args.port_file.with_name(args.port_file.name + ".tmp")
    tmp.write_text(f"{server.port}\n", encoding="utf-8")
    os.replace(tmp, args.port_file)
    try:
        while not stopped.wait(0.5):
            pass
    finally:
        server.stop()
        args.port_file.unlink(missing_ok=True)


if __name__ == "__main__":
    main()
