"""The English pages of the built site, as a reader gets them (data, templates and theme together):
no forbidden variant of a glossary term, full-width punctuation only inside Japanese, and the
accounts named in English. Japanese quoted as it stands is marked lang="ja" and is not English."""
from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

from support import ROOT
from wakesite import glossary, site

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
READ_ATTRIBUTES = ("title", "aria-label", "alt", "placeholder")


class _EnglishText(HTMLParser):
    """The text a reader sees or hears in English: text and labelling attributes of every element
    whose language is English (scripts and styles aside)."""

    def __init__(self):
        super().__init__()
        self.stack: list[tuple[str, str]] = [("", "en")]
        self.texts: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        lang = (attrs.get("lang") or self.stack[-1][1]).split("-")[0]
        if tag in ("script", "style"):
            lang = "none"
        if lang == "en":
            self.texts += [attrs[name] for name in READ_ATTRIBUTES if attrs.get(name)]
        if tag not in VOID:
            self.stack.append((tag, lang))

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, 0, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                break

    def handle_data(self, data):
        if self.stack[-1][1] == "en" and data.strip():
            self.texts.append(data)


def english_texts(page: Path) -> list[str]:
    parser = _EnglishText()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.texts


def test_english_pages_use_the_glossary_and_english_punctuation(built_site):
    terms = site.load_project(ROOT).glossary
    pages = sorted((built_site / "en").rglob("*.html"))
    assert len(pages) >= 15
    problems = []
    for page in pages:
        for text in english_texts(page):
            for term, variant in terms.forbidden_in(text):
                problems.append(f"{page.relative_to(built_site)}: {variant!r} for {term.ja} (use {term.en!r}): {text!r}")
            for stray in glossary.stray_fullwidth(text):
                problems.append(f"{page.relative_to(built_site)}: full-width {stray!r} outside Japanese: {text!r}")
    assert not problems, "\n".join(problems)


def test_the_parser_reads_english_and_skips_japanese_quotes(tmp_path):
    page = tmp_path / "page.html"
    page.write_text('<html lang="en"><body><p title="A title">One<br>two <span lang="ja">Facebook、LINE</span>'
                    '<del lang="ja">（プロフィール欄）など）</del> three</p><script>var x = "（";</script></body></html>',
                    encoding="utf-8")
    assert english_texts(page) == ["A title", "One", "two ", " three"]


def test_english_pages_name_the_accounts_in_english(built_site):
    for path in ("en/policy/index.html", "en/accounts/index.html"):
        text = " ".join(english_texts(built_site / path))
        assert "Wake Town (和気町)" in text, path
        assert "Wakemaro-kun's Room (わけまろくんの部屋)" in text, path
    assert "Countering online backlash (炎上)" in " ".join(english_texts(built_site / "en" / "guideline" / "index.html"))
