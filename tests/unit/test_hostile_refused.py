"""What the data may not hold at all (tests/fixtures/hostile.yml, `refused`): every class in every
field it fits, loaded as the build loads it (wakesite.datafile, the one reader of every data file,
and the registry's checks of addresses). Each must stop with the file, the field's line and what
is wrong, and no message may quote more of a file than the offending line.

The values that must instead show as text on the pages are in the same file's `values` and
`fields` (tests/unit/test_hostile_data.py)."""
from __future__ import annotations

import ast
import dataclasses
import json
import re
import shutil
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from support import DATA_SCHEMAS, ROOT, copy_project, dump_data, field_steps, field_value, hostile_table, put_field, refused_table
from wakesite import accounts, datafile, draftcheck, projectfiles, site
from wakesite.datafile import DataError, DataErrors

_, FIELDS = hostile_table()
REFUSED = refused_table()
CONTROLS = REFUSED["controls"]["values"]
CONTROL_FIELDS = FIELDS + REFUSED["controls"]["also"]


def _original(name: str):
    return datafile.safe_load((ROOT / name).read_text(encoding="utf-8"))


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _line_of(text: str, needle: str) -> int:
    # Lines end at "\n" only, as in YAML and an editor (str.splitlines also splits at U+000B, U+0085 …).
    return next(number for number, line in enumerate(text.split("\n"), 1) if needle in line)


def _errors(load, path: Path) -> str:
    with pytest.raises((DataError, DataErrors)) as raised:
        load(path)
    return str(raised.value)


# ---- Controls: bidirectional, zero-width and control characters, in every text field ----

@pytest.mark.parametrize("escaped", [False, True], ids=["as the character", "as an escape"])
@pytest.mark.parametrize("char", CONTROLS, ids=[f"U+{ord(c):04X}" for c in CONTROLS])
def test_a_control_character_is_refused_in_every_text_field_with_its_place(tmp_path, char, escaped):
    """The value of every field gets the character in its middle; every field's line is named
    (and, written as an escape, the field), in one message per file."""
    by_file = defaultdict(list)
    for field in CONTROL_FIELDS:
        by_file[field["file"]].append(field)
    for name, fields in by_file.items():
        data = _original(name)
        for index, field in enumerate(fields):
            put_field(data, field, f"wk{index:02d} before CHARACTER after")
        text = dump_data(name, data, escaped=escaped)
        text = text.replace("CHARACTER", f"\\u{ord(char):04X}" if escaped else char)
        path = _write(tmp_path, name, text)
        message = _errors(datafile.load, path)
        lines = message.splitlines()
        for index, field in enumerate(fields):
            line = _line_of(text, f"wk{index:02d} before")
            named = [entry for entry in lines if f"{Path(name).name}:{line}:" in entry]
            assert named and datafile.character_name(char) in named[0], (name, field, line, message)
            if escaped:
                where = "/".join(map(str, field_steps(datafile.safe_load(text), field)))
                assert f":{line}: {where}" in named[0] or "insert" in field, (named[0], where)


def test_a_bidi_control_in_an_account_name_stops_the_build(tmp_path):
    """The issue's case: U+202E in an account's name reversed the rest of the line on the page."""
    shutil.copytree(ROOT / "docs" / "_data", tmp_path / "_data")
    registry = tmp_path / "_data" / "accounts.yml"
    text = registry.read_text(encoding="utf-8")
    registry.write_text(text.replace("name: わけまろくんの部屋", "name: わけまろ\u202eくんの部屋"), encoding="utf-8")
    line = _line_of(text, "name: わけまろくんの部屋")
    message = _errors(lambda _: site.load_site(tmp_path / "_data", ROOT / "checklists"), registry)
    assert f"accounts.yml:{line}: U+202E RIGHT-TO-LEFT OVERRIDE at column 15: a bidirectional control" in message


def test_a_zero_width_joiner_is_refused_in_a_word_and_kept_inside_an_emoji():
    """👨‍👩‍👧 is one emoji written with two joiners (the draft check's examples need it: a joined
    emoji is not a run of three); between letters a joiner only hides a difference."""
    from wakesite import datafile
    assert datafile.forbidden_characters("家族で\U0001F468\u200d\U0001F469\u200d\U0001F467 🏳\ufe0f\u200d🌈") == []
    assert datafile.forbidden_characters("わけ\u200dまろ") == [(2, "\u200d")]
    assert datafile.forbidden_characters("\U0001F468\u200dまろ") == [(1, "\u200d")]
    assert datafile.forbidden_characters("\u200d\U0001F468") == [(0, "\u200d")]


