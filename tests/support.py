"""Helpers shared by tests of every level (importable as `support`: tests/ is on pytest's pythonpath)."""
from __future__ import annotations

import json
import logging
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import yaml

import devenv  # scripts/devenv.py: the build engine (devenv.engine_command)

ROOT = Path(__file__).resolve().parent.parent
# The address the tests' releases publish for (nothing is pushed, no request goes there): not one
# reserved for examples (RFC 2606), which a release refuses; a name under the town's own domain.
RELEASE_SITE_URL = "https://sns.town.wake.lg.jp/guideline/"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
# The project's schemas, for data a test keeps where there are none (fixtures, a test's own folder):
# a loader checks a data file against the schema in the file's own folder unless given `schema_dir`.
DATA_SCHEMAS = ROOT / "docs" / "_data"
CHECKLIST_SCHEMAS = ROOT / "checklists"
DATA = Path(__file__).resolve().parent / "data"


def fixture_checklist_site(name: str = "markup"):
    """The fixture guideline (tests/fixtures/data/valid) with one fixture checklist
    (the checklist part's example, scripts/wakesite/checklists/examples/<name>.yml): the data of the
    unit and the browser tests of checklists."""
    from wakesite import checklists, errata, guideline
    from wakesite.edition import Edition
    from wakesite.site import Site
    valid = FIXTURES / "data" / "valid"
    loaded = guideline.load(valid / "guideline.yml", schema_dir=DATA_SCHEMAS)
    fixes = errata.load(valid / "errata.yml", loaded, schema_dir=DATA_SCHEMAS)
    errata.apply(fixes, loaded)
    checklist = checklists.load(checklists.EXAMPLES / f"{name}.yml", loaded, schema_dir=CHECKLIST_SCHEMAS)
    return Site(guideline=loaded, errata=fixes, data_dir=valid, edition=Edition("2.1", None, None),
                checklists=[checklist])


def markdown_to_html(text: str) -> str:
    """A generated part's Markdown as MkDocs turns it into HTML (the extensions of mkdocs.yml)."""
    import markdown
    return markdown.markdown(text, extensions=["attr_list", "def_list", "admonition", "md_in_html", "tables", "toc"])


