"""Performance benchmark of the site, measured side by side in one run on this machine.

    .venv/bin/python scripts/benchmark.py          # writes scripts/benchmark/report.json and the README's tables
    .venv/bin/python scripts/benchmark.py --no-lighthouse
    .venv/bin/python scripts/benchmark.py --quick --only builds,profile,edit --report /tmp/report.json
    .venv/bin/python scripts/benchmark.py --suite 3

Not a test (timings depend on the machine); the test suite does not run it. What each part
measures and the budgets: README, section "Benchmark". In short: builds (a first build, a rebuild,
the rest of a first build without printing, against the fair baseline, Material + static-i18n over
the built Markdown of every page, and the bare one, Material over docs/ as it is), a profile of a
first build and a rebuild, edit to browser under `serve`, first-visit bytes, search and draft-check
latency, the PDFs, Lighthouse on /policy/ and /en/policy/, and (--suite) the test suite in a fresh
clone. Every part records the load average before and after it.
Pages are served by wakesite.localserver with gzip over keep-alive HTTP/1.1, as production
hosting (GitHub Pages, nginx) sends them; Lighthouse's throttled timings depend on it.
"""
from __future__ import annotations

import argparse
import datetime
import gzip
import json
import os
import importlib
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]

import devenv  # noqa: E402  (the build engine: devenv.ENGINE, WAKESITE_ENGINE)
from wakesite import buildcache, checklists, chromium, localserver, pdf, searchprobe  # noqa: E402
from wakesite.site import load_project  # noqa: E402

HERE = ROOT / "scripts" / "benchmark"
REPORT = HERE / "report.json"
QUERIES = ROOT / "tests" / "data" / "search_queries.yml"
QUERIES_V2 = ROOT / "tests" / "data" / "search_queries_v2.yml"  # typed on the page each user is on (`page`)
PAGES = ["policy/", "en/policy/", "guideline/", "checklists/pre-post/", "draft-check/"]
POLICY_PAGES = ("policy/", "en/policy/")  # budget policy_kb each
BUDGETS = {"build_ratio": 1.5, "cold_pdfs_s": 10.0, "cold_rest_ratio": 2.0, "policy_kb": 75.0,
           "edit_s": 1.5, "suite_s": 240.0,
           "search_ms": 50.0, "lighthouse": 100, "draft_ms": 16.0, "draft_kb": 100.0,
           "draft_long_ms": 250.0, "draft_rule_ms": 50.0, "search_long_growth": 2.5}
LIGHTHOUSE_TARGETS = {"performance": 99}  # the others: BUDGETS["lighthouse"] (issue 29)
DRAFT_PAGE = "draft-check/"
DRAFT_CHARS = 2000
DRAFT_LONG_CHARS = 100_000


def _env():
    return dict(os.environ, NO_MKDOCS_2_WARNING="1")


def _now() -> str:
    return datetime.datetime.now().astimezone().isoformat(timespec="seconds")


def load_average() -> list[float]:
    """The machine's load average (1, 5, 15 minutes): recorded with every figure, which means
    little without it on a shared machine."""
    return [round(x, 1) for x in os.getloadavg()]


RUNS = 5  # warm and baseline builds: the median of this many, taken alternately so drift hits all
PDF_LOG = re.compile(r"Checklist PDFs: (\d+) \((\d+) printed, (\d+) unchanged from the build cache\) in ([\d.]+) s")


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed_build(config: Path, site_dir: Path, strict: bool = True, cache: Path | None = None,
                cwd: Path = ROOT, profile: Path | None = None) -> tuple[float, str, float]:
    """One build in a process of its own: (wall seconds, log, CPU seconds of the process and its
    children). On a loaded machine the CPU time is the steadier figure; `profile` runs it under
    cProfile, writing the statistics there."""
    engine = devenv.engine_command()
    if profile:
        engine = [engine[0], "-c", _PROFILED_RUN, str(profile), engine[-1]]
    args = [*engine, "build", "-f", str(config), "-d", str(site_dir)]
    if strict:
        args.append("--strict")
    env = devenv.build_env(cwd, _env())
    if cache:
        env[buildcache.VARIABLE] = str(cache)
    cpu, started = _children_cpu(), time.monotonic()
    result = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True)
    elapsed, cpu = time.monotonic() - started, _children_cpu() - cpu
    if result.returncode != 0:
        raise SystemExit(f"build with {config} failed:\n{result.stdout}{result.stderr}")
    return elapsed, result.stdout + result.stderr, cpu


# The engine's command line under cProfile, timed in CPU time of the process (time.process_time):
# on a loaded machine, wall time would count the time the process waited for a CPU.
_PROFILED_RUN = """
import cProfile, runpy, sys, time
stats, engine = sys.argv[1:3]
sys.argv = [engine, *sys.argv[3:]]
profiler = cProfile.Profile(time.process_time)
try:
    profiler.runcall(runpy.run_module, engine, run_name="__main__", alter_sys=True)
except SystemExit as done:
    code = done.code
else:
    code = 0
profiler.dump_stats(stats)
sys.exit(code)
"""


class _ConfigLoader(yaml.SafeLoader):
    """mkdocs.yml as data: `!ENV [NAME, default]` read as its default (the baselines build for the
    local preview address, as the project's build does without SITE_URL)."""


_ConfigLoader.add_constructor("!ENV", lambda loader, node: loader.construct_sequence(node)[-1])


def project_config() -> dict:
    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_ConfigLoader)


def bare_config(tmp: Path) -> Path:
    """The same docs/ with Material and the search plugin only: no hooks, no i18n, no overrides."""
    config = {
        "site_name": "bare", "docs_dir": str(ROOT / "docs"), "exclude_docs": "_data/\n",
        "theme": {"name": "material", "language": "ja", "font": False},
        "plugins": ["search"],
        "markdown_extensions": ["attr_list", "def_list", "admonition", "md_in_html", "tables",
                                {"toc": {"permalink": "¶"}}],
    }
    path = tmp / "mkdocs-bare.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return path


class _BuiltMarkdown:
    """A plugin for one in-process build of the project: after the project's hooks filled a page
    (priority -1000: last), writes the page's Markdown, raw HTML blocks put back and its title as
    front matter, to the same path under `out`."""

    def __init__(self, docs: Path, out: Path):
        self.docs, self.out, self.pages = docs, out, 0

    def on_page_markdown(self, markdown, page, config, files):
        from wakesite import render

        text = render.put_back_raw_html(markdown, page.meta.get("wakesite_raw_html", []))
        meta = {key: str(value) if isinstance(value, str) else value  # a title may be Markup
                for key, value in page.meta.items() if not key.startswith("wakesite_")}
        if meta:
            text = "---\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\n\n" + text
        target = self.out / Path(page.file.abs_src_path).relative_to(self.docs)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        self.pages += 1
        return markdown

    on_page_markdown.mkdocs_priority = -1000


