"""Build the bundled demo site (newsintel/data/demo_site/) from scripts/demo_articles.py.

The site is static and committed; run this again after editing the articles:

    python scripts/build_demo_site.py

Every link is root-relative (``/news/...``) because the site is served on a random local port;
sitemaps and feeds use the same form and crawlers resolve them against the document's URL.
"""

from __future__ import annotations

import gzip
import html
import json
import shutil
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from demo_articles import ARTICLES

REPO = Path(__file__).resolve().parents[1]
SITE = REPO / "newsintel" / "data" / "demo_site"
SITE_NAME = "Provincial Reform Wire"
PER_PAGE = 6
CATEGORY_PER_PAGE = 4
CATEGORIES = {
    "reform": "Administrative reform",
    "business": "Business climate",
    "services": "Public services",
    "digital": "Digital government",
    "governance": "Governance",
}

UI: dict[str, dict[str, str]] = {
    "vi": {
        "home": "Trang chủ",
        "news": "Tin mới",
        "about": "Giới thiệu",
        "search": "Tìm kiếm",
        "related": "Tin liên quan",
        "source": "Nguồn:",
        "comments": "Bình luận (0)",
        "by": "Tác giả",
        "tags": "Thẻ",
        "share": "Chia sẻ",
    },
    "en": {
        "home": "Home",
        "news": "Latest news",
        "about": "About",
        "search": "Search",
        "related": "Related articles",
        "source": "Source:",
        "comments": "Comment (0)",
        "by": "By",
        "tags": "Tags",
        "share": "Share",
    },
    "id": {
        "home": "Beranda",
        "news": "Berita terbaru",
        "about": "Tentang kami",
        "search": "Cari",
        "related": "Artikel terkait",
        "source": "Sumber:",
        "comments": "Komentar (0)",
        "by": "Oleh",
        "tags": "Tag",
        "share": "Bagikan",
    },
    "nb": {
        "home": "Forside",
        "news": "Siste nytt",
        "about": "Om oss",
        "search": "Søk",
        "related": "Relaterte saker",
        "source": "Kilde:",
        "comments": "Kommentarer (0)",
        "by": "Av",
        "tags": "Stikkord",
        "share": "Del",
    },
    "ar": {
        "home": "الرئيسية",
        "news": "آخر الأخبار",
        "about": "من نحن",
        "search": "بحث",
        "related": "مقالات ذات صلة",
        "source": "المصدر:",
        "comments": "تعليق (0)",
        "by": "بقلم",
        "tags": "الوسوم",
        "share": "مشاركة",
    },
    "fr": {
        "home": "Accueil",
        "news": "Dernières nouvelles",
        "about": "À propos",
        "search": "Rechercher",
        "related": "Articles liés",
        "source": "Source:",
        "comments": "Commentaires (0)",
        "by": "Par",
        "tags": "Mots-clés",
        "share": "Partager",
    },
    "zh": {
        "home": "首页",
        "news": "最新消息",
        "about": "关于我们",
        "search": "搜索",
        "related": "相关文章",
        "source": "来源\N{FULLWIDTH COLON}",
        "comments": "评论 (0)",
        "by": "作者",
        "tags": "标签",
        "share": "分享",
    },
}

STYLE = """body{font-family:sans-serif;margin:0;color:#222}
.banner{background:#8b0000;color:#fff;padding:.6em 1em}
.banner a{color:#fff}
nav.main a{margin-right:1em}
main{display:flex;gap:2em;padding:1em}
article{max-width:46em}
aside{max-width:18em;font-size:.9em}
footer{background:#eee;padding:1em;font-size:.8em}
.source{font-style:italic}
.pager a{margin-right:.5em}
"""


def esc(text: str) -> str:
    """Escape text for HTML element content and attribute values."""
    return html.escape(text, quote=True)


def article_path(article: dict[str, Any]) -> str:
    """Return the site path of an article, e.g. ``/news/2024/slug.html``."""
    return f"/news/{article['published'][:4]}/{article['slug']}.html"


