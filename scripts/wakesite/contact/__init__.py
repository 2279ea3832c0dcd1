"""お問い合わせ・通報: how the public reaches the town about its accounts, from the accounts
registry's `contact` (docs/_data/accounts.yml, loaded and checked by wakesite.accounts).

The package is the block's part folder (wakesite.part): the part at the end, its templates beside
this file (contact.md.j2, the block on its own on the home page; _contact.j2, the block, which
/policy/ and /accounts/ show too).
"""
from __future__ import annotations

from ..part import Part

PARTS = {
    "contact": Part(public=True),
}