def write_built_markdown(out: Path, site_dir: Path, cache: Path) -> int:
    """docs/ as plain Markdown: every page (both languages) as the project's build makes it, the
    other files of docs/ as they are. Built in this process with the project's engine; returns
    the number of pages."""
    engine = devenv.engine()
    config_module = importlib.import_module(f"{engine}.config")
    build_module = importlib.import_module(f"{engine}.commands.build")
    docs = (ROOT / "docs").resolve()
    shutil.copytree(docs, out, ignore=shutil.ignore_patterns("_data", "*.md"))
    saved = {key: os.environ.get(key) for key in (buildcache.VARIABLE, "NO_MKDOCS_2_WARNING")}
    os.environ.update({buildcache.VARIABLE: str(cache), "NO_MKDOCS_2_WARNING": "1"})
    try:
        config = config_module.load_config(str(ROOT / "mkdocs.yml"), site_dir=str(site_dir))
        capture = _BuiltMarkdown(docs, out)
        config.plugins["wakesite-benchmark-built-markdown"] = capture
        config.plugins.on_startup(command="build", dirty=False)
        build_module.build(config)
        config.plugins.on_shutdown()
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    return capture.pages


def fair_config(tmp: Path, docs: Path) -> Path:
    """The fair baseline: the project's mkdocs.yml (Material, its search settings, static-i18n
    with both languages, the same nav and Markdown extensions) over the built Markdown in `docs`,
    without the project's plugin and templates (no overrides/, no watch, no version selector)."""
    config = project_config()
    for key in ("hooks", "watch"):
        config.pop(key, None)
    # The project's own plugin (wakesite.plugin, the generator) is what the baseline leaves out.
    config["plugins"] = [p for p in config["plugins"] if p != "wakesite" and not (isinstance(p, dict) and "wakesite" in p)]
    config["theme"].pop("custom_dir", None)
    config.get("extra", {}).pop("version", None)
    config["extra_css"] = []  # wakesite.css is in overrides/
    config["docs_dir"] = str(docs)
    path = tmp / "mkdocs-fair.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return path


def _pdf_log(log: str) -> dict:
    found = PDF_LOG.search(log)
    if not found:
        raise SystemExit(f"the build log does not say how the PDFs were made:\n{log}")
    total, printed, reused, seconds = found.groups()
    return {"pdfs": int(total), "printed": int(printed), "reused": int(reused), "seconds": float(seconds)}


def _ratio(a: float, b: float) -> float:
    return round(a / b, 2)


def measure_builds(tmp: Path, runs: int = RUNS) -> tuple[dict, Path]:
    load_before = load_average()
    site, cache = tmp / "site", tmp / "cache"  # a build cache of this run only: the first build is cold
    cold, log, cold_cpu = timed_build(ROOT / "mkdocs.yml", site, cache=cache)
    cold_pdfs = _pdf_log(log)
    pages = write_built_markdown(tmp / "fair-docs", tmp / "capture-site", cache)
    fair = fair_config(tmp, tmp / "fair-docs")
    bare = bare_config(tmp)
    figures = {"warm": [], "bare": [], "fair": [], "first_rest": []}
    warm_pdfs = []
    for _ in range(runs):
        figures["bare"].append(timed_build(bare, tmp / "bare", strict=False))
        figures["fair"].append(timed_build(fair, tmp / "fair", strict=False))
        run = timed_build(ROOT / "mkdocs.yml", site, cache=cache)
        figures["warm"].append(run)
        warm_pdfs.append(_pdf_log(run[1]))
        # The rest of a first build on its own: every template compiled again (an empty template
        # cache), the PDFs taken from the cache: the same work as a first build but the printing.
        shutil.rmtree(cache / "jinja")
        figures["first_rest"].append(timed_build(ROOT / "mkdocs.yml", site, cache=cache))
    wall = {kind: statistics.median(run[0] for run in done) for kind, done in figures.items()}
    cpu = {kind: statistics.median(run[2] for run in done) for kind, done in figures.items()}
    cold_rest = cold - cold_pdfs["seconds"]
    return {
        "date": _now(), "load_average_before": load_before, "load_average_after": load_average(), "runs": runs,
        "bare_build_s": round(wall["bare"], 2), "fair_build_s": round(wall["fair"], 2),
        "fair_pages": pages,
        "cold_build_s": round(cold, 2), "cold_cpu_s": round(cold_cpu, 2),
        "cold_pdfs": cold_pdfs,
        "cold_build_without_pdfs_s": round(cold_rest, 2),
        "warm_build_s": round(wall["warm"], 2),
        "warm_runs_s": [round(run[0], 2) for run in figures["warm"]],
        "bare_runs_s": [round(run[0], 2) for run in figures["bare"]],
        "fair_runs_s": [round(run[0], 2) for run in figures["fair"]],
        "cpu_s": {kind: round(value, 2) for kind, value in cpu.items()},
        "warm_pdfs_printed": [run["printed"] for run in warm_pdfs],
        "ratio_cold": _ratio(cold, wall["bare"]),
        "ratio_cold_without_pdfs": _ratio(cold_rest, wall["bare"]),
        "ratio_warm": _ratio(wall["warm"], wall["bare"]),
        "fair_ratio_cold_without_pdfs": _ratio(cold_rest, wall["fair"]),
        "first_rest_s": round(wall["first_rest"], 2),
        "first_rest_runs_s": [round(run[0], 2) for run in figures["first_rest"]],
        "fair_ratio_first_rest": _ratio(wall["first_rest"], wall["fair"]),
        "fair_ratio_first_rest_cpu": _ratio(cpu["first_rest"], cpu["fair"]),
        "fair_ratio_warm": _ratio(wall["warm"], wall["fair"]),
        "fair_ratio_warm_cpu": _ratio(cpu["warm"], cpu["fair"]),
        "budget_ratio": BUDGETS["build_ratio"],
        "budget_cold_pdfs_s": BUDGETS["cold_pdfs_s"],
        "budget_cold_rest_ratio": BUDGETS["cold_rest_ratio"],
        "met_warm": wall["warm"] / wall["fair"] <= BUDGETS["build_ratio"],
        "met_cold_pdfs": cold_pdfs["seconds"] <= BUDGETS["cold_pdfs_s"],
        "met_cold_without_pdfs": wall["first_rest"] / wall["fair"] <= BUDGETS["cold_rest_ratio"],
        "note": ("budgets against the fair baseline: the project's mkdocs.yml (Material, static-i18n with both "
                 "languages, the same nav, search settings and Markdown extensions) over the Markdown the project's "
                 "build makes of every page (written out by an in-process build, raw HTML and titles in it), without "
                 "the project's hooks and templates; Python-Markdown parses the raw HTML blocks there, which the "
                 "project's build sets aside. bare build: same docs/, Material + search plugin only, no hooks and no "
                 "i18n, so the generated pages are near-empty stubs and the .en.md files are built as pages of "
                 "their own. cold: empty build cache (fresh clone): every template compiled and every PDF printed "
                 "by Chromium; warm: the same build again with nothing changed (templates and PDFs reused from the "
                 "cache, keyed by their inputs). first_rest: the rest of a first build measured on its own, "
                 "median of the runs: a build with an empty template cache and the PDFs from the cache (what "
                 "a first build does but printing); the budget of the rest applies to it, and "
                 "cold_build_without_pdfs_s (the one first build less the time its log gives the PDFs) is "
                 "shown beside it. cpu_s: median CPU seconds of each build's processes (steadier than wall "
                 "time on a loaded machine)"),
    }, site


# Where a build's time goes, from a cProfile of it (each figure is the time under the profiler,
# which slows Python code down: read them as shares). Phases: (label, file ending, function).
PHASES = [
    ("Python imports (compiling the sources that have no .pyc)", "<frozen importlib._bootstrap>", "_find_and_load"),
    ("reading mkdocs.yml, loading the plugins and hooks", "config/base.py", "load_config"),
    ("the site's data loaded and checked (wakesite.site.load_site)", "wakesite/site.py", "load_site"),
    ("pages: Markdown → HTML, with the page hooks (every language)", "commands/build.py", "_populate_page"),
    ("pages: rendered into the theme's templates (every language)", "commands/build.py", "_build_page"),
    ("theme and docs files copied", "structure/files.py", "copy_static_files"),
    ("static-i18n: the other language's whole build, nested", "mkdocs_static_i18n/plugin.py", "on_post_build"),
]


