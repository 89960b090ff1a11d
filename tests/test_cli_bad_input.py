"""Every command meets bad input with one line and exit code 1 or 2, never a traceback."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from long_documents import long_text
from sqlite_utils.utils import sqlite3  # the SQLite library open_db uses: its locks are seen

from index import schema, store
from index.admission import local_page
from index.schema import open_db
from newsintel import pipeline
from newsintel.cli import cli

# (command line, exit code): {tmp} is a folder holding the files of ``bad_files``.
CASES: list[tuple[str, int]] = [
    ("crawl --db {tmp}/ok.db --sources {tmp}/broken.toml", 1),
    ("crawl --db {tmp}/ok.db --sources {tmp}/wrong.toml", 1),
    ("crawl --db {tmp}/ok.db --sources {tmp}/missing.toml", 2),
    ("crawl --db {tmp}/ok.db --seed not-a-url", 2),
    ("crawl --db {tmp}/ok.db --seed http://127.0.0.1:9/ --delay -1", 2),
    ("crawl --db {tmp}/ok.db --source no-such-source", 2),
    ("status --db {tmp}/corrupt.db", 1),
    ("status --db {tmp}", 2),
    ("import-warc --db {tmp}/ok.db {tmp}/binary.bin", 1),
    ("merge --db {tmp}/ok.db {tmp}/corrupt.db", 1),
    ("merge --db {tmp}/ok.db {tmp}/text.txt", 1),
    ("facts {tmp}/missing.txt", 2),
    ("facts {tmp}/binary.bin", 1),
    ("facts {tmp}/text.txt --max-doc-mb 0.00001", 1),
    ("facts {tmp}/text.txt --max-doc-mb zero", 2),
    ("facts {tmp}/text.txt --format xml", 2),
    ("eval --gold {tmp}/missing", 2),
    ("eval --gold {tmp}/empty", 1),
    ("eval --gold {tmp}/empty --min-f1 nothing=1", 2),
    ("index --db {tmp}/corrupt.db --no-embed", 1),
    ("index --db {tmp}/ok.db --model no-such-model", 1),
    ("search reform --db {tmp}/corrupt.db", 1),
    ("search reform --db {tmp}/missing.db", 2),
    ("search reform --db {tmp}/ok.db --mode fts --from yesterday", 2),
    ("search reform --db {tmp}/ok.db --k 0", 2),
    ("serve --db {tmp}/missing.db --get /", 1),
    ("serve --db {tmp}/corrupt.db --get /", 1),
    ("serve --db {tmp}/ok.db --port http", 2),
    ("publish --db {tmp}/missing.db --out {tmp}/bundle", 1),
    ("publish --db {tmp}/corrupt.db --out {tmp}/bundle", 1),
    ("extract --db {tmp}/corrupt.db", 1),
    ("extract --db {tmp}/ok.db --workers 0", 2),
    ("add --db {tmp}/corrupt.db {tmp}/text.txt", 1),
    ("add --db {tmp}/ok.db {tmp}/missing.txt", 2),
    ("run --db {tmp}/ok.db --sources {tmp}/broken.toml --no-embed", 1),
    ("demo --db {tmp}/corrupt.db --no-serve --no-embed --site-port 0", 1),
    ("demo --db {tmp}/ok.db --site-port 70000", 2),
    ("bench --max-real extract=many --workdir {tmp}/bench", 2),
    ("bench --size -5 --workdir {tmp}/bench", 2),
    ("distributed-extract --db {tmp}/ok.db --no-merge --out {tmp}/shards {tmp}/missing", 2),
    ("distributed-merge --db {tmp}/ok.db {tmp}/text.txt", 1),
    ("distributed-merge --db {tmp}/corrupt.db {tmp}/text.txt", 1),
]


@pytest.fixture(scope="module")
def bad_files(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("bad")
    (folder / "corrupt.db").write_bytes(b"this is not an SQLite database file\n" * 200)
    (folder / "broken.toml").write_text("[[sources]\nname = ", "utf-8")
    (folder / "wrong.toml").write_text('[[sources]]\nname = "x"\n', "utf-8")
    (folder / "text.txt").write_text("The PAR Index of 2023.\n", "utf-8")
    (folder / "binary.bin").write_bytes(bytes(range(256)) * 64)
    (folder / "empty").mkdir()
    open_db(folder / "ok.db")
    return folder


def run(line: str, folder: Path) -> Result:
    return CliRunner().invoke(cli, line.format(tmp=folder).split())


def assert_one_line_error(result: Result, code: int) -> None:
    assert result.exit_code == code, result.output
    assert isinstance(result.exception, SystemExit), result.exc_info  # handled, no traceback
    assert "Traceback" not in result.output
    lines = result.output.strip().splitlines()
    errors = [line for line in lines if line.startswith("Error:")]
    assert len(errors) == 1 or len(lines) == 1, result.output  # facts: "FILE: what failed"


@pytest.mark.parametrize(("line", "code"), CASES, ids=[line for line, _ in CASES])
def test_bad_input_is_one_line(line: str, code: int, bad_files: Path) -> None:
    assert_one_line_error(run(line, bad_files), code)


def test_every_command_is_tried_with_bad_input() -> None:
    tried = {line.split()[0] for line, _ in CASES}
    assert tried == set(cli.commands)


def test_a_locked_database_is_one_line(
    tmp_path: Path, bad_files: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(schema, "BUSY_TIMEOUT_MS", 50)
    path = tmp_path / "locked.db"
    open_db(path)
    holder = sqlite3.connect(path)
    holder.execute("begin exclusive")
    try:
        result = run(f"add --db {path} {{tmp}}/text.txt", bad_files)
    finally:
        holder.rollback()
        holder.close()
    assert_one_line_error(result, 1)
    assert "locked" in result.output


def test_an_interrupted_run_is_one_line(
    tmp_path: Path, bad_files: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(pipeline, "extract_pending", interrupted)
    result = run(f"extract --db {tmp_path / 'x.db'}", bad_files)
    assert_one_line_error(result, 1)
    assert "interrupted" in result.output


def _bug(*args: object, **kwargs: object) -> None:
    raise RuntimeError("a bug")


def test_a_bug_is_one_line_without_debug(
    tmp_path: Path, bad_files: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pipeline, "extract_pending", _bug)
    result = run(f"extract --db {tmp_path / 'x.db'}", bad_files)
    assert_one_line_error(result, 1)
    assert "--debug" in result.output


def test_a_bug_shows_its_traceback_with_debug(
    tmp_path: Path, bad_files: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pipeline, "extract_pending", _bug)
    result = run(f"--debug extract --db {tmp_path / 'x.db'}", bad_files)
    assert isinstance(result.exception, RuntimeError)


@pytest.mark.slow
def test_ctrl_c_stops_extract_workers_without_tracebacks(tmp_path: Path) -> None:
    db = open_db(tmp_path / "news.db")
    for number in range(40):
        path = tmp_path / f"report-{number}.txt"
        text, _ = long_text(20_000)
        path.write_text(f"Report {number}\n\n{text}", "utf-8")
        store.save_page(db, local_page(path))
    command = [sys.executable, "-m", "newsintel", "extract", "--db", str(tmp_path / "news.db")]
    process = subprocess.Popen(
        [*command, "--workers", "2"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its own process group, as a terminal's Ctrl+C reaches
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    for _ in range(3000):  # until the first article is stored (at most ~5 min)
        if process.poll() is not None or open_db(tmp_path / "news.db")["articles"].count:
            break
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=0.1)
    os.killpg(process.pid, signal.SIGINT)
    _, err = process.communicate(timeout=600)
    assert process.returncode == 1, err
    assert b"Traceback" not in err
    assert b"Error: interrupted" in err