def listing_path(base: str, page: int) -> str:
    """Return the path of listing page ``page`` under ``base`` (page 1 is ``base`` itself)."""
    return base if page == 1 else f"{base}page/{page}/"


def head(title: str, lang: str, extra: str = "") -> str:
    """Return the document start: doctype, ``<html>`` and ``<head>``."""
    direction = ' dir="rtl"' if lang == "ar" else ""
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}"{direction}>\n<head>\n'
        '<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(title)} | {SITE_NAME}</title>\n"
        '<link rel="stylesheet" href="/assets/style.css">\n'
        f'<link rel="alternate" type="application/rss+xml" title="{SITE_NAME}" href="/feed.xml">\n'
        f'<link rel="alternate" type="application/atom+xml" title="{SITE_NAME} (Atom)" '
        'href="/atom.xml">\n'
        f"{extra}</head>\n"
    )


def chrome_top(lang: str) -> str:
    """Return the site banner and navigation shown on every page."""
    ui = UI[lang]
    cats = "".join(
        f'<a href="/category/{key}/">{esc(name)}</a>' for key, name in CATEGORIES.items()
    )
    return (
        "<body>\n"
        '<div class="banner"><a href="/index.html"><strong>'
        f"{SITE_NAME}</strong></a> &mdash; provincial reform news in seven languages "
        '&middot; <a href="/feed.xml">RSS</a> &middot; Newsletter: subscribe for a weekly '
        "digest</div>\n"
        '<nav class="main">'
        f'<a href="/index.html">{esc(ui["home"])}</a>'
        f'<a href="/news/">{esc(ui["news"])}</a>{cats}'
        f'<a href="/about.html">{esc(ui["about"])}</a>'
        f'<form action="/search" method="get" style="display:inline">'
        f'<input name="q" placeholder="{esc(ui["search"])}"></form>'
        "</nav>\n"
    )


def chrome_bottom() -> str:
    """Return the footer shown on every page."""
    return (
        "<footer>\n"
        f"<p>&copy; 2024&ndash;2025 {SITE_NAME}. A demonstration site bundled with newsintel; "
        "figures and officials are illustrative.</p>\n"
        '<p><a href="/about.html">About &amp; contact</a> &middot; '
        '<a href="/news/">Archive</a> &middot; <a href="/feed.xml">RSS</a> &middot; '
        '<a href="/atom.xml">Atom</a> &middot; <a href="/sitemap_index.xml">Sitemap</a> '
        "&middot; Hotline: 0000 000 000</p>\n"
        "</footer>\n</body>\n</html>\n"
    )


def related(article: dict[str, Any]) -> list[dict[str, Any]]:
    """Return up to four related articles: translations first, then the same category."""
    others = [a for a in ARTICLES if a is not article]
    same_story = [a for a in others if a["original_url"] == article["original_url"]]
    same_cat = [a for a in others if a["category"] == article["category"] and a not in same_story]
    rest = [a for a in others if a not in same_story and a not in same_cat]
    return (same_story + same_cat + rest)[:4]