def _where(filename: str) -> tuple[str, str | None]:
    """A profiled function's file → (its part: a package, 'wakesite', 'hooks', 'python'), and
    the wakesite module it is in."""
    if "/scripts/wakesite/" in filename:
        return "wakesite", filename.split("/scripts/wakesite/", 1)[1]
    if "/overrides/hooks/" in filename:
        return "hooks (overrides/hooks)", None
    found = re.search(r"site-packages/([^/]+)", filename)
    if found:
        return found.group(1).removesuffix(".py"), None
    if "/overrides/wakesite/" in filename:
        return "the generator's templates (compiled Jinja)", None
    return "Python itself (standard library, built-ins)", None


def summarise_profile(stats_file: Path, top: int = 12) -> dict:
    import pstats

    stats = pstats.Stats(str(stats_file)).stats
    parts: dict[str, float] = {}
    modules: dict[str, float] = {}
    hooks, functions, phases = [], [], {}
    for (filename, _line, name), (_primitive, calls, own, cumulative, _callers) in stats.items():
        part, module = _where(filename)
        parts[part] = parts.get(part, 0.0) + own
        if module:
            modules[module] = modules.get(module, 0.0) + own
            functions.append((f"{module.removesuffix('.py')}.{name}", own, calls))
        # The MkDocs events the project answers: the plugin's methods (wakesite.plugin; hook
        # files in overrides/hooks/ before issue 28).
        if name.startswith("on_") and ("/overrides/hooks/" in filename or filename.endswith("/scripts/wakesite/plugin.py")):
            hooks.append((f"{Path(filename).name}:{name}", cumulative, calls))
        for label, ending, function in PHASES:
            if name == function and filename.endswith(ending):
                phases[label] = phases.get(label, 0.0) + cumulative
    compiled = sum(v[3] for (f, _l, n), v in stats.items() if n == "source_to_code")
    total = sum(parts.values())
    ranked = lambda pairs: sorted(pairs, key=lambda item: -item[1])  # noqa: E731
    return {
        "total_s": round(total, 2),
        "compiling_python_sources_s": round(compiled, 2),
        "phases": [[label, round(phases.get(label, 0.0), 2)] for label, _e, _f in PHASES],
        "hooks": [[name, round(cum, 2), calls] for name, cum, calls in ranked(hooks)[:top]],
        "wakesite_functions": [[name, round(cum, 2), calls] for name, cum, calls in ranked(functions)[:top]],
        "wakesite_modules": [[name, round(own, 2)] for name, own in ranked(modules.items())[:top]],
        "parts": [[name, round(own, 2)] for name, own in ranked(parts.items())[:top]],
    }


def profile_builds(tmp: Path) -> dict:
    """A first build (empty cache) and a rebuild (nothing changed), each under cProfile in a
    process of its own, as `mkdocs build` runs them."""
    load_before = load_average()
    cache = tmp / "profile-cache"
    figures = {}
    for kind in ("first", "rebuild"):
        stats = tmp / f"{kind}.prof"
        seconds, _log, cpu = timed_build(ROOT / "mkdocs.yml", tmp / "profile-site", cache=cache, profile=stats)
        figures[kind] = {"wall_s": round(seconds, 2), "cpu_s": round(cpu, 2), **summarise_profile(stats)}
    return {"date": _now(), "load_average_before": load_before, "load_average_after": load_average(), **figures,
            "note": "cProfile of `mkdocs build --strict` (first: empty build cache; rebuild: nothing changed): "
                    "CPU seconds under the profiler, which slows Python code several times, so read them as shares. "
                    "phases and hooks: cumulative (a phase includes the hooks it runs; the nested English build "
                    "includes its own pages); wakesite_functions, wakesite_modules and parts: the time spent in "
                    "their own code. CPU time of the build's process (time.process_time): Chromium printing "
                    "the PDFs is another process, and waiting for it or for a CPU does not count"}


# Edit to browser: an editor's change to one clause's Japanese text while the site is served, to
# the page showing it. The clause is the scope (2.), a paragraph no correction of errata.yml touches.
EDIT_PAGE = "guideline/"
EDIT_LINE = re.compile(r"^( +ja: このガイドラインは、町職員.*)$", re.MULTILINE)
BUILT_LOG = re.compile(r"Documentation built in ([\d.]+) seconds")


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def measure_edit(browser, tmp: Path, edits: int) -> dict:
    """Serve a copy of the project as the README's command does (the engine's `serve`, live
    reload), open the guideline in Chromium, and time each edit of guideline.yml's scope clause
    from the file written to the page showing the new text (its load event after live reload)."""
    import threading

    sys.path.insert(0, str(ROOT / "tests"))
    import support  # the tests' copy of the project's sources: the same parts a build needs

    project = tmp / "edit-project"
    support.copy_project(project)
    data = project / "docs" / "_data" / "guideline.yml"
    original = data.read_text(encoding="utf-8")
    if len(EDIT_LINE.findall(original)) != 1:
        raise SystemExit(f"{data}: the scope clause's Japanese line is not there once (EDIT_LINE)")
    port = _free_port()
    env = devenv.build_env(project, _env())
    env[buildcache.VARIABLE] = str(tmp / "edit-cache")
    load_before = load_average()
    server = subprocess.Popen([*devenv.engine_command(), "serve", "--dev-addr", f"127.0.0.1:{port}"],
                              cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    log: list[str] = []
    reader = threading.Thread(target=lambda: log.extend(iter(server.stdout.readline, "")), daemon=True)
    reader.start()
    times, rebuilds = [], []
    try:
        deadline = time.monotonic() + 600
        while not any("Serving on" in line for line in log):
            if server.poll() is not None or time.monotonic() > deadline:
                raise SystemExit("the served copy did not start:\n" + "".join(log))
            time.sleep(0.1)
        context = browser.new_context()
        page = context.new_page()
        page.goto(f"http://127.0.0.1:{port}/{EDIT_PAGE}")
        for number in range(1, edits + 1):
            marker = f"（計測{number}）"
            built_before = len(BUILT_LOG.findall("".join(log)))
            started = time.monotonic()
            data.write_text(EDIT_LINE.sub(lambda m: m.group(1) + marker, original), encoding="utf-8")
            while True:  # a reload can come from an earlier change: wait for the one that shows it
                with page.expect_event("load", timeout=120_000):
                    pass
                if marker in page.inner_text("main"):
                    break
            times.append(time.monotonic() - started)
            time.sleep(1)  # let the server finish (a second change event of the same write)
            rebuilds += [float(x) for x in BUILT_LOG.findall("".join(log))[built_before:]]
        context.close()
    finally:
        server.terminate()
        server.wait(timeout=30)
    median = statistics.median(times)
    return {"date": _now(), "load_average_before": load_before, "load_average_after": load_average(),
            "page": "/" + EDIT_PAGE, "edits": len(times), "median_s": round(median, 2),
            "each_s": [round(t, 2) for t in times], "rebuilds_s": rebuilds,
            "budget_s": BUDGETS["edit_s"], "met": median <= BUDGETS["edit_s"],
            "note": "a copy of the project served by the engine's `serve` (live reload, as scripts/serve.py); "
                    "from guideline.yml written (one clause's Japanese changed) to the page's load event after "
                    "the reload, with the new text in it; rebuilds_s: what `serve` logged for its rebuilds "
                    "(the rest is noticing the change: it polls every 0.1 s, waits 0.1 s for more, and the reload)"}


def reference_build(tmp: Path) -> dict:
    """How fast the machine is just now: one first build of the checkout with the cache off (the
    work a release does, Chromium's printing included). On this shared 2-CPU machine the same
    build took 6.0 s on one morning and 7.4 s half an hour later; a suite's minutes mean little
    without it."""
    seconds, _, cpu = timed_build(ROOT / "mkdocs.yml", tmp / "reference-site", cache=Path("off"))
    shutil.rmtree(tmp / "reference-site", ignore_errors=True)
    return {"seconds": round(seconds, 2), "cpu_s": round(cpu, 2)}


def measure_suite(runs: int) -> dict:
    """The README's test command in a fresh clone (set-up included), `runs` times; before and
    after each, a reference build (how fast the machine was)."""
    commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "HEAD"], capture_output=True, text=True,
                            check=True).stdout.strip()
    python3 = shutil.which("python3") or sys.executable
    each = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory(prefix="wakesite-suite-") as tmp:
            clone = Path(tmp) / "clone"
            subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)
            subprocess.run(["git", "-C", str(clone), "checkout", "-q", "--detach", commit], check=True)
            reference_before = reference_build(Path(tmp))
            load_before = load_average()
            started = time.monotonic()
            result = subprocess.run([python3, "scripts/test.py"], cwd=clone, capture_output=True, text=True,
                                    env={k: v for k, v in os.environ.items() if k != "PYTHONPATH"})
            seconds = time.monotonic() - started
            counts = dict((kind, int(n)) for n, kind in
                          re.findall(r"(\d+) (passed|failed|errors?|skipped)", result.stdout.splitlines()[-1]
                                     if result.stdout.strip() else ""))
            load_after = load_average()
            # What failed, as pytest's summary names it (-ra): a failed run must say which test.
            failures = [line[:500] for line in result.stdout.splitlines() if line.startswith(("FAILED ", "ERROR "))]
            each.append({"seconds": round(seconds, 1), "returncode": result.returncode, "counts": counts,
                         "failures": failures,
                         "load_average_before": load_before, "load_average_after": load_after,
                         "reference_build": [reference_before, reference_build(Path(tmp))]})
    median = statistics.median(run["seconds"] for run in each)
    return {"date": _now(), "commit": commit, "python": platform.python_version(), "runs": each,
            "median_s": median, "budget_s": BUDGETS["suite_s"],
            "met": all(run["seconds"] <= BUDGETS["suite_s"] and run["returncode"] == 0 for run in each),
            "note": "`python3 scripts/test.py` in a fresh `git clone` of the checkout's commit, set-up (.venv) included; "
                    "reference_build: a first build of the checkout with the build cache off, just before and just "
                    "after the run (how fast the machine was)"}


