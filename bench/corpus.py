"""Seeded synthetic corpus for benchmarks: multilingual reform articles and clustered vectors.

Articles are generated one story at a time (a story is one set of facts reported in one to
four languages: the original and its translations, which print ``Source: <original URL>``),
so any size streams in constant memory. Every article carries its ground truth (facts,
percentages, initiatives) so that benchmarks can also check what extraction found.

Writers put the stream where a stage reads it: a static site directory (``write_site``),
gzip WARC shards (``write_warcs``), or WARC shards plus ``pages`` rows (``write_pages_db``).
``clustered_vectors`` / ``write_vectors`` give 384-d float32 vectors shaped like sentence
embeddings (a shared direction, a low-rank subspace, clusters of topics, a little noise).

Command line (from the repository root)::

    python -m bench.corpus site  DIR  --n 10000
    python -m bench.corpus warc  DIR  --n 10000 --per-shard 1000
    python -m bench.corpus vectors FILE.npy --n 1000000
"""

from __future__ import annotations

import argparse
import functools
import gzip
import html
import io
import random
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

import numpy as np

from bench.corpus_text import (
    AUTHORS,
    INDEX_WORD_LANGS,
    INDICES,
    INITIATIVE_CATEGORIES,
    LANGUAGES,
    PROVINCES,
    TEXT,
)

__all__ = [
    "BASE_URL",
    "SyntheticArticle",
    "SyntheticFact",
    "clustered_vectors",
    "iter_articles",
    "query_vectors",
    "write_pages_db",
    "write_site",
    "write_vectors",
    "write_warcs",
]

BASE_URL = "http://news.example"
VECTOR_BLOCK = 8192  # rows generated per RNG stream: any n is a prefix of a larger n
N_TOPICS = 1024
LATENT_RANK = 48
# Arabic-Indic digits, Arabic decimal and thousands separators
_ARABIC_DIGITS = str.maketrans(
    "0123456789.,", "".join(map(chr, range(0x660, 0x66A))) + "\u066b\u066c"
)


@dataclass(frozen=True, slots=True)
class SyntheticFact:
    """One index fact stated in a synthetic article (its ground truth)."""

    index_name: str
    subject: str  # canonical English province name
    year: int
    score: float
    score_unit: str
    rank: int
    rank_total: int
    rank_change: int | None


@dataclass(frozen=True, slots=True)
class SyntheticArticle:
    """One generated article page with the facts it states."""

    url: str
    story_id: int
    language: str
    title: str
    text: str  # the article body as plain paragraphs (what extraction should find)
    html: str
    published: date
    original_url: str | None  # set on translations: the story's first article
    facts: tuple[SyntheticFact, ...]
    percentages: tuple[float, ...]
    initiatives: tuple[tuple[str, str], ...]  # (name, category)

    @property
    def body(self) -> bytes:
        """The page as served: UTF-8 bytes."""
        return self.html.encode("utf-8")

    @property
    def path(self) -> str:
        """The URL path (where ``write_site`` puts the file)."""
        return self.url.split("://", 1)[-1].split("/", 1)[1]


@dataclass(frozen=True, slots=True)
class _Story:
    story_id: int
    languages: tuple[str, ...]
    province: str
    year: int
    published: date
    facts: tuple[SyntheticFact, ...]
    percentages: tuple[float, ...]
    initiative: int | None  # index into INITIATIVE_CATEGORIES
    fillers: tuple[tuple[int, ...], ...]  # background paragraphs: filler sentence ids
    author: str


