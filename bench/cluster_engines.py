"""Dask distributed against Ray for `xxgk ingest --cluster`: start time and overhead per task.

    python bench/cluster_engines.py dask      # in an environment with `distributed` installed
    python bench/cluster_engines.py ray       # in an environment with `ray` installed

Each run starts a real scheduler (Dask) or head node (Ray) and one worker process on this machine, as
the cluster test does, connects a client, and measures:
- import: importing the client library;
- start: from launching the head to the first task's result (head + worker + client connect);
- per task: 300 empty tasks submitted at once and gathered (the engine's own cost per task);
- per report-sized task: 100 tasks each carrying 200 KB in and 60 KB out (a report's bytes in, its
  parsed facts and passages out), minus the empty-task cost.
This script imports nothing from the project, so it runs in a scratch environment with one engine.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time


def nothing(x):
    return x


def report_sized(data: bytes) -> bytes:
    return data[: 60 * 1024]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def timed(fn, *args):
    start = time.perf_counter()
    out = fn(*args)
    return out, time.perf_counter() - start


def bench_dask() -> dict:
    start = time.perf_counter()
    from distributed import Client

    imported = time.perf_counter() - start
    port = free_port()
    work = tempfile.mkdtemp()
    bin_dir = os.path.dirname(sys.executable)
    t0 = time.perf_counter()
    procs = [
        subprocess.Popen(
            [
                os.path.join(bin_dir, "dask"),
                "scheduler",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--no-dashboard",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            cwd=work,
        )
    ]
    procs.append(
        subprocess.Popen(
            [
                os.path.join(bin_dir, "dask"),
                "worker",
                f"tcp://127.0.0.1:{port}",
                "--nworkers",
                "1",
                "--nthreads",
                "1",
                "--no-dashboard",
                "--local-directory",
                work,
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            cwd=work,
        )
    )
    try:
        client = Client(f"tcp://127.0.0.1:{port}", timeout=60)
        client.wait_for_workers(1, timeout=60)
        client.submit(nothing, 0, pure=False).result()
        started = time.perf_counter() - t0
        _, empty = timed(lambda: client.gather([client.submit(nothing, i, pure=False) for i in range(300)]))
        payload = os.urandom(200 * 1024)
        _, sized = timed(
            lambda: client.gather(
                [client.submit(report_sized, payload + bytes([i % 256]), pure=False) for i in range(100)]
            )
        )
        client.close()
    finally:
        for p in procs:
            p.terminate()
            p.wait(30)
        shutil.rmtree(work, ignore_errors=True)
    return {"import": imported, "start": started, "empty": empty / 300, "sized": sized / 100}


def bench_ray() -> dict:
    start = time.perf_counter()
    import ray

    imported = time.perf_counter() - start
    port = free_port()
    ray_bin = os.path.join(os.path.dirname(sys.executable), "ray")
    t0 = time.perf_counter()
    subprocess.run(
        [
            ray_bin,
            "start",
            "--head",
            "--port",
            str(port),
            "--num-cpus",
            "1",
            "--include-dashboard",
            "false",
            "--disable-usage-stats",
        ],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        ray.init(address=f"127.0.0.1:{port}", logging_level="ERROR")
        remote_nothing = ray.remote(nothing)
        remote_sized = ray.remote(report_sized)
        ray.get(remote_nothing.remote(0))
        started = time.perf_counter() - t0
        _, empty = timed(lambda: ray.get([remote_nothing.remote(i) for i in range(300)]))
        payload = os.urandom(200 * 1024)
        _, sized = timed(
            lambda: ray.get([remote_sized.remote(payload + bytes([i % 256])) for i in range(100)])
        )
        ray.shutdown()
    finally:
        subprocess.run([ray_bin, "stop", "--force"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return {"import": imported, "start": started, "empty": empty / 300, "sized": sized / 100}


def main() -> int:
    engine = sys.argv[1] if len(sys.argv) > 1 else "dask"
    figures = {"dask": bench_dask, "ray": bench_ray}[engine]()
    print(
        f"{engine}: import {figures['import']:.2f} s, start (head + worker + first task) {figures['start']:.1f} s, "
        f"per empty task {figures['empty'] * 1000:.2f} ms, per report-sized task (200 KB in, 60 KB out) "
        f"{figures['sized'] * 1000:.2f} ms"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