def measure_bytes(browser, base: str) -> dict:
    figures = {}
    for path in PAGES:
        context = browser.new_context()
        page = context.new_page()
        finished = []
        page.on("requestfinished", lambda request: finished.append(request))
        page.goto(base + path, wait_until="networkidle")
        page.wait_for_timeout(300)
        total, raw, requests = 0, 0, []
        for request in finished:
            response = request.response()
            body = response.body() if response else b""
            size = len(gzip.compress(body))
            total += size
            raw += len(body)
            requests.append({"url": request.url[len(base):], "status": response.status if response else None,
                             "bytes": len(body), "gzip_bytes": size})
        figures[path] = {"requests": len(requests), "gzip_kb": round(total / 1000, 1),
                         "uncompressed_kb": round(raw / 1000, 1), "responses": requests}
        context.close()
    for path in POLICY_PAGES:
        if path in figures:
            figures[path]["budget_kb"] = BUDGETS["policy_kb"]
            figures[path]["met"] = figures[path]["gzip_kb"] <= BUDGETS["policy_kb"]
    if DRAFT_PAGE in figures:
        figures[DRAFT_PAGE]["budget_kb"] = BUDGETS["draft_kb"]
        figures[DRAFT_PAGE]["met"] = figures[DRAFT_PAGE]["gzip_kb"] <= BUDGETS["draft_kb"]
    return {"pages": figures, "budget_policy_kb": BUDGETS["policy_kb"],
            "met": all(figures[path]["met"] for path in POLICY_PAGES if path in figures),
            "note": "kB = 1000 bytes; every response the fresh browser received until the network was idle"}


_LATENCY_SCRIPT = """
window.__wkLast = 0; window.__wkShown = [];
document.addEventListener("keyup", () => { window.__wkLast = performance.now(); }, true);
new MutationObserver(() => {
  const list = document.querySelector(".md-search-result__list");
  if (list && list.children.length && window.__wkLast) window.__wkShown.push(performance.now() - window.__wkLast);
}).observe(document, {childList: true, subtree: true});
"""


def measure_search(browser, base: str, queries_file: Path = QUERIES) -> dict:
    queries = yaml.safe_load(queries_file.read_text(encoding="utf-8"))
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(_LATENCY_SCRIPT)
    page = context.new_page()
    latencies, no_result = [], []
    current = None
    for case in queries:
        start = case["page"] if "page" in case else ("en/" if case["lang"] == "en" else "")
        if start != current:
            page.goto(base + start)
            box = page.locator("input.md-search__input")
            box.click()
            box.type("warm")  # first use: the index loads and the worker starts (not counted)
            page.wait_for_timeout(1500)
            current = start
        # The query goes into the box in one input event, as a paste does (Japanese text typed by a
        # script arrives without key events, as from an input method); the page's theme turns each
        # input into the keyup Material searches on (overrides/main.html), which starts the clock.
        page.evaluate("document.querySelectorAll('.md-search-result__list').forEach(l => l.replaceChildren());"
                      "window.__wkShown = []; window.__wkLast = 0")
        box.fill(case["query"])
        try:
            page.wait_for_function("window.__wkShown.length > 0", timeout=3000)
        except Exception:
            no_result.append(case["query"])
            continue
        page.wait_for_timeout(50)
        latencies.append(page.evaluate("window.__wkShown[0]"))
    context.close()
    median = statistics.median(latencies) if latencies else None
    return {"set": queries_file.name, "queries": len(queries), "measured": len(latencies), "median_ms": round(median, 1) if median else None,
            "p90_ms": round(statistics.quantiles(latencies, n=10)[-1], 1) if len(latencies) >= 10 else None,
            "max_ms": round(max(latencies), 1) if latencies else None, "without_results": no_result,
            "budget_ms": BUDGETS["search_ms"], "met": median is not None and median <= BUDGETS["search_ms"],
            "note": "time from the input of the whole query (the keyup Material reacts to) to the first result items in the page, index already loaded"}


# Long queries, as a paste would put them in the search box (searchprobe.long_queries, those of
# tests/browser/test_search.py). Each is timed at 25,000, 50,000 and 100,000 characters: a search
# that works in time linear in the query takes about twice as long for twice the characters (budget:
# at most 2.5 times from 50,000 to 100,000).
LONG_QUERY_SIZES = (25_000, 50_000, 100_000)


