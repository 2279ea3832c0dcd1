"""Which clause of a revised document is which clause of guideline.yml, and what became of each.

A clause keeps its anchor when the document has it unchanged, reworded or moved:
1. the same text (as the site publishes it, or as guideline.yml holds it) in a clause of the same
   class (chapter, section, table row, paragraph or item) is the same clause, in order where a text
   is there twice;
2. of what is left, a text like enough to one clause (difflib's ratio at least SIMILAR) is that
   clause reworded. When two clauses of the document claim one clause of guideline.yml about as
   strongly (within MARGIN), nothing is guessed: the import stops and lists them;
3. what is left of the document is new (a new anchor); what is left of guideline.yml is removed
   (its anchor kept as a note on /guideline/, `yamltext`).
A document that matches fewer than half the clauses of guideline.yml is not taken for it.
Moved: under another heading or row, or out of its order among the clauses that stayed (those
outside the longest run kept in order).
"""
from __future__ import annotations

import bisect
import difflib
import re
from dataclasses import dataclass, field

from ..comparison import diff_text
from .model import MATCH_CLASS, Node, same_number, unchanged_text

SIMILAR = 0.5  # at least this much alike (difflib ratio) to be the same clause reworded
MARGIN = 0.1  # two claimants closer than this to each other: ambiguous
LEAST_MATCHED = 0.5  # of guideline.yml's clauses, found in the document


class MatchError(Exception):
    """The document is not this guideline, or cannot be matched without guessing."""


@dataclass
class Plan:
    old: Node
    new: Node
    pairs: dict = field(default_factory=dict)  # document node → guideline.yml node
    reworded: set = field(default_factory=set)  # document nodes
    moved: set = field(default_factory=set)
    renumbered: set = field(default_factory=set)
    added: list = field(default_factory=list)  # document nodes
    removed: list = field(default_factory=list)  # guideline.yml nodes
    title_changed: bool = False

    @property
    def changed(self) -> bool:
        return bool(self.title_changed or self.reworded or self.moved or self.renumbered or self.added or self.removed)


def match(old: Node, new: Node, source: str, target: str) -> Plan:
    """Pair the document's clauses (`new`) with guideline.yml's (`old`); MatchError when the document is
    not this guideline or a pairing would be a guess. `source`, `target`: the files, for messages."""
    plan = Plan(old, new)
    plan.pairs[new] = old
    old_nodes, new_nodes = old.text_nodes(), new.text_nodes()
    # 1. The same text.
    waiting: dict[tuple[str, str], list[Node]] = {}
    for node in old_nodes:
        for text in dict.fromkeys((node.ja, node.source_ja)):
            waiting.setdefault((MATCH_CLASS[node.kind], text), []).append(node)
    taken: set = set()
    for node in new_nodes:
        candidates = [o for o in waiting.get((MATCH_CLASS[node.kind], node.ja), []) if o not in taken]
        if candidates:
            plan.pairs[node] = candidates[0]
            taken.add(candidates[0])
    # 2. Reworded: the most alike, when it is alike enough and no other clause claims it as strongly.
    left_old = [o for o in old_nodes if o not in taken]
    claims: dict[Node, list[tuple[float, Node]]] = {}
    for node in (n for n in new_nodes if n not in plan.pairs):
        scored = [(_likeness(node.ja, o.ja), o) for o in left_old if MATCH_CLASS[o.kind] == MATCH_CLASS[node.kind]]
        scored = [(score, o) for score, o in scored if score >= SIMILAR]
        if scored:
            score, best = max(scored, key=lambda pair: pair[0])
            claims.setdefault(best, []).append((score, node))
    ambiguous = []
    for claimed, claimants in claims.items():
        claimants.sort(key=lambda pair: -pair[0])
        if len(claimants) > 1 and claimants[0][0] - claimants[1][0] < MARGIN:
            close = [node for score, node in claimants if claimants[0][0] - score < MARGIN]
            ambiguous.append(f"{claimed.name()} is claimed by " + " and by ".join(
                f"{node.where} {_quote(node)} ({score:.0%} alike)" for score, node in claimants if node in close))
            continue
        plan.pairs[claimants[0][1]] = claimed
        taken.add(claimed)
    if ambiguous:
        raise MatchError(f"{source}: cannot tell which clause of the document is which clause of {target} (two "
                         "clauses claim one anchor):\n  " + "\n  ".join(ambiguous)
                         + "\nMake the clauses differ, or edit guideline.yml by hand for these; nothing was written")
    found = len(taken)
    if found < LEAST_MATCHED * len(old_nodes):
        raise MatchError(f"{source}: only {found} of the {len(old_nodes)} clauses of {target} were found in the "
                         f"document (at least {LEAST_MATCHED:.0%} must be): it does not look like this guideline; "
                         "nothing was written")
    # 3. What became of each.
    plan.title_changed = bool(new.ja) and new.ja not in (old.ja, old.source_ja)
    plan.added = [n for n in new_nodes if n not in plan.pairs]
    plan.removed = [o for o in old_nodes if o not in taken]
    for node in new_nodes:
        before = plan.pairs.get(node)
        if before is None:
            continue
        if not unchanged_text(node, before):
            plan.reworded.add(node)
        if not same_number(node.number, before.number):
            plan.renumbered.add(node)
    plan.moved = _moved(plan, new_nodes)
    return plan


