"""`xxgk ingest --cluster ADDRESS`: the per-report tasks of index.parallel on a Dask distributed cluster.

Why Dask distributed and not Ray (measured on this 2-core machine, `bench/cluster_engines.py`, a
scheduler or head and one worker process started as separate processes, as in the test):

    engine        installed   start (head + worker + first task)   per empty task   per 200 KB report task
    Dask 2026.8    ~71 MB       ~1 s                                 ~3 ms            ~4.5 ms
    Ray 2.60      ~286 MB       ~4.5 s                               ~0.8 ms          ~3.5 ms

A report's task takes seconds (embedding ~1.6 s a report), so a few ms per task is noise either way;
Dask is four times smaller, starts four times faster (the test starts a cluster in CI), is pure Python
on any platform Python runs on, and its workers are plain processes started with one command
(`dask worker tcp://HOST:8786`). Its scheduler reruns a task whose worker died on another worker and,
after a few deaths, fails that task alone (KilledWorker): the other reports go on.

Every worker needs this package installed (the same version), and the model it embeds with: the
default model ships inside the wheel, so `pip install "xxgk-bot[cluster]"` on each machine is all.
The client side (this process) keeps the embedding cache and writes the index: nothing on a worker
touches the data home.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future

from index.errors import IndexProblem

CONNECT_TIMEOUT = 30  # seconds to reach the scheduler
PROBE_TIMEOUT = 60  # seconds for every worker to answer the first task


class ClusterUnavailable(IndexProblem):
    """The cluster cannot be used: Dask is not installed, the scheduler is unreachable, or the workers
    cannot run the tasks."""


def _probe() -> str:
    """Runs on a worker: proves it can import the tasks, and says which version it has."""
    from importlib.metadata import version

    import index.parallel  # noqa: F401

    return version("xxgk-bot")


def _unreachable(address: str, e: BaseException) -> ClusterUnavailable:
    why = f"{type(e).__name__}: {e}" if str(e) else f"no Dask scheduler answered within {CONNECT_TIMEOUT} s"
    return ClusterUnavailable(
        f"cannot reach the Dask scheduler at {address} ({why}); start one with "
        "`dask scheduler` and workers with `dask worker ADDRESS` (README: Beyond one machine)"
    )


def _check_scheduler(address: str) -> None:
    """ClusterUnavailable unless a Dask scheduler answers at `address`: one connection and Dask's
    handshake, as the client makes them, but failing cleanly. (Given something else — a web server, a
    typo — the client fails deep inside, and the half-made client then takes a minute to close.)"""
    import asyncio

    from distributed.comm import connect

    async def probe() -> None:
        _check_port(address)
        comm = await asyncio.wait_for(connect(address, timeout=CONNECT_TIMEOUT), CONNECT_TIMEOUT + 5)
        await comm.close()

    try:
        asyncio.run(probe())
    except ValueError as e:
        raise ClusterUnavailable(f"--cluster {address} is not a Dask scheduler address ({e}); give it as "
                                 "tcp://HOST:PORT, e.g. tcp://10.0.0.5:8786") from e
    except (OSError, TimeoutError, asyncio.TimeoutError) as e:
        raise _unreachable(address, e) from e
    except Exception as e:  # noqa: BLE001 -- whatever answered, it does not speak Dask
        raise ClusterUnavailable(f"something answers at {address}, but it is not a Dask scheduler "
                                 f"({type(e).__name__}); check the address and port (the scheduler's is "
                                 "usually 8786)") from e


def _check_port(address: str) -> None:
    """ValueError when a TCP or TLS address names a port no server can listen on (the client would try it for
    CONNECT_TIMEOUT seconds)."""
    from distributed.comm import parse_address
    from distributed.comm.addressing import parse_host_port

    scheme, location = parse_address(address)
    if scheme in ("tcp", "tls") and not 1 <= parse_host_port(location)[1] <= 65535:
        raise ValueError(f"port {parse_host_port(location)[1]} is not a port: ports are 1–65535")


class DaskRunner:
    """index.parallel's Runner on a Dask cluster: each task a Dask task, each result a Future."""

    remote = True

    def __init__(self, address: str) -> None:
        try:
            from distributed import Client
        except ImportError as e:
            raise ClusterUnavailable(
                "--cluster needs Dask distributed: pip install 'xxgk-bot[cluster]'"
            ) from e
        _check_scheduler(address)
        try:
            self.client = Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)
        except (OSError, TimeoutError) as e:
            raise _unreachable(address, e) from e
        try:
            self.workers = self._check(address)
        except BaseException:
            self.client.close()
            raise
        self.executor = self.client.get_executor(pure=False)

    def _check(self, address: str) -> int:
        try:
            self.client.wait_for_workers(1, timeout=PROBE_TIMEOUT)
            self.client.submit(_probe, pure=False).result(timeout=PROBE_TIMEOUT)
        except Exception as e:
            raise ClusterUnavailable(
                f"the cluster at {address} cannot run the ingest tasks ({type(e).__name__}: {e}); install "
                "xxgk-bot[cluster] on every worker machine and restart its `dask worker`"
            ) from e
        threads = sum(w.get("nthreads", 1) for w in self.client.scheduler_info()["workers"].values())
        return max(1, threads)

    def submit(self, fn: Callable, *args) -> Future:
        return self.executor.submit(fn, *args)

    def close(self, *, cancel: bool = False) -> None:
        self.executor.shutdown(wait=not cancel)
        self.client.close()
