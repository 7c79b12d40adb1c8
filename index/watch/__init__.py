"""Watching agencies' 政府信息公开年报 list pages: `xxgk watch add URL | list | remove URL | run`.

store.py   the watch list (watch.db in the home): pages, and every report link found with its fate
links.py   finding report links, the next page and attached files in a page's HTML
polite.py  one request at a time per host, with a pause, a User-Agent and conditional requests
run.py     one run: check the pages, fetch what is new, ingest it atomically, say what was added
"""

from index.watch.run import NewReport, PageCheck, Problem, WatchResult, run
from index.watch.store import SeenLink, WatchedPage, WatchList, add_page, overview, remove_page

__all__ = [
    "NewReport",
    "PageCheck",
    "Problem",
    "SeenLink",
    "WatchList",
    "WatchResult",
    "WatchedPage",
    "add_page",
    "overview",
    "remove_page",
    "run",
]
