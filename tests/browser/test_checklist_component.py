"""checklist.js on its own, driven by the checklist part's example (scripts/wakesite/checklists/examples/markup.yml,
the same data as tests/unit/test_checklist_render.py): the generated part rendered to HTML, put
on a bare page with the script and served. Every expected number comes from the fixture's model,
so a new checklist or item elsewhere changes nothing here. To test a new behaviour, add what it
needs to the fixture and a test below; tests/browser/test_checklists.py covers the real pages.
"""
from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from wakesite import checklists, render
from wakesite.lang import LANGS
from wakesite.localserver import serve

from support import fixture_checklist_site, markdown_to_html

SCRIPT = checklists.FOLDER / "checklist.js"
BARE_PAGE = """<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8"><title>checklist</title></head>
<body><article class="md-content md-typeset">{body}</article><script src="checklist.js"></script></body></html>
"""


@pytest.fixture(scope="module")
def fixture_site():
    return fixture_checklist_site()


@pytest.fixture(scope="module")
def fixture_pages(tmp_path_factory, fixture_site):
    """The fixture checklist as a page per language, and one with each required region taken out."""
    root = tmp_path_factory.mktemp("component")
    (root / "checklist.js").write_bytes(SCRIPT.read_bytes())
    for lang in LANGS:
        body = markdown_to_html(render.render("checklist", fixture_site, lang, "checklists/markup/", "checklists/markup.md"))
        (root / f"{lang}.html").write_text(BARE_PAGE.format(lang=lang, body=body), encoding="utf-8")
        for region in ("data-wk-progress", "data-wk-note"):
            assert f" {region}" in body
            without = body.replace(f" {region}", " data-removed", 1)
            (root / f"{lang}-without-{region}.html").write_text(BARE_PAGE.format(lang=lang, body=without), encoding="utf-8")
    with serve(root) as url:
        yield url


def open_page(page, url):
    page.goto(url)
    expect(page.locator("form.wk-checklist[data-wk-ready]")).to_have_count(1)


def shown_duties(checklist, on: set[str] = frozenset()) -> int:
    """Duties the page shows when the conditions named in `on` (field ids) hold."""
    return sum(1 for item in checklist.duties if item.when is None or item.when.field.id in on)


@pytest.mark.parametrize("lang", LANGS)
def test_progress_counts_the_duties_shown(page, fixture_pages, fixture_site, lang):
    checklist = fixture_site.checklists[0]
    references = len(checklist.items) - len(checklist.duties)
    open_page(page, f"{fixture_pages}{lang}.html")
    progress = page.locator("[data-wk-progress]")
    expect(progress).to_contain_text(f"0 / {shown_duties(checklist)}")
    expect(progress).to_contain_text(f"0 / {references}")
    first = next(item for item in checklist.duties if item.when is None)
    page.check(f"#wk-c-{first.id}")
    expect(progress).to_contain_text(f"1 / {shown_duties(checklist)}")


def test_an_item_shows_while_its_condition_holds(page, fixture_pages, fixture_site):
    checklist = fixture_site.checklists[0]
    conditional = next(item for item in checklist.items if item.when and item.when.field.type == "flag")
    flag = conditional.when.field.id
    open_page(page, f"{fixture_pages}ja.html")
    item = page.locator(f"#item-{conditional.id}")
    expect(item).to_be_hidden()
    page.check(f"#wk-f-{flag}")
    expect(item).to_be_visible()
    expect(page.locator("[data-wk-progress]")).to_contain_text(f"0 / {shown_duties(checklist, {flag})}")
    page.uncheck(f"#wk-f-{flag}")
    expect(item).to_be_hidden()


def test_a_tick_is_kept_under_the_checklist_and_its_edition(page, fixture_pages, fixture_site):
    checklist = fixture_site.checklists[0]
    first = checklist.duties[0]
    open_page(page, f"{fixture_pages}ja.html")
    page.check(f"#wk-c-{first.id}")
    key = f"wakesite:checklist:{checklist.id}:{fixture_site.edition.label}"
    stored = json.loads(page.evaluate("key => localStorage.getItem(key)", key))
    assert stored["items"] == {first.id: True}


@pytest.mark.parametrize("region, named", [("data-wk-progress", "the progress region"),
                                           ("data-wk-note", "the note region")])
def test_a_missing_region_is_an_error_that_names_it(page, fixture_pages, region, named):
    """A template change that drops markup the script needs fails loudly, naming what is missing,
    instead of leaving a half-working form."""
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{fixture_pages}ja-without-{region}.html")
    page.wait_for_load_state("load")
    assert len(errors) == 1, errors
    assert f"missing {named} ([{region}])" in errors[0] and "#wk-checklist" in errors[0]
    expect(page.locator("form.wk-checklist[data-wk-ready]")).to_have_count(0)
