"""Writing an imported revision into guideline.yml, changing only the lines of what changed.

guideline.yml is written by people: comments, flow mappings for short titles ({ja: …, en: …}),
literal blocks for texts with line breaks. A YAML dumper would rewrite all of it, so this module
keeps the file's own text wherever a clause is unchanged: the text of each clause (its lines,
found from the YAML parser's marks) is reused as it stands, moved (and re-indented) when the clause
moved, and only a clause that changed (or is new) is written anew, in the file's block style, with
its anchor, its number, the new Japanese, its English kept and `en_review` saying the English
needs review (`changed`), or that there is none yet (`new`, no `en`). Removed clauses keep their
anchors in `removed:` (a note on /guideline/).

The result is checked by the caller (cli): loaded with the site's loaders, and compared with the
document, before it replaces guideline.yml.
"""
from __future__ import annotations

import yaml

from .matching import Plan
from .model import Node, _get, compose, unchanged_text

# Where children start, counted from their parent's dash, as guideline.yml writes them:
#   "  - id: introduction" … "      - paragraph:" (chapter +4), "      - section:" … "            - …"
#   (section +6), "- items:" … "    - id:" (+4), "- table:" … "      - id:" (+6), a row +4.
CHILD_OFFSET = {"chapter": 4, "section": 6, "items": 4, "table": 6, "row": 4}
CONTENT_KEY = {"chapter": "content", "section": "content", "row": "content", "table": "rows"}


class Writer:
    def __init__(self, plan: Plan, text: str):
        self.plan = plan
        self.text = text
        self.lines = text.splitlines(keepends=True)

    # ---- the file's own text ----

    def _span(self, node: Node) -> tuple[int, int]:
        """The lines [start, end) of an old clause's list entry, without blank lines after it."""
        entry = node.entry
        start = entry.start_mark.line
        end = self._end_line(entry.end_mark)
        while end > start + 1 and not self.lines[end - 1].strip():
            end -= 1
        return start, end

    def _end_line(self, mark) -> int:
        if mark.line >= len(self.lines):
            return len(self.lines)
        before = self.lines[mark.line][:mark.column]
        return mark.line if not before.strip() else mark.line + 1

    def _dash_column(self, node: Node) -> int:
        line = self.lines[node.entry.start_mark.line]
        return len(line) - len(line.lstrip(" "))

    def _slice(self, start: int, end: int, shift: int) -> list[str]:
        out = []
        for line in self.lines[start:end]:
            if not line.strip():
                out.append(line)
            elif shift >= 0:
                out.append(" " * shift + line)
            else:
                out.append(line[-shift:] if line[:-shift].strip() == "" else line)
        return out

    # ---- what is unchanged ----

    def _en_review(self, node: Node) -> str | None:
        before = self.plan.pairs.get(node)
        if before is None:
            return "new"
        if before.clause is not None and before.clause.en_review == "new":
            return "new"
        if node in self.plan.reworded:
            return "changed"
        return before.clause.en_review if before.clause is not None else None

    def _same_self(self, node: Node) -> bool:
        before = self.plan.pairs.get(node)
        if before is None or before.kind != node.kind:
            return False
        if node.kind in ("items", "table"):
            return node.id == before.id
        return (unchanged_text(node, before) and node.number == before.number and node.id == before.id
                and self._en_review(node) == (before.clause.en_review if before.clause else None))

    def _same_tree(self, node: Node) -> bool:
        before = self.plan.pairs.get(node)
        if not self._same_self(node) or len(node.children) != len(before.children):
            return False
        return all(self.plan.pairs.get(child) is old_child and self._same_tree(child)
                   for child, old_child in zip(node.children, before.children))

    # ---- writing ----

    def chapters(self) -> list[str]:
        out = []
        for index, chapter in enumerate(self.plan.new.children):
            if index:
                out.append("\n")
            out.extend(self.entry(chapter, 2))
        return out

    def entry(self, node: Node, dash: int) -> list[str]:
        before = self.plan.pairs.get(node)
        if before is not None and before.entry is not None and self._same_tree(node):
            start, end = self._span(before)
            return self._slice(start, end, dash - self._dash_column(before))
        if node.kind in CHILD_OFFSET:
            return self.header(node, dash) + self.children(node, dash + CHILD_OFFSET[node.kind])
        return self.leaf(node, dash)

    def children(self, node: Node, dash: int) -> list[str]:
        return [line for child in node.children for line in self.entry(child, dash)]

    def header(self, node: Node, dash: int) -> list[str]:
        """The lines of a heading, row, table or run of items before its children."""
        before = self.plan.pairs.get(node)
        if before is not None and before.entry is not None and self._same_self(node) and node.kind != "items":
            key = _get(before.value, CONTENT_KEY[node.kind])
            key_line = next(k.start_mark.line for k, v in before.value.value if v is key)
            start, _ = self._span(before)
            return self._slice(start, key_line + 1, dash - self._dash_column(before))
        if node.kind == "items":
            return [" " * dash + "- items:\n"]
        if node.kind == "table":
            pad = " " * (dash + 4)
            return [" " * dash + "- table:\n", f"{pad}id: {node.id}\n", f"{pad}rows:\n"]
        wrapped = node.kind == "section"
        key = dash + (4 if wrapped else 2)
        lines = [" " * dash + "- section:\n"] if wrapped else []
        first = [f"id: {node.id}"]
        if node.number:
            first.append(f"number: {scalar(node.number, key)}")
        lines += self._keys(first, dash, key, wrapped)
        lines += self._bilingual("label" if node.kind == "row" else "title", node, key)
        if self._en_review(node):
            lines.append(" " * key + f"en_review: {self._en_review(node)}\n")
        lines.append(" " * key + f"{CONTENT_KEY[node.kind]}:\n")
        return lines

    def leaf(self, node: Node, dash: int) -> list[str]:
        """A paragraph or an item written anew."""
        if node.kind == "paragraph":
            key = dash + 4
            lines = [" " * dash + "- paragraph:\n"]
            if node.id:
                lines.append(" " * key + f"id: {node.id}\n")
            lines += self._texts(node, key)
        else:
            key = dash + 2
            first = [f"id: {node.id}"] + ([f"number: {scalar(node.number, key)}"] if node.number else [])
            lines = self._keys(first, dash, key, wrapped=False)
            lines += self._bilingual("text", node, key)
        if self._en_review(node):
            lines.append(" " * key + f"en_review: {self._en_review(node)}\n")
        return lines

    @staticmethod
    def _keys(keys: list[str], dash: int, key: int, wrapped: bool) -> list[str]:
        if wrapped:
            return [" " * key + k + "\n" for k in keys]
        return [" " * dash + "- " + keys[0] + "\n"] + [" " * key + k + "\n" for k in keys[1:]]

    def _english(self, node: Node) -> str | None:
        before = self.plan.pairs.get(node)
        if before is None or before.clause is None or self._en_review(node) == "new":
            return None
        value = before.clause.title if node.kind in ("chapter", "section", "row") else before.clause.text
        return value.en

    def _texts(self, node: Node, key: int) -> list[str]:
        lines = [" " * key + f"ja: {scalar(node.ja, key)}\n"]
        english = self._english(node)
        if english is not None:
            lines.append(" " * key + f"en: {scalar(english, key)}\n")
        return lines

    def _bilingual(self, name: str, node: Node, key: int) -> list[str]:
        return [" " * key + f"{name}:\n"] + self._texts(node, key + 2)


