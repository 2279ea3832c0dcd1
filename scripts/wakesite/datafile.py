"""Reading the project's YAML data: line numbers kept, schema checked, errors that say where.

Every data file is read through `load()`: mappings and lists remember the line they start on
(and the line of each key), so a later check can say "checklists/pre-post.yml:42: item
'copyright': ..." instead of just "invalid data".
"""
from __future__ import annotations

import json
import pickle
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

import yaml

if TYPE_CHECKING:
    import jsonschema  # imported when data is first validated


@dataclass
class DataError(Exception):
    """Bad input data. `str()` gives 'file:line: where: what is wrong'."""

    path: Path | str
    line: int | None
    message: str
    where: str | None = None

    def __str__(self) -> str:
        location = f"{self.path}:{self.line}" if self.line else f"{self.path}"
        where = f" {self.where}:" if self.where else ""
        return f"{location}:{where} {self.message}"


class DataErrors(Exception):
    """Several DataErrors at once, so one build run reports every problem in a file."""

    def __init__(self, errors: Iterable[DataError]):
        self.errors = list(errors)
        super().__init__("\n".join(str(e) for e in self.errors))


class FirstSeen:
    """The line each value was first seen on in a data file, for the message about a repeat
    ("duplicate id (first used on line 12)"): `again(value, line)` is None the first time a value
    comes, and the line of its first time after that."""

    def __init__(self) -> None:
        self._lines: dict[Any, int] = {}

    def again(self, value: Any, line: int) -> int | None:
        if value in self._lines:
            return self._lines[value]
        self._lines[value] = line
        return None


def duplicate_id(first_line: int) -> str:
    """The one wording of a repeated id, in every data file."""
    return f"duplicate id (first used on line {first_line})"


class LocatedDict(dict):
    """A YAML mapping that knows its own line and the line of each key (1-based)."""

    line: int = 0
    key_lines: dict

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class LocatedList(list):
    """A YAML sequence that knows its own line and the line of each item (1-based)."""

    line: int = 0
    item_lines: list

    def line_of(self, index: int) -> int:
        return self.item_lines[index] if index < len(self.item_lines) else self.line


# libyaml's parser when PyYAML has it (the locked wheels do): several times faster than the
# pure-Python one, with the same safe constructors and the same line marks.
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_SafeLoader):
    pass


def safe_load(text: str) -> Any:
    """yaml.safe_load, with libyaml: for files that need no line numbers (UI strings)."""
    return yaml.load(text, Loader=_SafeLoader)  # noqa: S506 - a SafeLoader


def _construct(loader: _Loader, node: yaml.Node) -> Any:
    """A value as YAML makes it; one YAML cannot make (a date 2026-13-45) is an error at its line,
    not a traceback."""
    try:
        return loader.construct_object(node, deep=True)
    except (ValueError, OverflowError) as error:
        raise yaml.MarkedYAMLError(problem=f"a value that cannot be read ({error})",
                                   problem_mark=node.start_mark) from None


def _mapping(loader: _Loader, node: yaml.MappingNode) -> LocatedDict:
    loader.flatten_mapping(node)
    result = LocatedDict()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            raise yaml.MarkedYAMLError(problem="a key that is a list or a mapping; keys are names",
                                       problem_mark=key_node.start_mark)
        key = _construct(loader, key_node)
        if key in result:
            raise yaml.MarkedYAMLError(
                problem=f"duplicate key {key!r}", problem_mark=key_node.start_mark)
        result[key] = _construct(loader, value_node)
        result.key_lines[key] = key_node.start_mark.line + 1
    return result


def _sequence(loader: _Loader, node: yaml.SequenceNode) -> LocatedList:
    result = LocatedList(_construct(loader, child) for child in node.value)
    result.line = node.start_mark.line + 1
    result.item_lines = [child.start_mark.line + 1 for child in node.value]
    return result


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _sequence)


def display_path(path: Path) -> str:
    """The path as a person would type it from the project root, where possible (a link is named
    as the link, not as what it points to)."""
    path = Path(path)
    try:
        return str((path.absolute().parent.resolve() / path.name).relative_to(Path.cwd().resolve()))
    except (ValueError, OSError, RuntimeError):
        return str(path)


