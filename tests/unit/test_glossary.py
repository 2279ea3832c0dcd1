"""The English follows the glossary (docs/_data/glossary.yml): wherever the Japanese of a text has a
term, its English has the term's English; no English uses a forbidden variant; full-width
punctuation stays inside Japanese. The real texts pass, and a drifted fixture is caught."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from support import DATA_SCHEMAS, ROOT
from wakesite import glossary, site
from wakesite.datafile import DataError, DataErrors

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "data"
GLOSSARY = FIXTURES / "glossary" / "glossary.yml"
DRIFT = FIXTURES / "glossary" / "drift.yml"


@pytest.fixture(scope="module")
def real():
    return site.load_project(ROOT).glossary


def config_texts() -> list[glossary.Text]:
    """mkdocs.yml's English site name, description and navigation, with their Japanese."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    i18n = next(p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p)
    english = next(language for language in i18n["languages"] if language["locale"] == "en")
    texts = [glossary.Text("mkdocs.yml", None, key, config[key], english[key])
             for key in ("site_name", "site_description", "copyright")]
    texts += [glossary.Text("mkdocs.yml", None, f"nav_translations/{ja}", ja, en)
              for ja, en in english["nav_translations"].items()]
    return texts


def test_the_real_glossary_loads_through_load_site(real):
    assert real is not None and len(real.terms) >= 15
    assert {"運用責任者", "炎上", "肖像権", "広報誌", "所轄課", "決裁", "なりすまし", "個人情報", "運用方針", "免責事項"} <= {
        term.ja for term in real.terms}


def test_every_english_text_follows_the_glossary(real):
    """Guideline, errata, checklists, accounts, UI strings, pages and the site's own names."""
    translations, free = glossary.project_texts(ROOT)
    assert len(translations) > 400  # every data file was read
    assert {Path(t.path).name for t in translations} >= {"guideline.yml", "errata.yml", "pre-post.yml",
                                                         "strings.yml", "policy.en.md", "index.en.md"}
    problems = glossary.problems(real, translations + config_texts(), free)
    assert not problems, "\n".join(problems)


def test_every_term_is_used_in_the_japanese(real):
    """A glossary entry no Japanese text uses is dead weight: the glossary keeps to what matters."""
    translations, _ = glossary.project_texts(ROOT)
    used = {term.ja for text in translations if text.ja for term in real.terms_in(text.ja)}
    assert [term.ja for term in real.terms if term.ja not in used] == []


def test_the_decided_english_is_the_one_used(real):
    by_ja = {term.ja: term for term in real.terms}
    assert by_ja["運用責任者"].en == "person responsible for operation"
    assert "responsible manager" in by_ja["運用責任者"].forbidden
    assert by_ja["炎上"].en == "online backlash" and "flaming" in by_ja["炎上"].forbidden
    assert by_ja["広報誌"].en == "town newsletter"
    assert by_ja["肖像権"].en == "right to one's likeness (portrait rights)"
    # 運用を統括する課 is the division that oversees, not 所轄課 ("division in charge"): one English
    # term per Japanese term, one Japanese term per English term.
    assert by_ja["所轄課"].en == "division in charge" and by_ja["統括"].en == "oversee"
    assert by_ja["決裁区分"].en == "approval status" and "approval route" in by_ja["決裁区分"].forbidden
    guideline = site.load_project(ROOT).guideline
    assert "Wake Town Personal Protection Ordinance (和気町個人保護条例, name as written; to be confirmed, Q3)" in (
        guideline.clause("legal-compliance-laws").text.en)


