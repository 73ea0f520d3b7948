"""Following live sources: feeds, sitemaps and folders polled into the ledger (``newsledger watch``).

- :mod:`~newsledger.watch.sources`: what a SOURCE is (a feed or sitemap URL, a
  folder), the pages it lists, and checking one page against what was seen;
- :mod:`~newsledger.watch.fetch`: the HTTP client (timeouts, caps, retries
  with backoff, redirects, per-host rate limits, robots.txt, User-Agent);
- :mod:`~newsledger.watch.state`: what was seen, kept in the database across
  restarts (``watched_pages``, ``article_versions``);
- :mod:`~newsledger.watch.watcher`: one poll through the batch's own steps,
  and the loop.

Only the command line imports this package.
"""

from newsledger.watch.fetch import USER_AGENT, FetchConfig, Fetcher
from newsledger.watch.sources import FolderSource, WebSource, parse_source
from newsledger.watch.state import WatchState
from newsledger.watch.watcher import IncidentChange, PollReport, Watcher

__all__ = [
    "USER_AGENT",
    "FetchConfig",
    "Fetcher",
    "FolderSource",
    "IncidentChange",
    "PollReport",
    "WatchState",
    "Watcher",
    "WebSource",
    "parse_source",
]
