"""やさしい日本語: the public pages (home, /policy/, /accounts/) for residents who read simple
Japanese, from docs/_data/easy.yml; published at /easy/, /easy/policy/ and /easy/accounts/.

Each section of an easy page names the parts of the ordinary page it explains (`explains`: the
anchors there, which on /policy/ are the guideline's clause ids) and any other clauses it rests
on (`clauses`), so that
- a test can fail when a part of an ordinary page has no easy text (`unexplained`),
- the 新旧対照表 of a new edition can list the easy sections whose clauses changed (`to_review`).

Kanji carry their readings as <ruby>, generated here at build time: fugashi (MeCab with UniDic
lite) reads each word; a word it reads wrongly is corrected in the data (`readings`: 和気町 =
わけちょう). The text itself never holds a reading. The reading is hidden from screen readers
(`aria-hidden` on <rt> and <rp>): Chromium otherwise reads every word twice, kanji then kana.

The package is the part folder of the easy pages (wakesite.part): its parts at the end (`easy`,
an easy page; `easy-link`, the link to it atop an ordinary public page), their templates
(easy.md.j2, easy-link.md.j2) and easy.css beside this file.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from markupsafe import Markup

from .. import datafile
from ..datafile import DataError, DataErrors
from ..guideline import Guideline
from ..lang import LANGS, lang_root
from ..part import Part
from ..searchentry import as_html

SCHEMA = "easy.schema.json"  # beside the data file, or in the schema_dir given (datafile.schema_of)
# Where the easy pages are: easy/ + the ordinary page's path (easy/policy/ for policy/).
PREFIX = "easy/"
_KANJI = "\u4E00-\u9FFF\u3400-\u4DBF\uF900-\uFAFF々〆ヶ"
KANJI = re.compile(f"[{_KANJI}]")
_RUNS = re.compile(f"[{_KANJI}]+|[^{_KANJI}]+")
# The language menu entry's hreflang: Japanese, told apart from the ordinary Japanese entry by a
# private-use subtag (BCP 47 has no tag for やさしい日本語); the pages themselves are lang="ja".
HREFLANG = "ja-x-easy"
# Where a sentence ends: a list item or heading without 。 is a sentence too (`sentences`).
_SENTENCE_END = re.compile(r"(?<=[。？！])")


class NoReading(ValueError):
    """A word with kanji for which the dictionary gives no reading."""


@dataclass(frozen=True)
class Reading:
    word: str
    reading: str


@dataclass(frozen=True)
class Block:
    kind: str  # p, list, links, accounts, impersonators, contact (see easy.yml)
    value: object


@dataclass(frozen=True)
class Section:
    id: str
    heading: str
    explains: tuple[str, ...]  # anchors on the ordinary page
    clauses: tuple[str, ...]  # further guideline clauses it rests on
    blocks: tuple[Block, ...]
    line: int

    def texts(self) -> list[str]:
        """Every text of the section a reader sees, in order (headings, paragraphs, points, links)."""
        found = [self.heading]
        for block in self.blocks:
            if block.kind == "p" or block.kind == "impersonators":
                found.append(block.value)
            elif block.kind == "list":
                found.extend(block.value)
            elif block.kind == "links":
                found.extend(link["text"] for link in block.value)
            elif block.kind == "contact":
                found.extend(block.value.values())
            elif block.kind == "accounts":
                found.extend([block.value["checking"], block.value["retired"]])
        return found


@dataclass(frozen=True)
class Page:
    page: str  # the ordinary page's path: '', 'policy/', 'accounts/'
    title: str
    sections: tuple[Section, ...]

    @property
    def path(self) -> str:
        """Where the easy page is: 'easy/', 'easy/policy/'."""
        return PREFIX + self.page

    @property
    def source(self) -> str:
        """Its stub in docs/: 'easy/index.md', 'easy/policy.md'."""
        return PREFIX + (self.page.rstrip("/") or "index") + ".md"


@dataclass(frozen=True)
class Easy:
    readings: tuple[Reading, ...]
    language_name: str
    link_text: str
    notice: tuple[str, ...]
    notice_link: str
    nav_label: str
    pages: tuple[Page, ...]

    def page(self, ordinary: str) -> Page | None:
        return next((p for p in self.pages if p.page == ordinary), None)

    def page_of_source(self, source: str) -> Page | None:
        """The easy page a stub in docs/ shows (easy/policy.md → the page for policy/)."""
        return next((p for p in self.pages if p.source == source), None)

    def page_texts(self, page: Page) -> list[str]:
        """Every text of an easy page a reader sees, in order, from the data (the title, the
        notice at the top, the sections)."""
        return [page.title, *self.notice, self.notice_link, self.nav_label,
                *[p.title for p in self.pages if p is not page],
                *[text for section in page.sections for text in section.texts()]]

    def ruby(self, text: str, strict: bool = True) -> Markup:
        return ruby_html(text, self.readings, strict)


# ---- readings and ruby ----

@lru_cache(maxsize=1)
def tagger():
    """MeCab with UniDic lite (the dictionary ships in the unidic-lite wheel: no download)."""
    import fugashi  # imported on first use: the rest of the generator does not need it

    return fugashi.Tagger()


def hiragana(text: str) -> str:
    """Katakana as hiragana (ー and other characters unchanged)."""
    return "".join(chr(ord(c) - 0x60) if "ァ" <= c <= "ヶ" else c for c in text)


def align(surface: str, reading: str) -> list[tuple[str, str | None]]:
    """A word's reading over its kanji only: ('書い', 'かい') → [('書', 'か'), ('い', None)].
    When the kana of the word do not match its reading, the whole word carries the reading."""
    runs = _RUNS.findall(surface)
    if not any(KANJI.match(run) for run in runs):
        return [(surface, None)]
    pattern = "".join("(.+?)" if KANJI.match(run) else f"({re.escape(hiragana(run))})" for run in runs)
    match = re.fullmatch(pattern, hiragana(reading))
    if match is None:
        return [(surface, reading)]
    return [(run, group if KANJI.match(run) else None) for run, group in zip(runs, match.groups())]


def _corrections(readings: tuple[Reading, ...]) -> re.Pattern | None:
    words = sorted({r.word for r in readings}, key=len, reverse=True)  # longest first: まち経営課 before 課
    return re.compile("|".join(map(re.escape, words))) if words else None


def ruby_parts(text: str, readings: tuple[Reading, ...] = ()) -> list[tuple[str, str | None]]:
    """The text as (base, reading or None) pieces: the corrected words with their readings from
    the data, every other word with kanji with its reading from the dictionary."""
    corrected = {r.word: r.reading for r in readings}
    pattern = _corrections(readings)
    parts: list[tuple[str, str | None]] = []
    position = 0
    for match in (pattern.finditer(text) if pattern else ()):
        parts += _read(text[position:match.start()])
        parts += align(match.group(0), corrected[match.group(0)])
        position = match.end()
    parts += _read(text[position:])
    merged: list[tuple[str, str | None]] = []
    for base, reading in parts:  # kana and spaces in one piece: 'いた', not 'い', 'た'
        if reading is None and merged and merged[-1][1] is None:
            merged[-1] = (merged[-1][0] + base, None)
        else:
            merged.append((base, reading))
    return merged


def _read(chunk: str) -> list[tuple[str, str | None]]:
    if not KANJI.search(chunk):
        return [(chunk, None)] if chunk else []
    parts: list[tuple[str, str | None]] = []
    position = 0
    for word in tagger()(chunk):
        start = chunk.find(word.surface, position)
        if start < 0 or chunk[position:start].strip():  # the tagger changed the text
            raise NoReading(f"the reading of {chunk!r} does not cover the text: add its words to `readings`")
        if start > position:
            parts.append((chunk[position:start], None))  # the spaces between words
        position = start + len(word.surface)
        kana = getattr(word.feature, "kana", None)
        if KANJI.search(word.surface):
            if not kana or kana == "*":
                raise NoReading(f"no reading for {word.surface!r} in {chunk!r}: add it to `readings`")
            parts += align(word.surface, kana)
        else:
            parts.append((word.surface, None))
    if chunk[position:]:
        parts.append((chunk[position:], None))
    return parts


# Words with kanji or katakana, as a reader types them in kana: 責任 → せきにん, コメント → こめんと.
_READ_FOR_SEARCH = re.compile(f"[{_KANJI}\u30A1-\u30FA]")


@lru_cache(maxsize=8192)
def kana_readings(text: str) -> tuple[tuple[str, str], ...]:
    """(reading in hiragana, word) for each word of `text` written with kanji or katakana, each
    pair once, in order: the dictionary's readings, what search needs to understand a query typed
    in kana. A word the dictionary cannot read is left out (nothing is shown). Kept per text:
    `mkdocs serve` rebuilds the search index on every change, and most entries did not change."""
    found = []
    for word in tagger()(text):
        kana = getattr(word.feature, "kana", None)
        if kana and kana != "*" and _READ_FOR_SEARCH.search(word.surface):
            reading = hiragana(kana)
            if len(reading) >= 2 and reading != word.surface:
                found.append((reading, word.surface))
    return tuple(dict.fromkeys(found))


@lru_cache(maxsize=8192)
def words_of(text: str) -> tuple[str, ...]:
    """`text` cut into the dictionary's words (their surfaces, in order: they make up the text
    without its spaces). Kept per text, as kana_readings."""
    return tuple(word.surface for word in tagger()(text))


_HIDDEN = ' aria-hidden="true"'


def ruby_html(text: str, readings: tuple[Reading, ...] = (), strict: bool = True) -> Markup:
    """The text, escaped, with <ruby> over every run of kanji. <rp> gives the reading in brackets
    where ruby is not shown; both are hidden from screen readers, which read the word once.
    Not `strict` (names from other data files, such as an account's): a word the dictionary
    cannot read is shown without ruby instead of stopping the build."""
    try:
        parts = ruby_parts(text, readings)
    except NoReading:
        if strict:
            raise
        parts = [(text, None)]
    out = []
    for base, reading in parts:
        base_html = html.escape(base, quote=False)
        if reading is None:
            out.append(base_html)
        else:
            out.append(f"<ruby>{base_html}<rp{_HIDDEN}>（</rp><rt{_HIDDEN}>{html.escape(reading, quote=False)}</rt>"
                       f"<rp{_HIDDEN}>）</rp></ruby>")
    return Markup("".join(out))


# ---- checks of the text ----

def sentences(text: str) -> list[str]:
    """The sentences of a text (a heading or a point without 。 is one sentence)."""
    return [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]


_RT = re.compile(r"<rt\b[^>]*>.*?</rt>|<rp\b[^>]*>.*?</rp>", re.S)
_DROPPED = re.compile(r"<(script|style|template)\b.*?</\1>", re.S)
_TAG = re.compile(r"<[^>]+>")
_URL = re.compile(r"https?://\S+|\S+\.json\b")
_ARTICLE = re.compile(r"<article\b[^>]*>(.*?)</article>", re.S)


def page_text(page_html: str) -> str:
    """The words a page shows in its main content, as text: readings (<rt>, <rp>), scripts,
    permalinks and web addresses left out; each block ends a sentence. For readability scores
    of built pages, ordinary and easy alike."""
    match = _ARTICLE.search(page_html)
    body = match.group(1) if match else page_html
    body = _RT.sub("", _DROPPED.sub("", body))
    body = re.sub(r'<a class="headerlink"[^>]*>.*?</a>', "", body, flags=re.S)
    body = re.sub(r"</(p|li|h[1-6]|dt|dd|td|th|caption)>", "。\n", body)
    text = html.unescape(_TAG.sub("", body))
    text = _URL.sub("", text).replace("¶", "")
    lines = [" ".join(line.split()) for line in text.split("\n")]
    kept = [line for line in lines if line.strip("。 ")]
    return "\n".join(re.sub(r"([。？！：:])。+", r"\1", line) for line in kept)


def readability(text: str) -> float:
    """Lee & Hasebe's jReadability score (higher is easier; 初級 from 4.5), with jreadability."""
    from jreadability import compute_readability

    return compute_readability(text, tagger())


# ---- which easy text goes with which clause ----

def unexplained(easy: Easy, ordinary: str, anchors: set[str]) -> set[str]:
    """Anchors of the ordinary page `ordinary` that no section of its easy page explains."""
    page = easy.page(ordinary)
    explained = {a for s in page.sections for a in s.explains} if page else set()
    return set(anchors) - explained


def clauses_of(section: Section, guideline: Guideline, explained_elsewhere: set[str] = frozenset()) -> set[str]:
    """The guideline clauses a section rests on, with the clauses inside them that no other
    section explains (a row's easy text covers its items unless they have their own)."""
    ids = [a for a in section.explains + section.clauses if a in guideline.clauses]
    own = set(section.explains + section.clauses)
    return {c.id for a in ids for c in guideline.clauses[a].walk()
            if c.id and (c.id in own or c.id not in explained_elsewhere)}


def to_review(easy: Easy, guideline: Guideline, comparison) -> list[tuple[Page, Section, list[str]]]:
    """The easy sections that may need rewriting after a revision: those whose clauses the
    新旧対照表 `comparison` shows changed, added inside or removed from them; with those clauses."""
    changed = {row.anchor for row in comparison.rows if row.kind != "elided"}
    found = []
    explained = {a for page in easy.pages for s in page.sections for a in s.explains + s.clauses}
    for page in easy.pages:
        for section in page.sections:
            hits = sorted(changed & (clauses_of(section, guideline, explained) | set(section.explains + section.clauses)))
            if hits:
                found.append((page, section, hits))
    return found


# ---- the language menu ----

def ordinary_path(page_url: str) -> tuple[str, str, bool]:
    """(language, the ordinary page's path, whether page_url is an easy page) of a page URL."""
    path = page_url.lstrip("/")
    lang = next((code for code in LANGS[1:] if path.startswith(lang_root(code))), LANGS[0])
    path = path[len(lang_root(lang)):]
    if path.startswith(PREFIX):
        return lang, path[len(PREFIX):], True
    return lang, path, False


def language_menu(alternates: list[dict], page_url: str, easy: Easy | None) -> list[dict]:
    """Material's language switcher entries (site-relative links, as versions.relative_alternates
    leaves them) with やさしい日本語 added: the easy version of this page where there is one,
    else the easy home. On an easy page, the other entries lead to the ordinary page."""
    if easy is None:
        return alternates
    _, ordinary, on_easy = ordinary_path(page_url)
    target = easy.page(ordinary) or easy.page("")
    entries = []
    for alternate in alternates:
        if on_easy:
            link = (lang_root(alternate.get("lang", LANGS[0])) if alternate.get("lang") in LANGS else "") + ordinary
            alternate = {**alternate, "link": link or "./"}
        entries.append(alternate)
    name = html.escape(easy.language_name, quote=True)  # Material prints the name as it is
    entries.append({"name": name, "link": target.path if target else PREFIX, "lang": HREFLANG})
    return entries


# ---- loading ----

def load(path: Path, guideline: Guideline, schema_dir: Path | None = None) -> Easy:
    """Read and check easy.yml; errors name the file, the line and the section. Every text is read
    for its ruby here, so a word the dictionary cannot read stops the build with its line."""
    data = datafile.load(Path(path))
    datafile.validate(data, datafile.schema_of(path, SCHEMA, schema_dir), Path(path))
    shown = datafile.display_path(Path(path))
    readings = tuple(Reading(r["word"], r["reading"]) for r in data["readings"])
    errors: list[DataError] = []
    pages = []
    seen_pages: set[str] = set()
    for page_index, page_data in enumerate(data["pages"]):
        where = f"page {page_data['page'] or '(home)'}"
        if page_data["page"] in seen_pages:
            errors.append(DataError(shown, data["pages"].line_of(page_index), "listed twice", where))
        seen_pages.add(page_data["page"])
        sections, ids = [], set()
        for index, raw in enumerate(page_data["sections"]):
            line = page_data["sections"].line_of(index)
            label = f"{where}, section {raw['id']}"
            if raw["id"] in ids:
                errors.append(DataError(shown, line, "section id used twice on the page", label))
            ids.add(raw["id"])
            for clause in raw.get("clauses", []):
                if clause not in guideline.clauses:
                    errors.append(DataError(shown, line, f"no clause {clause!r} in the guideline", label))
            blocks = tuple(Block(*next(iter(block.items()))) for block in raw["blocks"])
            section = Section(raw["id"], raw["heading"], tuple(raw["explains"]), tuple(raw.get("clauses", [])),
                              blocks, line)
            for text in section.texts():
                errors += _text_problems(text, readings, shown, line, label)
            sections.append(section)
        pages.append(Page(page_data["page"], page_data["title"], tuple(sections)))
    easy = Easy(readings, data["language_name"], data["link_text"], tuple(data["notice"]), data["notice_link"],
                data["nav_label"], tuple(pages))
    for text in [easy.language_name, easy.link_text, *easy.notice, easy.notice_link, easy.nav_label,
                 *[p.title for p in pages]]:
        errors += _text_problems(text, readings, shown, data.line, "page texts")
    if errors:
        raise DataErrors(errors)
    return easy


def _text_problems(text: str, readings, shown: str, line: int, where: str) -> list[DataError]:
    try:
        ruby_parts(text, readings)
    except NoReading as error:
        return [DataError(shown, line, str(error), where)]
    return []


# ---- The parts: an easy page, and the link to it ----

def _page_context(site, lang: str, page_url: str, page_src: str) -> dict:
    page = site.easy.page_of_source(page_src) if site.easy else None
    if page is None:
        raise ValueError(f"{page_src}: no page for it in docs/_data/easy.yml (`pages`, `page`: the ordinary page's path)")
    return {"easy": site.easy, "easy_page": page}


def _page_title(site, lang: str, page_src: str) -> str | None:
    page = site.easy.page_of_source(page_src) if site.easy else None
    return page.title if page else None


def _link_context(site, lang: str, page_url: str, page_src: str) -> dict:
    _, ordinary, _ = ordinary_path(page_url)
    return {"easy": site.easy, "easy_target": site.easy.page(ordinary) if site.easy else None}


# In search an easy page has an entry per section, its text from the data (Material's would hold
# every reading of the ruby, 和気町（わけちょう）); ranked below the ordinary pages, which answer staff
# for the words both share; the easy words (ひどい ことば, にせもの) are theirs.
SEARCH_BOOST = 0.5
TITLE_SECTION = "easy-title"  # the h1's section (easy.md.j2): the notice and the page list, no content of its own


def _search(entry: dict, where) -> list[dict]:
    """An easy page's search rule (wakesite.searchentry): each entry rewritten from the data, or
    left out. A section that lists the registry's accounts holds their platforms and names too
    (らいん finds the list)."""
    easy, accounts = where.run.easy, where.run.accounts
    if easy is None:
        return [entry]
    _, ordinary, _ = ordinary_path(where.path)
    easy_page = easy.page(ordinary)
    if easy_page is None or where.anchor == TITLE_SECTION:
        return []
    section = next((s for s in easy_page.sections if s.id == where.anchor), None) if where.anchor else None
    if where.anchor and section is None:
        return []
    entry["title"] = html.escape(section.heading if section else easy_page.title, quote=False)
    texts = section.texts()[1:] if section else []
    for block in (section.blocks if section and accounts is not None else ()):
        if block.kind == "accounts":
            listed = accounts.active if block.value.get("which") == "active" else accounts.accounts
            texts += [f"{account.platform.name} {account.display_name(LANGS[0])}" for account in listed]
    entry["text"] = as_html("\n".join(texts))
    entry["boost"] = SEARCH_BOOST
    return [entry]


PARTS = {
    "easy": Part(css=("assets/stylesheets/easy.css",), context=_page_context, title=_page_title, public=True,
                 search=_search),
    "easy-link": Part(context=_link_context, public=True),
}