def article_page(article: dict[str, Any]) -> str:
    """Render one article page with its boilerplate."""
    lang, ui, path = article["language"], UI[article["language"]], article_path(article)
    published = datetime.fromisoformat(article["published"])
    alternates = "".join(
        f'<link rel="alternate" hreflang="{a["language"]}" href="{article_path(a)}">\n'
        for a in ARTICLES
        if a["original_url"] == article["original_url"] and a is not article
    )
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article["title"],
        "datePublished": article["published"],
        "inLanguage": lang,
        "author": {"@type": "Person", "name": article["author"]},
        "isBasedOn": article["original_url"],
    }
    extra = (
        f'<meta name="description" content="{esc(article["lead"])}">\n'
        '<meta property="og:type" content="article">\n'
        f'<meta property="og:title" content="{esc(article["title"])}">\n'
        f'<meta property="article:published_time" content="{article["published"]}">\n'
        f'<meta name="author" content="{esc(article["author"])}">\n'
        f'<link rel="canonical" href="{path}">\n{alternates}'
        '<script type="application/ld+json">'
        f"{json.dumps(ld, ensure_ascii=False)}</script>\n"
    )
    body = "".join(f"<p>{esc(p)}</p>\n" for p in article["paragraphs"])
    links = "".join(
        f'<li><a href="{article_path(a)}">{esc(a["title"])}</a></li>\n' for a in related(article)
    )
    category = article["category"]
    return (
        head(article["title"], lang, extra)
        + chrome_top(lang)
        + '<main>\n<article>\n<p class="breadcrumb">'
        f'<a href="/index.html">{esc(ui["home"])}</a> &rsaquo; '
        f'<a href="/category/{category}/">{esc(CATEGORIES[category])}</a></p>\n'
        f"<h1>{esc(article['title'])}</h1>\n"
        f'<p class="byline">{esc(ui["by"])} {esc(article["author"])} &middot; '
        f'<time datetime="{article["published"]}">{published:%d/%m/%Y %H:%M}</time></p>\n'
        f'<p class="sapo"><strong>{esc(article["lead"])}</strong></p>\n'
        f"{body}"
        f'<p class="source">{esc(ui["source"])} {esc(article["original_url"])}</p>\n'
        "</article>\n"
        f"<aside>\n<p>{esc(ui['tags'])}: {esc(article['province'])}, "
        f"{esc(CATEGORIES[category])}</p>\n"
        f"<p>{esc(ui['share'])}: Facebook &middot; Zalo &middot; X</p>\n"
        f"<p>{esc(ui['comments'])}</p>\n"
        f"<h2>{esc(ui['related'])}</h2>\n<ul>\n{links}</ul>\n</aside>\n</main>\n" + chrome_bottom()
    )


def listing_pages(base: str, title: str, items: list[dict[str, Any]], per_page: int) -> dict:
    """Render a paginated listing; returns ``{path: html}`` for every page."""
    pages = [items[i : i + per_page] for i in range(0, len(items), per_page)]
    out: dict[str, str] = {}
    for number, chunk in enumerate(pages, start=1):
        prev_link = listing_path(base, number - 1) if number > 1 else None
        next_link = listing_path(base, number + 1) if number < len(pages) else None
        rel = "".join(
            f'<link rel="{name}" href="{href}">\n'
            for name, href in (("prev", prev_link), ("next", next_link))
            if href
        )
        entries = "".join(
            f'<li><a href="{article_path(a)}">{esc(a["title"])}</a> '
            f"<small>{a['published'][:10]} &middot; {a['language']}</small></li>\n"
            for a in chunk
        )
        pager = "".join(
            f'<a href="{listing_path(base, n)}">{n}</a>' if n != number else f"<b>{n}</b>"
            for n in range(1, len(pages) + 1)
        )
        if prev_link:
            pager = f'<a href="{prev_link}">&laquo; Previous</a>' + pager
        if next_link:
            pager += f'<a href="{next_link}">Next &raquo;</a>'
        page_title = title if number == 1 else f"{title} (page {number})"
        out[listing_path(base, number)] = (
            head(page_title, "en", '<meta property="og:type" content="website">\n' + rel)
            + chrome_top("en")
            + f"<main>\n<section>\n<h1>{esc(page_title)}</h1>\n<ul>\n{entries}</ul>\n"
            f'<p class="pager">{pager}</p>\n</section>\n</main>\n' + chrome_bottom()
        )
    return out


def index_page(newest: list[dict[str, Any]]) -> str:
    """Render the home page: the newest articles and links to every section."""
    entries = "".join(
        f'<li><a href="{article_path(a)}">{esc(a["title"])}</a> '
        f"<small>{esc(a['province'])} &middot; {a['language']}</small></li>\n"
        for a in newest[:8]
    )
    sections = "".join(
        f'<li><a href="/category/{key}/">{esc(name)}</a></li>\n' for key, name in CATEGORIES.items()
    )
    return (
        head("Home", "en", '<meta property="og:type" content="website">\n')
        + chrome_top("en")
        + f"<main>\n<section>\n<h1>{SITE_NAME}</h1>\n"
        "<p>News on public-administration reform from Vietnam's provinces.</p>\n"
        f"<h2>Latest</h2>\n<ul>\n{entries}</ul>\n"
        '<p><a href="/news/">All news</a></p>\n</section>\n'
        f"<aside>\n<h2>Sections</h2>\n<ul>\n{sections}</ul>\n</aside>\n</main>\n" + chrome_bottom()
    )


