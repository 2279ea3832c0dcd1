"""Bad data stops everything with a message naming the file, the line and what is wrong."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from support import DATA_SCHEMAS, CHECKLIST_SCHEMAS, ROOT
from wakesite import datafile, errata, guideline, site
from wakesite.datafile import DataError, DataErrors

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "data"
VALID = FIXTURES / "valid"
BAD = FIXTURES / "bad"


def messages(error: Exception) -> str:
    return str(error)


def test_valid_fixture_loads_and_is_corrected():
    loaded = guideline.load(VALID / "guideline.yml", schema_dir=DATA_SCHEMAS)
    fixes = errata.load(VALID / "errata.yml", loaded, schema_dir=DATA_SCHEMAS)
    errata.apply(fixes, loaded)
    assert loaded.clause("security-4").text.ja == "ハッシュタグ付けは厳禁とする。"
    assert loaded.clause("security-4").text.en == "Hashtags are prohibited."


@pytest.mark.parametrize(
    ("fixture", "line", "expected"),
    [
        ("guideline-yaml-syntax.yml", 6, "YAML syntax error"),
        ("guideline-unknown-key.yml", 6, "unknown key ('colour' was unexpected)"),
        ("guideline-missing-english.yml", 7, "no English ('en'): write it, or mark the clause `en_review: new`"),
        ("guideline-wrong-type.yml", 4, "4 is not of type 'string'"),
        ("guideline-duplicate-id.yml", 9, "clause 'prohibited-untrue': duplicate id (first used on line 8)"),
        ("guideline-bad-anchor.yml", 3, "'Principles_4' does not match"),
    ],
)
def test_bad_guideline_names_file_line_and_problem(fixture, line, expected):
    with pytest.raises((DataError, DataErrors)) as raised:
        guideline.load(BAD / fixture, schema_dir=DATA_SCHEMAS)
    text = messages(raised.value)
    assert f"{fixture}:{line}:" in text, text
    assert expected in text, text


@pytest.mark.parametrize(
    ("fixture", "line", "expected"),
    [
        ("errata-unknown-clause.yml", 3, "corrections E1: clause 'no-such-clause' does not exist"),
        ("errata-original-not-found.yml", 4, "corrections E1: 'ハッシュタク' is not in the Japanese text of clause 'security-4'"),
    ],
)
def test_bad_errata_names_file_line_and_entry(fixture, line, expected):
    loaded = guideline.load(VALID / "guideline.yml", schema_dir=DATA_SCHEMAS)
    with pytest.raises(DataErrors) as raised:
        errata.load(BAD / fixture, loaded, schema_dir=DATA_SCHEMAS)
    text = messages(raised.value)
    assert f"{fixture}:{line}:" in text, text
    assert expected in text, text


def test_missing_file_is_named(tmp_path):
    with pytest.raises(DataError) as raised:
        guideline.load(tmp_path / "guideline.yml", schema_dir=DATA_SCHEMAS)
    assert "guideline.yml: file not found" in str(raised.value)


def test_site_reloads_when_a_data_file_changes(tmp_path):
    data_dir = tmp_path / "_data"
    shutil.copytree(VALID, data_dir)
    first = site.load_site(data_dir, None, DATA_SCHEMAS)
    assert site.load_site(data_dir, None, DATA_SCHEMAS) is first  # cached while nothing changed
    path = data_dir / "guideline.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("事実と異なる内容", "事実と異なる内容（改）"), encoding="utf-8")
    import os
    os.utime(path, (path.stat().st_atime, path.stat().st_mtime + 5))
    assert site.load_site(data_dir, None, DATA_SCHEMAS).guideline.clause("prohibited-untrue").text.ja == "事実と異なる内容（改）"


def test_a_rebuild_in_the_same_process_checks_again_only_what_changed(tmp_path):
    """`mkdocs serve` loads every data file again on each rebuild, in one process: a file whose
    data is unchanged is not checked against its schema again, and a file that changed is, down to
    a key that changed from a string to a number (YAML `1:` against `"1":`)."""
    data_dir = tmp_path / "_data"
    shutil.copytree(VALID, data_dir)
    path = data_dir / "guideline.yml"
    site.load_site(data_dir, None, DATA_SCHEMAS)
    checks = datafile._is_valid.cache_info().misses
    os_utime_later(path)
    site.load_site(data_dir, None, DATA_SCHEMAS)  # the same bytes again: no schema check
    assert datafile._is_valid.cache_info().misses == checks

    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("title:", "title: 4\nx_title:", 1), encoding="utf-8")
    os_utime_later(path)
    with pytest.raises(DataErrors) as raised:
        site.load_site(data_dir, None, DATA_SCHEMAS)
    assert "guideline.yml:" in str(raised.value)

    schema = tmp_path / "keys.schema.json"
    schema.write_text('{"type": "object", "propertyNames": {"type": "string"}}', encoding="utf-8")
    datafile.validate(datafile.safe_load('"1": a\n'), schema, tmp_path / "keys.yml")
    with pytest.raises(DataErrors, match="keys.yml"):
        datafile.validate(datafile.safe_load("1: a\n"), schema, tmp_path / "keys.yml")


def os_utime_later(path: Path) -> None:
    """A later modification time, as an editor's save gives (the site's cache is keyed by it)."""
    import os
    os.utime(path, (path.stat().st_atime, path.stat().st_mtime + 5))


# ---- Hostile or careless data: each finding of the hostile-data review, by file ----

def _errata(tmp_path, corrections: str) -> Path:
    path = tmp_path / "errata.yml"
    path.write_text("corrections:\n" + corrections + "artefacts: []\nto_confirm: []\n", encoding="utf-8")
    return path


def test_a_correction_that_matches_twice_is_refused(tmp_path):
    """'内容' is in the section's paragraph and in its item ウ: which one is meant?"""
    loaded = guideline.load(VALID / "guideline.yml", schema_dir=DATA_SCHEMAS)
    path = _errata(tmp_path, "  - {id: E9, clause: prohibited-content, original: 内容, corrected: 中身, "
                             "reason: {ja: 例, en: e.g.}}\n")
    with pytest.raises(DataErrors) as raised:
        errata.load(path, loaded, schema_dir=DATA_SCHEMAS)
    assert "errata.yml:2: corrections E9: '内容' occurs more than once (a paragraph of prohibited-content (1×), " \
           "prohibited-untrue (1×))" in str(raised.value)