def build_site(config_file: Path, site_dir: Path, engine: str | None = None) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` as a person runs it, with the project's engine (devenv.engine():
    MkDocs unless WAKESITE_ENGINE says properdocs) or the one named, and the generator installed
    in .venv (whatever project `config_file` belongs to); returns the finished process."""
    return subprocess.run(
        [*devenv.engine_command(name=engine), "build", "--strict", "-f", str(config_file), "-d", str(site_dir)],
        capture_output=True, text=True, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"), cwd=config_file.parent,
    )


@dataclass
class Built:
    """What a build in this process did: whether it finished, and what it logged."""

    ok: bool
    log: str


def build_in_process(site_dir: Path, data_dir: Path | None = None, checklists_dir: Path | None = None,
                     site_url: str | None = None) -> Built:
    """The project built in this process, as `mkdocs build --strict` builds it (with the engine of
    the run, devenv.engine()), with its data (docs/_data) or its checklists taken from another
    folder (the plugin's options data_folder and checklists_folder): no copy of the project. A
    failed build writes nothing and logs why, as the command prints it."""
    import importlib

    engine = devenv.engine()
    load_config = importlib.import_module(f"{engine}.config").load_config
    build = importlib.import_module(f"{engine}.commands.build").build
    records: list[str] = []
    handler = logging.Handler(logging.INFO)
    handler.emit = lambda record: records.append(f"{record.levelname} {record.getMessage()}")
    logger = logging.getLogger(engine)
    logger.addHandler(handler)
    try:
        config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(site_dir), strict=True, site_url=site_url)
        options = config.plugins["wakesite"].config
        if data_dir is not None:
            options.data_folder = str(data_dir)
        if checklists_dir is not None:
            options.checklists_folder = str(checklists_dir)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
        return Built(True, "\n".join(records))
    except Exception as error:  # the command's Abort (a BuildError, warnings in strict mode) or a bad config
        return Built(False, "\n".join(records + [f"{type(error).__name__}: {error}"]))
    finally:
        logger.removeHandler(handler)


def copy_data(destination: Path) -> tuple[Path, Path]:
    """A copy of the project's data and checklists alone (docs/_data, checklists/, schemas
    included) under `destination`, to edit and build in this process; returns the two folders."""
    copy_project(destination, ("docs/_data", "checklists"))
    return destination / "docs" / "_data", destination / "checklists"


# What a build needs of the project (the generator is the installed package); a release also needs
# scripts/ (release.py, and the tree's own generator, which it builds with). What is never part of
# it (caches, the benchmark's npm packages) is left out of a copy.
PROJECT_PARTS = ("docs", "overrides", "checklists", "mkdocs.yml")
RELEASE_PARTS = PROJECT_PARTS + ("scripts",)
NOT_COPIED = shutil.ignore_patterns("__pycache__", "node_modules", ".cache")


def copy_project(destination: Path, parts: tuple[str, ...] = PROJECT_PARTS) -> Path:
    """A copy of the project's sources (to edit its data in a test); returns its mkdocs.yml."""
    for name in parts:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, destination / name, ignore=NOT_COPIED)
        else:
            shutil.copy2(ROOT / name, destination / name)
    return destination / "mkdocs.yml"


def project_repository(destination: Path) -> Path:
    """A copy of the project, scripts/ included, committed in a new git repository (for releases in tests)."""
    copy_project(destination, RELEASE_PARTS)
    (destination / ".gitignore").write_text("__pycache__/\n/site/\n", encoding="utf-8")
    # gc.auto 0: committing the whole project would start `git gc --auto` in the background,
    # which would repack .git while a test copies it, or outlive the test.
    for args in (["init", "-q", "-b", "main"], ["config", "user.name", "Test"],
                 ["config", "user.email", "test@example.invalid"], ["config", "gc.auto", "0"],
                 ["add", "-A"], ["commit", "-q", "-m", "edition 1.0"]):
        subprocess.run(["git", "-C", str(destination), *args], check=True, capture_output=True)
    return destination


def shell(commands: str, cwd: Path, env: dict) -> subprocess.CompletedProcess:
    """`commands` as typed into bash (stopping at the first that fails), in `cwd`; what they printed."""
    return subprocess.run(["bash", "-e", "-c", commands], cwd=cwd, env=env, capture_output=True, text=True)


def run_readme_lines(lines: str, cwd: Path, env: dict) -> list[subprocess.CompletedProcess]:
    """Each line of README commands (`lines`, as readme_block gives them) in a shell of its own, in
    `cwd`, in order; stops the test at the first that fails, with what it printed."""
    done = []
    for line in lines.strip().splitlines():
        result = shell(line, cwd, env)
        done.append(result)
        assert result.returncode == 0, f"{line}\n{result.stdout}{result.stderr}"
    return done


def fonts_drawn(page, selector: str) -> tuple[int, dict[str, int]]:
    """What Chromium actually draws the text of the elements matching `selector` with (not what
    the CSS asks for), in the media the page emulates now: how many elements, and the glyphs per
    font family."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
    nodes = cdp.send("DOM.querySelectorAll", {"nodeId": root, "selector": selector})["nodeIds"]
    used: dict[str, int] = {}
    for node in nodes:
        for font in cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]:
            used[font["familyName"]] = used.get(font["familyName"], 0) + font["glyphCount"]
    cdp.detach()  # its DOM and CSS agents would otherwise watch the tab for the tests after
    return len(nodes), used


def pdf_fonts(pdf: Path) -> list[tuple[str, str, bool]]:
    """Every font of a PDF file as pdffonts lists it: (its name without the subset prefix ABCDEF+,
    its type, e.g. "CID TrueType" or "Type 3", whether it is embedded)."""
    rows = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines()
    fonts = []
    for row in rows[2:]:  # after the header and its rule
        name, rest = row.split(" ", 1)
        cells = rest.split()  # the type (one word or two), encoding, emb, sub, uni, object number, generation
        fonts.append((name.split("+", 1)[-1], " ".join(cells[:-6]), cells[-5] == "yes"))
    return fonts


def readme_block(first_line: str) -> str:
    """The README's ```sh block that starts with `first_line`, as written (tests run README commands
    exactly as the README shows them)."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```sh\n(.*?)```", readme, re.DOTALL)
    found = [block for block in blocks if block.startswith(first_line)]
    assert len(found) == 1, f"no single README block starting {first_line!r}"
    return found[0]


