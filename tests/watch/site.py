"""A small news site served on 127.0.0.1 for the watch tests, and a slow second host (helpers; fixtures in conftest.py).

The reports are short made-up news stories written for these tests: a missile
strike on a market in Kharkiv whose toll the site raises from three to five
killed between polls, arrests at a protest in Tbilisi, a raid near Mopti and a
drone strike on Odesa's port. The main host serves them with ETags (a request
that sends the current one back gets a 304), an RSS feed, an Atom feed, a
sitemap and a sitemap index, and a ``robots.txt`` that disallows
``/private/``; and it misbehaves on purpose: ``/broken`` answers 500,
``/loop-a`` and ``/loop-b`` redirect to each other, ``/endless`` streams a
page that never ends, ``/report.pdf`` is no HTML. The slow host answers its
page after longer than the tests' read timeout. Every request is recorded with
its time, host, path and headers.
"""

from __future__ import annotations

import hashlib
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

NUMBERS = {3: "three", 5: "five"}
WOUNDED = {3: 12, 5: 15}

STORIES = {
    "/news/market-strike.html": (
        "Missile strike on Kharkiv market kills {toll_word}", "2025-03-04",
        [
            "A missile strike hit a crowded market in Kharkiv on Tuesday morning, killing {toll_word} people and "
            "wounding {wounded} others, the regional governor said.",
            "Emergency crews searched the rubble of the market stalls into the afternoon. \"The strike hit the "
            "market when it was full of shoppers,\" the governor told reporters.",
            "The city's mayor declared Wednesday a day of mourning.",
        ],
    ),
    "/news/tbilisi-arrests.html": (
        "Police arrest 40 protesters in Tbilisi", "2025-03-04",
        [
            "Police in Tbilisi arrested 40 protesters on Monday night after a rally outside parliament turned "
            "violent, the interior ministry said.",
            "Demonstrators threw bottles at officers, who used water cannon to clear the avenue. The ministry said "
            "12 officers were injured.",
        ],
    ),
    "/news/mopti-raid.html": (
        "Soldiers accused of killing civilians near Mopti", "2025-03-03",
        [
            "Soldiers raided a village near Mopti on Sunday and killed seven civilians, residents said.",
            "The army denied the account and said its troops had fought armed men in the area.",
        ],
    ),
    "/news/odesa-port.html": (
        "Drone hits warehouse in Odesa port", "2025-03-05",
        [
            "A drone struck a warehouse in the port of Odesa overnight, injuring two workers, the regional "
            "administration said.",
            "Firefighters put out the blaze by morning, and the port kept working.",
        ],
    ),
    "/private/memo.html": (
        "Internal memo", "2025-03-04",
        ["This page is for the newsroom only and robots.txt keeps crawlers out of it."],
    ),
}
ROBOTS = "User-agent: *\nDisallow: /private/\n"
BAD_PATHS = ("/private/memo.html", "/broken", "/loop-a", "/endless", "/report.pdf")


@dataclass
class Request:
    at: float
    host: str
    path: str
    headers: dict[str, str]
    status: int = 0


@dataclass
class Site:
    """The servers' state: what they serve and every request they were sent."""

    toll: int = 3
    slow_seconds: float = 2.0
    requests: list[Request] = field(default_factory=list)
    stop: threading.Event = field(default_factory=threading.Event)
    main: str = ""  # http://127.0.0.1:PORT
    slow: str = ""
    lock: threading.Lock = field(default_factory=threading.Lock)

    def url(self, path: str) -> str:
        return self.main + path

    def paths(self, host: str | None = None) -> list[str]:
        """Paths requested, in order (of the main host unless told)."""
        host = host or self.main
        return [r.path for r in self.requests if r.host == host]

    def count(self, path: str, host: str | None = None) -> int:
        return self.paths(host).count(path)

    def page(self, path: str) -> bytes:
        title, day, paragraphs = STORIES[path]
        words = {"toll_word": NUMBERS[self.toll], "wounded": WOUNDED[self.toll]}
        body = "\n".join(f"<p>{p.format(**words)}</p>" for p in paragraphs)
        return (
            "<!DOCTYPE html><html><head><meta charset=\"utf-8\">"
            f"<title>{title.format(**words)}</title>"
            f"<meta property=\"article:published_time\" content=\"{day}T09:00:00Z\"></head>"
            "<body><header><nav><a href=\"/\">Home</a> | <a href=\"/world\">World</a></nav></header>"
            f"<article><h1>{title.format(**words)}</h1>\n{body}</article>"
            "<footer>The Daily Example</footer></body></html>"
        ).encode("utf-8")

    def feed(self, paths: list[str]) -> bytes:
        items = "".join(
            f"<item><title>{STORIES[p][0].format(toll_word=NUMBERS[self.toll]) if p in STORIES else p}</title>"
            f"<link>{p if p.startswith('http') else self.url(p)}</link>"
            "<pubDate>Tue, 04 Mar 2025 09:00:00 GMT</pubDate></item>"
            for p in paths
        )
        return (
            "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel>"
            f"<title>The Daily Example</title><link>{self.main}/</link>{items}</channel></rss>"
        ).encode("utf-8")

    def atom(self) -> bytes:
        return (
            "<?xml version=\"1.0\" encoding=\"utf-8\"?><feed xmlns=\"http://www.w3.org/2005/Atom\">"
            "<title>The Daily Example: Africa</title><id>urn:example:africa</id><updated>2025-03-03T10:00:00Z</updated>"
            f"<entry><title>Soldiers accused of killing civilians near Mopti</title>"
            f"<link href=\"{self.url('/news/mopti-raid.html')}\"/><id>urn:example:mopti</id>"
            "<published>2025-03-03T10:00:00Z</published><updated>2025-03-03T10:00:00Z</updated></entry></feed>"
        ).encode("utf-8")

    def sitemap(self, paths: list[str]) -> bytes:
        urls = "".join(
            f"<url><loc>{self.url(p)}</loc><lastmod>2025-03-05</lastmod>"
            "<news:news><news:publication><news:name>The Daily Example</news:name></news:publication>"
            "<news:publication_date>2025-03-05T06:00:00Z</news:publication_date>"
            f"<news:title>{STORIES[p][0]}</news:title></news:news></url>"
            for p in paths
        )
        return (
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
            "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" "
            f"xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\">{urls}</urlset>"
        ).encode("utf-8")

    def sitemap_index(self) -> bytes:
        return (
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
            "<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"
            f"<sitemap><loc>{self.url('/sitemap.xml')}</loc><lastmod>2025-03-05</lastmod></sitemap></sitemapindex>"
        ).encode("utf-8")

    def record(self, request: Request) -> None:
        with self.lock:
            self.requests.append(request)


