"""やさしい日本語 (wakesite.easy, docs/_data/easy.yml): generated ruby, the rules of the text
(tests/data/easy_rules.yml), one easy text per public clause, and the easy texts a revision
may leave out of date."""
from __future__ import annotations

import re
import shutil

import pytest
import yaml

from support import DATA_SCHEMAS, DATA, ROOT
from wakesite import comparison, easy, edition, policy, render
from wakesite.datafile import DataErrors
from wakesite.site import load_project, load_site

RULES = yaml.safe_load((DATA / "easy_rules.yml").read_text(encoding="utf-8"))
EASY_FILE = ROOT / "docs" / "_data" / "easy.yml"


@pytest.fixture(scope="module")
def site():
    return load_project(ROOT)


def all_sentences(data: easy.Easy) -> list[tuple[str, str]]:
    """(page, sentence) for every sentence a reader sees on the easy pages."""
    return [(page.path, sentence) for page in data.pages for text in data.page_texts(page)
            for sentence in easy.sentences(text)]


# ---- ruby ----

def test_kanji_get_their_readings_and_kana_stay_bare():
    assert easy.ruby_parts("書いた") == [("書", "か"), ("いた", None)]
    assert easy.ruby_parts("町の 人") == [("町", "まち"), ("の ", None), ("人", "ひと")]
    assert easy.ruby_parts("見分け方") == [("見分", "みわ"), ("け", None), ("方", "かた")]
    assert easy.align("取り扱い", "トリアツカイ") == [("取", "と"), ("り", None), ("扱", "あつか"), ("い", None)]


def test_the_reading_dictionary_corrects_the_generator():
    """UniDic reads 和気町 as わけ + まち; the town is わけちょう (easy.yml `readings`)."""
    wrong = "".join(reading or "" for _, reading in easy.ruby_parts("和気町"))
    assert wrong != "わけちょう"
    readings = (easy.Reading("和気町", "わけちょう"), easy.Reading("まち経営課", "まちけいえいか"))
    assert easy.ruby_parts("和気町の まち経営課", readings) == [
        ("和気町", "わけちょう"), ("の まち", None), ("経営課", "けいえいか")]


def test_a_word_takes_one_ruby(site):
    """著作権 is one word: one reading over it, not ちょさく over 著作 and けん over 権."""
    assert easy.ruby_parts("著作権は", site.easy.readings) == [("著作権", "ちょさくけん"), ("は", None)]
    page = next(p for p in site.easy.pages if p.page == "policy/")
    rendered = "".join(site.easy.ruby(text) for text in site.easy.page_texts(page))
    assert rendered.count("<ruby>著作権<") == rendered.count("著作権") > 0


def test_the_easy_text_says_no_more_than_the_policy(site):
    """トラブルや紛争 is もめごと, not only a quarrel (けんか); the policy gives the user no right to
    use the comments (disclaimer 4 gives the town one); what is reported and deleted without asking
    is abuse of the town (5(2) コメント等の管理方法 2), not any abuse."""
    page = next(p for p in site.easy.pages if p.page == "policy/")
    texts = {section.id: " ".join(section.texts()) for section in page.sections}
    assert "もめごと" in texts["disclaimer"] and "けんか" not in texts["disclaimer"]
    assert "あなたも" not in texts["copyright"]
    bad = next(section for section in page.sections if section.id == "bad-comments")
    first = bad.blocks[0].value
    assert first.startswith("町を ") and "町" in bad.heading, first


def test_ruby_markup_escapes_the_text_and_hides_the_reading_from_screen_readers():
    html = str(easy.ruby_html("<b>町の 人</b>"))
    assert "<b>" not in html and "&lt;b&gt;" in html
    assert '<ruby>人<rp aria-hidden="true">（</rp><rt aria-hidden="true">ひと</rt><rp aria-hidden="true">）</rp></ruby>' in html


def test_the_data_holds_no_reading_typed_by_hand():
    """Readings are generated: no （かな） after kanji in the text."""
    text = EASY_FILE.read_text(encoding="utf-8").split("\npages:", 1)[1]
    assert not re.findall(f"[{easy._KANJI}]+[（(][\u3041-\u309F]+[）)]", text)


# ---- the rules of the text ----

def test_every_sentence_is_short(site):
    long = [(page, len(s), s) for page, s in all_sentences(site.easy) if len(s) > RULES["max_sentence_length"]]
    assert not long, "\n".join(map(str, long))


@pytest.mark.parametrize("rule", ["double_negatives", "honorific_verbs"])
def test_no_sentence_breaks_a_rule(site, rule):
    patterns = [re.compile(p) for p in RULES[rule]["patterns"]]

    def caught(sentence: str) -> list[str]:  # the spaces between words (分かち書き) are not words
        return [p.pattern for p in patterns if p.search(sentence.replace(" ", ""))]

    for example in RULES[rule]["examples"]:  # the lists catch what they are meant to
        assert caught(example), f"{rule}: no pattern catches {example!r}"
    for example in RULES[rule]["allowed"]:
        assert not caught(example), f"{rule}: {example!r} is caught"
    broken = [(page, s, caught(s)) for page, s in all_sentences(site.easy) if caught(s)]
    assert not broken, "\n".join(map(str, broken))