# Bounds on what a data file may be: the data is edited by people and reviewed, but one careless
# paste or a hostile pull request must not hang the build or swamp a page.
MAX_FILE_BYTES = 1_000_000
MAX_TEXT = 5_000  # characters in any one value; the schemas set tighter limits per field
MAX_INTEGER_DIGITS = 20  # no count or limit of the data needs more (Python refuses over 4,300)

# Characters no data file may hold, in a value or anywhere else in its text. Controls (C0 but tab
# and line feed, and a carriage return only before a line feed; DEL; C1): a vertical tab (U+000B) is what Word pastes for a line break, and YAML
# itself refuses most of them with a position instead of a line. Bidirectional controls reorder
# the text after them on a page (U+202E in a name turned the rest of the line around), and
# zero-width characters hide inside a value, so that two names that look the same differ and a
# word is no longer found by search; no Japanese or English text of the site needs either.
_CONTROLS = "\x00-\x08\x0b-\x1f\x7f-\x9f"
_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_ZERO_WIDTH = "\u00ad\u180e\u200b-\u200d\u2060-\u2064\ufeff"
_FORBIDDEN = re.compile(f"[{_CONTROLS}{_BIDI}{_ZERO_WIDTH}]")  # one character class: linear time
_BIDI_CLASS = re.compile(f"[{_BIDI}]")
_CONTROL_NAMES = {"\x00": "NULL", "\x09": "CHARACTER TABULATION", "\x0b": "LINE TABULATION",
                  "\x0c": "FORM FEED", "\x0d": "CARRIAGE RETURN", "\x1b": "ESCAPE", "\x7f": "DELETE",
                  "\x85": "NEXT LINE"}


def character_name(char: str) -> str:
    """'U+202E RIGHT-TO-LEFT OVERRIDE': how a message names a character nobody can see."""
    name = _CONTROL_NAMES.get(char) or unicodedata.name(char, "a control character")
    return f"U+{ord(char):04X} {name}"


def invisible_problem(char: str) -> str:
    """Why `char` (one that _FORBIDDEN matches) may not stand in a data file."""
    if _BIDI_CLASS.match(char):
        return ("a bidirectional control: it reorders the text after it on a page (a name or handle "
                "would read backwards); remove it")
    if char == "\x0b":
        return "a control character (Word's line break, pasted): use a line break or a space"
    if unicodedata.category(char) == "Cc":
        return "a control character: remove it"
    return ("an invisible character: two values that look the same would differ, and search would "
            "not find the word it splits; remove it")


def _pictographic(char: str) -> bool:
    """An emoji, or the selector that asks for one (U+FE0F): what a zero-width joiner may join."""
    code = ord(char)
    return code >= 0x1F000 or 0x2600 <= code <= 0x27BF or code in (0xFE0F, 0x2B50, 0x2B55, 0x2764)


def _emoji_joiner(text: str, index: int) -> bool:
    """A zero-width joiner inside an emoji sequence (👨‍👩‍👧: one emoji, as it must be written) is
    seen as part of its emoji, not hidden in a word: the draft check's examples need it."""
    return (text[index] == "\u200d" and 0 < index < len(text) - 1
            and _pictographic(text[index - 1]) and _pictographic(text[index + 1]))


def forbidden_characters(text: str, emoji_joiners: bool = False) -> list[tuple[int, str]]:
    """(index, character) of every character of `text` that no data file may hold (with
    `emoji_joiners`, the joiners inside emoji too: where a text must hold no invisible character at
    all)."""
    return [(match.start(), match.group()) for match in _FORBIDDEN.finditer(text)
            if emoji_joiners or not _emoji_joiner(text, match.start())]


def _refuse_forbidden_characters(text: str, path: Path) -> None:
    """Every control, bidirectional or zero-width character in the file's text, with its line and
    column. Not one: a byte-order mark opening the file, and the carriage return of a Windows line
    end (editors write them; YAML reads them as nothing and as a line end)."""
    start = 1 if text.startswith("\ufeff") else 0
    found = [(index, char) for index, char in forbidden_characters(text)
             if index >= start and not (char == "\r" and text.startswith("\n", index + 1))]
    if not found:
        return
    errors = []
    for index, char in found[:MAX_REPORTED]:
        line = text.count("\n", 0, index) + 1
        column = index - (text.rfind("\n", 0, index) + 1) + 1
        errors.append(DataError(display_path(path), line,
                                f"{character_name(char)} at column {column}: {invisible_problem(char)}"))
    if len(found) > MAX_REPORTED:
        errors.append(DataError(display_path(path), None, f"… and {len(found) - MAX_REPORTED} more such characters"))
    raise DataErrors(errors)


