"""Checks on the BUILT site (HTML files), used by the build tests and runnable by hand.

- required_sections(): every entry of a spec (tests/data/required_sections.yml) is on its page,
  in every language, under its anchor, with its expected words.
- missing_sentences(): every sentence of the source is on the page (after NFKC and whitespace
  normalisation), allowing only the corrections listed in errata.yml.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from .. import pagepath

# Text that is page furniture, not content: permalink signs and screen-reader-only hints.
_SKIP_TAGS = {"script", "style", "template", "noscript"}
_SKIP_CLASSES = {"headerlink", "wk-visually-hidden"}


class _TextAndIds(HTMLParser):
    """Collects the text of the main content and the text under each element id."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str | None, bool, bool]] = []  # tag, id, skipped, in_article
        self.parts: list[str] = []
        self.by_id: dict[str, list[str]] = {}
        self.open_ids: list[str] = []

    _VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def handle_starttag(self, tag, attrs):
        if tag in self._VOID:
            return
        attrs = dict(attrs)
        classes = set((attrs.get("class") or "").split())
        parent_skipped = self.stack[-1][2] if self.stack else False
        parent_article = self.stack[-1][3] if self.stack else False
        skipped = parent_skipped or tag in _SKIP_TAGS or bool(classes & _SKIP_CLASSES)
        in_article = parent_article or "md-content__inner" in classes
        element_id = attrs.get("id")
        self.stack.append((tag, element_id, skipped, in_article))
        if element_id and in_article:
            self.by_id.setdefault(element_id, [])
            self.open_ids.append(element_id)

    def handle_endtag(self, tag):
        while self.stack:
            open_tag, element_id, _, in_article = self.stack.pop()
            if element_id and in_article and self.open_ids and self.open_ids[-1] == element_id:
                self.open_ids.pop()
            if open_tag == tag:
                break

    def handle_data(self, data):
        if not self.stack:
            return
        _, _, skipped, in_article = self.stack[-1]
        if skipped or not in_article:
            return
        self.parts.append(data)
        for element_id in self.open_ids:
            self.by_id[element_id].append(data)


@dataclass
class PageText:
    text: str  # the main content's text
    by_id: dict[str, str]  # text under each element id in the main content


def read_page(html_file: Path) -> PageText:
    parser = _TextAndIds()
    parser.feed(html_file.read_text(encoding="utf-8"))
    return PageText("".join(parser.parts), {k: "".join(v) for k, v in parser.by_id.items()})


def normalise(text: str) -> str:
    """NFKC, and no whitespace at all: layout must not decide whether text matches."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def page_file(site_dir: Path, page: str) -> Path:
    """'en/policy/' → site_dir/en/policy/index.html"""
    page = page.strip("/")
    return pagepath.file_of(site_dir, page + "/" if page else "")


def required_sections(site_dir: Path, spec: list[dict], langs: tuple[str, ...] = ("ja", "en")) -> list[str]:
    """Problems, one line each, naming the page file, the language and what is missing."""
    problems: list[str] = []
    cache: dict[Path, PageText] = {}
    for entry in spec:
        for lang in langs:
            prefix = "" if lang == langs[0] else f"{lang}/"
            html_file = page_file(site_dir, prefix + entry["page"])
            shown = html_file.relative_to(site_dir).as_posix()
            label = f"{entry['name']} (#{entry['id']})"
            if not html_file.exists():
                problems.append(f"{shown}: page missing, so {label} is missing")
                continue
            if html_file not in cache:
                cache[html_file] = read_page(html_file)
            text = cache[html_file].by_id.get(entry["id"])
            if text is None:
                problems.append(f"{shown}: {label} is missing: no element with id {entry['id']!r}")
            elif normalise(entry[lang]) not in normalise(text):
                problems.append(f"{shown}: {label} is there but does not contain {entry[lang]!r}")
    return problems


def source_sentences(source_text: str, replacements: list[tuple[str, str]]) -> list[str]:
    """The source, corrected as the errata list says, cut into sentences (by line, cell and 。)."""
    for original, published in replacements:
        source_text = source_text.replace(original, published)
    sentences = []
    for line in re.split(r"[\n\t]", source_text):
        for piece in re.findall(r"[^。]+。?", line):
            if normalise(piece):
                sentences.append(piece.strip())
    return sentences


def missing_sentences(sentences: list[str], page_text: str) -> list[str]:
    haystack = normalise(page_text)
    return [s for s in sentences if normalise(s) not in haystack]