def scalar(value: str, key_column: int) -> str:
    """`value` as YAML after 'key: ' at `key_column`: plain where YAML reads it back as the same text,
    a literal block for text with line breaks, else quoted."""
    if "\n" in value and not value.endswith("\n") and not value.startswith((" ", "\n")) \
            and all(line == line.rstrip(" ") for line in value.split("\n")):
        pad = " " * (key_column + 2)
        return "|-\n" + "\n".join(pad + line if line else "" for line in value.split("\n"))
    for candidate in (value, "'" + value.replace("'", "''") + "'"):
        if "\n" not in candidate and _reads_back(candidate, value):
            return candidate
    return yaml.safe_dump(value, default_style='"', allow_unicode=True, width=10**9).rstrip("\n")


def _reads_back(candidate: str, value: str) -> bool:
    try:
        return yaml.safe_load(f"k: {candidate}\n") == {"k": value}
    except yaml.YAMLError:
        return False


def tombstone_lines(removed: list[dict]) -> list[str]:
    lines = ["removed:\n"]
    for entry in removed:
        lines.append(f"  - id: {entry['id']}\n")
        lines.append(f"    ref: {{ja: {scalar(entry['ref']['ja'], 4)}, en: {scalar(entry['ref']['en'], 4)}}}\n"
                     if _flow_safe(entry['ref']) else
                     f"    ref:\n      ja: {scalar(entry['ref']['ja'], 6)}\n      en: {scalar(entry['ref']['en'], 6)}\n")
        lines.append(f"    last_edition: \"{entry['last_edition']}\"\n")
    return lines


def _flow_safe(ref: dict) -> bool:
    try:
        return yaml.safe_load(f"k: {{ja: {ref['ja']}, en: {ref['en']}}}\n") == {"k": ref}
    except yaml.YAMLError:
        return False


def write(plan: Plan, text: str, removed: list[dict]) -> str:
    """guideline.yml's new text: the chapters as the document has them, the removed clauses' anchors
    added to `removed` (every entry of it, the earlier ones first)."""
    writer = Writer(plan, text)
    top = compose(text)
    lines = writer.lines
    chapters = _get(top, "chapters")
    start = chapters.value[0].start_mark.line
    keys = [k for k, _ in top.value]
    after = [k for k in keys if k.start_mark.line > chapters.start_mark.line]
    end = min((k.start_mark.line for k in after), default=len(lines))
    trailer_start = end
    while trailer_start > start and not lines[trailer_start - 1].strip():
        trailer_start -= 1
    body = writer.chapters()
    new_lines = lines[:start] + body + lines[trailer_start:end]
    removed_node = _get(top, "removed")
    tail = lines[end:]
    if removed_node is not None:
        key_line = next(k.start_mark.line for k, v in top.value if v is removed_node)
        removed_end = writer._end_line(removed_node.end_mark) if removed_node.value else key_line + 1
        tail = lines[end:key_line] + lines[removed_end:]
    if removed:
        if tail and tail[-1].strip() and not tail[-1].endswith("\n"):
            tail[-1] += "\n"
        if not (new_lines + tail)[-1].strip() == "" and not tail:
            new_lines.append("\n")
        tail = tail + tombstone_lines(removed)
    result = "".join(new_lines + tail)
    if plan.title_changed:
        title = _get(_get(compose(result), "title"), "ja")
        line = title.start_mark.line
        result_lines = result.splitlines(keepends=True)
        prefix = result_lines[line][:title.start_mark.column]
        result_lines[line] = prefix + scalar(plan.new.ja, title.start_mark.column - 4) + "\n"
        result = "".join(result_lines)
    return result