def site_pages(lang: str | None = None) -> list[str]:
    """The page paths the site must have, from docs/ ('' and 'policy/' …, 'en/policy/' …), in
    the order of wakesite.pagepath.reading_pages (a test checks the built site against it); only the
    pages of `lang` when it is given."""
    paths = []
    for source in sorted((ROOT / "docs").rglob("*.md")):
        rel = source.relative_to(ROOT / "docs").as_posix()
        english = rel.endswith(".en.md")
        rel = rel.removesuffix(".en.md" if english else ".md")
        path = "" if rel == "index" else rel.removesuffix("/index") + "/" if rel.endswith("/index") else rel + "/"
        if lang is None or lang == ("en" if english else "ja"):
            paths.append(("en/" if english else "") + path)
    return sorted(paths, key=lambda p: (p.startswith("en/"), p))


def check_visit(visit, runs: int) -> None:
    """A page visit of the crawl (wakesite.a11y.Visit) made `runs` axe runs and found nothing."""
    assert len(visit.results) == runs
    problems = visit.violations() + visit.broken + visit.foreign
    assert not problems, "\n".join(problems)


# ---- Hostile data (tests/fixtures/hostile.yml): the same table for every level of test ----

HOSTILE_SPEC = FIXTURES / "hostile.yml"
MARKER = "wkhostile"


def hostile_table() -> tuple[list[str], list[dict]]:
    spec = yaml.safe_load(HOSTILE_SPEC.read_text(encoding="utf-8"))
    return spec["values"], spec["fields"]


def _clause_path(node, clause_id: str, path: tuple = ()) -> tuple | None:
    if isinstance(node, dict):
        if node.get("id") == clause_id:
            return path
        children = node.items()
    elif isinstance(node, list):
        children = enumerate(node)
    else:
        return None
    for key, child in children:
        found = _clause_path(child, clause_id, path + (key,))
        if found is not None:
            return found
    return None


def field_steps(data, field: dict) -> list:
    """The keys and list indexes that lead from a data file's top to `field` (a row of the table:
    `path`, or `clause` and `key`)."""
    steps = list(_clause_path(data, field["clause"])) + field["key"].split("/") if "clause" in field \
        else field["path"].split("/")
    return [int(s) if isinstance(s, str) and s.isdigit() else s for s in steps]


def field_value(data, field: dict):
    """The value a field of the table has in `data` (None for an `insert` row)."""
    if "insert" in field:
        return None
    node = data
    for step in field_steps(data, field):
        node = node[step]
    return node


def put_field(data, field: dict, value: str) -> None:
    """Put `value` into `field` of `data` (an `insert` row adds its entry, with `value` for {value})."""
    steps = field_steps(data, field)
    parent = data
    for step in steps[:-1]:
        parent = parent[step]
    if "insert" in field:  # into its list, made when the file has none yet (guideline.yml `removed`)
        parent.setdefault(steps[-1], []).append(_with_value(field["insert"], value))
    else:
        parent[steps[-1]] = value


def _with_value(node, value: str):
    """A copy of an `insert` entry with {value} replaced."""
    if isinstance(node, dict):
        return {key: _with_value(child, value) for key, child in node.items()}
    return node.replace("{value}", value) if isinstance(node, str) else node


def dump_data(name: str, data, escaped: bool = False) -> str:
    """A data file's text for `data`: JSON for .json, YAML otherwise, one line per value (so a
    value's line is the line its text is on). `escaped`: every text in double quotes, with every
    character outside ASCII written as an escape (\\u202e). Either way, a draft quoted as pasted
    (datafile.PASTED_VALUES: the draft check's examples) keeps its invisible characters written as
    escapes, as the project's file has them: written as themselves, the file would be refused."""
    if name.endswith(".json"):
        return json.dumps(data, ensure_ascii=escaped, indent=1) + "\n"
    from wakesite import datafile
    pasted = datafile.PASTED_VALUES.get(Path(name).name)
    text = yaml.dump(_mark_pasted(data, pasted, "") if pasted else data, Dumper=_QuotingDumper if escaped else _Dumper,
                     allow_unicode=not escaped, sort_keys=False, width=1_000_000)
    return _PASTED_ESCAPE.sub(lambda found: "\\u" + found.group(1), text)