def test_drifted_english_is_caught_with_file_line_and_entry():
    fixture = glossary.load(GLOSSARY, schema_dir=DATA_SCHEMAS)
    texts = list(glossary.bilingual_texts(DRIFT))
    problems = glossary.problems(fixture, texts)
    text = "\n".join(problems)
    lines = DRIFT.read_text(encoding="utf-8").splitlines()

    def line_of(needle: str) -> int:
        return next(i for i, line in enumerate(lines, 1) if needle in line)

    expected = [
        (line_of("en: Responsible manager"), "checklist/stamps/1", "the Japanese has 運用責任者, the English lacks 'person responsible for operation'"),
        (line_of("en: Responsible manager"), "checklist/stamps/1", "'responsible manager' is not the English for 運用責任者"),
        (line_of("en: Responding to a flaming"), "checklist/items/0/text", "the Japanese has 炎上, the English lacks 'online backlash'"),
        (line_of("en: Responding to a flaming"), "checklist/items/0/text", "'flaming' is not the English for 炎上 (use 'online backlash')"),
        (line_of("en: The person in charge"), "checklist/items/4/text", "the Japanese has 担当者, the English lacks 'staff member'"),
        (line_of("en: The person in charge"), "checklist/items/4/text", "'person in charge' is not the English for 担当者"),
        (line_of("en: Portrait rights are"), "checklist/items/6/text", "the Japanese has 肖像権, the English lacks \"right to one's likeness (portrait rights)\""),
        (line_of("en: Portrait rights are"), "checklist/items/6/text", "'portrait right' is not the English for 肖像権"),
        (line_of("printed by the town"), "checklist/items/7/text", "full-width '（' outside Japanese text"),
        (line_of("printed by the town"), "checklist/items/7/text", "full-width '）' outside Japanese text"),
        (line_of("en: Division in charge"), "checklist/items/10/text",
         "the English has 'division in charge', the English of 所轄課, which the Japanese lacks"),
    ]
    for line, where, message in expected:
        assert f"drift.yml:{line}: {where}: {message}" in text, text
    assert len(problems) == len(expected), text


def test_a_longer_term_hides_the_shorter_one_inside_it():
    fixture = glossary.load(GLOSSARY, schema_dir=DATA_SCHEMAS)
    assert [t.ja for t in fixture.terms_in("運用担当者が決まり次第、担当者が報告する")] == ["運用担当者", "担当者"]
    assert [t.ja for t in fixture.terms_in("運用担当者が決まった")] == ["運用担当者"]
    assert fixture.missing("運用担当者が決まった", "The operating staff have been decided") == []


@pytest.mark.parametrize(
    ("fixture", "line", "expected"),
    [
        ("glossary-unknown-key.yml", 5, "term '炎上': unknown key ('colour' was unexpected)"),
        ("glossary-duplicate-term.yml", 5, "term '炎上': duplicate term (first on line 2)"),
        ("glossary-contradiction.yml", 4, "term '炎上': 'Online Backlash' is both accepted and forbidden"),
        ("glossary-contradiction.yml", 6, "term '炎上対策': its English 'countering a flaming' uses 'flaming', which term '炎上' forbids"),
        ("glossary-japanese-english.yml", 3, "term '広報誌': '広報誌' does not match"),
        ("glossary-shared-english.yml", 5, "term '所管課': its English 'Division in charge' is also the English of the term on line 2: "
                                           "one Japanese term per English term"),
    ],
)
def test_bad_glossary_names_file_line_and_term(fixture, line, expected):
    with pytest.raises((DataError, DataErrors)) as raised:
        glossary.load(FIXTURES / "bad" / fixture, schema_dir=DATA_SCHEMAS)
    text = str(raised.value)
    assert f"{fixture}:{line}:" in text, text
    assert expected in text, text


@pytest.mark.parametrize(
    ("english", "stray"),
    [
        ("Wake Town (和気町), Okayama", []),
        ("unchanged clauses are shown as （略） (omitted)", []),
        ("Official account of Wake Town (和気町（岡山県）)", []),
        ('as under 「炎上対策」', []),
        ("To be confirmed（see the errata Q1）", ["（", "）"]),
        ("Wake Town　Social Media Operation Guideline", ["\u3000"]),
        ("Facebook、LINE", ["、"]),
        ("Printed on：2026-01-01", ["："]),
        ("「Countering online backlash」", ["「", "」"]),
    ],
)
def test_full_width_punctuation_only_inside_japanese(english, stray):
    assert glossary.stray_fullwidth(english) == stray


def test_ui_strings_are_exactly_one_japanese_and_one_english_text():
    """A comma in an unquoted flow mapping once cut an English string in two (the rest became a
    key of its own): every entry of strings.yml is {ja, en} and nothing else."""
    path = ROOT / "scripts" / "wakesite" / "templates" / "strings.yml"
    strings = yaml.safe_load(path.read_text(encoding="utf-8"))
    odd = {key: value for key, value in strings.items()
           if not (isinstance(value, dict) and set(value) == {"ja", "en"}
                   and all(isinstance(v, str) and v.strip() for v in value.values()))}
    assert odd == {}
