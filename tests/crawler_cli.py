"""Run the crawl stage's commands alone (tests start crawls as subprocesses through this)."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import importlib.util

import click

# Load newsintel/commands/crawl.py by path: the commands package imports every stage, and
# these tests exercise the crawl stage alone.
_spec = importlib.util.spec_from_file_location(
    "newsintel_crawl_commands", Path(__file__).resolve().parents[1] / "newsintel/commands/crawl.py"
)
assert _spec is not None
assert _spec.loader is not None
_module = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_module)
group = click.Group("newsintel-crawl", commands={c.name: c for c in _module.COMMANDS if c.name})

if __name__ == "__main__":
    logging.basicConfig(level=logging.WARNING)
    group()
