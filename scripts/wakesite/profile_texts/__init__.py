"""The profile texts (/profile-texts/, staff): the text to paste into each platform's profile, made
from the accounts registry (wakesite.accounts: `Registry.profile_text`, the platforms' limits).

The package is the page's part folder (wakesite.part): the part at the end, its template
(profile-texts.md.j2) and copy.js, the copy buttons, beside this file.
"""
from __future__ import annotations

from ..part import Part

PARTS = {
    "profile-texts": Part(js=("assets/javascripts/copy.js",)),
}