def _likeness(a: str, b: str) -> float:
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    if matcher.real_quick_ratio() < SIMILAR or matcher.quick_ratio() < SIMILAR:
        return 0.0
    return matcher.ratio()


def _quote(node: Node, length: int = 40) -> str:
    text = node.shown().replace("\n", " ")
    return f"「{text[:length]}…」" if len(text) > length else f"「{text}」"


def _moved(plan: Plan, new_nodes: list[Node]) -> set:
    """Clauses under another heading or row than before, or out of order among those that stayed."""
    moved = set()
    order = {node: index for index, node in enumerate(plan.old.text_nodes())}
    stayed: dict[Node, list[Node]] = {}
    for node in new_nodes:
        before = plan.pairs.get(node)
        if before is None:
            continue
        if plan.pairs.get(node.container()) is not before.container():
            moved.add(node)
        else:
            stayed.setdefault(node.container(), []).append(node)
    for nodes in stayed.values():
        kept = _longest_increasing([order[plan.pairs[n]] for n in nodes])
        moved.update(n for index, n in enumerate(nodes) if index not in kept)
    return moved


def _longest_increasing(values: list[int]) -> set[int]:
    """Indexes of one longest strictly increasing subsequence of `values` (patience sorting)."""
    tails: list[int] = []  # index into values of the smallest tail of each length
    previous = [-1] * len(values)
    tail_values: list[int] = []
    for index, value in enumerate(values):
        position = bisect.bisect_left(tail_values, value)
        if position > 0:
            previous[index] = tails[position - 1]
        if position == len(tails):
            tails.append(index)
            tail_values.append(value)
        else:
            tails[position] = index
            tail_values[position] = value
    kept, index = set(), tails[-1] if tails else -1
    while index >= 0:
        kept.add(index)
        index = previous[index]
    return kept


# ---- the review ----

def marked_change(old: str, new: str) -> str:
    """'事実と[-異なる-]{+違う+}内容': the change of one text, in the words of a diff."""
    old_segments, new_segments = diff_text(old, new)
    out, old_index, new_index = [], 0, 0
    # Walk both segment lists in step: unchanged segments are the same text on both sides.
    old_list, new_list = list(old_segments), list(new_segments)
    while old_index < len(old_list) or new_index < len(new_list):
        old_segment = old_list[old_index] if old_index < len(old_list) else None
        new_segment = new_list[new_index] if new_index < len(new_list) else None
        if old_segment is not None and old_segment.changed:
            out.append(f"[-{old_segment.text}-]")
            old_index += 1
        elif new_segment is not None and new_segment.changed:
            out.append(f"{{+{new_segment.text}+}}")
            new_index += 1
        else:
            out.append((new_segment or old_segment).text)
            old_index += 1
            new_index += 1
    return "".join(out).replace("\n", "⏎")