MAX_REPORTED = 20  # characters named one by one; a file full of them is named with the count


def _refuse_what_no_value_may_hold(node: yaml.Node, path: Path, pasted: re.Pattern | None = None) -> None:
    """YAML anchors and aliases (&a / *a) let a few lines stand for a huge document (an "alias
    bomb" hangs the schema check); no data file needs them. Nor a text of MAX_TEXT characters, an
    integer of more than MAX_INTEGER_DIGITS digits, or a character of _FORBIDDEN written as an
    escape ("\\u202e", "\\v" in double quotes: the file's text holds only the escape), but in
    the values whose path `pasted` matches (PASTED_VALUES). Every value
    is looked at before one is made; all the problems of the file are named at once."""
    shown = display_path(path)
    errors: list[DataError] = []
    seen: set[int] = set()
    stack = [(node, "")]
    while stack:
        current, where = stack.pop()
        line = current.start_mark.line + 1
        if id(current) in seen:
            raise DataError(shown, line,
                            "YAML anchors and aliases (&name, *name) are not allowed in data files: write the value out")
        seen.add(id(current))
        if isinstance(current, yaml.ScalarNode):
            value = current.value
            if len(value) > MAX_TEXT:
                errors.append(DataError(shown, line, f"a value of {len(value)} characters; at most {MAX_TEXT}", where or None))
                continue
            digits = sum(c.isdigit() for c in value) if current.tag == "tag:yaml.org,2002:int" else 0
            if digits > MAX_INTEGER_DIGITS:
                errors.append(DataError(shown, line, f"an integer of {digits} digits; at most {MAX_INTEGER_DIGITS}",
                                        where or None))
            found = [] if pasted is not None and pasted.match(where) else forbidden_characters(value)
            if found:
                char = found[0][1]
                errors.append(DataError(shown, line, f"{character_name(char)} (written as an escape): "
                                                     f"{invisible_problem(char)}", where or None))
        elif isinstance(current, yaml.SequenceNode):
            stack.extend((item, f"{where}/{index}".lstrip("/")) for index, item in enumerate(current.value))
        elif isinstance(current, yaml.MappingNode):
            for key, value in current.value:
                name = key.value if isinstance(key, yaml.ScalarNode) else "?"
                stack.append((key, where))
                stack.append((value, f"{where}/{name}".lstrip("/")))
    if errors:
        raise DataErrors(sorted(errors, key=lambda error: error.line))


def _read(path: Path) -> str:
    """The file's text; DataError when it is not a readable UTF-8 file of its folder."""
    shown = display_path(path)
    try:
        outside = not path.resolve().is_relative_to(path.absolute().parent.resolve())
    except (OSError, RuntimeError):  # a loop of links (RuntimeError before Python 3.13)
        raise DataError(shown, None, "a link that leads nowhere (a loop of links): replace it with the file") from None
    if outside:
        # A link out of the repository (a data file symlinked to /etc/passwd, or to a key): the
        # build would print the target in its error, or publish it.
        raise DataError(shown, None, "a link to a file outside its folder: a data file is read only "
                                     "from the repository; copy the file in instead of linking to it")
    try:
        if path.is_dir():
            raise DataError(shown, None, "a folder, not a data file: rename or remove it")
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise DataError(shown, None, f"file of {size} bytes; a data file is at most {MAX_FILE_BYTES}")
        data = path.read_bytes()
    except FileNotFoundError:
        raise DataError(shown, None, "file not found") from None
    except OSError as error:
        raise DataError(shown, None, f"cannot be read: {error.strerror or error}") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise DataError(shown, data.count(b"\n", 0, error.start) + 1,
                        f"not UTF-8 text ({error.reason} at byte {error.start})") from None


# Values that are drafts quoted as staff paste them (the draft check's examples: rules/0/examples/
# match/1), by file name: there an invisible character may stand, written as an escape in sight in
# the file (never as itself). The draft check must find a telephone number a zero-width space hides.
PASTED_VALUES = {"draft_rules.yml": re.compile(r"rules/\d+/examples/")}


