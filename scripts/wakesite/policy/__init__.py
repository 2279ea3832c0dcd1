"""What /policy/ shows, stated once: the rows of the operation policy table (guideline 5(2)) as
the guideline writes them, except the rows it shows from other data (the account list, from the
accounts registry). The page's template, the search index (which entry answers for a clause) and
the やさしい日本語 pages (which clauses need easy text) read it here.

The package is the part folder of /policy/ (wakesite.part): its part at the end, its template
(policy.md.j2) beside this file."""
from __future__ import annotations

from .. import accounts, contact
from .. import guideline as guideline_module
from ..guideline import Clause, Guideline
from ..part import Part

# The page (docs/policy.md), as links and the search index name it: the faq's answers link a clause
# where it is published while the pages are being rendered, so the address is stated, not looked up.
PAGE = "policy/"
TABLE = "operation-policy-table"
# Rows the policy page shows from other data (the accounts registry), not from the clause text.
ROWS_FROM_DATA = ("policy-accounts",)


def rows(guideline: Guideline) -> list[Clause]:
    """The rows of the table, in order: the page's sections."""
    return list(guideline.clause(TABLE).children)


def shows(clause: Clause) -> bool:
    """Whether /policy/ shows the clause in the guideline's words: a row of the table, or inside
    one, not a row (or inside a row) shown from other data."""
    node = clause
    while node is not None and node.id != TABLE:
        node = node.parent
    return node is not None and clause.id not in ROWS_FROM_DATA and not _under(clause, ROWS_FROM_DATA)


def clause_page(clause: Clause) -> str:
    """The page that publishes the clause, where links and search send a reader: /policy/ for the
    operation policy's rows and items (the published policy, and the authority for the public:
    one search entry, not two that crowd each other out of the first results), /guideline/ for
    the rest."""
    return PAGE if shows(clause) else guideline_module.PAGE


def _under(clause: Clause, ids: tuple[str, ...]) -> bool:
    node = clause.parent
    while node is not None:
        if node.id in ids:
            return True
        node = node.parent
    return False


def clauses(guideline: Guideline) -> set[str]:
    """The clauses /policy/ shows from the guideline's text (every one needs easy text)."""
    return {clause.id for clause in guideline.clause(TABLE).walk()
            if clause.id and clause.id != TABLE and not (clause.parent and clause.parent.parent
                                                         and clause.parent.parent.id in ROWS_FROM_DATA)}


# ---- The part: /policy/ ----

def _context(site, lang: str, page_url: str, page_src: str) -> dict:
    """What /policy/ shows: the table's rows, those shown from other data, and the accounts
    registry as JSON-LD (claimed by the page every profile links to)."""
    return {"rows": rows(site.guideline), "rows_from_data": ROWS_FROM_DATA,
            "json_ld": accounts.json_ld(site.accounts) if site.accounts else None}


PARTS = {
    # The お問い合わせ・通報 block at the page's foot: search answers with it on /accounts/.
    "policy": Part(public=True, context=_context, search=contact.search_elsewhere),
}
