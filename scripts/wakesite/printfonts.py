"""The fonts everything printed is set in: named, so that a sheet is the same on every machine.

Used by the site's print stylesheet (overrides/assets/stylesheets/wakesite.css, which a unit test
holds to these names), the 新旧対照表 PDF (wakesite.word.comparison_out) and the set-up
(scripts/devenv.py installs the Debian packages below when a family is missing).

- Latin text: Liberation Sans, Arial's metrics, so an English sheet breaks its lines as it does
  on the town's Windows machines.
- Japanese text: BIZ UDPゴシック (Morisawa's universal-design typeface for public documents; Windows
  10 and 11 ship it too).

- Emoji and other symbols neither has (🎵, 🌸, 👍): Symbola, monochrome outlines of Unicode 9.0's
  emoji; then Noto Color Emoji, for the newer ones (🥳, 🟢) and for an emoji asked for in colour
  (☀️, ❤️: Chromium gives U+FE0F only to a colour font). A draft is printed on the approval sheet
  as it was written: with no emoji font its emoji printed blank. Noto Color Emoji is a bitmap
  font, which Chromium draws into a PDF as unnamed Type 3 images, and pdftotext may then read
  that line out of order; so it comes last. On the town's Windows machines, which have neither,
  the browser falls back to Segoe UI Emoji.

The first three are TrueType, which Chromium embeds in a PDF as a named font subset. Noto Sans
CJK JP, the print font before, is CFF: Chromium drew its every glyph into the PDF as an unnamed
Type 3 procedure (`pdffonts` listed 138 `[none]` fonts on the Japanese pre-post sheet), which made
the 16 blank sheets 3.1 MB instead of 1.2 MB and took twice the CPU to print.
"""
from __future__ import annotations

LATIN = "Liberation Sans"
JAPANESE = "BIZ UDPGothic"
LATIN_MONO = "Liberation Mono"
JAPANESE_MONO = "BIZ UDGothic"
SYMBOLS = "Symbola"
EMOJI = "Noto Color Emoji"

# The family each Debian package gives (the set-up checks families with fc-list, not packages:
# another distribution's package of the same font will do).
PACKAGES = {
    LATIN: "fonts-liberation",
    LATIN_MONO: "fonts-liberation",
    JAPANESE: "fonts-morisawa-bizud-gothic",
    JAPANESE_MONO: "fonts-morisawa-bizud-gothic",
    SYMBOLS: "fonts-symbola",
    EMOJI: "fonts-noto-color-emoji",
}
# What a PDF's font list (pdffonts) names, after the subset prefix (ABCDEF+).
POSTSCRIPT_NAMES = {LATIN: "LiberationSans", JAPANESE: "BIZUDPGothic", SYMBOLS: "Symbola"}


def css_list(*families: str) -> str:
    """A CSS font-family list of `families`, each quoted."""
    return ", ".join(f'"{family}"' for family in families)


TEXT = css_list(LATIN, JAPANESE, SYMBOLS, EMOJI)
CODE = css_list(LATIN_MONO, JAPANESE_MONO, SYMBOLS, EMOJI)
