"""A duty never rests on a clause that only permits or exempts (issue 13: 「ブロック等の要否を検討した」
was a duty, but 免責事項 5 says the town *may* block, 「…を行うことができる。」).

Permissive wording is found in the Japanese of the guideline itself (checklists.PERMISSIVE_WORDING);
every できる, 可 and 限り of the guideline has been read, and the ones that grant nothing are listed
here with the reason. A duty citing a permissive clause stops the build with file, line and item,
unless the item is good practice (参考) or says why it is still a duty (`permissive_reason`)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from support import CHECKLIST_SCHEMAS
from wakesite import checklists, guideline
from wakesite.datafile import DataErrors
from wakesite.site import load_project

ROOT = Path(__file__).resolve().parents[2]
GUIDELINE = guideline.load(ROOT / "docs" / "_data" / "guideline.yml")
BAD = ROOT / "tests" / "fixtures" / "data" / "checklists-bad"

# Every できる, 可 and 限り that grants nothing, as read: (clause, the words around it) → why.
NOT_PERMISSIONS = {
    ("introduction", "インターネット上で利用できる、各種"): "services available on the Internet",
    ("introduction", "付加価値を持たせることが可能と考えます"): "what the town thinks possible",
    ("definition", "やりとりを行うことができる情報伝達媒体"): "what social media can do (definition)",
    ("policy-comments-2", "投稿者の許可を得ることなく"): "the poster's permission (許可), which the town does not need",
    ("security-3", "簡単に推測できるようなもの"): "passwords that can be guessed",
    ("impersonation-3", "簡単に推測できるようなもの"): "passwords that can be guessed",
}
# What each permissive clause permits or exempts, as read.
PERMISSIONS = {
    "disclaimer-5": "できる。",           # the town may delete posts or block accounts
    "approval-exceptions": "できる事項",       # cases in which approval may be omitted
    "standards-hours-environment": "可とする",  # scheduled posts may be set outside working hours
    "security-1": "この限りでない",             # the ban on private devices does not apply to Instagram
    "reposts-1": "この限りではない",            # no fact check for information from bodies related to the town
}


def _texts(clause):
    for text in (clause.title, clause.text):
        if text:
            yield text.ja


def _anchor(clause):
    while clause.id is None:
        clause = clause.parent
    return clause.id


def _within(word, words: str, text: str) -> bool:
    """Whether this occurrence of できる/可/限り is part of an occurrence of `words`."""
    return any(m.start() <= word.start() < m.end() for m in re.finditer(re.escape(words), text))


def test_every_permissive_word_of_the_guideline_was_read():
    """A new できる, 可 or 限り (a new edition) fails here until someone reads it and says which it is."""
    found, unread = {}, []
    for chapter in GUIDELINE.chapters:
        for clause in chapter.walk():
            for text in _texts(clause):
                for word in re.finditer("できる|可|限り", text):
                    permission = next((m for m in checklists.PERMISSIVE_WORDING.finditer(text)
                                       if m.start() <= word.start() < m.end()), None)
                    if permission:
                        found[_anchor(clause)] = permission.group(0)
                    elif not any(clause_id == _anchor(clause) and _within(word, words, text)
                                 for clause_id, words in NOT_PERMISSIONS):
                        unread.append(f"{_anchor(clause)}: …{text[max(0, word.start() - 12):word.end() + 8]}…")
    assert not unread, "read these and add them to PERMISSIONS or NOT_PERMISSIONS:\n" + "\n".join(unread)
    assert found == PERMISSIONS


def test_citations_that_cover_a_permission():
    """A clause is permissive when its own wording permits, when a list it heads does (citing a row
    cites its items) or when a heading above it does (決裁を省略できる事項 governs its three cases)."""
    permissive = {c.id for c in GUIDELINE.clauses.values() if checklists.permissive_wording(c)}
    assert permissive == set(PERMISSIONS) | {
        "policy-disclaimer", "approval-exception-1", "approval-exception-2", "approval-exception-3",
        "standards-security", "reposts"}
    # Not the sections that merely contain them: citing 5(2) cites the policy, not its disclaimer 5.
    assert not checklists.permissive_wording(GUIDELINE.clause("operation-policy"))


def test_a_duty_resting_on_a_permission_stops_the_build():
    with pytest.raises(DataErrors) as raised:
        checklists.load(BAD / "permissive-duty.yml", GUIDELINE, schema_dir=CHECKLIST_SCHEMAS)
    text = str(raised.value)
    assert "permissive-duty.yml:22: item 'block-considered': a duty citing 5(2) 免責事項 5 (disclaimer-5)" in text, text
    assert "'できる。'" in text and "reference (参考)" in text and "permissive_reason" in text
    assert "'deleted'" not in text  # 運用方針 コメント等の管理方法 2 is a duty: 「…削除する。」


def _variant(tmp_path, old: str, new: str) -> Path:
    source = (BAD / "permissive-duty.yml").read_text(encoding="utf-8")
    assert old in source
    path = tmp_path / "permissive-duty.yml"
    path.write_text(source.replace(old, new), encoding="utf-8")
    return path


def test_a_reference_item_or_a_reason_makes_it_acceptable(tmp_path):
    refs = "        refs: [policy-comments-2, disclaimer-5]\n"
    as_reference = _variant(tmp_path, refs, refs + "        reference: true\n        source: {ja: 免責事項 5, en: Disclaimer 5}\n")
    assert checklists.load(as_reference, GUIDELINE, schema_dir=CHECKLIST_SCHEMAS).item("block-considered").reference
    with_reason = _variant(tmp_path, refs, refs + "        permissive_reason: {ja: 理由。, en: Why.}\n")
    assert checklists.load(with_reason, GUIDELINE, schema_dir=CHECKLIST_SCHEMAS).item("block-considered").permissive_reason.en == "Why."


def test_a_reason_where_nothing_is_permissive_is_refused(tmp_path):
    refs = "        refs: [policy-comments-2]\n"
    path = _variant(tmp_path, refs, refs + "        permissive_reason: {ja: 理由。, en: Why.}\n")
    with pytest.raises(DataErrors, match=r"permissive-duty\.yml:18: item 'deleted': permissive_reason is only for "
                                         r"a duty that cites a permissive clause \(none of its clauses is\)"):
        checklists.load(path, GUIDELINE, schema_dir=CHECKLIST_SCHEMAS)


def test_the_real_checklists_say_why_each_such_duty_is_one():
    """The duties that cite a permissive clause, each with its reason (the load checks the rest)."""
    reasoned = {f"{c.id}/{i.id}" for c in load_project(ROOT).checklists for i in c.items if i.permissive_reason}
    assert reasoned == {
        "pre-post/repost-facts-checked", "pre-post/approval", "pre-post/own-desk-in-hours",
        "pre-post/no-personal-device", "account-setup/rules-confirmed",
        "account-setup/posting-environment-known", "incident-correction/correction-approval"}
    blocking = next(c for c in load_project(ROOT).checklists if c.id == "incident-abusive-comments").item("block-considered")
    assert blocking.reference and [c.id for c in blocking.refs] == ["disclaimer-5"]