# From the keyup that Material reacts to, to its answer to that query in the result meta (neither
# blank, nor "Initializing search", nor its answer to the empty box), in the page.
_LONG_QUERY = """async query => {
  const meta = document.querySelector(".md-search-result__meta");
  """ + searchprobe.TRANSLATIONS + """
  """ + searchprobe.NOT_ANSWERS + """
  const box = document.querySelector("input.md-search__input");
  meta.textContent = "";
  box.value = query;
  const start = performance.now();
  box.dispatchEvent(new KeyboardEvent("keyup", {key: "End", bubbles: true}));
  await new Promise((resolve, reject) => {
    const look = () => !notAnswers.includes(meta.textContent.trim()) ? resolve()
      : performance.now() - start > 120000 ? reject(new Error("no answer")) : requestAnimationFrame(look);
    look();
  });
  return performance.now() - start;
}"""


def measure_long_queries(browser, base: str) -> dict:
    """Time to an answer of each long query at each size (median of 3), and how it grows."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    by_size = {chars: searchprobe.long_queries(chars) for chars in LONG_QUERY_SIZES}
    per_query = {}
    for name in by_size[LONG_QUERY_SIZES[0]]:
        per_size = {}
        for chars in LONG_QUERY_SIZES:
            runs = []
            for _ in range(3):
                page.goto(base)
                page.locator("input.md-search__input").click()
                page.wait_for_function(searchprobe.PLACEHOLDER_SHOWN)
                runs.append(page.evaluate(_LONG_QUERY, by_size[chars][name]))
            per_size[chars] = round(statistics.median(runs), 1)
        growth = per_size[LONG_QUERY_SIZES[-1]] / max(per_size[LONG_QUERY_SIZES[-2]], 1.0)
        per_query[name] = {"ms": per_size, "growth": round(growth, 2)}
    context.close()
    slowest = max(per_query, key=lambda name: per_query[name]["ms"][LONG_QUERY_SIZES[-1]])
    steepest = max(per_query, key=lambda name: per_query[name]["growth"])
    return {"queries": per_query, "slowest": slowest, "slowest_ms": per_query[slowest]["ms"][LONG_QUERY_SIZES[-1]],
            "steepest": steepest, "growth": per_query[steepest]["growth"], "budget_growth": BUDGETS["search_long_growth"],
            "met": per_query[steepest]["growth"] <= BUDGETS["search_long_growth"],
            "note": "keyup → Material's answer to that query shown (its count or 'no matching documents'), median of 3, "
                    "index loaded first; growth: the time at 100,000 characters over the time at 50,000 (a time "
                    "under 1 ms counted as 1 ms)"}


# Times one keystroke in the draft box: from keydown to the end of the page's input handler (the
# check and the findings written into the page), and to the next frame (when they are painted).
# This listener is on the document, so it runs after the form's own (draft-check.js).
_DRAFT_SCRIPT = """
window.__wkDraft = [];
document.addEventListener("keydown", (event) => {
  if (event.target.id === "wk-dc-text") { window.__wkDown = performance.now(); }
}, true);
document.addEventListener("input", (event) => {
  if (event.target.id !== "wk-dc-text" || !window.__wkDown) { return; }
  const start = window.__wkDown, handled = performance.now();
  requestAnimationFrame(() => window.__wkDraft.push({handled: handled - start, painted: performance.now() - start}));
  window.__wkDown = 0;
});
"""


_DRAFT_PASTE = """async ([text, times]) => {
  const box = document.getElementById("wk-dc-text");
  const out = [];
  for (let i = 0; i < times; i += 1) {
    const value = i % 2 ? text : "x" + text.slice(0, -1);
    const start = performance.now();
    box.value = value;
    box.dispatchEvent(new InputEvent("input", {bubbles: true, inputType: "insertFromPaste"}));
    const handled = performance.now() - start;
    const painted = await new Promise((done) => requestAnimationFrame(() => done(performance.now() - start)));
    out.push({handled, painted});
  }
  return out;
}"""


def draft_text(chars: int = DRAFT_CHARS) -> str:
    """A draft of `chars` characters made of the corpus's drafts (so every kind of finding occurs)."""
    drafts = yaml.safe_load((ROOT / "tests" / "data" / "drafts.yml").read_text(encoding="utf-8"))["drafts"]
    text = ""
    while len(text) < chars:
        for draft in drafts:
            text += draft["text"] + "\n"
    return text[:chars]


def measure_draft_check(browser, base: str, keystrokes: int = 40, chars: int = DRAFT_CHARS) -> dict:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(_DRAFT_SCRIPT)
    page = context.new_page()
    page.goto(base + DRAFT_PAGE)
    page.wait_for_selector("form[data-wk-draft-check][data-wk-ready]", state="attached")
    page.locator("input[name=account]").first.check()
    page.locator("input[name=account][data-wk-platform=instagram]").check()
    page.locator("#wk-dc-scheduled").fill("2026-12-04T18:30")
    box = page.locator("#wk-dc-text")
    # Pasted at once (one input event), as staff paste a draft; then typed at its end.
    box.evaluate("""(box, text) => { box.value = text; box.dispatchEvent(new InputEvent("input", {bubbles: true})); }""",
                 draft_text(chars - 1))
    box.press("End")
    page.evaluate("window.__wkDraft = []")
    for index in range(keystrokes):  # one character more (2,000), then one fewer, and so on
        box.press("a" if index % 2 == 0 else "Backspace")
        page.wait_for_function(f"window.__wkDraft.length > {index}")
    timings = page.evaluate("window.__wkDraft")
    findings = page.locator("li.wk-dc-finding").count()
    # A paste of the whole draft (the list written anew: every place moves by one character),
    # from the input event to the handler done and to the next frame; median of 5.
    pasted = page.evaluate(_DRAFT_PASTE, [draft_text(chars - 1), 5])
    context.close()
    handled = [t["handled"] for t in timings]
    painted = [t["painted"] for t in timings]
    median = statistics.median(handled)
    budget = BUDGETS["draft_ms"] if chars == DRAFT_CHARS else BUDGETS["draft_long_ms"]
    return {"chars": chars, "keystrokes": len(timings), "findings": findings,
            "median_ms": round(median, 1), "p90_ms": round(statistics.quantiles(handled, n=10)[-1], 1),
            "max_ms": round(max(handled), 1), "to_next_frame_median_ms": round(statistics.median(painted), 1),
            "paste_median_ms": round(statistics.median(p["handled"] for p in pasted), 1),
            "paste_to_next_frame_median_ms": round(statistics.median(p["painted"] for p in pasted), 1),
            "budget_ms": budget, "met": median <= budget and statistics.median(p["handled"] for p in pasted) <= budget,
            "note": "keydown → the page's input handler done (draft checked, counts and list written; the marked copy of "
                    "the text follows when the browser is idle); to_next_frame: → the next animation frame, when they "
                    "are painted (includes waiting for the frame); paste: the whole draft pasted anew (every place "
                    "moved, the list written again), input event → handler done and → next frame; met: keystroke "
                    "and paste medians within the budget"}