GOOD_RSS = ["/news/market-strike.html", "/news/tbilisi-arrests.html"]


def _handler(site: Site, host: str):
    class Handler(BaseHTTPRequestHandler):
        server_version = "TestSite/1.0"

        def log_message(self, *args) -> None:  # quiet
            pass

        def handle(self) -> None:
            try:
                super().handle()
            except (BrokenPipeError, ConnectionResetError):
                pass

        def do_GET(self) -> None:  # noqa: N802 (http.server's name)
            request = Request(time.monotonic(), getattr(site, host), self.path, dict(self.headers.items()))
            site.record(request)
            if host == "slow":
                self._slow(request)
            else:
                self._main(request)

        def _send(self, request: Request, status: int, body: bytes = b"", content_type: str = "text/html",
                  headers: dict[str, str] | None = None) -> None:
            request.status = status
            etag = f'"{hashlib.sha256(body).hexdigest()[:16]}"'
            if status == 200 and request.headers.get("If-None-Match") == etag:
                status = request.status = 304
            self.send_response(status)
            for key, value in (headers or {}).items():
                self.send_header(key, value)
            if status in (200, 304) and body:
                self.send_header("ETag", etag)
            if status == 304:
                self.end_headers()
                return
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def _main(self, request: Request) -> None:
            path = self.path
            xml = "application/xml; charset=utf-8"
            if path == "/robots.txt":
                self._send(request, 200, ROBOTS.encode(), "text/plain")
            elif path == "/feed.rss":
                slow_page = site.slow + "/news/slow.html"
                self._send(request, 200, site.feed([*GOOD_RSS, *BAD_PATHS, slow_page]), "application/rss+xml")
            elif path == "/clean.rss":
                self._send(request, 200, site.feed(GOOD_RSS), "application/rss+xml")
            elif path == "/feed.atom":
                self._send(request, 200, site.atom(), "application/atom+xml")
            elif path == "/sitemap.xml":
                self._send(request, 200, site.sitemap(["/news/odesa-port.html", "/news/market-strike.html"]), xml)
            elif path == "/sitemap-index.xml":
                self._send(request, 200, site.sitemap_index(), xml)
            elif path in STORIES:
                self._send(request, 200, site.page(path), "text/html; charset=utf-8")
            elif path == "/broken":
                self._send(request, 500, b"<h1>Internal Server Error</h1>")
            elif path in ("/loop-a", "/loop-b"):
                target = "/loop-b" if path == "/loop-a" else "/loop-a"
                self._send(request, 302, headers={"Location": target})
            elif path == "/report.pdf":
                self._send(request, 200, b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n", "application/pdf")
            elif path == "/endless":
                self._endless(request)
            else:
                self._send(request, 404, b"<h1>Not Found</h1>")

        def _endless(self, request: Request) -> None:
            request.status = 200
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.wfile.write(b"<html><body><article>")
            chunk = b"<p>And the story goes on, and on, and on.</p>" * 20
            while not site.stop.is_set():
                self.wfile.write(chunk)
                self.wfile.flush()
                site.stop.wait(0.005)

        def _slow(self, request: Request) -> None:
            if self.path == "/robots.txt":
                self._send(request, 404, b"")
                return
            site.stop.wait(site.slow_seconds)  # longer than the client waits
            self._send(request, 200, site.page("/news/odesa-port.html"), "text/html")

    return Handler


def serve(site: Site) -> list[ThreadingHTTPServer]:
    """Start the main and the slow host on free ports of 127.0.0.1; their addresses go into ``site``."""
    servers = []
    for host in ("main", "slow"):
        server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(site, host))
        server.daemon_threads = True
        setattr(site, host, f"http://127.0.0.1:{server.server_address[1]}")
        threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        servers.append(server)
    return servers


def stop(site: Site, servers: list[ThreadingHTTPServer]) -> None:
    site.stop.set()
    for server in servers:
        server.shutdown()
        server.server_close()