def review(plan: Plan) -> list[str]:
    """One line per clause, in the document's order (removed ones where they were), then the counts."""
    lines = []
    if plan.title_changed:
        lines.append(f"  reworded   the title: {marked_change(plan.old.ja, plan.new.ja)}")
    removed_after: dict = {}
    old_nodes = plan.old.text_nodes()
    survivor = None
    paired_old = {plan.pairs[n]: n for n in plan.pairs}
    for node in old_nodes:
        if node in paired_old:
            survivor = paired_old[node]
        elif node in plan.removed:
            removed_after.setdefault(survivor, []).append(node)
    counts = dict.fromkeys(("unchanged", "reworded", "moved", "new", "removed"), 0)

    def removed_lines(after) -> None:
        for node in removed_after.get(after, []):
            counts["removed"] += 1
            lines.append(f"  removed    {node.name()}: {_quote(node)} (its anchor stays on /guideline/ as a note)"
                         if node.id else f"  removed    {node.name()}")

    removed_lines(None)
    for node in plan.new.text_nodes():
        before = plan.pairs.get(node)
        if before is None:
            counts["new"] += 1
            lines.append(f"  new        {node.where}: {_quote(node)} (new anchor {node.id})" if node.id
                         else f"  new        {node.where}: {_quote(node)}")
        else:
            states = [s for s, inside in (("moved", plan.moved), ("reworded", plan.reworded)) if node in inside]
            for state in states:
                counts[state] += 1
            if not states:
                counts["unchanged"] += 1
            label = ", ".join(states) or "unchanged"
            line = f"  {label:<10} {before.name()}"
            if node in plan.renumbered:
                line += f" (number {before.number} → {node.number})"
            if node in plan.moved:
                container = node.container()
                line += f" now under {container.shown()}" if container is not None and container.ja else ""
                line += f" ({node.where})"
            lines.append(line)
            if node in plan.reworded:
                lines.append(f"             {marked_change(before.ja, node.ja)}")
        removed_lines(node)
    lines.append("  " + ", ".join(f"{n} {state}" for state, n in counts.items()))
    return lines


# ---- the document's tree, ready to be written ----

def prepare(plan: Plan, ids_in_use: set[str]) -> None:
    """Give the document's tree what guideline.yml needs: each matched clause its anchor, kind and
    number as before (a number that only changed its width, 1. for １．, is kept), new clauses new
    anchors, runs of items grouped, tables their anchor. In place."""
    for node in plan.new.text_nodes():
        before = plan.pairs.get(node)
        if before is not None:
            node.id = before.id
            node.clause = before.clause
            if node.kind in ("paragraph", "item") and before.kind in ("paragraph", "item"):
                node.kind = before.kind
            if same_number(node.number, before.number):
                node.number = before.number
    for container in [n for n in plan.new.walk() if n.kind in ("chapter", "section", "row")]:
        _group_items(container, plan)
    used = set(ids_in_use)
    kept_tables: set = set()
    for node in plan.new.walk():
        if node.kind == "table":
            # A table is the one most of its rows were in (its anchor goes with it, once).
            rows = [plan.pairs[row] for row in node.children if row in plan.pairs]
            tables = [row.parent for row in rows if row.parent is not None and row.parent.kind == "table"]
            before = max(tables, key=tables.count) if tables else None
            if before is not None and before not in kept_tables:
                kept_tables.add(before)
                plan.pairs[node] = before
                node.id = before.id
    for node in plan.new.walk():
        # Every new clause gets an anchor (a new paragraph too: it is a clause others may cite).
        if node.kind in ("chapter", "section", "row", "item", "table", "paragraph") and node not in plan.pairs:
            node.id = _new_id(node, used)
            used.add(node.id)


def _group_items(container: Node, plan: Plan) -> None:
    grouped: list[Node] = []
    for child in container.children:
        if child.kind == "item":
            if not (grouped and grouped[-1].kind == "items"):
                group = Node("items", where=child.where)
                group.parent = container
                grouped.append(group)
            grouped[-1].children.append(child)
            child.parent = grouped[-1]
        else:
            grouped.append(child)
    container.children = grouped
    for group in (g for g in grouped if g.kind == "items"):
        befores = [plan.pairs[item].parent for item in group.children if item in plan.pairs]
        if befores and all(b is befores[0] for b in befores) and befores[0] is not None:
            plan.pairs[group] = befores[0]


_NUMBERED_ID = re.compile(r"([a-z][a-z0-9-]*?)-([0-9]{1,4})")


def _new_id(node: Node, used: set[str]) -> str:
    """A new anchor beside its neighbours': the next number of siblings named <prefix>-<n>
    (security-5 after security-4), else <the anchor above>-<n>."""
    siblings = [s.id for s in (node.parent.children if node.parent else []) if s.id]
    prefixes = {m.group(1) for m in (_NUMBERED_ID.fullmatch(s) for s in siblings) if m}
    if len(prefixes) == 1:
        base = prefixes.pop()
    else:
        above = node.parent
        while above is not None and not above.id:
            above = above.parent
        base = "chapter" if node.kind == "chapter" or above is None else above.id
    n = 1
    while f"{base}-{n}" in used:
        n += 1
    return f"{base}-{n}"


__all__ = ["MatchError", "Plan", "match", "prepare", "review", "marked_change"]