def _story(seed: int, story_id: int) -> _Story:
    rng = random.Random(f"newsintel-corpus-{seed}-{story_id}")
    n_lang = rng.choice((1, 1, 2, 2, 3, 4))
    first = "vi" if rng.random() < 0.4 else rng.choice(LANGUAGES)
    others = [lang for lang in LANGUAGES if lang != first]
    languages = (first, *rng.sample(others, n_lang - 1))
    provinces = list(PROVINCES)
    province = rng.choice(provinces)
    year = rng.randint(2018, 2024)
    facts = []
    for index_name in rng.sample(sorted(INDICES), rng.randint(1, 3)):
        subject = province if not facts or rng.random() < 0.7 else rng.choice(provinces)
        _, unit, (low, high) = INDICES[index_name]
        change = rng.randint(1, 20) if rng.random() < 0.5 else None
        facts.append(
            SyntheticFact(
                index_name,
                subject,
                year,
                round(rng.uniform(low, high), 2),
                unit,
                rng.randint(1, 63),
                63,
                change,
            )
        )
    percentages = tuple(round(rng.uniform(40.0, 99.9), 2) for _ in range(rng.randint(1, 3)))
    initiative = rng.randrange(len(INITIATIVE_CATEGORIES)) if rng.random() < 0.6 else None
    # 8-18 background paragraphs of 2-3 sentences: about 3,000 characters of text in Latin
    # scripts, like a provincial news article (the facts are a small part of the page)
    fillers = tuple(
        tuple(rng.sample(range(5), rng.randint(2, 3))) for _ in range(rng.randint(8, 18))
    )
    published = date(year + 1, rng.randint(1, 12), rng.randint(1, 28))
    return _Story(story_id, languages, province, year, published, tuple(facts), percentages,
                  initiative, fillers, rng.choice(AUTHORS))  # fmt: skip


@functools.cache
def _separators(lang: str) -> tuple[str, str]:
    from babel.numbers import get_decimal_symbol, get_group_symbol

    locale = str(TEXT[lang]["locale"])
    return get_decimal_symbol(locale), get_group_symbol(locale)


def _number(value: float, lang: str, *, native_digits: bool) -> str:
    """Format like babel's ``#,##0.00`` for the language (cached symbols: babel is slow)."""
    decimal, group = _separators(lang)
    text = f"{value:,.2f}".replace(",", "\0").replace(".", decimal).replace("\0", group)
    return text.translate(_ARABIC_DIGITS) if native_digits else text


def _acronym(index_name: str, lang: str) -> str:
    acronym = INDICES[index_name][0]
    # "PAR Index" inside a phrase that already says "index" reads "PAR-Index-Index"
    return "PAR" if index_name == "PAR_INDEX" and lang in INDEX_WORD_LANGS else acronym


def _province(name: str, lang: str) -> str:
    return PROVINCES[name].get(lang, name)


def _fact_sentence(fact: SyntheticFact, lang: str, native: bool) -> str:
    t = TEXT[lang]
    number = _number(fact.score, lang, native_digits=native)
    score = str(t["pct"]).format(v=number) if fact.score_unit == "%" else f"{number} {t['points']}"
    template = t["facts"][1] if fact.rank_change else t["facts"][0]  # type: ignore[index]
    return str(template).format(
        prov=_province(fact.subject, lang), acr=_acronym(fact.index_name, lang), year=fact.year,
        score=score, rank=fact.rank, total=fact.rank_total, places=fact.rank_change,
    )  # fmt: skip


def _paragraphs(story: _Story, lang: str, native: bool) -> list[str]:
    t = TEXT[lang]
    fillers: tuple[str, ...] = t["fillers"]  # type: ignore[assignment]
    pcts: tuple[str, ...] = t["pcts"]  # type: ignore[assignment]
    paragraphs = [_fact_sentence(f, lang, native) for f in story.facts]
    for i, value in enumerate(story.percentages):
        pct = str(t["pct"]).format(v=_number(value, lang, native_digits=native))
        paragraphs.append(pcts[i % len(pcts)].format(pct=pct, year=story.year))
    if story.initiative is not None:
        name = t["initiatives"][story.initiative]  # type: ignore[index]
        paragraphs.append(str(t["init"]).format(name=name))
    # background interleaves with the facts so that facts are not always at the top
    joiner = "" if lang in ("zh", "ja", "th") else " "
    for k, ids in enumerate(story.fillers):
        paragraphs.insert(min(len(paragraphs), 1 + 2 * k), joiner.join(fillers[i] for i in ids))
    return paragraphs


