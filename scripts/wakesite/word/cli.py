"""`python3 scripts/word.py`: the guideline to Word and back, and the 新旧対照表 for the 決裁.

    word.py export-guideline OUT.docx
    word.py import IN.docx [--dry-run]
    word.py comparison --from REF --to REF OUT.docx      (writes OUT.pdf beside it)

REF: an edition label (1.0) or tag (edition-1.0), any commit git knows, or `worktree` (the files
as they are now, committed or not). Exit status 0 when done, 1 when the input was refused
(the message says why; nothing was written), 2 for a wrong command line.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .. import comparison as comparison_module
from .. import edition as edition_module
from .. import gitrepo
from ..datafile import DataError, DataErrors
from ..guideline import Guideline
from ..strings import word as ui_string
from . import comparison_out, docx_in, docx_out, matching, model, yamltext
from .model import Project

WORKTREE = "worktree"


class Refused(Exception):
    """Bad input: the message says what and where; nothing was written."""


def _say(line: str = "") -> None:
    print(line, flush=True)


# ---- export-guideline ----

def export_guideline(project: Project, out: Path) -> None:
    guideline = _load(project)
    tree = model.from_guideline(guideline, project.guideline_file.read_text(encoding="utf-8"))
    edition = _editions(project.edition_file).current
    docx_out.write_guideline(tree, edition, out)
    _say(f"wrote {out}: the guideline of edition {edition.label} ({len(tree.text_nodes())} clauses)")


def _load(project: Project) -> Guideline:
    try:
        return comparison_module.load_guideline(project.data_dir)
    except (DataError, DataErrors) as error:
        raise Refused(f"the guideline's data does not load (fix it first):\n{error}") from None


def _editions(path: Path) -> edition_module.Editions:
    try:
        return edition_module.load_all(path)
    except (DataError, DataErrors) as error:
        raise Refused(f"bad edition data:\n{error}") from None


# ---- import ----

def import_document(project: Project, document_path: Path, dry_run: bool = False) -> bool:
    """Review the revision and write it into guideline.yml (unless dry_run or nothing changed).
    Returns whether guideline.yml was written."""
    target = _shown(project, project.guideline_file)
    try:
        document = docx_in.read(document_path)
    except docx_in.WordError as error:
        raise Refused(str(error)) from None
    guideline = _load(project)
    text = project.guideline_file.read_text(encoding="utf-8")
    old = model.from_guideline(guideline, text)
    try:
        plan = matching.match(old, document.tree, str(document_path), target)
    except matching.MatchError as error:
        raise Refused(str(error)) from None
    matching.prepare(plan, set(guideline.clauses) | {r.id for r in guideline.removed})
    _say(f"{target} ← {document_path}:")
    for line in matching.review(plan):
        _say(line)
    for place in document.ignored:
        _say(f"  left out  {place}")
    if not plan.changed:
        _say(f"nothing changed: {target} stays as it is")
        return False
    stale = [n for n in plan.new.text_nodes() if n not in plan.pairs or n in plan.reworded]
    if dry_run:
        _say(f"--dry-run: nothing written ({len(stale)} clause(s) would have their English marked for review)")
        return False
    last_edition = _editions(project.edition_file).current.label
    new_ids = {node.id for node in plan.new.walk() if node.id}
    removed = [{"id": r.id, "ref": {"ja": r.ref.ja, "en": r.ref.en}, "last_edition": r.last_edition}
               for r in guideline.removed]
    removed += [{"id": node.id, "ref": {"ja": node.clause.describe("ja"), "en": node.clause.describe("en")},
                 "last_edition": last_edition}
                for node in old.walk() if node.id and node.id not in new_ids and node.clause is not None]
    new_text = yamltext.write(plan, text, removed)
    _replace_checked(project, text, new_text, plan)
    _say(f"wrote {target}: {len(stale)} clause(s) have their English marked for review (en_review); "
         f"review with `git diff {target}`, then commit")
    return True


def _shown(project: Project, path: Path) -> str:
    try:
        return path.relative_to(project.root).as_posix()
    except ValueError:
        return str(path)


def _replace_checked(project: Project, old_text: str, new_text: str, plan: matching.Plan) -> None:
    """Put the new text in place only if the site's loaders take it (guideline, errata, checklists,
    every file citing a clause) and it says what the document says; otherwise put the old text back."""
    from .. import site

    path = project.guideline_file
    _write_atomically(path, new_text)
    try:
        loaded = site.load_site(project.data_dir, project.checklists_dir)
        problems = _differences(plan.new, model.from_guideline(loaded.guideline, new_text))
        if problems:
            raise Refused("the written guideline.yml would not say what the document says (a fault of the "
                          "import: please report it); nothing was written:\n  " + "\n  ".join(problems[:10]))
    except (DataError, DataErrors) as error:
        _write_atomically(path, old_text)
        raise Refused("the revision cannot be taken as it stands: the site's data would not load with it "
                      "(nothing was written):\n" + str(error) + "\nAn entry of errata.yml that quotes text the "
                      "revision rewords or removes, or a checklist, rule or easy page citing a removed clause, must "
                      "be changed first (the correction or 要確認 may no longer apply); then import again") from None
    except BaseException:
        _write_atomically(path, old_text)
        raise


def _write_atomically(path: Path, text: str) -> None:
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, prefix=".guideline-", suffix=".tmp",
                                     delete=False) as handle:
        handle.write(text)
    os.replace(handle.name, path)


def _differences(expected: model.Node, written: model.Node) -> list[str]:
    wanted, got = expected.text_nodes(), written.text_nodes()
    if len(wanted) != len(got):
        return [f"{len(got)} clauses written, {len(wanted)} in the document"]
    problems = []
    for new, old in zip(wanted, got):
        if new.kind != old.kind or new.id != old.id or not model.same_number(new.number, old.number) \
                or not model.unchanged_text(new, old):
            problems.append(f"{new.where}: expected {new.kind} {new.id} {new.shown()[:30]!r}, "
                            f"written {old.kind} {old.id} {old.shown()[:30]!r}")
    return problems


# ---- comparison ----

@dataclass
class Side:
    guideline: Guideline
    version: comparison_out.Version


def version_at(project: Project, ref: str) -> Side:
    """The guideline and its edition at REF: `worktree`, an edition label, a tag or a commit."""
    if ref == WORKTREE:
        editions = _editions(project.edition_file)
        guideline = _load(project)
        return Side(guideline, _version(editions.current, "the working tree", guideline))
    labels = {e.label: e.tag for e in _editions(project.edition_file).all}
    name = labels.get(ref, ref)
    try:
        commit = gitrepo.run(project.root, "rev-parse", "--verify", "--quiet", f"{name}^{{commit}}").strip()
    except gitrepo.GitError:
        commit = ""
    if not commit:
        raise Refused(f"{ref!r} is not an edition ({', '.join(labels)}), a tag or a commit of {project.root}, "
                      f"nor {WORKTREE!r} (the files as they are now)")
    data_path = project.data_dir.relative_to(project.root).as_posix()
    try:
        guideline = comparison_module.guideline_at_commit(project.root, data_path, commit, name)
        with tempfile.TemporaryDirectory(prefix="wakesite-word-") as tmp:
            # The edition data at REF, checked against the schema it had there (as the guideline is).
            for name in ("edition.yml", edition_module.SCHEMA):
                (Path(tmp) / name).write_text(gitrepo.run(project.root, "show", f"{commit}:{data_path}/{name}"),
                                              encoding="utf-8")
            editions = _editions(Path(tmp) / "edition.yml")
    except (DataError, DataErrors, comparison_module.ComparisonError, gitrepo.GitError) as error:
        raise Refused(f"the guideline at {ref} ({commit[:12]}) cannot be read:\n{error}") from None
    tagged = next((e for e in editions.all if e.tag == name), None)
    edition = tagged or editions.current
    source = f"tag {name}" if tagged else f"commit {commit[:12]}"
    return Side(guideline, _version(edition, source, guideline))


def _version(edition: edition_module.Edition, source: str, guideline: Guideline) -> comparison_out.Version:
    line = docx_out.edition_line(edition)
    dates = line[len(ui_string("theme_edition", "ja").format(label=edition.label)):]
    return comparison_out.Version(edition=ui_string("hist_edition", "ja").format(label=edition.label),
                                  dates=dates, source=source, title=guideline.title.ja)


def write_comparison(project: Project, ref_from: str, ref_to: str, out: Path) -> None:
    old, new = version_at(project, ref_from), version_at(project, ref_to)
    table = comparison_module.compare(old.guideline, new.guideline, old.version.edition, new.version.edition)
    pdf = out.with_suffix(".pdf")
    comparison_out.write_docx(table, new.version, old.version, out)
    comparison_out.write_pdf(table, new.version, old.version, pdf)
    _say(f"wrote {out} and {pdf}: {new.version.edition} ({new.version.source}) against {old.version.edition} "
         f"({old.version.source}), {table.changes} change(s) in {len(table.rows)} row(s)")


# ---- the command ----

def main(argv: list[str] | None, root: Path) -> int:
    parser = argparse.ArgumentParser(prog="scripts/word.py", description="The guideline to Word and back, and the "
                                     "新旧対照表 (comparison table) for the 決裁.")
    commands = parser.add_subparsers(dest="command", required=True)
    export = commands.add_parser("export-guideline", help="write the guideline as a .docx")
    export.add_argument("out", type=Path, metavar="OUT.docx")
    importing = commands.add_parser("import", help="read a revised guideline from a .docx into guideline.yml")
    importing.add_argument("document", type=Path, metavar="IN.docx")
    importing.add_argument("--dry-run", action="store_true", help="print the review only; write nothing")
    compare = commands.add_parser("comparison", help="write the 新旧対照表 of two versions as .docx and .pdf")
    compare.add_argument("--from", dest="ref_from", required=True, metavar="REF",
                         help=f"the earlier version: an edition (1.0), a tag, a commit, or {WORKTREE}")
    compare.add_argument("--to", dest="ref_to", required=True, metavar="REF", help="the later version (same forms)")
    compare.add_argument("out", type=Path, metavar="OUT.docx")
    args = parser.parse_args(argv)
    project = Project(Path(root).resolve())
    try:
        if args.command == "export-guideline":
            _docx_name(args.out)
            export_guideline(project, args.out)
        elif args.command == "import":
            import_document(project, args.document, args.dry_run)
        else:
            _docx_name(args.out)
            write_comparison(project, args.ref_from, args.ref_to, args.out)
    except Refused as refusal:
        print(f"scripts/word.py {args.command}: {refusal}", file=sys.stderr, flush=True)
        return 1
    return 0


def _docx_name(out: Path) -> None:
    if out.suffix.lower() != ".docx":
        raise Refused(f"{out}: the file to write must end in .docx (Word opens it by its name)")