class _Pasted(str):
    """A draft quoted as pasted, its invisible characters stood in for by _PASTED_ESCAPE's marks."""


_PASTED_ESCAPE = re.compile("\ue000([0-9a-f]{4})\ue001")  # private-use marks: no data file holds them


def _mark_pasted(node, pasted, path: str):
    from wakesite import datafile
    if isinstance(node, dict):
        return {key: _mark_pasted(child, pasted, f"{path}/{key}".lstrip("/")) for key, child in node.items()}
    if isinstance(node, list):
        return [_mark_pasted(child, pasted, f"{path}/{index}".lstrip("/")) for index, child in enumerate(node)]
    if isinstance(node, str) and pasted.match(path) and datafile.forbidden_characters(node, emoji_joiners=True):
        for index, char in reversed(datafile.forbidden_characters(node, emoji_joiners=True)):
            node = f"{node[:index]}\ue000{ord(char):04x}\ue001{node[index + 1:]}"
        return _Pasted(node)
    return node


_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _QuotingDumper(_Dumper):
    """Every text in double quotes (numbers, booleans and null stay as they are)."""


_QuotingDumper.add_representer(str, lambda dumper, text: dumper.represent_scalar("tag:yaml.org,2002:str", text, style='"'))
_Dumper.add_representer(_Pasted, lambda dumper, text: dumper.represent_scalar("tag:yaml.org,2002:str", str(text), style='"'))
_QuotingDumper.add_representer(_Pasted, lambda dumper, text: dumper.represent_scalar("tag:yaml.org,2002:str", str(text), style='"'))


def write_hostile_variant(root: Path, variant: int) -> dict[str, str]:
    """Put the hostile values into the data files under `root` (a copy of the project's docs/_data
    and checklists/): field i gets value (i + variant); returns each field's marker → its value."""
    from wakesite import datafile
    values, fields = hostile_table()
    documents: dict[str, object] = {}
    placed = {}
    for index, field in enumerate(fields):
        marker = f"{MARKER}{index:02d}"
        value = values[(index + variant) % len(values)].replace(MARKER, marker)
        if marker not in value:
            value = f"{marker} {value}"  # every field's value carries its marker
        if field["file"] not in documents:  # each file parsed once (setdefault parsed it for every field)
            documents[field["file"]] = datafile.safe_load((root / field["file"]).read_text(encoding="utf-8"))
        data = documents[field["file"]]
        put_field(data, field, value)
        placed[marker] = value
    for name, data in documents.items():
        (root / name).write_text(dump_data(name, data), encoding="utf-8")
    return placed


def refused_table() -> dict:
    """The classes of values and files the data may not hold (hostile.yml, `refused`)."""
    return yaml.safe_load(HOSTILE_SPEC.read_text(encoding="utf-8"))["refused"]