def test_a_draft_example_may_quote_an_invisible_character_written_as_an_escape(tmp_path):
    """The draft check's examples are drafts as staff paste them: a zero-width space hiding a
    telephone number must be found, so the example holds one, written where it can be seen
    ("\\u200b"). Not as the character itself, and nowhere else of the file."""
    from wakesite import datafile
    path = tmp_path / "draft_rules.yml"
    path.write_text('rules:\n  - examples: {match: ["0869\\u200b-00-1234"]}\n    message: {ja: "ok"}\n', encoding="utf-8")
    assert datafile.load(path)["rules"][0]["examples"]["match"] == ["0869\u200b-00-1234"]
    path.write_text('rules:\n  - examples: {match: ["0869-00-1234"]}\n    message: {ja: "o\\u200bk"}\n', encoding="utf-8")
    with pytest.raises(datafile.DataErrors, match=r"rules/0/message/ja: U\+200B ZERO WIDTH SPACE \(written as an escape\)"):
        datafile.load(path)
    path.write_text('rules:\n  - examples: {match: ["0869\u200b-00-1234"]}\n', encoding="utf-8")
    with pytest.raises(datafile.DataErrors, match=r"draft_rules.yml:2: U\+200B ZERO WIDTH SPACE at column"):
        datafile.load(path)


# ---- Look-alike addresses: refused for every account, and for the town's own addresses ----

_CYRILLIC = {"a": "\u0430", "e": "\u0435", "o": "\u043e"}


def lookalike(template: str, url: str) -> str:
    host = urlsplit(url).netloc
    path = url[len("https://") + len(host):]
    first = min(host.index(c) for c in _CYRILLIC if c in host)
    homoglyph = host[:first] + _CYRILLIC[host[first]] + host[first + 1:]
    fullwidth = "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in host)
    return template.format(host=host, path=path, homoglyph=homoglyph, fullwidth=fullwidth,
                           punycode=homoglyph.encode("idna").decode("ascii"))


def _address_cases():
    table = REFUSED["lookalike_hosts"]
    for field in table["accounts"]:
        for template in table["values"] + table["off_host"]:
            yield pytest.param(field, template, id=f"{field['path']}:{template}")
    for field in table["addresses"]:
        for template in table["values"]:
            yield pytest.param(field, template, id=f"{field['path']}:{template}")


@pytest.mark.parametrize("field, template", list(_address_cases()))
def test_a_lookalike_address_is_refused_with_its_place(tmp_path, field, template):
    name = field["file"]
    data = _original(name)
    original = field_value(data, field) or data["accounts"][2]["url"]  # an impersonator: on Instagram
    url = lookalike(template, original)
    assert url != original
    put_field(data, field, url)
    text = dump_data(name, data)
    path = _write(tmp_path, name, text)
    message = _errors(lambda p: accounts.load(p, schema_dir=DATA_SCHEMAS), path)
    line = _line_of(text, url)
    assert f"accounts.yml:{line}:" in message, (url, message)
    if url.isascii() and url.isprintable():  # the registry's own check, which names the entry
        assert re.search(rf"accounts.yml:{line}: (account '|impersonator '|contact: )", message), message


def test_the_issue_s_lookalikes_are_refused_with_why():
    facebook = accounts.load(ROOT / "docs" / "_data" / "accounts.yml").platforms[0]
    cases = {
        "https://www.instagr\u0430m.com/official.wake.town/": "U+0430 CYRILLIC SMALL LETTER A",
        "https://facebook.com@evil.example/town.wake/": "has a user name before '@': a browser goes to what follows it ('evil.example')",
        "https://facebook.com.evil.example/town.wake/": "'facebook.com.evil.example' is not a host of Facebook",
        "https://xn--facebok-ejg.com/town.wake/": "'xn--facebok-ejg.com' is not a host of Facebook",  # faceb\u043eok
        "https://\uff46\uff41\uff43\uff45\uff42\uff4f\uff4f\uff4b.com/town.wake/": "U+FF46 FULLWIDTH LATIN SMALL LETTER F",
        "https://facebook.com:8443/town.wake/": "has a port",
        "https://facebook.com/town.wake/\u202e": "U+202E RIGHT-TO-LEFT OVERRIDE",
    }
    for url, why in cases.items():
        problem = accounts.account_url_problem(url, facebook)
        assert problem and why in problem, (url, problem)
    assert accounts.account_url_problem("https://www.facebook.com/town.wake/", facebook) is None


def test_the_draft_check_s_own_domain_is_read_by_the_same_rule():
    """A website written with a user name once made evil.example the town's own domain."""
    registry = site.load_project(ROOT).accounts
    assert draftcheck.own_domains(registry) == ["town.wake.lg.jp"]
    for website in ("https://town.wake.lg.jp@evil.example/", "https://www.town.wak\u0435.lg.jp/",
                    "https://www.town.wake.lg.jp:8443/"):
        other = dataclasses.replace(registry, contact=dataclasses.replace(registry.contact, website=website))
        assert draftcheck.own_domains(other) == []


