"""`xxgk ingest --cluster ADDRESS` on a real Dask cluster: the test starts a scheduler and a worker as
separate processes on this machine (as `dask scheduler` and `dask worker` would run on other machines),
ingests the real reports of tests/data through it, and gets the index a local ingest builds."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from snapshot import differences, snapshot

from bot.cli import main
from index import cluster
from index.build import ingest

DATA = Path(__file__).parent / "data"

pytestmark = pytest.mark.slow
REPORTS = sorted(p.name for p in DATA.iterdir() if p.suffix in (".txt", ".html") and p.name[:4].isdigit())
START_TIMEOUT = 60.0


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for_port(port: int, procs: list[subprocess.Popen]) -> None:
    ends = time.monotonic() + START_TIMEOUT
    while time.monotonic() < ends:
        assert all(p.poll() is None for p in procs), "the Dask scheduler exited at start"
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise AssertionError("the Dask scheduler did not start")


@pytest.fixture(scope="module")
def dask_cluster(tmp_path_factory):
    """A scheduler and one worker process (two threads), each its own OS process, on loopback."""
    work = tmp_path_factory.mktemp("dask")
    port = _free_port()
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL, "cwd": work}
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "distributed.cli.dask_scheduler",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--no-dashboard",
            ],
            **quiet,
        )
    ]
    try:
        _wait_for_port(port, procs)
        procs.append(
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "distributed.cli.dask_worker",
                    f"tcp://127.0.0.1:{port}",
                    "--nworkers",
                    "1",
                    "--nthreads",
                    "2",
                    "--no-dashboard",
                    "--local-directory",
                    str(work),
                ],
                **quiet,
            )
        )
        yield f"tcp://127.0.0.1:{port}"
    finally:
        for p in reversed(procs):
            p.terminate()
        for p in procs:
            try:
                p.wait(20)
            except subprocess.TimeoutExpired:
                p.kill()


def test_a_cluster_ingest_builds_the_same_index_as_a_local_one(tmp_path, report_corpus, dask_cluster, capsys):
    assert (
        main(
            [
                "ingest",
                str(report_corpus),
                "--home",
                str(tmp_path / "local"),
                "--model",
                "hash:64",
                "--workers",
                "1",
            ]
        )
        == 0
    )
    local = capsys.readouterr().out.splitlines()[:-1]
    assert (
        main(
            [
                "ingest",
                str(report_corpus),
                "--home",
                str(tmp_path / "cluster"),
                "--model",
                "hash:64",
                "--cluster",
                dask_cluster,
            ]
        )
        == 0
    )
    remote = capsys.readouterr().out.splitlines()[:-1]
    assert remote == local and len(remote) == len(REPORTS)
    assert differences(snapshot(tmp_path / "local"), snapshot(tmp_path / "cluster")) == []


def test_the_default_model_embeds_on_the_cluster_bit_for_bit(tmp_path, report_corpus, dask_cluster):
    few = [report_corpus / "2020_panjin_yingshangju.txt", report_corpus / "2013_pingtan_xian.txt"]
    local = ingest(tmp_path / "local", few, workers=1)
    remote = ingest(tmp_path / "cluster", few, cluster=dask_cluster)
    assert remote.embedded == local.embedded == local.chunks > 0
    assert differences(snapshot(tmp_path / "local"), snapshot(tmp_path / "cluster")) == []


def test_an_unreachable_scheduler_is_one_line_and_changes_nothing(
    tmp_path, report_corpus, monkeypatch, capsys
):
    monkeypatch.setattr(cluster, "CONNECT_TIMEOUT", 1)
    status = main(
        [
            "ingest",
            str(report_corpus),
            "--home",
            str(tmp_path / "home"),
            "--cluster",
            f"tcp://127.0.0.1:{_free_port()}",
        ]
    )
    err = capsys.readouterr().err.strip().splitlines()
    assert status == 1 and len(err) == 1
    assert (
        err[0].startswith("xxgk ingest: cannot reach the Dask scheduler at tcp://127.0.0.1:")
        and "dask scheduler" in err[0]
    )
    assert not (tmp_path / "home" / "CURRENT").exists()
