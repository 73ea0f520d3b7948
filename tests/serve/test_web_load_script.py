"""The web load benchmark's own logic: the wrk script it writes and the line it reads back.

No newsledger server is started: the parser reads canned output, and where wrk
is installed, one second of it runs the script against a stub server.
"""

from __future__ import annotations

import shutil
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from benchmarks.web_load import FIELDS, MARK, Route, lua_script, parse_wrk_line, run_wrk

# wrk's own summary, then the done hook's line, as wrk 4.1 prints them (the backslash joins the line).
CANNED = """Running 15s test @ http://127.0.0.1:40123/api/v1/incidents/map
  2 threads and 8 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency   812.40ms  120.31ms   1.43s    71.02%
    Req/Sec     5.12      2.80    10.00     60.00%
  147 requests in 15.02s, 402.11MB read
Requests/sec:      9.79
Transfer/sec:     26.77MB
newsledger-wrk requests=147 duration_us=15021873 bytes=421643520 p50_us=801234 p95_us=1034567 p99_us=1311000 \
max_us=1430011 status=0 connect=0 read=1 write=0 timeout=2
"""


def test_the_done_line_is_read():
    result = parse_wrk_line(CANNED)
    assert result.requests == 147
    assert result.p50_us == 801234
    assert result.p95_us == 1034567
    assert result.requests_per_second == pytest.approx(147 / 15.021873)
    assert result.errors == 3


@pytest.mark.parametrize("output", [
    "Running 15s test @ http://127.0.0.1:1/\n  0 requests in 15.00s\n",
    f"{MARK} requests=3 duration_us=1000000\n",
    "",
])
def test_output_without_a_whole_line_is_an_error(output):
    with pytest.raises(ValueError):
        parse_wrk_line(output)


def test_the_script_lists_every_path_and_prints_every_field():
    script = lua_script(("/api/v1/incidents/a1", "/api/v1/incidents/b%2F2"))
    assert '"/api/v1/incidents/a1"' in script and '"/api/v1/incidents/b%2F2"' in script
    assert "math.random(#paths)" in script
    for name in FIELDS:
        assert f" {name}=%.0f" in script
    assert f'string.format("{MARK} ' in script


@pytest.mark.parametrize("paths", [(), ('/a"b',), ("/a\nb",), ("relative",)])
def test_paths_that_would_break_the_script_are_refused(paths):
    with pytest.raises(ValueError):
        lua_script(paths)


@pytest.mark.skipif(shutil.which("wrk") is None, reason="wrk is absent")
def test_wrk_runs_the_script_against_a_stub_server(tmp_path):
    # One second of wrk against a stub that answers the two paths: both are asked for, the line comes back.
    asked: set[str] = set()

    class Stub(BaseHTTPRequestHandler):
        def do_GET(self):
            asked.add(self.path)
            found = self.path in ("/api/v1/incidents/a", "/api/v1/incidents/b%2F1")
            body = b"{}" if found else b"no"
            self.send_response(200 if found else 404)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Stub)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        route = Route("stub", ("/api/v1/incidents/a", "/api/v1/incidents/b%2F1"))
        result = run_wrk(f"http://127.0.0.1:{server.server_port}", route, tmp_path / "stub.lua", duration=1,
                         threads=1, connections=2)
    finally:
        server.shutdown()
        server.server_close()
    assert result.requests > 10
    assert result.errors == 0
    assert asked == set(route.paths)
    assert 0 < result.p50_us <= result.p95_us <= result.max_us