# Each rule alone (check's third argument) on each of its adversarial drafts, made in the page:
# the median of `runs` runs of each, the slowest draft per rule. On a shared machine one run in a
# few is slowed by something else (a collection, another process): so the slowest draft of each
# rule is measured again, 15 times, and its median is the figure.
_ADVERSARIAL = """([rule, drafts, runs]) => {
  const config = JSON.parse(document.getElementById("wk-dc-rules").textContent);
  const timed = [];
  for (const draft of drafts) {
    const text = (draft.unit.repeat(draft.times) + draft.end).slice(0, 100000);
    const input = {text, platforms: ["facebook", "instagram", "line"], scheduled: "2026-12-04T10:00",
                   today: "2026-12-01", images: [false]};
    const each = [];
    for (let run = 0; run < runs; run += 1) {
      const start = performance.now();
      window.wakesiteDraftCheck.check(input, config, rule);
      each.push(performance.now() - start);
    }
    each.sort((a, b) => a - b);
    timed.push({ms: each[Math.floor(runs / 2)], draft});
  }
  timed.sort((a, b) => b.ms - a.ms);
  return timed[0];
}"""


def measure_adversarial(browser, base: str) -> dict:
    """The slowest adversarial draft of 100,000 characters for each rule of the draft check."""
    from wakesite import draftcheck

    rules = load_project(ROOT).draft_rules
    context = browser.new_context()
    page = context.new_page()
    page.goto(base + DRAFT_PAGE)
    page.wait_for_function("window.wakesiteDraftCheck !== undefined")
    per_rule = {}
    for rule in rules.rules:
        drafts = draftcheck.adversarial_inputs(rule)
        first = page.evaluate(_ADVERSARIAL, [rule.id, drafts, 3])
        again = page.evaluate(_ADVERSARIAL, [rule.id, [first["draft"]], 15])
        draft = first["draft"]
        per_rule[rule.id] = {"ms": round(again["ms"], 1), "first_pass_ms": round(first["ms"], 1), "drafts": len(drafts),
                             "draft": json.dumps(draft["unit"][:20], ensure_ascii=False) + f" × {draft['times']}"
                                      + (f" + {json.dumps(draft['end'], ensure_ascii=False)}" if draft["end"] else "")}
    context.close()
    worst = max(per_rule, key=lambda rule: per_rule[rule]["ms"])
    return {"chars": 100_000, "rules": per_rule, "slowest_rule": worst, "slowest_ms": per_rule[worst]["ms"],
            "budget_ms": BUDGETS["draft_rule_ms"], "met": per_rule[worst]["ms"] <= BUDGETS["draft_rule_ms"],
            "note": "each rule alone (check(input, config, rule)) on each of its adversarial drafts, median of 3 runs; "
                    "the slowest draft of each rule measured again, median of 15 runs (first_pass_ms: its first figure)"}


def measure_index(site: Path) -> dict:
    """The search index each language's pages fetch on first use of search (and Material's merged
    one, kept for browsers that skip the page's loader), in kB gzip."""
    sizes = {}
    for path in sorted((site / "search").glob("search_index*.json")):
        body = path.read_bytes()
        sizes[path.name] = {"kb": round(len(body) / 1000, 1), "gzip_kb": round(len(gzip.compress(body)) / 1000, 1),
                            "entries": len(json.loads(body)["docs"])}
    return sizes


def measure_pdfs(site: Path) -> dict:
    """Every checklist PDF printed again by Chromium (no cache), one browser for all."""
    ids = [c.id for c in load_project(ROOT).checklists]
    jobs = checklists.sheets(site, ids)
    started = time.monotonic()
    run = pdf.make_blank_pdfs(site, jobs)
    return {"pdfs": len(run.files), "printed": run.printed, "seconds": round(time.monotonic() - started, 2)}


def lighthouse(base: str, path: str = "policy/") -> dict:
    npm = shutil.which("npm")
    if not npm:
        return {"error": "npm not found"}
    if not (HERE / "node_modules" / ".bin" / "lighthouse").exists():
        install = subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=HERE, capture_output=True, text=True)
        if install.returncode != 0:
            return {"error": f"npm ci failed: {install.stderr[-800:]}"}
    out = Path(tempfile.mkdtemp(prefix="wakesite-lh-")) / "lighthouse.json"
    env = dict(os.environ, CHROME_PATH=str(chromium.WHOLE_BROWSER))  # Lighthouse drives the whole browser
    flags = " ".join(["--headless=new", *chromium.ARGS])
    load_before = load_average()
    result = subprocess.run([str(HERE / "node_modules" / ".bin" / "lighthouse"), base + path,
                             "--quiet", "--output=json", f"--output-path={out}", f"--chrome-flags={flags}",
                             "--form-factor=mobile", "--only-categories=performance,accessibility,best-practices,seo"],
                            cwd=HERE, env=env, capture_output=True, text=True)
    if result.returncode != 0 or not out.exists():
        return {"error": f"lighthouse failed: {result.stderr[-800:]}"}
    data = json.loads(out.read_text(encoding="utf-8"))
    scores = {key: round(cat["score"] * 100) if cat["score"] is not None else None
              for key, cat in data["categories"].items()}
    failed = {key: [audit for audit in cat["auditRefs"] if audit["weight"] > 0
                    and (data["audits"][audit["id"]]["score"] or 0) < 1]
              for key, cat in data["categories"].items()}
    targets = {key: LIGHTHOUSE_TARGETS.get(key, BUDGETS["lighthouse"]) for key in scores}
    return {"version": data.get("lighthouseVersion"), "url": "/" + path, "form_factor": "mobile", "scores": scores,
            "load_average_before": load_before, "load_average_after": load_average(),
            "not_full_marks": {key: [a["id"] for a in audits] for key, audits in failed.items() if audits},
            "metrics": {m: data["audits"][m].get("displayValue") for m in
                        ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time",
                         "cumulative-layout-shift", "speed-index") if m in data["audits"]},
            "targets": targets,
            "met": all(score is not None and score >= targets[key] for key, score in scores.items())}


def _reference(run: dict) -> str:
    """A suite run's reference builds (before → after), which say how fast the machine was."""
    builds = run.get("reference_build")
    if not builds:
        return ""
    return "; reference build " + " → ".join(f"{build['seconds']:.1f} s" for build in builds)


def _load(part: dict | None) -> str:
    """The load average (1 minute) a figure was measured at: before → after."""
    if not part:
        return "–"
    if "load_average_before" in part:
        return f"{part['load_average_before'][0]} → {part['load_average_after'][0]}"
    if "runs" in part and isinstance(part["runs"], list) and part["runs"] and "load_average_before" in part["runs"][0]:
        return ", ".join(f"{run['load_average_before'][0]} → {run['load_average_after'][0]}" for run in part["runs"])
    return str(part["load_average"][0]) if "load_average" in part else "not recorded"


def minutes_and_seconds(seconds: float) -> str:
    """271.3 → '4 min 31 s' (the minutes were once rounded: 271.3 s was shown as '5 min 31 s')."""
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes} min {rest:02d} s"


