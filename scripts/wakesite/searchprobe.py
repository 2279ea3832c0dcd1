"""What Material's search box shows, read in the page, and the long queries put to it: shared by
the browser tests (tests/browser/test_search.py) and the benchmark (scripts/benchmark.py), so that
both tell an answer from a box still waiting in the same way, and try the same pastes.

Material writes its answer to a query into the result meta (".md-search-result__meta") when the
answer arrives: a count, or "no matching documents". Before that the meta is blank, or says
"Initializing search" (the index is loading), or shows Material's answer to the empty box ("Type to
start searching"), which it gives when the index gets ready; none of these is an answer to a query.
"""
from __future__ import annotations

# JavaScript: `notAnswers` in the page, the meta's texts that are not an answer to a query.
NOT_ANSWERS = """const notAnswers = ["", translations["search.result.initializer"], translations["search.result.placeholder"]];"""
TRANSLATIONS = """const translations = JSON.parse(document.getElementById("__config").textContent).translations;"""

# JavaScript: () => true once Material has answered the empty box (the worker is ready and has
# answered the box as it was): a query typed after that gets its own answer.
PLACEHOLDER_SHOWN = f"""() => {{
  const meta = document.querySelector(".md-search-result__meta");
  {TRANSLATIONS}
  return !!meta && meta.offsetParent !== null && meta.textContent.trim() === translations["search.result.placeholder"];
}}"""

# A block of the CJK Unified Ideographs whose two-character words the index knows (一丁, 一七, 上下 …).
_KANJI = [chr(code) for code in range(0x4E00, 0x4E00 + 200)]


def distinct_kanji_words(chars: int) -> str:
    """`chars` characters of two-kanji words separated by spaces, no two the same (40,000 words at
    most, in the block's order): a query whose every word the index has to look up."""
    words = (a + b for a in _KANJI for b in _KANJI)
    return " ".join(word for word, _ in zip(words, range(chars // 3 + 1)))[:chars]


# A paste in the search box, made to any length from its unit: kana, katakana, a word and its
# reading repeated, an English word to stem, a run of kanji, hyphenated words; and two-kanji words
# the index knows, no two the same (distinct_kanji_words).
LONG_QUERY_UNITS = {"kana": "あ", "katakana": "ア", "reading": "せきにん ", "stem": "approves",
                    "kanji": "和気町個人保護条例", "hyphens": "a-b "}


def long_queries(chars: int) -> dict[str, str]:
    """Each long query, `chars` characters long, by name."""
    queries = {name: (unit * chars)[:chars] for name, unit in LONG_QUERY_UNITS.items()}
    queries["distinct kanji words"] = distinct_kanji_words(chars)
    return queries