def test_an_account_on_a_host_in_doubt_stays_to_be_confirmed(tmp_path):
    """The LINE address the guideline gives is on a web-chat host, listed only under 要確認 Q2:
    an account there that no longer names Q2 would be claimed (rel="me", JSON-LD); it is refused."""
    text = (ROOT / "docs" / "_data" / "accounts.yml").read_text(encoding="utf-8")
    old = "    to_confirm: Q2     # the URL seems to be a web chat, not the LINE account itself\n"
    assert text.count(old) == 1
    reason = text[text.index("    to_confirm_reason:", text.index(old)):text.index("  - id: instagram-official")]
    path = _write(tmp_path, "accounts.yml", text.replace(old, "").replace(reason, ""))
    message = _errors(lambda p: accounts.load(p, schema_dir=DATA_SCHEMAS), path)
    assert "'waketown-wake-okayama-jp.com' is a host of LINE only as far as 要確認 Q2 says: the account must " \
           "name `to_confirm: Q2`" in message
    line = site.load_project(ROOT).accounts.accounts[1]
    assert line.url.startswith("https://waketown-wake-okayama-jp.com/") and not line.claimed


# ---- A final line break after a value that a pattern checks ----

def _schema_of(name: str) -> Path:
    path = ROOT / name
    if path.parent.name == "checklists":
        return path.parent / ("coverage.schema.json" if path.stem == "coverage" else "checklist.schema.json")
    return path.with_name(path.name.split(".")[0] + ".schema.json")


def _patterns(node) -> set[str]:
    if isinstance(node, dict):
        return {v for k, v in node.items() if k == "pattern" and isinstance(v, str)} | \
            {p for k, v in node.items() if k != "pattern" for p in _patterns(v)}
    if isinstance(node, list):
        return {p for v in node for p in _patterns(v)}
    return set()


TRAILING = REFUSED["trailing_newline"]


def _load_and_validate(name: str):
    return lambda path: datafile.validate(datafile.load(path), _schema_of(name), path)


def _value_steps(data, field: dict) -> list:
    """Where the value of `field` is in `data` (for an `insert` row: in the entry it added)."""
    steps = field_steps(data, field)
    if "insert" not in field:
        return steps
    entries = data
    for step in steps:
        entries = entries[step]
    return steps + [len(entries) - 1, next(key for key, value in field["insert"].items() if value == "{value}")]


@pytest.mark.parametrize("field", TRAILING["fields"], ids=[f"{f['file']}:{f.get('path') or f['clause']}"
                                                          for f in TRAILING["fields"]])
def test_a_final_line_break_is_refused_in_every_field_a_pattern_checks(tmp_path, field):
    name = field["file"]
    value = field.get("value") or field_value(_original(name), field)
    data = _original(name)
    put_field(data, field, value)
    clean = datafile.load(_write(tmp_path / "clean", name, dump_data(name, data)))
    datafile.validate(clean, _schema_of(name), Path(name))  # the value without the line break passes
    line = datafile.line_at(clean, _value_steps(data, field))
    data = _original(name)
    put_field(data, field, value + "\n")
    path = _write(tmp_path, name, dump_data(name, data))
    message = _errors(_load_and_validate(name), path)
    assert re.search(rf"{re.escape(Path(name).name)}:{line}: .*\\n'(…)? does not match ", message), (line, message)


def test_every_pattern_of_every_schema_has_its_trailing_newline_row(tmp_path):
    """The rows above reach every pattern (a new pattern needs a row), and each is anchored at both
    ends, in each of its alternatives."""
    schemas = sorted((ROOT / "docs" / "_data").glob("*.schema.json")) + sorted((ROOT / "checklists").glob("*.schema.json"))
    every = {(schema.name, p) for schema in schemas for p in _patterns(json.loads(schema.read_text(encoding="utf-8")))}
    reached = set()
    for field in TRAILING["fields"]:
        name = field["file"]
        data = _original(name)
        put_field(data, field, (field.get("value") or field_value(data, field)) + "\n")
        path = _write(tmp_path / name.replace("/", "-"), name, dump_data(name, data))
        for found in re.findall(r"does not match ('.*')$", _errors(_load_and_validate(name), path), re.MULTILINE):
            reached.add((_schema_of(name).name, ast.literal_eval(found)))
    free = {(s, p) for s, p in every if p in TRAILING["free_text"]}
    assert every - free - reached == set()
    for schema, pattern in every:
        for alternative in _alternatives(pattern):
            assert alternative.startswith("^") and alternative.endswith("$"), (schema, pattern)


