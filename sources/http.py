"""The polite HTTP client every API source uses (Sotkanet, StatFin): a User-Agent, a minimum interval
between calls, timeouts, and retries with exponential backoff on 429 / 5xx / transport errors, respecting
a bounded Retry-After. Errors name the service, the indicator (when there is one) and the full URL."""

from __future__ import annotations

import datetime as dt
import email.utils
import json
import threading
import time
from dataclasses import dataclass
from typing import Any

import httpx
from tenacity import RetryCallState, Retrying, retry_if_exception_type, stop_after_attempt


class _Retryable(Exception):
    def __init__(self, message: str, retry_after: float | None = None):
        super().__init__(message)
        self.retry_after = retry_after


@dataclass(frozen=True)
class Response:
    """A successful HTTP answer: the full URL asked and the raw body."""

    url: str
    body: bytes
    content_type: str


def parse_retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header (delta-seconds or HTTP-date), or None when absent/unreadable."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return max(0.0, (when - dt.datetime.now(dt.UTC)).total_seconds())


class PoliteHttpClient:
    """httpx wrapper: User-Agent, a minimum interval between calls, timeouts, and tenacity retries with
    exponential backoff on 429 / 5xx / transport errors (a Retry-After header is respected, bounded)."""

    error_class: type[Exception] = RuntimeError
    service = "HTTP"

    def __init__(
        self,
        base_url: str,
        user_agent: str,
        timeout_s: float = 30,
        min_interval_s: float = 0.2,
        max_attempts: int = 5,
        backoff_s: float = 1.0,
        max_backoff_s: float = 60.0,
        max_retry_after_s: float = 60.0,
    ):
        if not user_agent or not user_agent.strip():
            raise ValueError(
                f"{self.service}: a User-Agent is required (the service may refuse anonymous calls)"
            )
        self.base_url = base_url.rstrip("/")
        self.user_agent = user_agent
        self.min_interval_s = min_interval_s
        self.max_attempts = max(1, max_attempts)
        self.backoff_s = backoff_s
        self.max_backoff_s = max_backoff_s
        self.max_retry_after_s = max_retry_after_s
        self._http = httpx.Client(
            timeout=httpx.Timeout(timeout_s),
            headers={"User-Agent": user_agent, "Accept": "application/json"},
            follow_redirects=True,
        )
        self._lock = threading.Lock()
        self._last_call = 0.0

    def close(self) -> None:
        self._http.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _wait_turn(self) -> None:
        with self._lock:
            delay = self._last_call + self.min_interval_s - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            self._last_call = time.monotonic()

    def _wait_before_retry(self, state: RetryCallState) -> float:
        exc = state.outcome.exception() if state.outcome else None
        if isinstance(exc, _Retryable) and exc.retry_after is not None:
            return min(exc.retry_after, self.max_retry_after_s)
        return min(self.backoff_s * 2 ** (state.attempt_number - 1), self.max_backoff_s)

    def _once(self, method: str, url: str, params: Any, json_body: Any, indicator_id: int | None) -> Response:
        self._wait_turn()
        try:
            resp = self._http.request(method, url, params=params, json=json_body)
        except httpx.TransportError as exc:  # includes timeouts
            raise _Retryable(f"{type(exc).__name__}: {exc}") from exc
        if resp.status_code == 429 or resp.status_code >= 500:
            raise _Retryable(f"HTTP {resp.status_code}", parse_retry_after(resp.headers.get("Retry-After")))
        if resp.status_code >= 400:
            raise self.error_class(
                f"{self._label(indicator_id)}HTTP {resp.status_code} from {method} {resp.request.url}"
            )
        return Response(str(resp.request.url), resp.content, resp.headers.get("Content-Type", ""))

    def _label(self, indicator_id: int | None = None) -> str:
        return (
            f"{self.service} indicator {indicator_id}: " if indicator_id is not None else f"{self.service}: "
        )

    def request(
        self,
        method: str,
        path: str,
        params: Any = None,
        json_body: Any = None,
        indicator_id: int | None = None,
    ) -> Response:
        """One call with retries. Raises ``error_class`` naming the indicator (if any) and the full URL."""
        url = f"{self.base_url}/{path.lstrip('/')}" if path else self.base_url
        full_url = str(httpx.URL(url, params=params)) if params else url
        retrying = Retrying(
            stop=stop_after_attempt(self.max_attempts),
            wait=self._wait_before_retry,
            retry=retry_if_exception_type(_Retryable),
            reraise=True,
        )
        try:
            return retrying(self._once, method, url, params, json_body, indicator_id)
        except _Retryable as exc:
            raise self.error_class(
                f"{self._label(indicator_id)}{method} {full_url} failed after {self.max_attempts} "
                f"attempts: {exc}"
            ) from exc


def load_json(resp: Response, error_class: type[Exception], label: str) -> Any:
    """Decode a JSON body, with a clear error for HTML pages and truncated documents."""
    text = resp.body.decode("utf-8", errors="replace")
    stripped = text.lstrip()
    if stripped[:1] == "<" or "html" in resp.content_type.lower():
        raise error_class(
            f"{label}response from {resp.url} is not JSON (looks like an HTML page: {stripped[:80]!r})"
        )
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise error_class(
            f"{label}response from {resp.url} is not valid JSON ({exc.msg} at char {exc.pos}, "
            f"{len(resp.body)} bytes received; truncated?)"
        ) from exc