class _Leaks(HTMLParser):
    """Where a hostile value became markup instead of text, and which markers show as text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.leaks: list[str] = []
        self.text_markers: set[str] = set()
        self.open: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        for name, value in attrs:
            if MARKER in name:
                self.leaks.append(f"<{tag}> has an attribute made from data: {name}={value!r}")
            if name in ("href", "src", "action") and (value or "").strip().lower().startswith("javascript:"):
                self.leaks.append(f"<{tag} {name}={value!r}>: a javascript: link")
        if tag not in ("br", "img", "input", "meta", "link", "hr", "wbr", "source"):
            self.open.append((tag, values))

    def handle_endtag(self, tag):
        while self.open:
            if self.open.pop()[0] == tag:
                break

    def handle_comment(self, data):
        if MARKER in data or "wakesite:" in data:
            self.leaks.append(f"a comment made from data: <!--{data[:60]}-->")

    def handle_data(self, data):
        if MARKER not in data:
            return
        tags = [tag for tag, _ in self.open]
        if "script" in tags:
            script = next(values for tag, values in reversed(self.open) if tag == "script")
            # JSON data blocks (not run; written with render.script_json) may hold data.
            if script.get("type") not in ("application/ld+json", "application/json"):
                self.leaks.append(f"a script holds data: {data[:80]!r}")
            elif "<" in data:
                self.leaks.append(f"JSON-LD holds a '<': {data[:80]!r}")
            return
        if "style" not in tags:
            self.text_markers |= set(re.findall(MARKER + r"\d\d", data))


def hostile_leaks(html: str) -> tuple[list[str], set[str]]:
    """(where data became markup, the markers shown as text) in one HTML page or fragment."""
    parser = _Leaks()
    parser.feed(html)
    parser.close()
    leaks = list(parser.leaks)
    # Markdown from data: emphasis, strong text or a heading whose content starts with a marker.
    leaks += [f"Markdown in data was read as markup: {m.group(0)[:80]!r}"
              for m in re.finditer(r"<(em|strong|h[1-6])>\s*" + MARKER + r"\d\d", html)]
    return leaks, parser.text_markers


# ---- Two builds of the same site (tests/build/test_engines.py): what may differ between them ----

# The only bytes allowed to differ between a MkDocs and a ProperDocs build: Material's generator
# line in <head> of every HTML page, which names the engine and its version. MkDocs writes
# `<meta name="generator" content="mkdocs-1.6.1, mkdocs-material-9.8.1">`, ProperDocs 1.6.7
# `<meta name="generator" content="mkdocs-ProperDocs 1.6.7, mkdocs-material-9.8.1">` (its
# `mkdocs_version` template variable). Only this tag, only in .html files, is normalised.
GENERATOR_LINE = re.compile(rb'<meta name="generator" content="mkdocs-[^"<>]*, mkdocs-material-[^"<>]*">')


def _site_files(site_dir: Path) -> dict[str, Path]:
    return {path.relative_to(site_dir).as_posix(): path for path in sorted(site_dir.rglob("*")) if path.is_file()}


def site_differences(one: Path, other: Path) -> list[str]:
    """How two builds of a site differ (empty: the same site): files only one of them has, and
    every file whose bytes differ (HTML after GENERATOR_LINE is set aside, with the first line
    that differs), except the PDFs, which are compared by page count (Chromium prints a date into
    them)."""
    from wakesite.checks.published import pdf_page_count

    files, other_files = _site_files(one), _site_files(other)
    problems = [f"only in {one.name}: {rel}" for rel in files if rel not in other_files]
    problems += [f"only in {other.name}: {rel}" for rel in other_files if rel not in files]
    for rel in sorted(set(files) & set(other_files)):
        a, b = files[rel].read_bytes(), other_files[rel].read_bytes()
        if rel.endswith(".pdf"):
            if pdf_page_count(a) != pdf_page_count(b):
                problems.append(f"{rel}: {pdf_page_count(a)} page(s) against {pdf_page_count(b)}")
            continue
        if rel.endswith(".html"):
            a, b = GENERATOR_LINE.sub(b"<generator>", a), GENERATOR_LINE.sub(b"<generator>", b)
        if a != b:
            lines = zip(a.splitlines(), b.splitlines())
            first = next(((n, x, y) for n, (x, y) in enumerate(lines, 1) if x != y), None)
            problems.append(f"{rel}: differs" + (f" from line {first[0]}: {first[1][:120]!r} against {first[2][:120]!r}"
                                                 if first else " in length"))
    return problems


class AccountClaims(HTMLParser):
    """The JSON-LD blocks and the rel="me" links of a page: how it claims the town's accounts."""

    def __init__(self):
        super().__init__()
        self.json_ld: list[str] = []
        self.rel_me: list[str] = []
        self._in_ld = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and attrs.get("type") == "application/ld+json":
            self._in_ld = True
            self.json_ld.append("")
        if tag == "a" and "me" in (attrs.get("rel") or "").split():
            self.rel_me.append(attrs["href"])

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_ld = False

    def handle_data(self, data):
        if self._in_ld:
            self.json_ld[-1] += data


def account_claims(html_file: Path) -> AccountClaims:
    parser = AccountClaims()
    parser.feed(html_file.read_text(encoding="utf-8"))
    return parser


def launch_browser(playwright, program: Path | None = None):
    """Chromium as the browser tests run it (`program`: wakesite.chromium.CHROMIUM unless named).
    The build's PDF printer launches it the same way, but for the one renderer process of all
    tabs: a test works in one tab at a time (a new tab took 0.1 s more CPU). A missing Chromium
    fails the test with what to install; it is never a skip."""
    import pytest

    from wakesite import chromium

    try:
        return chromium.launch(playwright, chromium=program or chromium.CHROMIUM, one_renderer=True)
    except chromium.ChromiumMissing as error:
        pytest.fail(str(error))
