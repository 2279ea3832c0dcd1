"""Checklist data: each kind of bad input stops the build with file, line, item and what is wrong."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from support import DATA_SCHEMAS, CHECKLIST_SCHEMAS, ROOT
from wakesite import checklists, datafile, errata, guideline
from wakesite import site as site_module
from wakesite.datafile import DataError, DataErrors

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "data"
GUIDELINE = guideline.load(FIXTURES / "valid" / "guideline.yml", schema_dir=DATA_SCHEMAS)
QUESTIONS = {q.id for q in errata.load(FIXTURES / "valid" / "errata.yml", GUIDELINE, schema_dir=DATA_SCHEMAS).to_confirm}
BAD = FIXTURES / "checklists-bad"


def test_valid_checklist_loads_with_its_condition():
    checklist = checklists.load(FIXTURES / "checklists-valid" / "post.yml", GUIDELINE, schema_dir=CHECKLIST_SCHEMAS)
    hashtags = checklist.item("hashtags")
    assert hashtags.when.field.id == "accounts" and hashtags.when.has.id == "instagram"
    assert [c.id for c in checklist.item("not-untrue").refs] == ["prohibited-untrue"]


@pytest.mark.parametrize(
    ("fixture", "line", "expected"),
    [
        ("yaml-syntax.yml", 23, "YAML syntax error"),
        ("unknown-key.yml", 21, "item 'not-untrue': unknown key ('colour' was unexpected)"),
        ("missing-key.yml", 2, "'summary' is missing"),
        ("wrong-type.yml", 22, "item 'not-untrue': 'prohibited-untrue' is not of type 'array'"),
        ("duplicate-id.yml", 23, "item 'not-untrue': duplicate id (first used on line 20)"),
        ("unknown-clause.yml", 22, "item 'not-untrue': clause 'prohibited-untru' does not exist in"),
        ("unknown-field.yml", 24, "item 'hashtags': condition on unknown field 'account'; fields: accounts, quotes-others"),
        ("unknown-option.yml", 24, "item 'hashtags': condition needs 'has' naming one of the options of 'accounts': facebook, instagram"),
        ("duty-without-clause.yml", 22, "item 'not-untrue': a duty must cite at least one guideline clause"),
        ("wrong-file-name.yml", 2, "id must be the file name without .yml: 'wrong-file-name'"),
        ("empty-checklist.yml", 8, "groups: [] should be non-empty"),
        ("combined-unknown-stamp.yml", 16, "approval: combined: no stamp 'manager'; stamps: head, staff"),
        ("combined-wrong-order.yml", 16, "approval: combined: 'staff' stamps for both, so it must be the higher rank (left of 'head')"),
        ("unknown-question.yml", 23, "item 'not-untrue': no 要確認 entry 'Q9' in errata.yml (known: Q1)"),
    ],
)
def test_bad_checklist_names_file_line_item_and_problem(fixture, line, expected):
    with pytest.raises((DataError, DataErrors)) as raised:
        checklists.load(BAD / fixture, GUIDELINE, QUESTIONS, schema_dir=CHECKLIST_SCHEMAS)
    text = str(raised.value)
    assert f"{fixture}:{line}:" in text, text
    assert expected in text, text


def test_empty_file_is_named():
    with pytest.raises(DataError, match=r"empty-file\.yml: empty file: a checklist needs id"):
        checklists.load(BAD / "empty-file.yml", GUIDELINE, schema_dir=CHECKLIST_SCHEMAS)


def test_load_all_reports_every_bad_file_at_once(tmp_path):
    for name in ("unknown-clause.yml", "unknown-field.yml"):
        (tmp_path / name).write_text((BAD / name).read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(DataErrors) as raised:
        checklists.load_all(tmp_path, GUIDELINE, schema_dir=CHECKLIST_SCHEMAS)
    assert len(raised.value.errors) == 2


def test_markup_in_checklist_data_is_kept_as_text_in_the_model():
    checklist = checklists.load(FIXTURES / "checklists-valid" / "post.yml", GUIDELINE, schema_dir=CHECKLIST_SCHEMAS)
    assert checklist.title.ja == "投稿前"  # the model holds plain text; rendering escapes it


def _bilingual_texts(node):
    if isinstance(node, dict):
        if set(node) == {"ja", "en"} and all(isinstance(v, str) for v in node.values()):
            yield node
        for value in node.values():
            yield from _bilingual_texts(value)
    elif isinstance(node, list):
        for value in node:
            yield from _bilingual_texts(value)


def test_english_uses_the_guidelines_terms():
    """運用責任者 is "person responsible for operation" (the guideline's term, not "responsible
    manager"), and 炎上 is "online backlash", never "flaming", wherever a checklist says them."""
    root = Path(__file__).resolve().parents[2] / "checklists"
    texts = [t for path in sorted(root.glob("*.yml")) if path.stem != "coverage"
             for t in _bilingual_texts(datafile.load(path))]
    responsible = [t for t in texts if "運用責任者" in t["ja"]]
    backlash = [t for t in texts if "炎上" in t["ja"]]
    assert len(responsible) >= 10 and len(backlash) >= 3
    assert [t["en"] for t in responsible if "person responsible for operation" not in t["en"].lower()] == []
    assert [t["en"] for t in backlash if "online backlash" not in t["en"]] == []
    assert [t["en"] for t in texts if re.search(r"responsible manager|flaming", t["en"], re.I)] == []


def _with(tmp_path, addition: str) -> Path:
    """The valid fixture checklist with `addition` (YAML) appended; saved as post.yml."""
    path = tmp_path / "post.yml"
    path.write_text((FIXTURES / "checklists-valid" / "post.yml").read_text(encoding="utf-8") + addition, encoding="utf-8")
    return path


def test_first_steps_name_items_of_the_checklist_and_whom_to_tell(tmp_path):
    steps = "first_steps:\n  items: [not-untrue]\n  tell: {ja: 所轄課長, en: The division head}\n  refs: [prohibited-untrue]\n"
    checklist = checklists.load(_with(tmp_path, steps), GUIDELINE, schema_dir=CHECKLIST_SCHEMAS)
    assert [item.id for item in checklist.first_steps.items] == ["not-untrue"]
    assert checklist.first_steps.tell.ja == "所轄課長" and [c.id for c in checklist.first_steps.refs] == ["prohibited-untrue"]
    with pytest.raises(DataErrors) as raised:
        checklists.load(_with(tmp_path, steps.replace("[not-untrue]", "[not-untrue, no-such-step]")), GUIDELINE, schema_dir=CHECKLIST_SCHEMAS)
    assert "post.yml:28: first_steps: no item 'no-such-step' in this checklist" in str(raised.value)
    with pytest.raises(DataErrors) as raised:  # what to do first is three things at most
        checklists.load(_with(tmp_path, steps.replace("[not-untrue]", "[not-untrue, hashtags, a, b]")), GUIDELINE, schema_dir=CHECKLIST_SCHEMAS)
    assert "post.yml:28: first_steps/items: too many entries: 4, at most 3" in str(raised.value)


def test_fields_about_the_person_are_marked_to_be_kept():
    checklist = checklists.load(FIXTURES / "checklists-valid" / "post.yml", GUIDELINE, schema_dir=CHECKLIST_SCHEMAS)
    assert not any(field.keep for field in checklist.fields)
    from wakesite.site import load_project
    for real in load_project(ROOT).checklists:
        assert {field.id for field in real.fields if field.keep} <= {"unit", "staff"}, real.id
        assert "unit" in {field.id for field in real.fields if field.keep}, real.id


def test_the_count_of_duties_leaves_conditional_ones_apart():
    checklist = checklists.load(FIXTURES / "checklists-valid" / "post.yml", GUIDELINE, schema_dir=CHECKLIST_SCHEMAS)
    assert checklist.counts == {"duties": 1, "conditional": 1, "references": 0}


# ---- An open point (要確認) is never settled in silence ----

# The fixture errata's Q1 stands on 4(5)ウ (prohibited-untrue), which `not-untrue` cites.
STANDING = {q.id: q.on.id for q in errata.load(FIXTURES / "valid" / "errata.yml", GUIDELINE, schema_dir=DATA_SCHEMAS).to_confirm}
NOT_UNTRUE = "        refs: [prohibited-untrue]\n      - id: hashtags"


def _variant(tmp_path, addition: str) -> Path:
    """The valid fixture checklist with `addition` (YAML lines) after not-untrue's refs."""
    text = (FIXTURES / "checklists-valid" / "post.yml").read_text(encoding="utf-8")
    assert text.count(NOT_UNTRUE) == 1
    path = tmp_path / "post.yml"
    path.write_text(text.replace(NOT_UNTRUE, "        refs: [prohibited-untrue]\n" + addition + "      - id: hashtags"),
                    encoding="utf-8")
    return path


def test_the_clause_a_question_stands_on_is_the_one_holding_its_text():
    assert STANDING == {"Q1": "prohibited-untrue"}
    real = site_module.load_project(ROOT).errata
    on = {q.id: q.on.id for q in real.to_confirm}
    # Text in a paragraph without an anchor stands on the section or row around it; text in an
    # item, on the item (Q7's 原則しない is comment handling 1, Q11's 所轄課長 comment handling 2).
    assert on["Q9"] == "account-acquisition" and on["Q17"] == "operation-policy" and on["Q8"] == "standards-hours-environment"
    assert on["Q7"] == "policy-comments-1" and on["Q11"] == "policy-comments-2" and on["Q10"] == "standards-operator"


def test_an_item_citing_a_clause_with_an_open_point_must_carry_its_mark(tmp_path):
    with pytest.raises(DataErrors) as raised:
        checklists.load(FIXTURES / "checklists-valid" / "post.yml", GUIDELINE, STANDING, schema_dir=CHECKLIST_SCHEMAS)
    assert ("post.yml:22: item 'not-untrue': cites 4(5)ウ (prohibited-untrue), on which 要確認 Q1 of errata.yml "
            "stands: mark it (to_confirm: Q1), or say in unaffected_by why Q1 does not bear on it") in str(raised.value)
    marked = checklists.load(_variant(tmp_path, "        to_confirm: [Q1]\n"), GUIDELINE, STANDING, schema_dir=CHECKLIST_SCHEMAS)
    assert marked.item("not-untrue").to_confirm == ("Q1",)
    reasoned = checklists.load(_variant(tmp_path, "        unaffected_by:\n          Q1: {ja: 関わらない。, en: It does not bear on it.}\n"),
                               GUIDELINE, STANDING, schema_dir=CHECKLIST_SCHEMAS)
    assert reasoned.item("not-untrue").to_confirm == ()
    # Ids alone (no mapping to clauses): the marks are checked, the ties are not.
    assert checklists.load(FIXTURES / "checklists-valid" / "post.yml", GUIDELINE, set(STANDING), schema_dir=CHECKLIST_SCHEMAS).item("not-untrue").to_confirm == ()


@pytest.mark.parametrize(("addition", "expected"), [
    ("        to_confirm: Q1\n        unaffected_by:\n          Q1: {ja: 関わらない。, en: Not.}\n",
     "post.yml:24: item 'not-untrue': Q1 is both marked and said not to bear on it"),
    ("        to_confirm: Q1\n        unaffected_by:\n          Q2: {ja: 関わらない。, en: Not.}\n",
     "post.yml:24: item 'not-untrue': unaffected_by names Q2, which stands on none of the clauses it cites"),
])
def test_a_reason_that_contradicts_the_mark_or_names_no_standing_point_is_an_error(tmp_path, addition, expected):
    with pytest.raises(DataErrors) as raised:
        checklists.load(_variant(tmp_path, addition), GUIDELINE, STANDING, schema_dir=CHECKLIST_SCHEMAS)
    assert expected in str(raised.value), str(raised.value)


def test_every_real_checklist_entry_on_an_open_point_carries_it():
    """The site's own data, as the build loads it: the items the issue named carry their marks."""
    loaded = {c.id: c for c in site_module.load_project(ROOT).checklists}
    expected = {
        ("account-setup", "account-obtained"): ("Q9", "Q10"), ("account-setup", "operators-appointed"): ("Q10",),
        ("account-setup", "manager-appointed"): ("Q13",), ("account-setup", "profile-link"): ("Q18",),
        ("account-setup", "instagram-hashtags-known"): ("Q5",), ("pre-post", "instagram-hashtags"): ("Q5",),
        ("incident-abusive-comments", "reported-to-head"): ("Q11",), ("incident-impersonation", "official-link-shown"): ("Q18",),
    }
    for (checklist, item), questions in expected.items():
        assert loaded[checklist].item(item).to_confirm == questions, (checklist, item)
    assert loaded["incident-abusive-comments"].first_steps.to_confirm == ("Q11",)


def test_the_own_desk_rule_reads_the_same_in_both_lists_and_exempts_no_service():
    """5(4) 運用時間及び運用環境 holds for every service: only the device is in question (Q8), and
    both checklists state the rule in the same words."""
    loaded = {c.id: c for c in site_module.load_project(ROOT).checklists}
    rule = {"ja": "就業時間内に自席の端末で作業する（投稿予約は就業時間外の設定も可）",
            "en": "work is done on the terminal at one's own desk during working hours (scheduled posts may be set for outside working hours)"}
    citing = [item for c in loaded.values() for item in c.items if any(r.id == "standards-hours-environment" for r in item.refs)]
    assert {item.id for item in citing} == {"own-desk-in-hours", "posting-environment-known"}
    for item in citing:
        assert rule["ja"] in item.text.ja and rule["en"] in item.text.en.lower(), item.id
        assert "Q8" in item.to_confirm
        before_devices = item.text.ja.split("個人所有")[0]
        assert "Instagram" not in before_devices, item.id  # no service is taken out of the hours or the desk
