"""Questions in everyday words (docs/_data/faq.yml → wakesite.faq): what the data must hold, and
the errors a bad file gets (file, line, what is wrong)."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from wakesite import faq
from wakesite.datafile import DataErrors
from wakesite.site import load_project, load_site

ROOT = Path(__file__).resolve().parents[2]
SITE = load_project(ROOT)
FAQ = SITE.faq


def test_residents_have_15_to_25_questions_and_staff_their_own():
    assert 15 <= len(FAQ.residents) <= 25
    assert len(FAQ.staff) >= 8
    ids = [q.id for q in FAQ.questions()]
    assert len(ids) == len(set(ids))


def test_every_answer_rests_on_a_clause_or_a_page_in_both_languages():
    for q in FAQ.questions():
        assert q.clauses or q.page, q.id
        for lang in ("ja", "en"):
            assert q.question[lang].strip() and q.answer[lang].strip(), (q.id, lang)
        assert q.question["ja"].endswith(("？", "。", "か")) or "？" in q.question["ja"] or q.kind == "staff", q.id


def test_every_situation_opens_an_incident_checklist_with_first_steps():
    incident = {c.id for c in SITE.checklists if c.first_steps}
    assert {s.checklist.id for s in FAQ.situations} == incident  # no incident left without its situation
    for situation in FAQ.situations:
        assert 1 <= len(situation.checklist.first_steps.items) <= 3


def test_the_approval_questions_are_the_three_cases_of_5_4_and_their_routes():
    """One question per case of 決裁を省略できる事項, in order, each naming the 決裁区分 of the
    pre-post sheet; approval (決裁済み) when none applies; the reply case carries Q7."""
    assert [q.route.id for q in FAQ.skip_questions] == ["omitted-urgent", "omitted-simple-reply", "omitted-routine"]
    assert [q.route.refs[0].id for q in FAQ.skip_questions] == ["approval-exception-1", "approval-exception-2",
                                                                  "approval-exception-3"]
    assert FAQ.approved.id == "approved"
    reply = FAQ.skip_questions[1]
    assert reply.route.to_confirm == ("Q7",) and reply.caution is not None
    assert [c.id for c in reply.caution_clauses] == ["policy-comments-1"]


def test_search_sends_a_question_where_its_reader_finds_the_answer():
    by_id = {q.id: q for q in FAQ.questions()}
    # A resident: the operation policy's clause on /policy/, else the public page, not the staff guideline.
    assert faq.question_location(by_id["will-you-reply"]) == "policy/#policy-comments-1"
    assert faq.question_location(by_id["found-a-fake"]) == "accounts/#if-you-find-a-fake"
    assert faq.question_location(by_id["how-to-contact"]) == "accounts/#contact"
    # Staff: the clause itself.
    assert faq.question_location(by_id["password"]) == "guideline/#security-3"
    assert faq.question_location(by_id["own-phone"]) == "guideline/#security-1"


@pytest.fixture
def data(tmp_path):
    shutil.copytree(ROOT / "docs" / "_data", tmp_path / "docs" / "_data")
    shutil.copytree(ROOT / "checklists", tmp_path / "checklists")
    return tmp_path


def _faq_errors(data: Path, old: str, new: str) -> str:
    path = data / "docs" / "_data" / "faq.yml"
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(DataErrors) as caught:
        load_site(data / "docs" / "_data", data / "checklists")
    return str(caught.value)


def _line_of(data: Path, needle: str) -> int:
    """The line of the needle's last occurrence (a repeated id is reported where it repeats)."""
    lines = (data / "docs" / "_data" / "faq.yml").read_text(encoding="utf-8").splitlines()
    return max(n for n, line in enumerate(lines, 1) if needle in line)


@pytest.mark.parametrize("old, new, expected", [
    ("    clauses: [policy-comments-1]\n", "    clauses: [policy-comments-9]\n",
     r"faq\.yml:{line}: residents question 'will-you-reply': no clause 'policy-comments-9' in the guideline"),
    ("  - id: blocked\n", "  - id: comment-deleted\n",
     r"faq\.yml:{line}: residents question 'comment-deleted': duplicate id \(first used on line \d+\)"),
    ("  - {checklist: incident-flaming,", "  - {checklist: pre-post,",
     r"faq\.yml:{line}: situations: 'pre-post' is not an incident checklist with first_steps"),
    ("    - route: omitted-routine\n", "    - route: omitted-sometimes\n",
     r"faq\.yml:{line}: skip_approval question 'omitted-sometimes': no 決裁区分 'omitted-sometimes' in pre-post"),
    ("    to_confirm: Q8\n", "    to_confirm: Q999\n",
     r"faq\.yml:{line}: staff question 'own-phone': no 要確認 'Q999' in errata\.yml"),
    ("      caution_clauses: [policy-comments-1]\n", "",
     r"faq\.yml:{line}: skip_approval question 'omitted-simple-reply': a caution needs the clauses it quotes"),
])
def test_a_bad_faq_file_says_where_and_what(data, old, new, expected):
    message = _faq_errors(data, old, new)
    line = _line_of(data, new.strip().split("\n")[0] if new else "    - route: omitted-simple-reply")
    assert re.search(expected.format(line=line), message), message


def test_a_case_of_omission_without_its_question_is_an_error(data):
    path = data / "docs" / "_data" / "faq.yml"
    text = path.read_text(encoding="utf-8")
    start = text.index("    - route: omitted-routine\n")
    end = text.index("\n\n", start)
    path.write_text(text[:start] + text[end + 1:], encoding="utf-8")
    with pytest.raises(DataErrors, match=r"faq\.yml:\d+: skip_approval: the 決裁区分 'omitted-routine' of pre-post "
                                         r"has no question"):
        load_site(data / "docs" / "_data", data / "checklists")


def test_an_answer_without_clause_or_page_is_an_error(data):
    message = _faq_errors(data, "    clauses: []\n    page: accounts/#contact\n", "    clauses: []\n")
    assert "residents question 'how-to-contact': an answer needs a clause it rests on or a `page` that answers it" in message
