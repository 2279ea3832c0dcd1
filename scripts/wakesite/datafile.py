"""Reading the project's YAML data: line numbers kept, schema checked, errors that say where.

Every data file is read through `load()`: mappings and lists remember the line they start on
(and the line of each key), so a later check can say "checklists/pre-post.yml:42: item
'copyright': ..." instead of just "invalid data".
"""
from __future__ import annotations

import json
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


def _mapping(loader: _Loader, node: yaml.MappingNode) -> LocatedDict:
    loader.flatten_mapping(node)
    result = LocatedDict()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in result:
            raise yaml.MarkedYAMLError(
                problem=f"duplicate key {key!r}", problem_mark=key_node.start_mark)
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = key_node.start_mark.line + 1
    return result


def _sequence(loader: _Loader, node: yaml.SequenceNode) -> LocatedList:
    result = LocatedList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.item_lines = [child.start_mark.line + 1 for child in node.value]
    return result


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _sequence)


def display_path(path: Path) -> str:
    """The path as a person would type it from the project root, where possible."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


# Bounds on what a data file may be: the data is edited by people and reviewed, but one careless
# paste or a hostile pull request must not hang the build or swamp a page.
MAX_FILE_BYTES = 1_000_000
MAX_TEXT = 5_000  # characters in any one value; the schemas set tighter limits per field


def _refuse_aliases_and_huge_texts(node: yaml.Node, path: Path) -> None:
    """YAML anchors and aliases (&a / *a) let a few lines stand for a huge document (an "alias
    bomb" hangs the schema check); no data file needs them. Nor a text of MAX_TEXT characters."""
    seen: set[int] = set()
    stack = [node]
    while stack:
        current = stack.pop()
        if id(current) in seen:
            raise DataError(display_path(path), current.start_mark.line + 1,
                            "YAML anchors and aliases (&name, *name) are not allowed in data files: write the value out")
        seen.add(id(current))
        if isinstance(current, yaml.ScalarNode) and len(current.value) > MAX_TEXT:
            raise DataError(display_path(path), current.start_mark.line + 1,
                            f"a value of {len(current.value)} characters; at most {MAX_TEXT}")
        if isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)
        elif isinstance(current, yaml.MappingNode):
            stack.extend(item for pair in current.value for item in pair)


def load(path: Path) -> Any:
    """Parse one YAML file; a syntax error, an alias or an oversized file or value becomes a
    DataError with its line."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise DataError(display_path(path), None,
                            f"file of {path.stat().st_size} bytes; a data file is at most {MAX_FILE_BYTES}")
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataError(display_path(path), None, "file not found") from None
    except UnicodeDecodeError as error:
        raise DataError(display_path(path), None, f"not UTF-8 text ({error.reason})") from None
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        _refuse_aliases_and_huge_texts(node, path)
        return loader.construct_document(node)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        problem = " ".join(p for p in (error.context, error.problem) if p)
        raise DataError(display_path(path), mark.line + 1 if mark else None,
                        f"YAML syntax error: {problem}") from None
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
    return error.message


def _specific(error: jsonschema.ValidationError) -> jsonschema.ValidationError:
    """For a failed oneOf, the error inside the branch that was meant: the deepest one.

    Entries are one-key mappings ({paragraph: …}, {items: …}); the wrong branches fail at the
    entry itself, the intended one fails further in, which is the message a person needs."""
    while error.context:
        deepest = max(error.context, key=lambda e: len(e.absolute_path))
        if len(deepest.absolute_path) <= len(error.absolute_path):
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


@lru_cache(maxsize=None)
def _validator(schema_path: Path):
    """One validator per schema and process (eight checklists share one)."""
    import jsonschema

    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    # Only the formats the schemas use ("date"): the full checker makes validation slower.
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker(formats=["date"]))


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


def validate(data: Any, schema_path: Path, path: Path, describe=None) -> None:
    """Check `data` against a JSON Schema; raise DataErrors listing every problem with its line.

    `describe(data, json_path)` may name the entry (e.g. "item 'copyright'") for the message.
    """
    if data is None:
        raise DataErrors([DataError(display_path(path), None, "the file is empty")])
    validator = _validator(Path(schema_path))
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
