from __future__ import annotations

import ast
import dataclasses
import re
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from newsintel import config, options
from newsintel.config import (
    ENV_VARS,
    Settings,
    default_sources_path,
    demo_site_path,
    packaged_metadata_path,
)

REPO = Path(__file__).resolve().parents[1]


def test_default_sources_path_is_the_packaged_file() -> None:
    assert default_sources_path() == REPO / "newsintel" / "data" / "sources.toml"
    assert default_sources_path().is_file()


def test_demo_site_path_holds_the_site() -> None:
    assert (demo_site_path() / "index.html").is_file()


def test_packaged_metadata_path_sits_in_package_data() -> None:
    assert packaged_metadata_path() == REPO / "index" / "datasette_plugin" / "metadata.json"
    assert packaged_metadata_path().is_file()


def test_settings_defaults() -> None:
    settings = Settings()
    assert settings.db_path == Path("newsintel.db")
    assert settings.sources_path == default_sources_path()
    assert settings.workers == 2


def test_from_options_uses_given_values(tmp_path: Path) -> None:
    settings = Settings.from_options(
        db_path=str(tmp_path / "x.db"), sources_path=str(tmp_path / "s.toml"), workers=3
    )
    assert (settings.db_path, settings.sources_path, settings.workers) == (
        tmp_path / "x.db",
        tmp_path / "s.toml",
        3,
    )


def test_from_options_none_means_default() -> None:
    assert Settings.from_options(db_path=None, sources_path=None, workers=None) == Settings()


def test_settings_are_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        Settings().workers = 5  # type: ignore[misc]


@pytest.mark.parametrize(
    "kwargs", [{"workers": 0}, {"workers": -2}, {"contact": "  "}], ids=["zero", "neg", "blank"]
)
def test_out_of_range_values_are_refused(kwargs: dict[str, object]) -> None:
    with pytest.raises(ValueError, match=next(iter(kwargs))):
        Settings.from_options(**kwargs)  # type: ignore[arg-type]


def test_settings_load_the_default_sources() -> None:
    names = {s.name for s in Settings().load_sources()}
    assert {"baophuyen", "vietnam-vn-en"} <= names


def test_env_fallback_reaches_settings(tmp_path: Path) -> None:
    @click.command()
    @options.db_option
    @options.workers_option
    def show(db_path: str, workers: int) -> None:
        settings = Settings.from_options(db_path=db_path, workers=workers)
        click.echo(f"{settings.db_path}|{settings.workers}")

    env = {"NEWSINTEL_DB": str(tmp_path / "env.db"), "NEWSINTEL_WORKERS": "4"}
    result = CliRunner().invoke(show, [], env=env)
    assert result.exit_code == 0, result.output
    assert result.output.strip() == f"{tmp_path / 'env.db'}|4"


def test_option_wins_over_env(tmp_path: Path) -> None:
    @click.command()
    @options.db_option
    def show(db_path: str) -> None:
        click.echo(Settings.from_options(db_path=db_path).db_path)

    result = CliRunner().invoke(show, ["--db", "cli.db"], env={"NEWSINTEL_DB": "env.db"})
    assert result.output.strip() == "cli.db"


def test_every_env_var_of_the_cli_is_documented() -> None:
    package = Path(config.__file__).parent
    used = {
        name
        for path in package.rglob("*.py")
        for name in re.findall(r'envvar="(NEWSINTEL_\w+)"', path.read_text(encoding="utf-8"))
    }
    assert used <= set(ENV_VARS)


def test_every_documented_env_var_is_in_the_docs() -> None:
    docs = (REPO / "docs" / "readme" / "config.md").read_text(encoding="utf-8")
    assert all(f"`{name}`" in docs for name in ENV_VARS)


def test_config_reads_no_environment() -> None:
    tree = ast.parse(Path(config.__file__).read_text(encoding="utf-8"))
    names = {n.attr for n in ast.walk(tree) if isinstance(n, ast.Attribute)}
    names |= {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
    assert names.isdisjoint({"environ", "getenv"})
