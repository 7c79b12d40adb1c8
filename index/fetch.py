"""What `xxgk ingest` was given, turned into a list of report inputs: files, folders (recursively) and
http(s) URLs. Nothing is read here; each input reads its bytes when the build gets to it, so a
broken input fails alone."""

from __future__ import annotations

import os
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from ingest.reading import SUFFIXES

MAX_DOWNLOAD = 50 * 1024 * 1024  # a report page is well under 1 MB; this only stops runaway downloads
TIMEOUT = 30


class InputError(Exception):
    """One input could not be read; the message says why."""


@dataclass(frozen=True)
class Input:
    name: str  # the path or URL as given, for messages
    location: str  # absolute path or URL

    @property
    def is_url(self) -> bool:
        return self.location.startswith(("http://", "https://"))

    @property
    def suffix(self) -> str:
        path = urllib.parse.urlparse(self.location).path if self.is_url else self.location
        ext = os.path.splitext(path)[1].lower()
        return ext if ext in SUFFIXES else (".html" if self.is_url else ".txt")

    def read(self) -> bytes:
        return _download(self.location) if self.is_url else _read_file(Path(self.location))


def expand(paths: list[str | os.PathLike]) -> tuple[list[Input], list[tuple[str, str]]]:
    """(inputs, problems): a folder expands to its report files, sorted; a missing path is a problem."""
    inputs: list[Input] = []
    problems: list[tuple[str, str]] = []
    for raw in paths:
        name = str(raw)
        if name.startswith(("http://", "https://")):
            inputs.append(Input(name, name))
            continue
        path = Path(name).expanduser()
        if path.is_dir():
            found = _reports_in(path)
            if not found:
                problems.append((name, f"no {'/'.join(SUFFIXES)} files in this folder"))
            inputs.extend(Input(str(p), str(p.resolve())) for p in found)
        elif path.is_file():
            inputs.append(Input(name, str(path.resolve())))
        else:
            problems.append((name, "no such file or folder"))
    return inputs, problems


def _reports_in(folder: Path) -> list[Path]:
    return sorted(
        p for p in folder.rglob("*")
        # Hidden files and the lock files Word leaves beside an open document ("~$report.docx") are not reports.
        if p.is_file() and p.suffix.lower() in SUFFIXES and not p.name.startswith((".", "~$"))
    )


def _read_file(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as e:
        raise InputError(f"cannot read the file: {e.strerror or e}") from e


def _download(url: str) -> bytes:
    request = urllib.request.Request(url, headers={"User-Agent": "xxgk-bot (report ingest)"})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            data = response.read(MAX_DOWNLOAD + 1)
    except urllib.error.HTTPError as e:
        raise InputError(f"the server answered HTTP {e.code} {e.reason}") from e
    except (urllib.error.URLError, OSError) as e:
        reason = getattr(e, "reason", None) or e
        raise InputError(f"cannot download: {reason}") from e
    if len(data) > MAX_DOWNLOAD:
        raise InputError(f"the download is larger than {MAX_DOWNLOAD // (1024 * 1024)} MB; not a report page")
    return data