# ---- one easy text per public clause ----

def test_every_clause_of_the_policy_page_has_easy_text(site):
    clauses = policy.clauses(site.guideline)
    assert {"policy-platforms", "policy-comments-2", "disclaimer-5"} <= clauses
    assert "account-facebook" not in clauses  # /policy/ lists the accounts from the registry
    assert easy.unexplained(site.easy, "policy/", clauses) == set()


def test_a_clause_without_easy_text_is_found(tmp_path):
    shutil.copytree(ROOT / "docs" / "_data", tmp_path / "_data")
    data = yaml.safe_load((tmp_path / "_data" / "easy.yml").read_text(encoding="utf-8"))
    policy_page = next(p for p in data["pages"] if p["page"] == "policy/")
    policy_page["sections"] = [s for s in policy_page["sections"] if s["id"] != "deleting"]
    (tmp_path / "_data" / "easy.yml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    site = load_site(tmp_path / "_data", None)
    assert easy.unexplained(site.easy, "policy/", policy.clauses(site.guideline)) == {"disclaimer-5"}


def test_an_unknown_clause_stops_the_build_with_its_line(tmp_path):
    shutil.copytree(ROOT / "docs" / "_data", tmp_path / "_data")
    text = (tmp_path / "_data" / "easy.yml").read_text(encoding="utf-8")
    text = text.replace("clauses: [impersonation-2]", "clauses: [impersonation-9]")
    (tmp_path / "_data" / "easy.yml").write_text(text, encoding="utf-8")
    with pytest.raises(DataErrors) as raised:
        load_site(tmp_path / "_data", None)
    line = text.split("\n").index("      - id: fake") + 1
    assert f"easy.yml:{line}: page accounts/, section fake: no clause 'impersonation-9'" in str(raised.value)


# ---- a revision: which easy texts may need rewriting ----

def _edition(tmp_path, name, replace=None):
    folder = tmp_path / name
    folder.mkdir()
    for file in comparison.DATA_FILES:
        text = (ROOT / "docs" / "_data" / file).read_text(encoding="utf-8")
        if replace and file == "guideline.yml":
            assert replace[0] in text
            text = text.replace(replace[0], replace[1])
        (folder / file).write_text(text, encoding="utf-8")
    return comparison.load_guideline(folder, DATA_SCHEMAS)


def test_a_changed_clause_lists_the_easy_text_that_explains_it(tmp_path, site):
    old = _edition(tmp_path, "old")
    new = _edition(tmp_path, "new", ("予告なく投稿の削除", "事前に通知した上で投稿の削除"))  # disclaimer-5
    table = comparison.compare(old, new, "1.0", "1.1")
    review = easy.to_review(site.easy, new, table)
    assert [(page.path, section.id, clauses) for page, section, clauses in review] == [
        ("easy/policy/", "deleting", ["disclaimer-5"])]
    assert easy.to_review(site.easy, new, comparison.compare(old, old)) == []


def test_the_history_page_lists_them(tmp_path, site, monkeypatch):
    old = _edition(tmp_path, "old")
    new = _edition(tmp_path, "new", ("個別の回答、御礼文の書き込みは原則しない", "個別の回答は原則しない"))
    table = comparison.compare(old, new, "1.0", "1.1")
    (tmp_path / "edition.yml").write_text(
        'label: "1.1"\neditions:\n'
        '  - {label: "1.1", enacted: null, effective: null, to_confirm: Q15, tag: edition-1.1, changes: {ja: 改定, en: Revised}}\n'
        '  - {label: "1.0", enacted: null, effective: null, to_confirm: Q15, tag: edition-1.0, changes: {ja: 最初, en: First}}\n',
        encoding="utf-8")
    monkeypatch.setattr(site, "editions", edition.load_all(tmp_path / "edition.yml", schema_dir=DATA_SCHEMAS))
    monkeypatch.setattr(site, "comparisons", {"1.1": table})
    page = render.render("history", site, "ja", "history/", "history.md")
    assert 'href="../easy/policy/#replies"' in page
    english = render.render("history", site, "en", "en/history/", "history.en.md")
    assert 'href="../../easy/policy/#replies"' in english


# ---- the language menu ----

def test_the_language_menu_leads_to_the_easy_version_and_back(site):
    alternates = [{"name": "日本語", "link": "policy/", "lang": "ja"}, {"name": "English", "link": "en/policy/", "lang": "en"}]
    menu = easy.language_menu(alternates, "policy/", site.easy)
    assert menu[-1] == {"name": "やさしい にほんご", "link": "easy/policy/", "lang": "ja-x-easy"}
    assert easy.language_menu(alternates, "guideline/", site.easy)[-1]["link"] == "easy/"
    on_easy = easy.language_menu([{"name": "日本語", "link": "./", "lang": "ja"}, {"name": "English", "link": "en/", "lang": "en"}],
                                 "easy/accounts/", site.easy)
    assert [entry["link"] for entry in on_easy] == ["accounts/", "en/accounts/", "easy/accounts/"]
