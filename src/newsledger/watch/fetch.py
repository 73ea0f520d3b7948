"""Fetching feeds and pages politely: one HTTP client with timeouts, caps, retries, rate limits and robots.txt.

:class:`Fetcher` wraps one :class:`httpx.Client` and answers each request
with a :class:`Fetched` body, :class:`NotModified` (the validators it was given
still hold: a 304) or a :class:`FetchFailure` whose reason is one line, never
an exception:

- connect and read timeouts, a cap on the body's size (decompressed) and on
  the time one page may take, so a page that never ends fails instead of
  holding the watch;
- retries with exponential backoff after a connection error, a timeout, a 5xx
  or a 429 (``Retry-After`` honoured up to a cap), a bounded number of times;
- redirects followed by hand, at most ``max_redirects``, each hop checked
  against robots.txt; a redirect back to a URL already visited is a loop;
- at least ``host_interval`` seconds between two requests to one host (or
  the robots.txt ``Crawl-delay``, up to a minute);
- robots.txt read once per host with the same client and kept for an hour,
  per RFC 9309: a missing file (4xx) allows everything, an unreachable one
  (5xx, network errors) disallows everything for a while;
- a User-Agent naming newsledger, its version and where to read about it.

Hand-written on httpx and :mod:`urllib.robotparser`: httpx has timeouts but no
rate limits, robots.txt or body caps, and a crawler framework would bring its
own scheduler and storage where the watch keeps its state in the ledger's
database.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import logging
import threading
import time
import urllib.robotparser
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import httpx

import newsledger
from newsledger import config
from newsledger.ingest.files import describe_size

LOGGER = logging.getLogger(__name__)

USER_AGENT = f"newsledger/{newsledger.__version__} (+https://newsledger.invalid/watch)"
# The product token robots.txt groups are matched against.
ROBOTS_AGENT = "newsledger"
# RFC 9309 asks crawlers to read at least 500 KiB of a robots.txt.
ROBOTS_MAX_BYTES = 512_000
MAX_CRAWL_DELAY = 60.0
ROBOTS_REFUSAL = "disallowed by robots.txt"
_REDIRECTS = {301, 302, 303, 307, 308}


@dataclass(frozen=True)
class FetchConfig:
    """How the watch fetches: timeouts, caps, retries, politeness. Every time is in seconds."""

    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    page_seconds: float = 60.0  # the most one attempt at one page may take, redirects and body included
    max_bytes: int = config.DEFAULT_MAX_BYTES
    retries: int = 2  # attempts after the first, on a connection error, a timeout, a 5xx or a 429
    backoff: float = 2.0  # wait before the first retry, doubled before each next one
    max_backoff: float = 60.0  # the longest wait, Retry-After included
    max_redirects: int = 5
    host_interval: float = 1.0  # between two requests to one host
    robots_ttl: float = 3600.0  # how long a host's robots.txt is kept
    robots_failure_ttl: float = 300.0  # how long an unreachable robots.txt keeps its host closed
    user_agent: str = USER_AGENT


@dataclass(frozen=True)
class Fetched:
    """A body the server sent with 2xx, and what it said about it."""

    url: str  # as asked for
    final_url: str  # after redirects
    status: int
    body: bytes
    content_type: str | None = None  # the media type, lower case, without parameters
    charset: str | None = None
    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True)
class NotModified:
    """The server answered 304: the page is as it was when it gave these validators."""

    url: str


@dataclass(frozen=True)
class FetchFailure:
    """A URL that could not be fetched, and why, in one line."""

    url: str
    reason: str


@dataclass(frozen=True)
class _Retry:
    """An attempt that failed in a way the next one may not: its reason, and the wait the server asked for."""

    reason: str
    wait: float | None = None


@dataclass
class _Robots:
    parser: urllib.robotparser.RobotFileParser
    expires: float
    note: str | None = None  # why everything is disallowed, when robots.txt could not be read


@dataclass
class _Host:
    last_request: float | None = None
    crawl_delay: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock)


class Fetcher:
    """One HTTP client for every feed, sitemap and page of a watch; close it with :meth:`close` or ``with``.

    ``clock`` and ``sleep`` (monotonic seconds) may be replaced in tests;
    ``transport`` is handed to httpx (a mock transport, say).
    """

    def __init__(self, settings: FetchConfig | None = None, *, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep, transport: httpx.BaseTransport | None = None) -> None:
        self.config = settings or FetchConfig()
        self.clock = clock
        self.sleep = sleep
        self.client = httpx.Client(
            headers={"User-Agent": self.config.user_agent},
            timeout=httpx.Timeout(self.config.read_timeout, connect=self.config.connect_timeout),
            follow_redirects=False,
            transport=transport,
        )
        self._robots: dict[str, _Robots] = {}
        self._hosts: dict[str, _Host] = {}

    def close(self) -> None:
        """Close the client's connections."""
        self.client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # Requests -------------------------------------------------------------------------------

    def get(self, url: str, etag: str | None = None, last_modified: str | None = None,
            accept: str = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5") -> Fetched | NotModified | FetchFailure:
        """GET ``url`` (conditionally, when validators are given), retrying what may pass on a later attempt."""
        headers = {"Accept": accept}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        attempt = 0
        while True:
            outcome = self._attempt(url, headers, check_robots=True)
            if not isinstance(outcome, _Retry):
                return outcome
            if attempt >= self.config.retries:
                tries = f" (after {attempt + 1} attempts)" if attempt else ""
                return FetchFailure(url, f"{outcome.reason}{tries}")
            wait = self.config.backoff * 2**attempt
            if outcome.wait is not None:
                wait = max(wait, outcome.wait)
            wait = min(wait, self.config.max_backoff)
            LOGGER.info("%s: %s; trying again in %.1f s", url, outcome.reason, wait)
            self.sleep(wait)
            attempt += 1

    def refusal(self, url: str) -> str | None:
        """None when robots.txt lets newsledger fetch ``url``, else why not."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https"):
            return None
        origin = f"{parts.scheme}://{parts.netloc}"
        robots = self._robots.get(origin)
        if robots is None or robots.expires <= self.clock():
            robots = self._read_robots(origin)
            self._robots[origin] = robots
        if robots.parser.can_fetch(self.config.user_agent, url):
            return None
        return robots.note or ROBOTS_REFUSAL

    def _attempt(self, url: str, headers: dict[str, str], check_robots: bool, max_bytes: int | None = None,
                 truncate: bool = False) -> Fetched | NotModified | FetchFailure | _Retry:
        """One attempt: follow redirects by hand, read the body under the caps (or, with ``truncate``, up to
        ``max_bytes`` of it)."""
        deadline = self.clock() + self.config.page_seconds
        visited = [url]
        current = url
        for _hop in range(self.config.max_redirects + 1):
            scheme = urlsplit(current).scheme
            if scheme not in ("http", "https"):
                return FetchFailure(url, f"redirected to {current}: only http and https are fetched")
            if check_robots:
                refused = self.refusal(current)
                if refused:
                    return FetchFailure(url, refused if current == url else f"redirected to {current}: {refused}")
            deadline += self._wait_for_host(current)  # a wait for the host is not the page's time
            try:
                with self.client.stream("GET", current, headers=headers) as response:
                    status = response.status_code
                    location = response.headers.get("location")
                    if status in _REDIRECTS and location:
                        target = urljoin(current, location.strip())
                        if target in visited:
                            loop = " -> ".join([*visited[visited.index(target):], target])
                            return FetchFailure(url, f"redirect loop: {loop}")
                        visited.append(target)
                        current = target
                        continue
                    return self._answer(url, current, response, deadline, max_bytes or self.config.max_bytes,
                                        truncate)
            except httpx.TimeoutException as exc:
                return _Retry(f"timed out ({_timeout_kind(exc)} timeout)")
            except httpx.TransportError as exc:
                return _Retry(f"connection failed ({type(exc).__name__}: {exc or 'no detail'})")
            except (httpx.HTTPError, httpx.InvalidURL, ValueError) as exc:
                return FetchFailure(url, f"cannot fetch ({type(exc).__name__}: {exc})")
        return FetchFailure(url, f"more than {self.config.max_redirects} redirects")

    def _answer(self, url: str, current: str, response: httpx.Response, deadline: float, max_bytes: int,
                truncate: bool = False) -> Fetched | NotModified | FetchFailure | _Retry:
        status = response.status_code
        if status == 304:
            return NotModified(url)
        if status >= 500 or status == 429:
            return _Retry(f"HTTP {status} {response.reason_phrase}".rstrip(), _retry_after(response))
        if status >= 300 or status < 200:
            return FetchFailure(url, f"HTTP {status} {response.reason_phrase}".rstrip())
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > max_bytes and not truncate:
            return FetchFailure(url, f"larger than {describe_size(max_bytes)} limit ({int(declared):,} bytes declared)")
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > max_bytes and truncate:
                chunks.append(chunk[: max_bytes - size])
                break
            if size > max_bytes:
                return FetchFailure(url, f"larger than {describe_size(max_bytes)} limit")
            if self.clock() > deadline:
                return FetchFailure(
                    url, f"did not finish within {self.config.page_seconds:g} s ({size:,} bytes read; a page "
                         f"that never ends?)")
            chunks.append(chunk)
        media, charset = _content_type(response.headers.get("content-type"))
        return Fetched(
            url=url, final_url=current, status=status, body=b"".join(chunks), content_type=media, charset=charset,
            etag=response.headers.get("etag"), last_modified=response.headers.get("last-modified"),
        )

    # Politeness -----------------------------------------------------------------------------

    def _wait_for_host(self, url: str) -> float:
        """Keep ``host_interval`` (or the host's crawl delay) between two requests to one host; the wait."""
        host = self._hosts.setdefault(urlsplit(url).netloc.lower(), _Host())
        with host.lock:
            interval = max(self.config.host_interval, host.crawl_delay)
            wait = 0.0
            if host.last_request is not None:
                wait = max(0.0, host.last_request + interval - self.clock())
                if wait > 0:
                    self.sleep(wait)
            host.last_request = self.clock()
            return wait

    def _read_robots(self, origin: str) -> _Robots:
        """The robots.txt of ``origin``, fetched with this client (one attempt per retry allowed)."""
        parser = urllib.robotparser.RobotFileParser(f"{origin}/robots.txt")
        now = self.clock()
        outcome: Fetched | NotModified | FetchFailure | _Retry = _Retry("not fetched")
        for attempt in range(self.config.retries + 1):
            # RFC 9309: at least the first 500 KiB are read; what lies beyond is ignored.
            outcome = self._attempt(f"{origin}/robots.txt", {"Accept": "text/plain,*/*;q=0.5"}, check_robots=False,
                                    max_bytes=ROBOTS_MAX_BYTES, truncate=True)
            if not isinstance(outcome, _Retry):
                break
            if attempt < self.config.retries:
                self.sleep(min(self.config.backoff * 2**attempt, self.config.max_backoff))
        if isinstance(outcome, Fetched):
            parser.parse(outcome.body.decode("utf-8", errors="replace").splitlines())
            delay = parser.crawl_delay(self.config.user_agent)
            if delay:
                self._hosts.setdefault(urlsplit(origin).netloc.lower(), _Host()).crawl_delay = min(
                    float(delay), MAX_CRAWL_DELAY)
            return _Robots(parser, now + self.config.robots_ttl)
        if isinstance(outcome, FetchFailure) and outcome.reason.startswith("HTTP 4"):
            parser.allow_all = True  # no robots.txt: everything may be fetched
            return _Robots(parser, now + self.config.robots_ttl)
        reason = outcome.reason
        parser.disallow_all = True
        LOGGER.info("%s/robots.txt could not be read (%s): not fetching from that host for now", origin, reason)
        return _Robots(parser, now + self.config.robots_failure_ttl,
                       f"robots.txt of {urlsplit(origin).netloc} could not be read ({reason}), so nothing there is "
                       f"fetched for now")


def _content_type(header: str | None) -> tuple[str | None, str | None]:
    if not header:
        return None, None
    media, _, params = header.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip("\"'")
    return media.strip().lower() or None, charset


def _retry_after(response: httpx.Response) -> float | None:
    """The wait a 429 or 503 asks for (seconds, or an HTTP date), if it says one."""
    value = (response.headers.get("retry-after") or "").strip()
    if value.isdigit():
        return float(value)
    try:
        moment = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return max(0.0, (moment - dt.datetime.now(dt.UTC)).total_seconds())


def _timeout_kind(exc: httpx.TimeoutException) -> str:
    return {
        httpx.ConnectTimeout: "connect", httpx.ReadTimeout: "read", httpx.WriteTimeout: "write",
        httpx.PoolTimeout: "pool",
    }.get(type(exc), "network")