def test_overlapping_corrections_are_named_not_a_traceback(tmp_path):
    loaded = guideline.load(VALID / "guideline.yml", schema_dir=DATA_SCHEMAS)
    path = _errata(tmp_path, "  - {id: E1, clause: security-4, original: ハッシュダグ, corrected: ハッシュタグ, "
                             "reason: {ja: 例, en: e.g.}}\n"
                             "  - {id: E2, clause: security-4, original: ダグ付け, corrected: タグ付け, "
                             "reason: {ja: 例, en: e.g.}}\n")
    with pytest.raises(DataErrors) as raised:
        errata.load(path, loaded, schema_dir=DATA_SCHEMAS)
    assert "errata.yml:3: corrections E2: 'ダグ付け' is not in the Japanese text of clause 'security-4' after " \
           "the corrections before it (they overlap: merge them into one)" in str(raised.value)


def test_yaml_aliases_are_refused_before_they_can_expand(tmp_path):
    path = tmp_path / "guideline.yml"
    path.write_text("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
                    + "".join(f"{k}: &{k} [{', '.join('*' + p for _ in range(9))}]\n"
                              for p, k in zip("abcdefgh", "bcdefghi")), encoding="utf-8")
    with pytest.raises(DataError, match=r"guideline.yml:1: YAML anchors and aliases \(&name, \*name\) are not allowed"):
        guideline.load(path, schema_dir=DATA_SCHEMAS)


def test_an_oversized_value_or_file_is_refused_with_the_limit(tmp_path):
    from wakesite import datafile

    path = tmp_path / "guideline.yml"
    text = (VALID / "guideline.yml").read_text(encoding="utf-8")
    path.write_text(text.replace("en: Untrue content", "en: " + "x" * 100_000), encoding="utf-8")
    with pytest.raises(DataErrors, match=r"guideline.yml:15: chapters/0/[a-z0-9/]+/text/en: a value of 100000 characters; at most 5000"):
        guideline.load(path, schema_dir=DATA_SCHEMAS)
    path.write_text(text + "#" * datafile.MAX_FILE_BYTES, encoding="utf-8")
    with pytest.raises(DataError, match=r"guideline.yml: file of \d+ bytes; a data file is at most 1000000"):
        guideline.load(path, schema_dir=DATA_SCHEMAS)


def test_schema_limits_say_the_limit_not_the_value(tmp_path):
    path = tmp_path / "guideline.yml"
    text = (VALID / "guideline.yml").read_text(encoding="utf-8")
    path.write_text(text.replace("en: Untrue content", "en: " + "x" * 2500), encoding="utf-8")
    with pytest.raises(DataErrors) as raised:
        guideline.load(path, schema_dir=DATA_SCHEMAS)
    message = str(raised.value)
    assert "guideline.yml:15:" in message and "too long: 2500 characters, at most 2000" in message
    assert "xxxxxxxxxx" not in message


