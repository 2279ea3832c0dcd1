"""Clause numbering, reference labels and the real guideline's structure."""
from __future__ import annotations

import pytest

from support import ROOT
from wakesite import guideline, site


@pytest.mark.parametrize(
    ("number", "ja", "en"),
    [("４．", "４．", "4."), ("（５）", "（５）", "(5)"), ("ア", "ア", "(a)"), ("ウ", "ウ", "(c)"), ("カ", "カ", "(f)")],
)
def test_numbers_show_in_each_language(number, ja, en):
    assert guideline.number_in(number, "ja") == ja
    assert guideline.number_in(number, "en") == en


@pytest.fixture(scope="module")
def real():
    return site.load_project(ROOT)


@pytest.mark.parametrize(
    ("clause_id", "ja", "en"),
    [
        ("principles", "4", "4"),
        ("prohibited-content", "4(5)", "4(5)"),
        ("prohibited-untrue", "4(5)ウ", "4(5)(c)"),
        ("standards-security", "5(4) セキュリティー対策", "5(4) Security measures"),
        ("security-2", "5(4) セキュリティー対策 2", "5(4) Security measures 2"),
        ("flaming-1", "6 炎上対策 1", "6 Countering online backlash (炎上) 1"),
        ("approval-exception-3", "5(4) 決裁を省略できる事項 3", "5(4) Cases in which approval may be omitted 3"),
    ],
)
def test_reference_labels_cite_clauses_the_way_staff_do(real, clause_id, ja, en):
    clause = real.guideline.clause(clause_id)
    assert clause.ref.ja == ja
    assert clause.ref.en == en


def test_guideline_has_six_chapters_in_order(real):
    assert [c.ref.ja for c in real.guideline.chapters] == ["1", "2", "3", "4", "5", "6"]


def test_corrections_are_applied_to_japanese_only(real):
    assert real.guideline.clause("scope").title.ja == "ガイドラインの適用範囲"
    assert "https://facebook.com/town.wake/" in real.guideline.clause("account-facebook").text.ja
    assert "ハッシュタグ" in real.guideline.clause("security-4").text.ja
    assert "（プロフィール欄など）" in real.guideline.clause("policy-publication").children[0].text.ja


def test_every_clause_id_is_unique_ascii(real):
    for clause_id in real.guideline.clauses:
        assert clause_id.isascii() and clause_id == clause_id.lower()
