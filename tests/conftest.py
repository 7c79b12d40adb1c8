"""Shared fixtures. Keep this small: helpers used by one test file live in that file."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"


@pytest.fixture
def report_copy(tmp_path):
    """Copy reports from tests/data into a fresh folder: report_copy("a.txt", "b.html") -> folder."""

    def copy(*names: str, folder: str = "reports") -> Path:
        target = tmp_path / folder
        target.mkdir(parents=True, exist_ok=True)
        for name in names:
            shutil.copy(DATA / name, target / name)
        return target

    return copy