def _article(story: _Story, position: int, base_url: str) -> SyntheticArticle:
    lang = story.languages[position]
    native = lang == "ar" and story.story_id % 3 == 0  # some Arabic pages print ٠١٢٣
    main = story.facts[0]
    title = str(TEXT[lang]["title"]).format(
        prov=_province(main.subject, lang), rank=main.rank, acr=_acronym(main.index_name, lang),
        year=main.year,
    )  # fmt: skip
    pub = story.published
    url = f"{base_url}/{lang}/{pub.year}/{pub.month:02d}/story-{story.story_id}-{lang}.html"
    first = story.languages[0]
    original = None
    if position:
        original = (
            f"{base_url}/{first}/{pub.year}/{pub.month:02d}/story-{story.story_id}-{first}.html"
        )
    paragraphs = _paragraphs(story, lang, native)
    if original:
        paragraphs.append(str(TEXT[lang]["source"]).format(url=original))
    text = "\n\n".join([title, *paragraphs])
    article = SyntheticArticle(
        url=url, story_id=story.story_id, language=lang, title=title, text=text, html="",
        published=pub, original_url=original, facts=story.facts,
        percentages=story.percentages,
        initiatives=(
            ()
            if story.initiative is None
            else ((str(TEXT[lang]["initiatives"][story.initiative]),  # type: ignore[index]
                   INITIATIVE_CATEGORIES[story.initiative]),)
        ),
    )  # fmt: skip
    return _with_html(article, paragraphs, story)


def _with_html(article: SyntheticArticle, paragraphs: list[str], story: _Story) -> SyntheticArticle:
    from dataclasses import replace

    return replace(article, html=render_page(article, paragraphs, story.author))


def render_page(article: SyntheticArticle, paragraphs: list[str], author: str) -> str:
    """Render an article as a news page with navigation, related links and footer."""
    t = TEXT[article.language]
    esc = html.escape
    nav = "".join(f'<li><a href="/{article.language}/{i}/">{esc(w)}</a></li>'
                  for i, w in enumerate(t["nav"]))  # type: ignore[attr-defined]  # fmt: skip
    related_ids = [(article.story_id + k * 7919) % 100_000 for k in (1, 2, 3)]
    related = "".join(
        f'<li><a href="/{article.language}/related/{r}.html">{esc(str(t["related"]))} {r}</a></li>'
        for r in related_ids
    )
    body = "\n".join(f"<p>{esc(p)}</p>" for p in paragraphs)
    iso = datetime.combine(article.published, time(8, 30), tzinfo=UTC).isoformat()
    direction = ' dir="rtl"' if article.language == "ar" else ""
    return (
        f'<!DOCTYPE html>\n<html lang="{article.language}"{direction}><head>'
        f'<meta charset="utf-8"><title>{esc(article.title)}</title>'
        f'<meta property="og:title" content="{esc(article.title)}">'
        f'<meta property="article:published_time" content="{iso}">'
        f'<meta name="author" content="{esc(author)}">'
        f'<link rel="canonical" href="{esc(article.url)}">'
        '<script>window.dataLayer=window.dataLayer||[];</script>'
        '<style>body{font-family:sans-serif}.menu li{display:inline}</style></head><body>'
        f'<header><div class="logo">Provincial Portal</div><ul class="menu">{nav}</ul></header>'
        f'<main><article><h1>{esc(article.title)}</h1>'
        f'<p class="byline">{esc(str(t["byline"]).format(author=author))} · '
        f'<time datetime="{iso}">{article.published.isoformat()}</time></p>\n{body}\n'
        f'</article><aside><h2>{esc(str(t["related"]))}</h2><ul>{related}</ul></aside></main>'
        f'<footer><p>{esc(str(t["footer"]))}</p><p>12 Tran Phu, tel. 0123 456 789</p>'
        '</footer></body></html>\n'
    )  # fmt: skip


