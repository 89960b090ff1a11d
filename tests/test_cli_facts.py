"""The facts and eval commands through click."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from newsintel.cli import cli

ARTICLE = (
    "In the 2022 PAR Index, the Ministry of Finance came first with 92.5 percent. "
    "Its online filing rate reached 61%."
)


def _write(tmp_path: Path, name: str = "a.txt", text: str = ARTICLE) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_facts_prints_json(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["facts", str(_write(tmp_path)), "--lang", "en"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["file"] == "a.txt"
    assert [(f["subject"], f["rank"]) for f in data["index_facts"]] == [("Ministry of Finance", 1)]
    assert [p["value"] for p in data["percentages"]] == [92.5, 61.0]


def test_facts_jsonl_one_line_per_file(tmp_path: Path) -> None:
    files = [str(_write(tmp_path, n)) for n in ("a.txt", "b.txt")]
    result = CliRunner().invoke(cli, ["facts", *files, "--format", "jsonl", "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert [json.loads(line)["file"] for line in result.stdout.splitlines()] == ["a.txt", "b.txt"]


def _gold_dir(tmp_path: Path, rank: int) -> Path:
    gold = tmp_path / "gold"
    gold.mkdir()
    _write(gold, "a.txt")
    (gold / "a.json").write_text(
        json.dumps(
            {
                "file": "a.txt",
                "language": "en",
                "index_facts": [
                    {
                        "index": "PAR_INDEX",
                        "subject": "Ministry of Finance",
                        "score": None,
                        "rank": rank,
                    }
                ],
                "percentages": [{"value": 92.5}, {"value": 61}],
            }
        ),
        encoding="utf-8",
    )
    return gold


def test_eval_passes_floor(tmp_path: Path) -> None:
    gold = _gold_dir(tmp_path, rank=1)
    result = CliRunner().invoke(
        cli, ["eval", "--gold", str(gold), "--min-f1", "index_facts=1", "--json"]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["fields"]["index_facts"]["f1"] == 1.0


def test_eval_exits_1_below_floor(tmp_path: Path) -> None:
    gold = _gold_dir(tmp_path, rank=3)
    result = CliRunner().invoke(cli, ["eval", "--gold", str(gold), "--min-f1", "index_facts=0.9"])
    assert result.exit_code == 1


def test_eval_rejects_unknown_field(tmp_path: Path) -> None:
    gold = _gold_dir(tmp_path, rank=1)
    result = CliRunner().invoke(cli, ["eval", "--gold", str(gold), "--min-f1", "colour=1"])
    assert result.exit_code == 2


def test_eval_help_documents_matching() -> None:
    result = CliRunner().invoke(cli, ["eval", "--help"])
    assert "within 0.01" in result.output
