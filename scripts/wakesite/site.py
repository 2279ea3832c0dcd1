"""All the site's data, loaded and checked in one place: docs/_data/*.yml → models.

`load_site(data_dir, checklists_dir)` (or `load_project(root)`) is what the MkDocs plugin (once per
build, wakesite.plugin), the scripts and the tests call. It is cached in the process on the files'
modification times, so
`mkdocs serve` reuses it from one rebuild to the next while nothing changed and reloads it when
a data file is edited. Nothing of it is kept on disk between builds: a cache file that the build
loaded back would be trusted to say what is published (and a pickled one could run code).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

from . import accessibility
from . import accounts as accounts_module
from . import checklists as checklists_module
from . import comparison as comparison_module
from . import coverage as coverage_module
from . import draftcheck
from . import easy as easy_module
from . import edition as edition_module
from . import errata as errata_module
from . import faq as faq_module
from . import glossary as glossary_module
from . import guideline as guideline_module
from . import redirects as redirects_module
from . import searchterms

# Where a project keeps its data, from its root (the folder of mkdocs.yml): load_project.
DATA_FOLDER = Path("docs") / "_data"
CHECKLISTS_FOLDER = Path("checklists")


@dataclass
class Site:
    guideline: guideline_module.Guideline
    errata: errata_module.Errata
    data_dir: Path
    edition: edition_module.Edition | None = None  # the current edition (footers, printed sheets)
    editions: edition_module.Editions | None = None  # every edition, newest first (改定履歴, 新旧対照表)
    checklists: list[checklists_module.Checklist] = field(default_factory=list)
    accounts: accounts_module.Registry | None = None
    redirects: list[redirects_module.Redirect] = field(default_factory=list)  # pages that moved (redirects.yml)
    coverage: list[coverage_module.Mapping] | None = None  # every duty → checklist items (checklists/coverage.yml)
    synonyms: searchterms.SearchTerms | None = None  # everyday words and kana names for search (search_synonyms.yml)
    accessibility: dict | None = None  # the last accessibility test results (accessibility.json)
    comparisons: dict = field(default_factory=dict)  # edition label → 新旧対照表 (read from git tags)
    glossary: glossary_module.Glossary | None = None  # one English term per Japanese term (glossary.yml)
    draft_rules: draftcheck.DraftRules | None = None  # what the draft check looks for (draft_rules.yml)
    easy: easy_module.Easy | None = None  # the やさしい日本語 pages (easy.yml)
    faq: faq_module.Faq | None = None  # questions in everyday words (/faq/, /staff/: faq.yml)

    @cached_property
    def cited_by(self) -> dict[str, list[tuple[checklists_module.Checklist, checklists_module.Item]]]:
        """Clause id → the first item of each checklist that cites it (in an item's refs or in
        one of its record options): the guideline's links to the checklists that check a clause."""
        cited_by: dict[str, list] = {}
        for checklist in self.checklists:
            for item in checklist.items:
                cited = list(item.refs) + [c for o in (item.record.options if item.record else ()) for c in o.refs]
                for clause in dict.fromkeys(cited):
                    entries = cited_by.setdefault(clause.id, [])
                    if all(entry[0] is not checklist for entry in entries):  # one link per checklist
                        entries.append((checklist, item))
        return cited_by


def _stamp(*directories: Path) -> tuple:
    return tuple(sorted((str(p), p.stat().st_mtime) for d in directories if d.is_dir()
                        for p in d.iterdir() if p.is_file()))


@lru_cache(maxsize=4)
def _load(data_dir: Path, checklists_dir: Path | None, schema_dir: Path | None, _stamp: tuple) -> Site:
    return _check_and_model(data_dir, checklists_dir, schema_dir)


def _check_and_model(data_dir: Path, checklists_dir: Path | None, schema_dir: Path | None) -> Site:
    guideline = guideline_module.load(data_dir / "guideline.yml", schema_dir)
    errata = errata_module.load(data_dir / "errata.yml", guideline, schema_dir)
    errata_module.apply(errata, guideline)
    editions = (edition_module.load_all(data_dir / "edition.yml", {q.id for q in errata.to_confirm}, schema_dir)
                if (data_dir / "edition.yml").exists() else None)
    edition = editions.current if editions else None
    questions = {q.id for q in errata.to_confirm}
    # Each 要確認 id with the clause it stands on: a checklist entry citing that clause carries the mark.
    standing = {q.id: q.on.id for q in errata.to_confirm}
    checklists = checklists_module.load_all(checklists_dir, guideline, standing) if checklists_dir else []
    registry = None
    if (data_dir / "accounts.yml").exists():
        registry = accounts_module.load(data_dir / "accounts.yml", questions, set(guideline.clauses), schema_dir)
    coverage = None
    if checklists_dir and (checklists_dir / "coverage.yml").exists():
        coverage = coverage_module.load(checklists_dir / "coverage.yml", guideline, checklists)
    glossary = glossary_module.load(data_dir / "glossary.yml", schema_dir) if (data_dir / "glossary.yml").exists() else None
    easy = easy_module.load(data_dir / "easy.yml", guideline, schema_dir) if (data_dir / "easy.yml").exists() else None
    synonyms_file = data_dir / "search_synonyms.yml"
    synonyms = searchterms.load(synonyms_file, schema_dir) if synonyms_file.exists() else None
    # Earlier editions are read from their git tags (only when there is more than one edition).
    comparisons = comparison_module.for_editions(editions, guideline, data_dir) if editions else {}
    rules_file = data_dir / "draft_rules.yml"
    draft_rules = (draftcheck.load(rules_file, guideline, registry, checklists, schema_dir)
                   if rules_file.exists() else None)
    redirects = redirects_module.load_redirects(data_dir / "redirects.yml", schema_dir)
    report = accessibility.load_report(data_dir / "accessibility.json", schema_dir)
    faq_file = data_dir / "faq.yml"
    faq = faq_module.load(faq_file, guideline, checklists, questions, schema_dir) if faq_file.exists() and checklists else None
    return Site(guideline=guideline, errata=errata, data_dir=data_dir, edition=edition, editions=editions,
                checklists=checklists, accounts=registry, redirects=redirects,
                coverage=coverage, synonyms=synonyms, accessibility=report,
                comparisons=comparisons, glossary=glossary, draft_rules=draft_rules, easy=easy, faq=faq)


def load_site(data_dir: Path, checklists_dir: Path | None, schema_dir: Path | None = None) -> Site:
    """Load, validate and model every data file of `data_dir` and `checklists_dir`, each against
    the schemas in its own folder (raises DataError / DataErrors on bad input); `schema_dir` gives
    the schemas of data kept where there are none (a test's). `checklists_dir=None` loads the
    guideline alone (for tests of the guideline data)."""
    data_dir = Path(data_dir).resolve()
    checklists_dir = Path(checklists_dir).resolve() if checklists_dir else None
    schema_dir = Path(schema_dir).resolve() if schema_dir else None
    folders = [data_dir, *([checklists_dir] if checklists_dir else []), *([schema_dir] if schema_dir else [])]
    return _load(data_dir, checklists_dir, schema_dir, _stamp(*folders))


def load_project(root: Path) -> Site:
    """The site data of the project at `root`: its docs/_data/ and checklists/."""
    return load_site(Path(root) / DATA_FOLDER, Path(root) / CHECKLISTS_FOLDER)
