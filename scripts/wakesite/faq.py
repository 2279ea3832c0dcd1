"""Questions in everyday words (docs/_data/faq.yml): residents' questions (/faq/), the staff
start page (/staff/: situations, "may I skip 決裁?", staff questions).

Each answer rests on clauses of the guideline (checked to exist) and may name an open point
(要確認, checked against the errata). A situation names the incident checklist that handles it;
what to do first and whom to tell are that checklist's `first_steps`. The questions that decide
whether approval may be omitted name the pre-post checklist's 決裁区分 (its approval route), so the
page and the printed sheet say the same thing.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import datafile
from .checklists import Checklist, Option
from .datafile import DataError, DataErrors
from .guideline import Clause, Guideline
from .lang import Bilingual

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