def load(path: Path) -> Any:
    """Parse one YAML file; a syntax error, an alias, an oversized file or value, a control or
    invisible character (but in PASTED_VALUES), or a value YAML cannot make becomes a DataError
    with its line."""
    path = Path(path)
    text = _read(path)
    _refuse_forbidden_characters(text, path)
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        _refuse_what_no_value_may_hold(node, path, PASTED_VALUES.get(path.name))
        return loader.construct_document(node)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        problem = " ".join(p for p in (error.context, error.problem) if p)
        raise DataError(display_path(path), mark.line + 1 if mark else None,
                        f"YAML syntax error: {problem}") from None
    except yaml.YAMLError as error:  # a reader error: a character _FORBIDDEN does not list
        raise DataError(display_path(path), None, f"not a YAML file: {error}".splitlines()[0]) from None
    finally:
        loader.dispose()


def line_at(data: Any, json_path: Iterable[Any]) -> int | None:
    """The line of the value at `json_path` (as jsonschema reports it), or its nearest parent."""
    line = getattr(data, "line", None)
    node = data
    for step in json_path:
        if isinstance(node, LocatedDict) and step in node:
            line = node.line_of(step)
        elif isinstance(node, LocatedList) and isinstance(step, int) and step < len(node):
            line = node.line_of(step)
        else:
            break
        node = node[step]
        line = getattr(node, "line", line)
    return line


MAX_QUOTED = 60  # characters of a value a message quotes


def shown_value(value: Any) -> str:
    """A value as an error message quotes it: a text's first line (with its line break, which may be
    what is wrong), cut at MAX_QUOTED characters; a list or mapping by its kind. Never more: a data
    file linked to a secret, or a paste of one, would otherwise be printed whole in the build's log."""
    if isinstance(value, str):
        cut = value[:value.find("\n") + 1 or len(value)][:MAX_QUOTED]
        return repr(cut) + ("…" if len(cut) < len(value) else "")
    quoted = repr(value)
    if len(quoted) <= MAX_QUOTED:
        return quoted
    return "a mapping" if isinstance(value, dict) else f"a list of {len(value)}" if isinstance(value, list) \
        else quoted[:MAX_QUOTED] + "…"


def _schema_message(error: jsonschema.ValidationError) -> str:
    if error.validator == "maxLength":
        return f"too long: {len(error.instance)} characters, at most {error.validator_value}"
    if error.validator == "maxItems":
        return f"too many entries: {len(error.instance)}, at most {error.validator_value}"
    if error.validator == "additionalProperties":
        return error.message.replace("Additional properties are not allowed", "unknown key")
    if error.validator == "required":
        return error.message.replace("is a required property", "is missing")
    if error.validator == "oneOf" and isinstance(error.instance, dict):
        return f"not a valid entry: expected one of the documented forms, got keys {sorted(error.instance)}"
    quoted = repr(error.instance)
    if error.message.startswith(quoted):  # "'…' is not of type …", "… does not match …": the value first
        return shown_value(error.instance) + error.message[len(quoted):]
    return error.message


def _specific(error: jsonschema.ValidationError) -> jsonschema.ValidationError:
    """For a failed oneOf, the error inside the branch that was meant: the deepest one, or for a
    text or number the one of its own type.

    Entries are one-key mappings ({paragraph: …}, {items: …}); the wrong branches fail at the
    entry itself, the intended one fails further in, which is the message a person needs."""
    while error.context:
        deepest = max(error.context, key=lambda e: len(e.absolute_path))
        if len(deepest.absolute_path) <= len(error.absolute_path):
            # A value against alternatives of different types (null, or a time "08:30"): the one
            # alternative of its own type says what is wrong with it.
            own_type = [e for e in error.context if e.validator != "type"]
            if len(own_type) == 1 and not isinstance(error.instance, (dict, list)):
                return own_type[0]
            break
        error = deepest
    return error


def _line_for(data: Any, error: jsonschema.ValidationError) -> int | None:
    json_path = list(error.absolute_path)
    if error.validator == "additionalProperties" and isinstance(error.instance, LocatedDict):
        allowed = set(error.schema.get("properties", {}))
        extra = [key for key in error.instance if key not in allowed]
        if extra:
            return error.instance.line_of(extra[0])
    return line_at(data, json_path)