def iter_articles(
    n: int, seed: int = 0, *, base_url: str = BASE_URL, start_story: int = 0
) -> Iterator[SyntheticArticle]:
    """Yield ``n`` synthetic articles, story by story, in constant memory.

    Args:
        n: number of articles to yield.
        seed: the same seed gives the same articles, byte for byte.
        base_url: scheme and host of the generated URLs (no trailing slash).
        start_story: first story id (to continue a corpus in another process).
    """
    count, story_id = 0, start_story
    while count < n:
        story = _story(seed, story_id)
        for position in range(len(story.languages)):
            if count == n:
                return
            yield _article(story, position, base_url)
            count += 1
        story_id += 1


def write_site(
    articles: Iterable[SyntheticArticle],
    directory: str | Path,
    *,
    base_url: str | None = None,
    listing_size: int = 50,
    per_sitemap: int = 10_000,
) -> int:
    """Write articles as a static site: pages, paginated listings, sitemaps, robots.txt.

    Listing pages (``/index.html`` -> ``/list/2.html`` ...) link with root-relative URLs so the
    site works on any port; sitemaps and robots.txt need absolute URLs and are written when
    ``base_url`` (e.g. ``http://127.0.0.1:8765``) is given. Returns the number of articles.
    """
    root = Path(directory)
    root.mkdir(parents=True, exist_ok=True)
    batch: list[tuple[str, str]] = []
    sitemap_urls: list[str] = []
    sitemaps: list[str] = []
    n = pages = 0

    def flush_listing(final: bool) -> None:
        nonlocal pages
        pages += 1
        name = "index.html" if pages == 1 else f"list/{pages}.html"
        links = "".join(f'<li><a href="/{p}">{html.escape(t)}</a></li>' for p, t in batch)
        nxt = "" if final else f'<a rel="next" href="/list/{pages + 1}.html">next</a>'
        _write(root / name, f"<html><body><ul>{links}</ul>{nxt}</body></html>")
        batch.clear()

    for article in articles:
        _write(root / article.path, article.html)
        batch.append((article.path, article.title))
        sitemap_urls.append(article.path)
        n += 1
        if len(batch) == listing_size:
            flush_listing(final=False)
        if base_url and len(sitemap_urls) == per_sitemap:
            sitemaps.append(_write_sitemap(root, base_url, sitemap_urls, len(sitemaps)))
    flush_listing(final=True)
    if base_url:
        if sitemap_urls:
            sitemaps.append(_write_sitemap(root, base_url, sitemap_urls, len(sitemaps)))
        _write_sitemap_index(root, base_url, sitemaps)
    return n


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _write_sitemap(root: Path, base_url: str, paths: list[str], number: int) -> str:
    urls = "".join(f"<url><loc>{html.escape(base_url)}/{p}</loc></url>" for p in paths)
    xml = f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'
    name = f"sitemap-{number}.xml.gz"
    (root / name).write_bytes(gzip.compress(xml.encode("utf-8"), mtime=0))
    paths.clear()
    return name


def _write_sitemap_index(root: Path, base_url: str, names: list[str]) -> None:
    entries = "".join(f"<sitemap><loc>{base_url}/{name}</loc></sitemap>" for name in names)
    _write(
        root / "sitemap.xml",
        '<?xml version="1.0" encoding="UTF-8"?><sitemapindex '
        f'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</sitemapindex>',
    )
    _write(root / "robots.txt", f"User-agent: *\nAllow: /\nSitemap: {base_url}/sitemap.xml\n")


