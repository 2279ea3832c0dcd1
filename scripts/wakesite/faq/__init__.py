"""Questions in everyday words (docs/_data/faq.yml): residents' questions (/faq/), the staff
start page (/staff/: situations, "may I skip 決裁?", staff questions).

Each answer rests on clauses of the guideline (checked to exist) and may name an open point
(要確認, checked against the errata). A situation names the incident checklist that handles it;
what to do first and whom to tell are that checklist's `first_steps`. The questions that decide
whether approval may be omitted name the pre-post checklist's 決裁区分 (its approval route), so the
page and the printed sheet say the same thing.

The package is the part folder of both pages (wakesite.part): its part at the end, their templates
(faq.md.j2, staff.md.j2, _faq.j2), staff.css and skip-approval.js beside this file.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from .. import datafile, policy, strings
from ..checklists import Checklist, Option
from ..datafile import DataError, DataErrors
from ..guideline import Clause, Guideline
from ..lang import Bilingual
from ..pagepath import root_prefix
from ..part import Part

SCHEMA = "faq.schema.json"  # beside the data file, or in the schema_dir given (datafile.schema_of)
KINDS = ("residents", "staff")


@dataclass(frozen=True)
class Question:
    id: str
    kind: str  # residents, staff
    question: Bilingual
    answer: Bilingual
    clauses: tuple[Clause, ...]
    page: str | None = None  # a page of this site that answers at more length ('accounts/#recognise')
    to_confirm: str | None = None  # the errata's 要確認 id the answer rests on


@dataclass(frozen=True)
class Situation:
    situation: Bilingual
    checklist: Checklist  # an incident checklist with first_steps


@dataclass(frozen=True)
class SkipQuestion:
    question: Bilingual
    route: Option  # the 決裁区分 to mark when the answer is yes
    caution: Bilingual | None = None
    caution_clauses: tuple[Clause, ...] = ()


@dataclass(frozen=True)
class Faq:
    residents: tuple[Question, ...]
    staff: tuple[Question, ...]
    situations: tuple[Situation, ...]
    skip_questions: tuple[SkipQuestion, ...]
    approved: Option  # the 決裁区分 when no case applies: approval is needed
    skip_basis: tuple[Clause, ...]  # the clauses that make approval the rule and list its exceptions
    approval_checklist: Checklist  # the checklist whose sheet carries the 決裁区分

    def questions(self) -> tuple[Question, ...]:
        return self.residents + self.staff


def load(path: Path, guideline: Guideline, checklists: list[Checklist], questions: set[str],
         schema_dir: Path | None = None) -> Faq:
    """Read, schema-check and model faq.yml; every problem is reported with its line."""
    path = Path(path)
    data = datafile.load(path)
    datafile.validate(data, datafile.schema_of(path, SCHEMA, schema_dir), path)
    shown = datafile.display_path(path)
    errors: list[DataError] = []

    def clauses(entry, key: str, where: str) -> tuple[Clause, ...]:
        found = []
        for index, clause_id in enumerate(entry.get(key, [])):
            clause = guideline.clauses.get(clause_id)
            if clause is None:
                errors.append(DataError(shown, entry[key].line_of(index), f"no clause {clause_id!r} in the guideline", where))
            else:
                found.append(clause)
        return tuple(found)

    seen = datafile.FirstSeen()
    by_kind: dict[str, list[Question]] = {kind: [] for kind in KINDS}
    for kind in KINDS:
        for entry in data[kind]:
            where = f"{kind} question {entry['id']!r}"
            if (first := seen.again(entry["id"], entry.line_of("id"))) is not None:
                errors.append(DataError(shown, entry.line_of("id"), datafile.duplicate_id(first), where))
            refs = clauses(entry, "clauses", where)
            if not entry["clauses"] and "page" not in entry:
                errors.append(DataError(shown, entry.line_of("clauses"), "an answer needs a clause it rests on "
                                        "or a `page` that answers it", where))
            marked = entry.get("to_confirm")
            if marked is not None and marked not in questions:
                errors.append(DataError(shown, entry.line_of("to_confirm"), f"no 要確認 {marked!r} in errata.yml", where))
            by_kind[kind].append(Question(entry["id"], kind, Bilingual.of(entry["question"]), Bilingual.of(entry["answer"]),
                                          refs, entry.get("page"), marked))

    by_id = {checklist.id: checklist for checklist in checklists}
    situations = []
    for index, entry in enumerate(data["situations"]):
        line = data["situations"].line_of(index)
        checklist = by_id.get(entry["checklist"])
        if checklist is None or checklist.first_steps is None:
            errors.append(DataError(shown, line, f"{entry['checklist']!r} is not an incident checklist with first_steps "
                                    f"(those are: {', '.join(c.id for c in checklists if c.first_steps)})", "situations"))
            continue
        situations.append(Situation(Bilingual.of(entry["situation"]), checklist))

    skip = data["skip_approval"]
    approval_checklist = next((c for c in checklists if c.kind == "pre-post" and c.approval and c.approval.route), None)
    routes = {option.id: option for option in approval_checklist.approval.route} if approval_checklist else {}
    if approval_checklist is None:
        errors.append(DataError(shown, skip.line, "no pre-post checklist with an approval route (決裁区分) to point to",
                                "skip_approval"))
    approved = routes.get(skip["approved"])
    if approval_checklist is not None and approved is None:
        errors.append(DataError(shown, skip.line_of("approved"), f"no 決裁区分 {skip['approved']!r} in "
                                f"{approval_checklist.id} (it has: {', '.join(routes)})", "skip_approval"))
    skip_questions = []
    for entry in skip["questions"]:
        where = f"skip_approval question {entry['route']!r}"
        route = routes.get(entry["route"])
        if route is None:
            if approval_checklist is not None:
                errors.append(DataError(shown, entry.line_of("route"), f"no 決裁区分 {entry['route']!r} in "
                                        f"{approval_checklist.id} (it has: {', '.join(routes)})", where))
            continue
        if ("caution" in entry) != bool(entry.get("caution_clauses")):
            errors.append(DataError(shown, entry.line, "a caution needs the clauses it quotes (caution_clauses), "
                                    "and those only go with a caution", where))
        caution = Bilingual.of(entry["caution"]) if "caution" in entry else None
        skip_questions.append(SkipQuestion(Bilingual.of(entry["question"]), route, caution,
                                           clauses(entry, "caution_clauses", where)))
    # Every case of omission has its question: the page may not leave one out.
    asked = {q.route.id for q in skip_questions} | {skip["approved"]}
    for route_id in routes:
        if route_id not in asked:
            errors.append(DataError(shown, skip.line_of("questions"), f"the 決裁区分 {route_id!r} of "
                                    f"{approval_checklist.id} has no question", "skip_approval"))
    basis = clauses(skip, "basis", "skip_approval")
    if errors:
        raise DataErrors(errors)
    return Faq(tuple(by_kind["residents"]), tuple(by_kind["staff"]), tuple(situations), tuple(skip_questions),
               approved, basis, approval_checklist)


# ---- The part: /faq/ (residents) and /staff/ (the staff's start page) ----

def _source_of(page: str) -> str:
    """A page path of the site ('accounts/#recognise', 'checklists/pre-post/', 'staff/') as the
    Markdown source it is built from ('accounts.md#recognise'): a link MkDocs checks."""
    path, _, anchor = page.partition("#")
    source = (path.rstrip("/") or "index") + ".md"
    return source + ("#" + anchor if anchor else "")


def _context(site, lang: str, page_url: str, page_src: str) -> dict:
    """The questions (faq.yml) and how their answers link: a clause of the operation policy's
    table to /policy/ (what residents read), the others to /guideline/."""
    if site.faq is None:
        raise ValueError(f"{page_src}: the questions need docs/_data/faq.yml")
    root = root_prefix(page_url, lang)

    def clause_html_links(clauses) -> Markup:
        separator = strings.word("list_separator", lang)
        return Markup(separator).join(
            Markup('<a href="{}{}#{}">{}</a>').format(root, policy.clause_page(c), c.id, c.describe(lang)) for c in clauses)

    words = strings.words()
    return {"faq": site.faq, "clause_source": lambda c: _source_of(f"{policy.clause_page(c)}#{c.id}"),
            "page_source": _source_of, "clause_html_links": clause_html_links,
            "fill": _fill_route,
            "skip_strings": {"result_route": words["staff_mark_route"][lang],
                             **{key: words[f"staff_js_{key}"][lang] for key in ("result_none", "result_open")}}}


def _fill_route(text: str, route: str) -> Markup:
    """A sentence with its {route} (a 決裁区分's label) in bold; both escaped."""
    before, _, after = text.partition("{route}")
    return Markup('{}<strong class="wk-route">{}</strong>{}').format(before, route, after)


# ---- Search: each question an entry of its own ----

# The part whose page lists the questions of each kind: search tags a question with that page's name.
KIND_PARTS = {"residents": "faq", "staff": "staff"}


def question_location(question: Question) -> str:
    """Where search sends a question (relative to a language's root): where its reader finds the
    answer published. The first clause it cites, on the page that publishes it; but a resident
    is sent to a public page (`page`: the accounts page's sections) rather than to a clause of the
    staff guideline, which the operation policy does not publish."""
    first = question.clauses[0] if question.clauses else None
    if question.page and (first is None or (question.kind == "residents" and policy.clause_page(first) != policy.PAGE)):
        return question.page
    return f"{policy.clause_page(first)}#{first.id}"


def _search_of(kind: str):
    """The search rule of the page listing the questions of `kind` (wakesite.searchentry): the
    sections that show a question are left out; the question is an entry of its own, at the
    clause that answers it (`question_location`), not found twice."""
    def rule(entry: dict, where) -> list[dict]:
        faq = where.run.faq
        asked = {q.id for q in faq.questions() if q.kind == kind} if faq else set()
        return [] if where.anchor in asked else [entry]
    return rule


PARTS = {
    "faq": Part(context=_context, public=True, search=_search_of("residents")),
    "staff": Part(css=("assets/stylesheets/staff.css",), js=("assets/javascripts/skip-approval.js",), context=_context,
                  search=_search_of("staff")),
}
