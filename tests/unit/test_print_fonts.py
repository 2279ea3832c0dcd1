"""The fonts everything printed is set in are named once (wakesite.printfonts): the print
stylesheet names the same, and the set-up installs their packages."""
from __future__ import annotations

import re

from support import ROOT
from wakesite import printfonts

STYLESHEET = ROOT / "overrides" / "assets" / "stylesheets" / "wakesite.css"


def _print_rules() -> str:
    css = STYLESHEET.read_text(encoding="utf-8")
    blocks = re.findall(r"@media print \{(.*?)\n\}", css, flags=re.S)
    return "\n".join(blocks)


def test_the_print_stylesheet_names_the_print_fonts_and_no_other():
    rules = _print_rules()
    assert f"--md-text-font: {printfonts.TEXT};" in rules
    assert f"--md-code-font: {printfonts.CODE};" in rules
    assert f"font-family: {printfonts.TEXT}, sans-serif;" in rules
    named = set(re.findall(r'"([^"]+)"', rules))
    assert named == {printfonts.LATIN, printfonts.JAPANESE, printfonts.LATIN_MONO, printfonts.JAPANESE_MONO,
                     printfonts.SYMBOLS, printfonts.EMOJI}


def test_the_set_up_installs_the_package_of_every_print_font():
    packages = (ROOT / "scripts" / "system-packages.txt").read_text(encoding="utf-8").split()
    assert set(printfonts.PACKAGES.values()) <= set(packages)