def _warc_record(writer: Any, article: SyntheticArticle) -> None:
    from warcio.statusandheaders import StatusAndHeaders

    body = article.body
    headers = StatusAndHeaders(
        "200 OK",
        [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(body)))],
        protocol="HTTP/1.1",
    )
    stamp = datetime.combine(article.published, time(9, 0), tzinfo=UTC)
    record = writer.create_warc_record(
        article.url, "response", payload=io.BytesIO(body), http_headers=headers,
        warc_headers_dict={"WARC-Date": stamp.strftime("%Y-%m-%dT%H:%M:%SZ")},
    )  # fmt: skip
    writer.write_record(record)


def write_warcs(
    articles: Iterable[SyntheticArticle],
    directory: str | Path,
    *,
    per_shard: int = 1000,
    prefix: str = "synthetic",
    on_record: Any = None,
) -> list[Path]:
    """Write articles as gzip WARC response records, ``per_shard`` per file.

    Args:
        articles: the stream to write.
        directory: where the shards go (``<prefix>-00000.warc.gz`` ...).
        per_shard: records per shard file.
        prefix: file name prefix.
        on_record: optional ``callback(article, path, offset)`` called after each record,
            with the shard and the byte offset where the record starts.

    Returns:
        The shard paths, in order.
    """
    from warcio.warcwriter import WARCWriter

    root = Path(directory)
    root.mkdir(parents=True, exist_ok=True)
    shards: list[Path] = []
    handle = writer = None
    for i, article in enumerate(articles):
        if i % per_shard == 0:
            if handle:
                handle.close()
            shards.append(root / f"{prefix}-{len(shards):05d}.warc.gz")
            handle = shards[-1].open("wb")
            writer = WARCWriter(handle, gzip=True)
        offset = handle.tell()  # type: ignore[union-attr]
        _warc_record(writer, article)
        if on_record:
            on_record(article, shards[-1], offset)
    if handle:
        handle.close()
    return shards


def write_pages_db(
    db: Any, articles: Iterable[SyntheticArticle], warc_dir: str | Path, *, per_shard: int = 1000
) -> int:
    """Write WARC shards and one ``pages`` row per article (as a crawl would); return count.

    Args:
        db: a ``sqlite_utils.Database`` opened with ``index.schema.open_db``.
        articles: the stream to store.
        warc_dir: where the WARC shards go; ``pages.warc_file`` holds them relative to the database.
        per_shard: records per WARC shard.
    """
    import hashlib

    from crawler.models import FetchedPage
    from index.store import save_page

    count = 0
    db.execute("PRAGMA synchronous = OFF")  # benchmark set-up, not the measured path

    def record(article: SyntheticArticle, path: Path, offset: int) -> None:
        nonlocal count
        body = article.body
        page = FetchedPage(
            url=article.url, final_url=article.url, source="synthetic", status=200,
            content_type="text/html; charset=utf-8", body=body,
            fetched_at=datetime.combine(article.published, time(9, 0), tzinfo=UTC),
            headers=(("Content-Type", "text/html; charset=utf-8"),),
            content_hash=hashlib.sha256(body).hexdigest(), is_article=True,
            reason="synthetic corpus", warc_file=str(path.resolve()), warc_offset=offset,
        )  # fmt: skip
        save_page(db, page)
        count += 1

    write_warcs(articles, warc_dir, per_shard=per_shard, on_record=record)
    db.execute("PRAGMA synchronous = NORMAL")
    return count


# ---------------------------------------------------------------- vectors


