"""Shared fixtures."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def require_shared(sub: str) -> Path:
    """Return ``../shared/<sub>``; skip when absent for users, fail under CI=true."""
    path = SHARED / sub
    if not path.is_dir():
        if IN_CI:
            pytest.fail(f"{path} is required under CI=true")
        pytest.skip(f"{path} is absent")
    return path
