"""お問い合わせ・通報: how the public reaches the town about its accounts, from the accounts
registry's `contact` (docs/_data/accounts.yml, loaded and checked by wakesite.accounts).

The package is the block's part folder (wakesite.part): the part at the end, its templates beside
this file (contact.md.j2, the block on its own on the home page; _contact.j2, the block, which
/policy/ and /accounts/ show too).
"""
from __future__ import annotations

from ..part import Part

SECTION = "contact"  # the block's anchor (_contact.j2)


def search_elsewhere(entry: dict, where) -> list[dict]:
    """The search rule of a page that shows the block beside other things (the home page, /policy/):
    its entry is left out, so that search answers with the block once, on /accounts/, where the
    accounts are (wakesite.searchentry)."""
    return [] if where.anchor == SECTION else [entry]


PARTS = {
    "contact": Part(public=True, search=search_elsewhere),
}