def _vector_model(seed: int, dim: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    rng = np.random.default_rng([seed, dim, 7])
    basis, _ = np.linalg.qr(rng.standard_normal((dim, LATENT_RANK)))
    basis = basis.T.astype(np.float32)  # (rank, dim), orthonormal rows
    # topic centres with decaying spread: a few directions explain most of the variance
    scale = (1.0 / np.sqrt(1.0 + np.arange(LATENT_RANK))).astype(np.float32)
    centres = (rng.standard_normal((N_TOPICS, LATENT_RANK)) * scale).astype(np.float32)
    common = rng.standard_normal(dim).astype(np.float32)
    common /= np.linalg.norm(common)
    return basis, centres, common


def _vector_block(seed: int, dim: int, block: int, rows: int, stream: int = 0) -> np.ndarray:
    basis, centres, common = _vector_model(seed, dim)
    rng = np.random.default_rng([seed, dim, stream, block])
    # topic popularity is skewed, as in news (a few big stories, a long tail)
    weights = 1.0 / (1.0 + np.arange(N_TOPICS)) ** 0.8
    topics = rng.choice(N_TOPICS, size=rows, p=weights / weights.sum())
    latent = centres[topics] + 0.15 * rng.standard_normal((rows, LATENT_RANK)).astype(np.float32)
    vectors = latent @ basis
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    vectors += 0.9 * common  # embeddings share a direction: mean cosine well above zero
    # full-rank noise of norm ~0.2: what the low-rank model does not explain
    vectors += (0.2 / np.sqrt(dim)) * rng.standard_normal((rows, dim)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors.astype(np.float32)


def _blocks(n: int, dim: int, seed: int, stream: int) -> Iterator[np.ndarray]:
    for block in range((n + VECTOR_BLOCK - 1) // VECTOR_BLOCK):
        rows = min(VECTOR_BLOCK, n - block * VECTOR_BLOCK)
        full = _vector_block(seed, dim, block, VECTOR_BLOCK, stream)
        yield full[:rows]


def clustered_vectors(n: int, dim: int = 384, seed: int = 0) -> np.ndarray:
    """Return ``n`` unit float32 vectors clustered like sentence embeddings.

    Deterministic: the first ``n`` rows are the same for any larger ``n``. Memory is
    ``n * dim * 4`` bytes; for 1M vectors prefer :func:`write_vectors` and ``np.load(mmap_mode)``.
    """
    out = np.empty((n, dim), dtype=np.float32)
    for block, rows in enumerate(_blocks(n, dim, seed, stream=0)):
        out[block * VECTOR_BLOCK : block * VECTOR_BLOCK + len(rows)] = rows
    return out


def query_vectors(n: int, dim: int = 384, seed: int = 0) -> np.ndarray:
    """Return ``n`` query vectors from the same distribution as the data, but not in it."""
    return np.concatenate(list(_blocks(n, dim, seed, stream=1))) if n else np.empty((0, dim))


def write_vectors(path: str | Path, n: int, dim: int = 384, seed: int = 0) -> np.memmap:
    """Write ``clustered_vectors(n, dim, seed)`` to a ``.npy`` file block by block.

    Returns the file opened read-only as a memory map (``np.load(path, mmap_mode="r")``).
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    out = np.lib.format.open_memmap(target, mode="w+", dtype=np.float32, shape=(n, dim))
    for block, rows in enumerate(_blocks(n, dim, seed, stream=0)):
        out[block * VECTOR_BLOCK : block * VECTOR_BLOCK + len(rows)] = rows
    out.flush()
    del out
    return np.load(target, mmap_mode="r")  # type: ignore[no-any-return]


def main(argv: list[str] | None = None) -> None:
    """Write a synthetic site, WARC shards or a vector file (see the module docstring)."""
    parser = argparse.ArgumentParser(prog="python -m bench.corpus", description=__doc__)
    parser.add_argument("kind", choices=("site", "warc", "vectors"))
    parser.add_argument("target")
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--base-url", default=None, help="site: absolute base for sitemaps")
    parser.add_argument("--per-shard", type=int, default=1000)
    args = parser.parse_args(argv)
    if args.kind == "vectors":
        write_vectors(args.target, args.n, seed=args.seed)
        return
    base = args.base_url or BASE_URL
    articles = iter_articles(args.n, args.seed, base_url=base)
    if args.kind == "site":
        write_site(articles, args.target, base_url=args.base_url)
    else:
        write_warcs(articles, args.target, per_shard=args.per_shard)


if __name__ == "__main__":
    main()