def _alternatives(pattern: str) -> list[str]:
    """The top-level alternatives of a pattern ('^$|^a(b|c)$' → '^$', '^a(b|c)$')."""
    parts, depth, in_class, start, index = [], 0, False, 0, 0
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            index += 2
            continue
        if char == "[":
            in_class = True
        elif char == "]":
            in_class = False
        elif not in_class and char in "()":
            depth += 1 if char == "(" else -1
        elif not in_class and depth == 0 and char == "|":
            parts.append(pattern[start:index])
            start = index + 1
        index += 1
    return parts + [pattern[start:]]


def test_whole_value_pattern_turns_only_the_anchors_into_end_of_value():
    assert datafile.whole_value_pattern(r"^[0-9]+(\.[0-9]+)*$") == r"^[0-9]+(\.[0-9]+)*\Z"
    assert datafile.whole_value_pattern(r"^$|^a$") == r"^\Z|^a\Z"
    assert datafile.whole_value_pattern(r"^[$]\$$") == r"^[$]\$\Z"  # in a class, or escaped: a dollar sign


def test_every_schema_pattern_runs_in_linear_time_on_adversarial_values():
    """100,000 characters each, made to make a backtracking pattern try every split (runs of what
    the classes accept, then a character that fails at the very end): each must answer (no match)
    in one pass. A pattern that backtracks exponentially would not finish."""
    schemas = sorted((ROOT / "docs" / "_data").glob("*.schema.json")) + sorted((ROOT / "checklists").glob("*.schema.json"))
    patterns = {p for schema in schemas for p in _patterns(json.loads(schema.read_text(encoding="utf-8")))}
    runs = ["a", "0", "a-", "a.", "a/", "0.", "Q0", "E0", "あ", "-", " ", "a_", "0-0-"]
    for pattern in sorted(patterns):
        compiled = re.compile(datafile.whole_value_pattern(pattern))
        for run in runs:
            value = (run * (100_000 // len(run)))[:100_000 - 1] + "\n"
            assert compiled.search(value) is None or pattern in TRAILING["free_text"], (pattern, run)


# ---- Links out of the project ----

SECRET = "wk-secret-content: root:x:0:0"


@pytest.mark.parametrize("planted", REFUSED["symlinks"])
def test_a_link_out_of_the_project_is_named_and_nothing_of_it_is_read(tmp_path, planted):
    project = copy_project(tmp_path / "project").parent
    outside = tmp_path / "outside"
    (outside / "folder").mkdir(parents=True)
    (outside / "secret.txt").write_text(SECRET + "\nline two of the secret\n", encoding="utf-8")
    (outside / "folder" / "secret.css").write_text(SECRET, encoding="utf-8")
    link = project / planted
    folder = link.is_dir() or not link.suffix
    if link.is_dir():
        shutil.rmtree(link)
    link.unlink(missing_ok=True)
    link.symlink_to(outside / ("folder" if folder else "secret.txt"))
    assert projectfiles.links_out(project) == [
        f"{planted}: a link to {outside / ('folder' if folder else 'secret.txt')}, outside the project: a build reads "
        "and publishes only the project's own files; copy the file in instead of linking to it"]
    if planted.startswith(("docs/_data/", "checklists/")) and not folder:  # read by the generator too
        message = _errors(lambda _: site.load_site(project / "docs" / "_data", project / "checklists"), link)
        assert f"{Path(planted).name}: a link to a file outside its folder" in message and "secret" not in message


def test_links_inside_the_project_are_followed_and_loops_named(tmp_path):
    project = copy_project(tmp_path / "project").parent
    (project / "docs" / "again").symlink_to(project / "docs")  # a loop through a folder: visited once
    (project / "docs" / "mirror.md").symlink_to(project / "docs" / "policy.md")
    (project / "overrides" / "loop").symlink_to(project / "overrides" / "loop")
    (project / "checklists" / "gone.yml").symlink_to(tmp_path / "nowhere.yml")
    assert projectfiles.links_out(project) == [
        "checklists/gone.yml: a link that leads nowhere (" + str(tmp_path / "nowhere.yml") + "); remove it",
        "overrides/loop: a link that leads nowhere (" + str(project / "overrides" / "loop") + "); remove it"]


def test_a_schema_error_quotes_no_more_than_the_offending_line(tmp_path):
    """A data file that is not what it should be (a key file linked in, or pasted) is quoted by
    its first line only, at most 60 characters."""
    path = _write(tmp_path, "guideline.yml", '"' + "root:x:0:0:root:/root:/bin/bash\\nsecret line two\\n" * 50 + '"\n')
    message = _errors(lambda p: site.load_site(tmp_path, None, DATA_SCHEMAS), path)
    assert message.endswith("guideline.yml: 'root:x:0:0:root:/root:/bin/bash\\n'… is not of type 'object'")
    assert "secret" not in message