def about_page() -> str:
    """Render the about/contact page: not an article."""
    return (
        head("About us", "en", '<meta property="og:type" content="website">\n')
        + chrome_top("en")
        + "<main>\n<section>\n<h1>About us</h1>\n"
        f"<p>{SITE_NAME} is a demonstration site bundled with newsintel. Its stories are "
        "written for the demo and modelled on provincial reform news: the provinces and indexes "
        "are real, the officials, quotes and figures are illustrative.</p>\n"
        "<p>Contact: editor@example.invalid &middot; 1 Demo Street, Hue.</p>\n"
        "</section>\n</main>\n" + chrome_bottom()
    )


def admin_page() -> str:
    """Render a login page that robots.txt disallows: a polite crawler never fetches it."""
    return (
        head("Editor login", "en", '<meta name="robots" content="noindex">\n')
        + '<body>\n<h1>Editor login</h1>\n<form method="post"><input name="user">'
        '<input name="password" type="password"></form>\n</body>\n</html>\n'
    )


def robots_txt() -> str:
    """Return robots.txt: one disallowed area, the search, and the sitemap index."""
    return "User-agent: *\nDisallow: /admin/\nDisallow: /search\n\nSitemap: /sitemap_index.xml\n"


def sitemaps(ordered: list[dict[str, Any]], sections: list[str]) -> dict[str, str | bytes]:
    """Return the sitemap index, the article and news sitemaps, and a gzipped one of sections."""
    index = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        "<sitemap><loc>/sitemap-articles.xml</loc><lastmod>2025-05-13</lastmod></sitemap>\n"
        "<sitemap><loc>/sitemap-news.xml</loc><lastmod>2025-05-13</lastmod></sitemap>\n"
        "<sitemap><loc>/sitemap-sections.xml.gz</loc><lastmod>2025-05-13</lastmod></sitemap>\n"
        "</sitemapindex>\n"
    )
    urls = "".join(
        f"<url><loc>{article_path(a)}</loc><lastmod>{a['published'][:10]}</lastmod></url>\n"
        for a in ordered
    )
    articles = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        f"{urls}</urlset>\n"
    )
    section_urls = "".join(f"<url><loc>{path}</loc></url>\n" for path in sections)
    sections_xml = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        f"{section_urls}</urlset>\n"
    )
    news_entries = "".join(
        f"<url><loc>{article_path(a)}</loc><news:news><news:publication>"
        f"<news:name>{SITE_NAME}</news:name><news:language>{a['language']}</news:language>"
        f"</news:publication><news:publication_date>{a['published']}</news:publication_date>"
        f"<news:title>{esc(a['title'])}</news:title></news:news></url>\n"
        for a in ordered[:6]
    )
    news = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">\n'
        f"{news_entries}</urlset>\n"
    )
    return {
        "/sitemap_index.xml": index,
        "/sitemap-articles.xml": articles,
        "/sitemap-news.xml": news,
        # mtime=0 keeps the bytes the same on every build
        "/sitemap-sections.xml.gz": gzip.compress(sections_xml.encode(), mtime=0),
    }