def test_a_checklist_item_too_long_for_its_sheet_is_refused(tmp_path):
    from wakesite import checklists

    source = (Path(__file__).resolve().parents[2] / "checklists" / "pre-post.yml").read_text(encoding="utf-8")
    folder = tmp_path / "checklists"
    folder.mkdir()
    long_text = "長" * 700
    (folder / "pre-post.yml").write_text(source.replace("ja: 法令に違反する、又はそれらの行為を煽る内容ではない。",
                                                        f"ja: {long_text}", 1), encoding="utf-8")
    with pytest.raises(DataErrors, match=r"pre-post.yml:\d+: .*too long: 700 characters, at most 600"):
        checklists.load_all(folder, site.load_site(ROOT / "docs" / "_data", None).guideline, schema_dir=CHECKLIST_SCHEMAS)


def test_a_date_that_is_not_one_is_named(tmp_path):
    from wakesite import accounts

    text = (Path(__file__).resolve().parents[2] / "docs" / "_data" / "accounts.yml").read_text(encoding="utf-8")
    path = tmp_path / "accounts.yml"
    path.write_text(text.replace("impersonators: []", "impersonators:\n  - {platform: line, name: x, "
                                 "url: 'https://impostor.example/x', noticed: 'last week'}"), encoding="utf-8")
    with pytest.raises(DataErrors, match=r"accounts.yml:\d+: impersonators/0/noticed: 'last week' is not a 'date'"):
        accounts.load(path, schema_dir=DATA_SCHEMAS)


@pytest.mark.parametrize("url", ["https://evil.example/[x](javascript:alert(1))", "https://evil.example/<b>",
                                 "https://evil.example/a b", "javascript:alert(1)"])
def test_an_impersonator_address_that_could_be_markup_is_refused(tmp_path, url):
    from wakesite import accounts

    text = (Path(__file__).resolve().parents[2] / "docs" / "_data" / "accounts.yml").read_text(encoding="utf-8")
    path = tmp_path / "accounts.yml"
    path.write_text(text.replace("impersonators: []", "impersonators:\n  - platform: line\n    name: x\n"
                                 f"    url: '{url}'\n    noticed: null"), encoding="utf-8")
    with pytest.raises(DataErrors) as raised:
        accounts.load(path, schema_dir=DATA_SCHEMAS)
    assert "impersonator 'x'" in str(raised.value) and "accounts.yml:" in str(raised.value)