def table(report: dict) -> str:
    """The report's figures as the README's table (the README shows exactly this: tests check it)."""
    yes = lambda ok: "met" if ok else "NOT met"  # noqa: E731
    rows = []
    b = report.get("build")
    if b and "fair_build_s" in b:
        rows += [
            (f"Rebuild, nothing changed (warm cache), median of {b['runs']}",
             f"{b['warm_build_s']} s = {b['fair_ratio_warm']} × fair, {b['ratio_warm']} × bare; "
             f"CPU {b['cpu_s']['warm']} s = {b['fair_ratio_warm_cpu']} × fair",
             f"≤ {b['budget_ratio']} × fair", yes(b["met_warm"]), _load(b)),
            ("First build (empty cache), in all", f"{b['cold_build_s']} s (CPU {b['cold_cpu_s']} s, Chromium's included)",
             "(the two parts below)", "–", _load(b)),
            (f"  its printing of the {b['cold_pdfs']['pdfs']} checklist PDFs", f"{b['cold_pdfs']['seconds']} s",
             f"≤ {b['budget_cold_pdfs_s']:.0f} s", yes(b["met_cold_pdfs"]), _load(b)),
            (f"  the rest of it (templates compiled, PDFs from the cache), median of {b['runs']}",
             f"{b['first_rest_s']} s = {b['fair_ratio_first_rest']} × fair; CPU {b['cpu_s']['first_rest']} s = "
             f"{b['fair_ratio_first_rest_cpu']} × fair (the first build less its PDFs: {b['cold_build_without_pdfs_s']} s "
             f"= {b['fair_ratio_cold_without_pdfs']} × fair)", f"≤ {b['budget_cold_rest_ratio']} × fair",
             yes(b["met_cold_without_pdfs"]), _load(b)),
            (f"Baselines: fair (Material + static-i18n over the built Markdown of {b['fair_pages']} pages); "
             "bare (Material over docs/ as it is, one language)",
             f"fair {b['fair_build_s']} s (CPU {b['cpu_s']['fair']} s); bare {b['bare_build_s']} s (CPU {b['cpu_s']['bare']} s)",
             "–", "–", _load(b)),
        ]
    elif b:
        rows.append(("Rebuild, nothing changed (warm cache)", f"{b['warm_build_s']} s = {b['ratio_warm']} × bare "
                     f"({b['bare_build_s']} s); fair baseline not measured", f"≤ {b['budget_ratio']} × fair",
                     "not measured", _load(b)))
    edit = report.get("edit")
    if edit:
        rows.append((f"Edit to browser: one clause of guideline.yml while served, to {edit['page']} showing it",
                     f"{edit['median_s']} s median of {edit['edits']} ({', '.join(map(str, edit['each_s']))} s; "
                     f"serve's rebuilds {', '.join(map(str, edit['rebuilds_s']))} s)",
                     f"≤ {edit['budget_s']} s", yes(edit["met"]), _load(edit)))
    d = report.get("download")
    for path, fig in (d["pages"].items() if d else ()):
        budget = fig.get("budget_kb", BUDGETS["policy_kb"] if path in POLICY_PAGES else None)
        rows.append((f"First visit /{path} (gzip)", f"{fig['gzip_kb']} kB in {fig['requests']} requests",
                     f"≤ {budget:.0f} kB" if budget else "–", yes(fig["gzip_kb"] <= budget) if budget else "–",
                     _load(fig if "load_average" in fig else d)))
    for key in ("draft_check", "draft_check_long"):
        dc = report.get(key)
        if dc:
            rows.append((f"Draft check, last keystroke → findings shown ({dc['chars']:,} characters, {dc['findings']} findings listed)",
                         f"{dc['median_ms']} ms median (p90 {dc['p90_ms']} ms; to the next frame {dc['to_next_frame_median_ms']} ms; "
                         f"a paste of all of it {dc.get('paste_median_ms')} ms, to the next frame {dc.get('paste_to_next_frame_median_ms')} ms)",
                         f"≤ {dc['budget_ms']:.0f} ms", yes(dc["met"]), _load(dc)))
    adv = report.get("draft_adversarial")
    if adv:
        rows.append((f"Draft check, each rule on its adversarial drafts of {adv['chars']:,} characters (slowest)",
                     f"{adv['slowest_ms']} ms ({adv['slowest_rule']}: {adv['rules'][adv['slowest_rule']]['draft']})",
                     f"≤ {adv['budget_ms']:.0f} ms", yes(adv["met"]), _load(adv)))
    for key, label in (("search", "Search latency, median"),
                       ("search_v2", "Search latency, median, second set (typed on each user's page)")):
        found = report.get(key)
        if found:
            rows.append((label, f"{found['median_ms']} ms (p90 {found['p90_ms']} ms, {found['measured']} queries)",
                         f"≤ {found['budget_ms']:.0f} ms", yes(found["met"]), _load(found)))
    long = report.get("search_long")
    if long:
        sizes = lambda name: ", ".join(f"{ms} ms" for ms in long["queries"][name]["ms"].values())  # noqa: E731
        rows.append(("Search, long queries: time to an answer at 25,000, 50,000 and 100,000 characters",
                     f"slowest {long['slowest']} ({sizes(long['slowest'])}); steepest {long['steepest']} "
                     f"({sizes(long['steepest'])}: × {long['growth']} for twice the characters)",
                     f"≤ × {long['budget_growth']} for twice the characters", yes(long["met"]), _load(long)))
    for name, size in report.get("index", {}).items():
        rows.append((f"Search index {name}", f"{size['gzip_kb']} kB gzip ({size['kb']} kB, {size['entries']} entries)",
                     "–", "–", "–"))
    p = report.get("pdfs")
    if p:
        rows.append(("Checklist PDFs printed again (one browser, no cache)", f"{p['pdfs']} PDFs in {p['seconds']} s",
                     "–", "–", _load(p)))
    lighthouses = report.get("lighthouse", {})
    if "scores" in lighthouses or "error" in lighthouses:  # a report of one page (before issue 29)
        lighthouses = {"policy/": lighthouses}
    for path, lh in lighthouses.items():
        if "scores" in lh:
            targets = lh.get("targets", {})
            rows.append((f"Lighthouse {lh['version']} /{path} (mobile)",
                         ", ".join(f"{k} {v}" for k, v in lh["scores"].items()),
                         "performance ≥ 99, the others 100" if targets else "100 each", yes(lh["met"]), _load(lh)))
        else:
            rows.append((f"Lighthouse /{path}", lh.get("error", "not run"), "performance ≥ 99, the others 100",
                         "not measured", "–"))
    suite = report.get("suite")
    if suite:
        runs = "; ".join(f"{minutes_and_seconds(run['seconds'])}"
                         f" ({run['counts'].get('passed', 0)} passed"
                         + (f", {run['counts']['failed']} failed" if run["counts"].get("failed") else "")
                         + "".join(f": {line.split()[1]}" for line in run.get("failures", [])[:3])
                         + _reference(run) + ")"
                         for run in suite["runs"])
        rows.append((f"Test suite in a fresh clone (`python3 scripts/test.py`, set-up included, Python {suite['python']})",
                     runs, f"≤ {suite['budget_s'] / 60:.0f} min each", yes(suite["met"]), _load(suite)))
    lines = ["| measure | result | budget | | load average (1 min, before → after) |",
             "| --- | --- | --- | --- | --- |"]
    lines += ["| " + " | ".join(cells) + " |" for cells in rows]
    return "\n".join(lines)


def profile_table(report: dict) -> str:
    """Where the time of a first build and of a rebuild goes (the report's profile) as a table."""
    prof = report.get("profile")
    if not prof:
        return "No profile in the report yet (`scripts/benchmark.py --only profile`)."
    first, rebuild = prof["first"], prof["rebuild"]
    rows = [("**all, under the profiler** (wall / CPU without it: see the table above)",
             first["total_s"], rebuild["total_s"]),
            ("Python sources compiled on import (no .pyc)", first["compiling_python_sources_s"],
             rebuild["compiling_python_sources_s"])]

    def merged(key: str, heading: str, count: int) -> None:
        names = list(dict.fromkeys([row[0] for row in first[key][:count]] + [row[0] for row in rebuild[key][:count]]))
        of = lambda figures, name: next((row[1] for row in figures[key] if row[0] == name), "–")  # noqa: E731
        rows.extend((f"{heading}: {name}", of(first, name), of(rebuild, name)) for name in names)

    merged("phases", "phase", len(PHASES))
    merged("hooks", "hook", 6)
    merged("wakesite_functions", "wakesite function, its own code", 8)
    merged("parts", "own code of", 8)
    lines = [f"Profiled {prof['date'][:10]} at a load average of {_load(prof)} (CPU seconds of the build's process under cProfile: read them as shares)",
             "", "| where | first build (s) | rebuild (s) |", "| --- | --- | --- |"]
    lines += [f"| {name} | {a} | {b_} |" for name, a, b_ in rows]
    return "\n".join(lines)