def feeds(ordered: list[dict[str, Any]]) -> dict[str, str]:
    """Return the RSS 2.0 feed (ten newest) and the Atom feed (all articles)."""
    items = "".join(
        f"<item><title>{esc(a['title'])}</title><link>{article_path(a)}</link>"
        f'<guid isPermaLink="false">{a["slug"]}</guid>'
        f"<pubDate>{datetime.fromisoformat(a['published']):%a, %d %b %Y %H:%M:%S %z}</pubDate>"
        f"<description>{esc(a['lead'])}</description></item>\n"
        for a in ordered[:10]
    )
    rss = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0">\n<channel>\n'
        f"<title>{SITE_NAME}</title><link>/index.html</link>\n"
        "<description>Provincial reform news</description><language>en</language>\n"
        f"{items}</channel>\n</rss>\n"
    )
    entries = "".join(
        f'<entry><title>{esc(a["title"])}</title><link href="{article_path(a)}"/>'
        f"<id>urn:newsintel-demo:{a['slug']}</id><updated>{a['published']}</updated>"
        f"<summary>{esc(a['lead'])}</summary></entry>\n"
        for a in ordered
    )
    atom = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">\n'
        f"<title>{SITE_NAME}</title><id>urn:newsintel-demo</id>"
        f"<updated>{ordered[0]['published']}</updated>\n"
        f'<link rel="self" href="/atom.xml"/>\n{entries}</feed>\n'
    )
    return {"/feed.xml": rss, "/atom.xml": atom}


def check_labels(article: dict[str, Any]) -> None:
    """Fail when a label's evidence is not a substring of exactly one paragraph."""
    text = "\n".join(article["paragraphs"])
    for label in article["index_facts"] + article["percentages"]:
        if text.count(label["evidence"]) < 1:
            raise ValueError(f"{article['slug']}: evidence not in text: {label['evidence']!r}")
        literal = label.get("literal")
        if literal and literal not in label["evidence"]:
            raise ValueError(f"{article['slug']}: literal {literal!r} not in its evidence")


def expected(ordered: list[dict[str, Any]]) -> dict[str, Any]:
    """Return the labels the end-to-end test checks against the database."""
    first_of_story: dict[str, str] = {}
    for article in sorted(ordered, key=lambda a: a["published"]):
        first_of_story.setdefault(article["original_url"], article_path(article))
    articles = [
        {
            "path": article_path(a),
            "language": a["language"],
            "title": a["title"],
            "published": a["published"][:10],
            "province": a["province"],
            "original_url": a["original_url"],
            "translation_of": (
                None
                if first_of_story[a["original_url"]] == article_path(a)
                else first_of_story[a["original_url"]]
            ),
            "index_facts": a["index_facts"],
            "percentages": a["percentages"],
            "initiatives": a["initiatives"],
        }
        for a in ordered
    ]
    return {
        "about": "Hand labels of the demo site's main facts (see scripts/demo_articles.py).",
        "articles": articles,
        "not_articles": [
            "/",
            "/index.html",
            "/about.html",
            "/news/",
            "/news/page/2/",
            "/category/reform/",
        ],
        "disallowed": ["/admin/", "/search"],
    }


def build(site: Path = SITE) -> dict[str, str | bytes]:
    """Write every file of the demo site under ``site``; returns ``{path: content}``."""
    for article in ARTICLES:
        check_labels(article)
    ordered = sorted(ARTICLES, key=lambda a: a["published"], reverse=True)
    files: dict[str, str | bytes] = {article_path(a): article_page(a) for a in ordered}
    files |= listing_pages("/news/", "All news", ordered, PER_PAGE)
    for key, name in CATEGORIES.items():
        chosen = [a for a in ordered if a["category"] == key]
        files |= listing_pages(f"/category/{key}/", name, chosen, CATEGORY_PER_PAGE)
    files["/index.html"] = index_page(ordered)
    files["/about.html"] = about_page()
    sections = sorted(p for p in files if p.endswith(("/", "/index.html", "/about.html")))
    files |= sitemaps(ordered, sections) | feeds(ordered)
    files["/admin/index.html"] = admin_page()
    files["/robots.txt"] = robots_txt()
    files["/assets/style.css"] = STYLE
    files["/expected.json"] = json.dumps(expected(ordered), ensure_ascii=False, indent=1) + "\n"
    if site.exists():
        shutil.rmtree(site)
    for path, content in files.items():
        target = site / (path.lstrip("/") + ("index.html" if path.endswith("/") else ""))
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
    return files


if __name__ == "__main__":
    written = build()
    print(f"wrote {len(written)} files to {SITE}")
