"""The documentation cannot drift from the code: every command is in --help and in the README."""

from __future__ import annotations

import re
from pathlib import Path

from bot.cli import COMMANDS, build_parser

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_command_is_in_the_help_and_the_readme():
    help_text = build_parser().format_help()
    for command in COMMANDS:
        assert command in help_text
        assert f"xxgk {command}" in README, f"README never shows `xxgk {command}`"


def test_the_readme_test_command_is_what_ci_runs():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    block = re.search(r"Run the tests.*?```sh\n(.+?)\n```", README, re.S).group(1).strip()
    assert block in ci


def test_every_benchmark_script_is_in_the_readme():
    for script in (ROOT / "bench").glob("*.py"):
        assert f"bench/{script.name}" in README, f"README has no figures from bench/{script.name}"
