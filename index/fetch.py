"""What `xxgk ingest` was given, turned into a list of report inputs: files, folders (recursively) and
http(s) URLs. Nothing is read here; each input reads its bytes when the build gets to it, so a
broken input fails alone."""

from __future__ import annotations

import os
import re
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

from index import download
from ingest.reading import SUFFIXES, as_text

_OTHER_SCHEME = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*://")


class InputError(Exception):
    """One input could not be read; the message says why."""


@dataclass(frozen=True)
class Input:
    name: str  # the path or URL as given, for messages
    location: str  # absolute path or URL
    policy: download.Policy = download.DEFAULT  # the rules a URL is downloaded by
    body: bytes | None = field(default=None, repr=False, compare=False)  # already downloaded (by `xxgk watch`)
    kind: str = ""  # the suffix to keep the original under when the name does not tell (".pdf")

    @property
    def is_url(self) -> bool:
        return self.location.startswith(("http://", "https://"))

    @property
    def suffix(self) -> str:
        if self.kind:
            return self.kind
        path = urllib.parse.urlparse(self.location).path if self.is_url else self.location
        ext = os.path.splitext(path)[1].lower()
        return ext if ext in SUFFIXES else (".html" if self.is_url else ".txt")

    def read(self) -> bytes:
        if self.body is not None:
            return self.body
        return _download(self.location, self.policy) if self.is_url else _read_file(Path(self.location))


def url_inputs(paths: list[str | os.PathLike], policy: download.Policy) -> list[str | os.PathLike | Input]:
    """The paths with each URL made an Input downloaded by `policy` (e.g. with private addresses allowed)."""
    return [Input(str(p), str(p), policy) if str(p).startswith(("http://", "https://")) else p for p in paths]


def expand(paths: list[str | os.PathLike | Input]) -> tuple[list[Input], list[tuple[str, str]]]:
    """(inputs, problems): a folder expands to its report files, sorted; a missing path is a problem; an
    Input is taken as it is."""
    inputs: list[Input] = []
    problems: list[tuple[str, str]] = []
    for raw in paths:
        if isinstance(raw, Input):
            inputs.append(raw)
            continue
        name = str(raw)
        shown = as_text(name)  # a file name in bytes that are not UTF-8 (a GBK name from a Windows zip)
        if name.startswith(("http://", "https://")):
            inputs.append(Input(shown, name))
            continue
        if _OTHER_SCHEME.match(name):
            problems.append((shown, "only http and https addresses are fetched"))
            continue
        path = Path(name).expanduser()
        if path.is_dir():
            found = _reports_in(path)
            if not found:
                problems.append((shown, f"no {'/'.join(SUFFIXES)} files in this folder"))
            inputs.extend(Input(as_text(str(p)), str(p.resolve())) for p in found)
        elif path.is_file():
            inputs.append(Input(shown, str(path.resolve())))
        else:
            problems.append((shown, "no such file or folder"))
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


def _download(url: str, policy: download.Policy) -> bytes:
    try:
        return download.get(url, policy).data
    except download.DownloadError as e:
        raise InputError(str(e)) from e
