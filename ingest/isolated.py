"""Parse reports in a child process, so that no input can hang or exhaust the process that asked for it
(an ingest, the Telegram bot).

The parser's own loops stop at the parse deadline (ingest.limits.check_time); what they cannot reach —
a regular expression stuck in C, a library reading a hostile file — is stopped by killing the child
PARSE_GRACE seconds later. The child's address space is capped too (PARSE_MEMORY), so a file that would
need gigabytes fails alone instead of swapping the machine.

The child is a fresh interpreter (`python -m ingest.isolated`), not a fork: a fork would inherit the
parent's locks (the home's write lock, a reader's lock on its generation) and its threads' state. It
starts in about 0.1 s, serves its parent process for that process's lifetime, one report at a time
(about 1 ms per report for sending the bytes and the parsed report through a pipe), and ends when its
parent does (the pipe closes).
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Callable
from multiprocessing.connection import Connection

from ingest import limits
from ingest.errors import ReportError
from ingest.types import ParsedReport

ParseFn = Callable[[str, bytes], ParsedReport]


class ParserStopped(ReportError):
    """The child parsing a report died (out of memory, or killed)."""


def parse_report_bounded(name: str, data: bytes, *, agency: str | None = None, year: int | None = None) -> ParsedReport:
    """parse_report under the parse deadline, in this process (agency and year: as given for the copy)."""
    from ingest.parse import parse_report

    with limits.deadline(name):
        return parse_report(name, data, agency=agency, year=year)


class _Child:
    def __init__(self) -> None:
        to_child, from_parent = os.pipe()
        to_parent, from_child = os.pipe()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "ingest.isolated", str(to_child), str(from_child)],
            pass_fds=(to_child, from_child), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
        )
        os.close(to_child)
        os.close(from_child)
        self.send = Connection(from_parent, readable=False)
        self.receive = Connection(to_parent, writable=False)
        self.send.send(list(sys.path))  # so a parse function named by a test module can be found

    def parse(self, fn: ParseFn, name: str, data: bytes) -> ParsedReport:
        answered = False
        try:
            self.send.send((fn, name, data, limits.PARSE_SECONDS))
            answered = self.receive.poll(limits.PARSE_SECONDS + limits.PARSE_GRACE)
            ok, value = self.receive.recv() if answered else (False, limits.too_slow(name))
        except (EOFError, OSError):
            ok, value = False, ParserStopped(
                f"the parser stopped while reading {name} (it needed more than {limits.mb(limits.PARSE_MEMORY)} "
                "of memory, or was killed); nothing was added")
        if ok:
            return value
        if not answered or isinstance(value, ParserStopped):
            self.stop()
        raise value

    @property
    def alive(self) -> bool:
        return self.process.poll() is None and not self.send.closed

    def stop(self) -> None:
        self.process.kill()
        self.process.wait()
        self.send.close()
        self.receive.close()


_lock = threading.Lock()
_child: _Child | None = None


def _forget_in_fork() -> None:
    """A forked process (an ingest's pool of parsers) starts its own child: the pipes of its parent's child
    are not its to use."""
    global _lock, _child
    _lock, _child = threading.Lock(), None


os.register_at_fork(after_in_child=_forget_in_fork)


def parse_in_child(name: str, data: bytes, fn: ParseFn = parse_report_bounded) -> ParsedReport:
    """fn(name, data) in the parsing child, which is killed (and replaced on the next call) when it takes
    longer than the parse deadline plus PARSE_GRACE seconds, or dies."""
    global _child
    with _lock:
        if _child is None or not _child.alive:
            _child = _Child()
        return _child.parse(fn, name, data)


# --- the child ----------------------------------------------------------------------------------------------


def _serve(receive: Connection, send: Connection) -> None:
    sys.path[:] = receive.recv()
    import ingest.parse  # noqa: F401 -- loaded once, before the first report's time starts

    _cap_memory()
    while True:
        try:
            fn, name, data, seconds = receive.recv()
        except (EOFError, OSError):
            return  # the parent has gone
        limits.PARSE_SECONDS = seconds  # the parent's limit (a test may set a short one)
        send.send(_run(fn, name, data))


def _run(fn: ParseFn, name: str, data: bytes) -> tuple[bool, object]:
    try:
        return True, fn(name, data)
    except MemoryError:
        return False, limits.LimitExceeded(f"reading {name} needs more than {limits.mb(limits.PARSE_MEMORY)} of "
                                           "memory, the limit for one report; nothing was added")
    except ReportError as e:
        return False, e
    except Exception as e:  # a parser bug on one file: the caller says so for that file alone
        return False, RuntimeError(f"{type(e).__name__}: {e}")


def _cap_memory() -> None:
    try:
        import resource

        with open("/proc/self/statm") as fh:
            size = int(fh.read().split()[0]) * resource.getpagesize()
        cap = size + limits.PARSE_MEMORY
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    except (OSError, ValueError, ImportError):
        pass  # not Linux: the parse deadline still holds


if __name__ == "__main__":
    _serve(Connection(int(sys.argv[1]), writable=False), Connection(int(sys.argv[2]), readable=False))
