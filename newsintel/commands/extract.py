"""CLI commands of the extract stage: ``facts`` (extract files) and ``eval`` (score on gold)."""

from __future__ import annotations

import json
import mimetypes
from pathlib import Path
from typing import Any

import click

from extract.api import check_size, extract_document
from extract.errors import ExtractionError
from extract.evaluate import FIELDS, GoldDoc, Report, find_gold, score_documents
from extract.models import Document, to_json
from newsintel.options import max_doc_bytes, max_doc_option

_TYPES = {".html": "text/html", ".htm": "text/html", ".pdf": "application/pdf"}


def _document(path: Path, language: str | None) -> Document:
    content_type = _TYPES.get(path.suffix.lower()) or mimetypes.guess_type(path.name)[0]
    return Document(
        url=path.resolve().as_uri(),
        body=path.read_bytes(),
        content_type=content_type or "text/plain",
        language=language,
    )


def _facts_json(path: Path, language: str | None, max_bytes: int) -> dict[str, Any]:
    check_size(path.stat().st_size, max_bytes)  # before the file is read
    document = _document(path, language)
    return to_json(extract_document(document, max_bytes=max_bytes), file=path.name)


@click.command("facts")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--lang", "language", default=None, help="ISO 639-1 code; detected when absent.")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["json", "jsonl"]),
    default="json",
    show_default=True,
    help="json: one object (an array for several files); jsonl: one line per file.",
)
@max_doc_option
def facts_command(
    files: tuple[str, ...], language: str | None, output_format: str, max_doc_mb: float
) -> None:
    """Extract entities, index facts, percentages and initiatives from files.

    FILES are plain text, HTML or PDF. Offsets index the file's own text for plain text and
    the extracted main text for HTML and PDF ("offsets_index" says which).

    \b
    Example:
        newsintel facts article.txt --lang vi --format jsonl
    """
    results: list[dict[str, Any]] = []
    failed = 0
    for name in files:
        try:
            results.append(_facts_json(Path(name), language, max_doc_bytes(max_doc_mb)))
        except (ExtractionError, OSError, UnicodeError) as error:
            failed += 1
            click.echo(f"{name}: {error}", err=True)
        if output_format == "jsonl" and results:
            click.echo(json.dumps(results.pop(), ensure_ascii=False))
    if output_format == "json" and results:
        payload: object = results[0] if len(files) == 1 else results
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    if failed:
        raise SystemExit(1)


def _parse_floors(values: tuple[str, ...]) -> dict[str, float]:
    floors: dict[str, float] = {}
    for value in values:
        field, _, number = value.partition("=")
        if field not in FIELDS or not number:
            raise click.BadParameter(
                f"{value!r}: use FIELD=VALUE with FIELD in {', '.join(FIELDS)}"
            )
        try:
            floors[field] = float(number)
        except ValueError as error:
            raise click.BadParameter(f"{value!r}: {number!r} is not a number") from error
    return floors


def _extract_gold(doc: GoldDoc) -> tuple[dict[str, Any], str]:
    extraction = extract_document(_document(doc.text_path, doc.language_hint))
    return to_json(extraction, file=doc.text_path.name), extraction.text


def _table(report: Report) -> str:
    data = report.as_json()
    lines = [f"{'field':<14} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'fp':>5} {'fn':>5}"]
    for name, row in data["fields"].items():
        lines.append(
            f"{name:<14} {row['precision']:>6.3f} {row['recall']:>6.3f} {row['f1']:>6.3f}"
            f" {row['tp']:>5} {row['fp']:>5} {row['fn']:>5}"
        )
    initiatives = report.fields.get("initiatives")
    if initiatives is not None:
        lines.append(
            f"initiatives category accuracy on matched pairs: {initiatives.agreement:.3f}"
            f" ({initiatives.agree}/{initiatives.tp})"
        )
    lines.append("")
    lines.append("F1 per language: " + "  ".join(f"{f[:12]:>12}" for f in FIELDS))
    for lang, rows in data["languages"].items():
        cells = "  ".join(f"{rows[f]['f1']:>12.3f}" for f in FIELDS)
        lines.append(f"{lang:<16} {cells}")
    return "\n".join(lines)


@click.command(
    "eval",
    epilog="Matching (../shared/ANNOTATION.md): index_facts on the same index, the same "
    "subject (no diacritics, punctuation or generic words such as province/city/district; "
    "a bracketed province optional; localities = Vietnam) and the same score within 0.01 "
    "or the same rank; percentages on the value within 0.01 (distinct "
    "values per document); provinces, districts, organisations and mentions_only as sets "
    "of folded names; people on the romanised name; initiatives on evidence overlap (one "
    "contains the other, or 25+ shared characters) with a name of at most 10 words (30 "
    "characters in CJK/Thai), their category scored apart as accuracy on matched pairs. "
    "Counts are micro-averaged.",
)
@click.option(
    "--gold",
    "gold_dir",
    required=True,
    type=click.Path(exists=True, file_okay=False),
    help="Gold folder: dev-gold (*.json), dev-real (gold/ + articles/) or fixtures.",
)
@click.option(
    "--files",
    "files_dir",
    type=click.Path(exists=True, file_okay=False),
    default=None,
    help="Folder of the texts; default: beside the JSON, ../articles or ../seeds.",
)
@click.option(
    "--min-f1",
    "min_f1",
    multiple=True,
    metavar="FIELD=VALUE",
    help="Exit 1 when FIELD's F1 is below VALUE (repeatable).",
)
@click.option("--exclude", multiple=True, help="Skip gold sub-folders with this name (heldout).")
@click.option("--only", multiple=True, help="Keep only gold sub-folders with this name (heldout).")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def eval_command(
    gold_dir: str,
    files_dir: str | None,
    min_f1: tuple[str, ...],
    exclude: tuple[str, ...],
    only: tuple[str, ...],
    as_json: bool,
) -> None:
    """Score extraction against gold labels: precision, recall, F1 per field and language.

    \b
    Example:
        newsintel eval --gold ../shared/dev-real --min-f1 index_facts=0.9
    """
    floors = _parse_floors(min_f1)
    try:
        docs = find_gold(
            Path(gold_dir), Path(files_dir) if files_dir else None, exclude=exclude, only=only
        )
    except FileNotFoundError as error:
        raise click.ClickException(f"{error}; pass --files DIR") from error
    if not docs:
        raise click.ClickException(f"no gold labels found in {gold_dir}; is it a gold folder?")
    report = score_documents(docs, _extract_gold)
    click.echo(json.dumps(report.as_json(), indent=2) if as_json else _table(report))
    below = [
        f"{k} {report.fields[k].f1:.3f} < {v}" for k, v in floors.items() if report.fields[k].f1 < v
    ]
    if below:
        click.echo("below floor: " + "; ".join(below), err=True)
        raise SystemExit(1)


COMMANDS: tuple[click.Command, ...] = (facts_command, eval_command)