def whole_value_pattern(pattern: str) -> str:
    """A schema's `pattern` for Python's `re`, with `$` meaning what it means in JSON Schema.

    Schema patterns are ECMA-262 regular expressions, where `$` is the end of the value; in
    Python it also matches before a final newline, so "1.0\\n" passed "^[0-9]+(\\.[0-9]+)*$" (and an
    item id "quotes-others\\n" broke checklist.js). Each `$` that is not escaped and not in a
    character class becomes `\\Z`, the end of the value in Python."""
    out, in_class, index = [], False, 0
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            out.append(pattern[index:index + 2])
            index += 2
            continue
        if char == "[":
            in_class = True
        elif char == "]":
            in_class = False
        out.append("\\Z" if char == "$" and not in_class else char)
        index += 1
    return "".join(out)


@lru_cache(maxsize=None)
def _compiled_pattern(pattern: str) -> re.Pattern:
    return re.compile(whole_value_pattern(pattern))


def _pattern_keyword(validator, pattern, instance, schema):
    import jsonschema

    if validator.is_type(instance, "string") and not _compiled_pattern(pattern).search(instance):
        yield jsonschema.ValidationError(f"{instance!r} does not match {pattern!r}")


@lru_cache(maxsize=None)
def _validator_class():
    """JSON Schema 2020-12, with `pattern` as the standard reads it (whole_value_pattern)."""
    import jsonschema

    return jsonschema.validators.extend(jsonschema.Draft202012Validator, {"pattern": _pattern_keyword})


@lru_cache(maxsize=None)
def _validator(schema_path: Path, _mtime: int):
    """One validator per schema file and version of it (eight checklists share one)."""
    import jsonschema

    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    # Only the formats the schemas use ("date"): the full checker makes validation slower.
    return _validator_class()(schema, format_checker=jsonschema.FormatChecker(formats=["date"]))


@lru_cache(maxsize=64)
def _is_valid(schema_path: Path, schema_mtime: int, pickled: bytes) -> bool:
    """Whether the data pickled in `pickled` is valid against the schema: a pure function of its
    arguments (the pickle keeps every value with its type), so `mkdocs serve`, which loads every
    data file again on each rebuild, checks again only the files that changed. A build is one
    process: it checks every file."""
    return _validator(schema_path, schema_mtime).is_valid(pickle.loads(pickled))


def entry_in(list_key: str, name_key: str, noun: str):
    """A `describe` for `validate` naming the entry of the top-level list `list_key` an error is
    in by its `name_key`: entry_in("rules", "id", "rule") → "rule 'phone'" (None elsewhere)."""
    def describe(data: Any, json_path: list) -> str | None:
        if len(json_path) >= 2 and json_path[0] == list_key and isinstance(json_path[1], int):
            try:
                return f"{noun} {data[list_key][json_path[1]][name_key]!r}"
            except (KeyError, IndexError, TypeError):
                return None
        return None
    return describe


def schema_of(path: Path, name: str, schema_dir: Path | None = None) -> Path:
    """The JSON Schema `name` that the data file at `path` is checked against: the one in its own
    folder (each data folder holds its schemas: docs/_data/*.schema.json, checklists/*.schema.json),
    or in `schema_dir` (a test's data kept where there is no schema)."""
    return Path(schema_dir if schema_dir is not None else Path(path).parent) / name


def validate(data: Any, schema_path: Path, path: Path, describe=None) -> None:
    """Check `data` against a JSON Schema; raise DataErrors listing every problem with its line.

    `describe(data, json_path)` may name the entry (e.g. "item 'copyright'") for the message.
    """
    if data is None:
        raise DataErrors([DataError(display_path(path), None, "the file is empty")])
    if not Path(schema_path).is_file():
        raise DataError(display_path(path), None, f"no schema to check it against: {display_path(schema_path)} is missing")
    schema_mtime = Path(schema_path).stat().st_mtime_ns
    try:
        pickled = pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL)
    except (pickle.PicklingError, TypeError, AttributeError, RecursionError):
        pickled = None  # not what YAML gives: checked below, without the cache
    if pickled is not None and _is_valid(Path(schema_path), schema_mtime, pickled):
        return
    validator = _validator(Path(schema_path), schema_mtime)
    errors = []
    for error in sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path))):
        error = _specific(error)
        json_path = list(error.absolute_path)
        where = describe(data, json_path) if describe else None
        if where is None and json_path:
            where = "/".join(str(p) for p in json_path)
        errors.append(DataError(display_path(path), _line_for(data, error), _schema_message(error), where))
    if errors:
        raise DataErrors(errors)