README = ROOT / "README.md"
README_BLOCKS = {"table": table, "profile": profile_table}


def readme_with_figures(readme: str, report: dict) -> str:
    """The README with its generated blocks (between `<!-- benchmark:NAME -->` and
    `<!-- /benchmark:NAME -->`) rendered from the report."""
    for name, render in README_BLOCKS.items():
        pattern = re.compile(rf"(<!-- benchmark:{name} -->\n)(?:.*?\n)?(<!-- /benchmark:{name} -->)", re.DOTALL)
        if len(pattern.findall(readme)) != 1:
            raise SystemExit(f"README.md: no single block <!-- benchmark:{name} --> … <!-- /benchmark:{name} -->")
        readme = pattern.sub(lambda m: m.group(1) + render(report) + "\n" + m.group(2), readme)
    return readme


PARTS = ("builds", "profile", "edit", "download", "search", "draft", "pdfs", "lighthouse")


@dataclass
class Plan:
    """What a command line asks the benchmark to do."""

    parts: set[str]  # measured (the rest of the report is kept)
    runs: int
    edits: int
    suite: int | None  # fresh-clone runs of the test suite (then nothing else is measured)
    report: Path

    @property
    def writes_readme(self) -> bool:
        return self.report.resolve() == REPORT.resolve()


def plan(argv: list[str] | None = None) -> Plan:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help=f"measure only these parts, comma-separated ({', '.join(PARTS)}); "
                                        "the rest of the report is kept")
    parser.add_argument("--runs", type=int, default=RUNS, help=f"builds of each kind (median; default {RUNS})")
    parser.add_argument("--edits", type=int, default=5, help="edits timed in the browser (median; default 5)")
    parser.add_argument("--quick", action="store_true", help="one build of each kind, two edits, no Lighthouse")
    parser.add_argument("--no-lighthouse", action="store_true", help="skip Lighthouse (needs npm)")
    parser.add_argument("--suite", type=int, metavar="N", help="only time the test suite in a fresh clone, N times")
    parser.add_argument("--report", type=Path, default=REPORT,
                        help="where to write the report (default scripts/benchmark/report.json, whose figures "
                             "the README shows; another path leaves the README as it is)")
    args = parser.parse_args(argv)
    parts = set(PARTS)
    if args.only:
        parts = {part.strip() for part in args.only.split(",")}
        if parts - set(PARTS):
            parser.error(f"--only: unknown part(s) {', '.join(sorted(parts - set(PARTS)))}; the parts: {', '.join(PARTS)}")
    if args.quick:
        args.runs, args.edits, args.no_lighthouse = 1, 2, True
    if args.no_lighthouse:
        parts.discard("lighthouse")
    if args.suite:
        parts = set()
    return Plan(parts, args.runs, args.edits, args.suite, args.report)


def main(argv: list[str] | None = None) -> int:
    asked = plan(argv)
    report = json.loads(asked.report.read_text(encoding="utf-8")) if asked.report.exists() else {}
    report["machine"] = {"python": platform.python_version(), "system": platform.platform(), "cpus": os.cpu_count(),
                         "engine": devenv.engine(),
                         # Without .pyc files every build compiles every module it imports again.
                         "PYTHONDONTWRITEBYTECODE": bool(os.environ.get("PYTHONDONTWRITEBYTECODE"))}
    report["date"] = _now()
    if asked.suite:
        print(f"running the test suite in a fresh clone × {asked.suite} …", file=sys.stderr)
        report["suite"] = measure_suite(asked.suite)
    else:
        measure(report, asked.parts, asked.runs, asked.edits)
    write_report(report, asked.report)
    return 0


def measure(report: dict, parts: set[str], runs: int, edits: int) -> None:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="wakesite-bench-") as tmp_name:
        tmp = Path(tmp_name)
        if "builds" in parts:
            print(f"building (first, then bare, fair and rebuild × {runs}) …", file=sys.stderr)
            report["build"], site = measure_builds(tmp, runs)
        elif parts & {"download", "search", "draft", "pdfs", "lighthouse"}:
            site = tmp / "site"
            timed_build(ROOT / "mkdocs.yml", site)
        if "profile" in parts:
            print("profiling a first build and a rebuild …", file=sys.stderr)
            report["profile"] = profile_builds(tmp)
        with sync_playwright() as playwright:
            browser = chromium.launch(playwright)
            try:
                if "edit" in parts:
                    print(f"timing {edits} edits from the file to the browser …", file=sys.stderr)
                    report["edit"] = measure_edit(browser, tmp, edits)
                if parts & {"download", "search", "draft"}:
                    with localserver.serve(site, compress=True) as base:
                        if "download" in parts:
                            print("measuring downloads …", file=sys.stderr)
                            report["download"] = _stamped(measure_bytes, browser, base)
                        if "search" in parts:
                            print("measuring search …", file=sys.stderr)
                            report["search"] = _stamped(measure_search, browser, base)
                            report["search_v2"] = _stamped(measure_search, browser, base, QUERIES_V2)
                            report["index"] = measure_index(site)
                            report["search_long"] = _stamped(measure_long_queries, browser, base)
                        if "draft" in parts:
                            print("measuring the draft check …", file=sys.stderr)
                            report["draft_check"] = _stamped(measure_draft_check, browser, base)
                            report["draft_check_long"] = _stamped(measure_draft_check, browser, base, keystrokes=10,
                                                                  chars=DRAFT_LONG_CHARS)
                            report["draft_adversarial"] = _stamped(measure_adversarial, browser, base)
            finally:
                browser.close()
        if "pdfs" in parts:
            print("printing PDFs …", file=sys.stderr)
            report["pdfs"] = _stamped(measure_pdfs, site)
        if "lighthouse" in parts:
            with localserver.serve(site, compress=True) as base:
                report["lighthouse"] = {}
                for path in POLICY_PAGES:
                    print(f"running Lighthouse on /{path} …", file=sys.stderr)
                    report["lighthouse"][path] = lighthouse(base, path)


def _stamped(measure_part, *args, **kwargs) -> dict:
    """A part's figures with the date and the load average before and after."""
    before = load_average()
    figures = measure_part(*args, **kwargs)
    return {**figures, "date": _now(), "load_average_before": before, "load_average_after": load_average()}


def write_report(report: dict, path: Path) -> None:
    report["table"] = table(report)
    path.write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(report["table"])
    print()
    print(profile_table(report))
    if path.resolve() == REPORT.resolve():
        README.write_text(readme_with_figures(README.read_text(encoding="utf-8"), report), encoding="utf-8")
        print(f"wrote {REPORT.relative_to(ROOT)} and the README's tables")
    else:
        print(f"wrote {path}")


if __name__ == "__main__":
    sys.exit(main())