def test_a_duplicate_key_in_the_search_words_is_named(tmp_path):
    from wakesite import searchterms

    path = tmp_path / "search_synonyms.yml"
    path.write_text("synonyms:\n  - section: policy/#policy-disclaimer\n    ja: [免責]\n    ja: [責任]\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"search_synonyms.yml:4: YAML syntax error: duplicate key 'ja'"):
        searchterms.load(path, schema_dir=DATA_SCHEMAS)


@pytest.mark.parametrize("content, expected", [("", "coverage.yml: the file is empty"),
                                               ("duties: garbage\n", "coverage.yml:1: duties: 'garbage' is not of type 'array'")])
def test_an_empty_or_garbage_coverage_file_stops_the_build(tmp_path, content, expected):
    shutil.copytree(Path(__file__).resolve().parents[2] / "checklists", tmp_path / "checklists")
    (tmp_path / "checklists" / "coverage.yml").write_text(content, encoding="utf-8")
    with pytest.raises((DataError, DataErrors)) as raised:
        site.load_site(ROOT / "docs" / "_data", tmp_path / "checklists")
    assert expected in str(raised.value).replace(str(tmp_path) + "/checklists/", ""), str(raised.value)


@pytest.mark.parametrize("path", ["x/../../../escape/pwned.html", "../escape/", "/etc/x.html", "a/./b/", "..html"])
def test_a_redirect_cannot_leave_the_site(tmp_path, path):
    from wakesite import linkrot, redirects

    data = tmp_path / "redirects.yml"
    data.write_text(f"redirects:\n  - {{from: '{path}', to: 'guideline/'}}\n", encoding="utf-8")
    with pytest.raises(DataErrors, match=r"redirects.yml:2: redirects/0/from: .* does not match"):
        redirects.load_redirects(data, schema_dir=DATA_SCHEMAS)
    (tmp_path / "site" / "guideline").mkdir(parents=True)
    (tmp_path / "site" / "guideline" / "index.html").write_text("x", encoding="utf-8")
    # Even past the schema, writing stops at the site's edge.
    with pytest.raises(ValueError, match="leads outside the site"):
        linkrot.write_redirects(tmp_path / "site", "", [redirects.Redirect("x/../../escape/pwned.html", "guideline/", 2)])
    assert not (tmp_path / "escape").exists()


def test_an_id_used_twice_on_a_page_fails_the_build_check(tmp_path):
    from wakesite.checks import published

    (tmp_path / "policy").mkdir()
    (tmp_path / "policy" / "index.html").write_text(
        '<p id="account-x">a</p><dl><div class="wk-row" id="account-x">b</div></dl><p id="other">', encoding="utf-8")
    assert published.duplicate_ids(tmp_path) == ["policy/index.html: id 'account-x' is used 2 times on the page"]


@pytest.mark.parametrize("entry, expected", [
    ("  - section: guideline\n    ja: [x]\n", r"search_synonyms.yml:2: synonyms/0/section: 'guideline' does not match"),
    ("  - section: guideline/#scope\n    ja: x\n", r"search_synonyms.yml:3: synonyms/0/ja: 'x' is not of type 'array'"),
    ("  - section: guideline/#scope\n    de: [x]\n", r"search_synonyms.yml:3: synonyms/0: unknown key \('de' was unexpected\)"),
    ("  - section: guideline/#scope\n  - section: guideline/#scope\n", r"search_synonyms.yml:3: synonyms entry 2 .*listed twice"),
])
def test_search_words_are_checked_against_their_schema(tmp_path, entry, expected):
    from wakesite import searchterms

    path = tmp_path / "search_synonyms.yml"
    path.write_text("synonyms:\n" + entry, encoding="utf-8")
    with pytest.raises(DataErrors, match=expected):
        searchterms.load(path, schema_dir=DATA_SCHEMAS)


def test_an_accessibility_report_cut_short_stops_the_build_with_its_place(tmp_path):
    """The /accessibility/ page is made from the report: it is checked when the data is loaded."""
    shutil.copytree(Path(__file__).resolve().parents[2] / "docs" / "_data", tmp_path / "_data")
    report = tmp_path / "_data" / "accessibility.json"
    report.write_text(report.read_text(encoding="utf-8").replace('"total_violations": 0', '"total_violations": "none"'),
                      encoding="utf-8")
    with pytest.raises(DataErrors, match=r"accessibility.json:\d+: total_violations: 'none' is not of type 'integer'"):
        site.load_site(tmp_path / "_data", ROOT / "checklists")


def test_first_seen_names_the_line_of_the_first_time():
    seen = datafile.FirstSeen()
    assert seen.again("E1", 15) is None and seen.again("E2", 23) is None
    assert seen.again("E1", 40) == 15 and seen.again("E1", 50) == 15  # always the first, not the last


@pytest.mark.parametrize("file, old, new, expected", [
    ("errata.yml", "  - id: E3\n", "  - id: E2\n", r"errata.yml:30: \w+ E2: duplicate id \(first used on line 23\)"),
    ("draft_rules.yml", "  - id: hashtag-count\n", "  - id: length\n",
     r"draft_rules.yml:140: rule 'length': duplicate id \(first used on line 125\)"),
])
def test_a_repeated_id_names_the_line_of_its_first_use(tmp_path, file, old, new, expected):
    shutil.copytree(Path(__file__).resolve().parents[2] / "docs" / "_data", tmp_path / "_data")
    data = tmp_path / "_data" / file
    text = data.read_text(encoding="utf-8")
    assert text.count(old) == 1
    data.write_text(text.replace(old, new), encoding="utf-8")
    with pytest.raises((DataError, DataErrors), match=expected):
        site.load_site(tmp_path / "_data", ROOT / "checklists")


def test_a_second_redirect_from_one_page_names_the_first(tmp_path):
    from wakesite import redirects

    data = tmp_path / "redirects.yml"
    data.write_text("redirects:\n  - {from: old/, to: guideline/}\n  - {from: old/, to: policy/}\n", encoding="utf-8")
    with pytest.raises(DataErrors, match=r"redirects.yml:3: a second redirect from 'old/' \(first on line 2\)"):
        redirects.load_redirects(data, schema_dir=DATA_SCHEMAS)


# ---- Bad files that once ended in a traceback or a position: each names the file and the line ----

def _accounts_with(tmp_path, old: str, new: str) -> tuple[Path, int]:
    text = (Path(__file__).resolve().parents[2] / "docs" / "_data" / "accounts.yml").read_text(encoding="utf-8")
    assert text.count(old) >= 1, old
    line = text[:text.index(old)].count("\n") + 1
    shutil.copytree(Path(__file__).resolve().parents[2] / "docs" / "_data", tmp_path / "_data")
    path = tmp_path / "_data" / "accounts.yml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path, line


@pytest.mark.parametrize("old, new, expected", [
    # A Word line break pasted into a name: was `ReaderError … in "<unicode string>", position 2954`.
    ("name: わけまろくんの部屋", "name: わけまろ\x0bくんの部屋",
     "U+000B LINE TABULATION at column 15: a control character (Word's line break, pasted): use a line break or a space"),
    # More digits than Python turns into an integer (4,300): was a ValueError traceback.
    ("limit: 101", "limit: " + "9" * 4400, "platforms/0/profile/limit: an integer of 4400 digits; at most 20"),
    ("since: null", "since: 2026-13-45", "YAML syntax error: a value that cannot be read (month must be in 1..12)"),
    ("since: null", "? [a, b]\n    : 1", "YAML syntax error: a key that is a list or a mapping; keys are names"),
])
def test_a_value_yaml_cannot_make_is_named_with_its_line(tmp_path, old, new, expected):
    path, line = _accounts_with(tmp_path, old, new)
    with pytest.raises((DataError, DataErrors)) as raised:
        site.load_site(path.parent, None)
    assert f"accounts.yml:{line}: {expected}" in str(raised.value), str(raised.value)


def test_text_that_is_not_utf8_is_named_with_its_line(tmp_path):
    path, line = _accounts_with(tmp_path, "name: わけまろくんの部屋", "name: wakemaro")
    path.write_bytes(path.read_bytes().replace(b"name: wakemaro", b"name: wake\xff"))
    with pytest.raises(DataError, match=rf"accounts.yml:{line}: not UTF-8 text \(invalid start byte at byte \d+\)"):
        site.load_site(path.parent, None)


@pytest.mark.parametrize("folder, name", [("_data", "glossary.yml"), ("checklists", "extra.yml")])
def test_a_folder_named_like_a_data_file_is_named(tmp_path, folder, name):
    """Was IsADirectoryError."""
    shutil.copytree(Path(__file__).resolve().parents[2] / "docs" / "_data", tmp_path / "_data")
    shutil.copytree(Path(__file__).resolve().parents[2] / "checklists", tmp_path / "checklists")
    target = tmp_path / folder / name
    if target.exists():
        target.unlink()
    target.mkdir()
    with pytest.raises((DataError, DataErrors), match=rf"{name}: a folder, not a data file: rename or remove it"):
        site.load_site(tmp_path / "_data", tmp_path / "checklists")


def test_every_control_in_a_file_is_named_at_once_and_a_byte_order_mark_or_windows_line_end_is_not_one(tmp_path):
    path = tmp_path / "search_synonyms.yml"
    path.write_text("\ufeffsynonyms:\n  - section: policy/#policy-disclaimer\n    ja: [免\u200b責, \u202e責任]\n",
                    encoding="utf-8")
    with pytest.raises(DataErrors) as raised:
        datafile.load(path)
    assert str(raised.value).splitlines() == [
        f"{path}:3: U+200B ZERO WIDTH SPACE at column 11: an invisible character: two values that look the same "
        "would differ, and search would not find the word it splits; remove it",
        f"{path}:3: U+202E RIGHT-TO-LEFT OVERRIDE at column 15: a bidirectional control: it reorders the text after "
        "it on a page (a name or handle would read backwards); remove it"]
    path.write_bytes("\ufeffsynonyms:\r\n  - section: policy/#policy-disclaimer\r\n    ja: [免責]\r\n".encode())
    assert datafile.load(path) == {"synonyms": [{"section": "policy/#policy-disclaimer", "ja": ["免責"]}]}
    path.write_bytes(b"synonyms: []\r# a carriage return alone\n")
    with pytest.raises(DataErrors, match=r"search_synonyms.yml:1: U\+000D CARRIAGE RETURN at column 13"):
        datafile.load(path)


def test_the_forbidden_characters_are_found_in_linear_time():
    """One character class over the text: 100,000 characters, one pass, every one found."""
    text = ("a\u200b" * 50_000)
    assert len(datafile.forbidden_characters(text)) == 50_000
    assert datafile.forbidden_characters("x" * 100_000) == []


@pytest.mark.parametrize("value, expected", [
    ("1.0\n", "'1.0\\n'"),
    ("root:x:0:0:root:/root:/bin/bash\nsecond line", "'root:x:0:0:root:/root:/bin/bash\\n'…"),
    ("x" * 100, "'" + "x" * 60 + "'…"),
    (["a"] * 50, "a list of 50"),
    (12, "12"),
])
def test_a_message_quotes_a_value_by_its_first_line_at_most(value, expected):
    assert datafile.shown_value(value) == expected
