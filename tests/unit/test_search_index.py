"""The search index, one entry per clause (wakesite.searchindex), on an index shaped like the one
Material writes: a page entry, then one entry per heading."""
from __future__ import annotations

import copy
from pathlib import Path

import pytest

from support import ROOT
from wakesite import checklists, faq, render, searchindex, site
from wakesite.searchentry import ITEMS

GUIDELINE = site.load_project(ROOT).guideline
# Which page holds which generated parts, as a build notes them (the placeholders of docs/): each
# part's own search rules (Part.search) apply to the entries of its pages.
PAGES = {"": ("easy-link", "contact"), "en/": ("contact",), "guideline/": ("guideline",), "en/guideline/": ("guideline",),
         "policy/": ("easy-link", "policy"), "en/policy/": ("policy",), "accounts/": ("accounts", "easy-link"),
         "en/accounts/": ("accounts",), "checklists/": ("checklists-index",), "en/checklists/": ("checklists-index",),
         "checklists/pre-post/": ("checklist", "draft-sheet"), "en/checklists/pre-post/": ("checklist", "draft-sheet"),
         "faq/": ("faq",), "en/faq/": ("faq",), "staff/": ("staff",), "en/staff/": ("staff",),
         "easy/": ("easy",), "easy/policy/": ("easy",), "easy/accounts/": ("easy",)}
EASY_PAGES = {path for path, parts in PAGES.items() if "easy" in parts}


def rebuild(index: dict, guideline=GUIDELINE, **data) -> dict:
    """searchindex.rebuild as the build calls it: with the pages' parts and the part table."""
    return searchindex.rebuild(index, guideline, pages=PAGES, parts=render.PARTS, **data)


def test_the_pages_hold_the_parts_their_stubs_in_docs_hold():
    """PAGES says what docs/ says (each stub page's placeholders), so the rules tested here are
    those the build applies."""
    for path, parts in PAGES.items():
        english = path.startswith("en/")
        stem = path.removeprefix("en/").rstrip("/")
        name = (f"{stem}/index" if (ROOT / "docs" / stem).is_dir() else stem) if stem else "index"
        source = ROOT / "docs" / (name + (".en.md" if english else ".md"))
        assert sorted(render.placeholders_in(source.read_text(encoding="utf-8"))) == sorted(parts), path


def material_index() -> dict:
    """What Material and static-i18n write for the pages concerned, before the hook: a heading's
    entry holds all the text under it, with the clause permalinks (¶) and checklist lines."""
    docs = []
    for root in ("", "en/"):
        lang = "en" if root else "ja"
        docs.append({"location": f"{root}", "title": "ホーム", "text": "<p>案内</p>"})
        docs.append({"location": f"{root}#contact", "title": "お問い合わせ・通報", "text": "<p>まち経営課</p>"})
        docs.append({"location": f"{root}guideline/", "title": "ガイドライン", "text": "<p>概要</p>", "boost": 10})
        for clause in GUIDELINE.clauses.values():
            if clause.kind in ("chapter", "section"):
                words = " ".join(c.text[lang] + "¶" for c in clause.walk() if c.text)
                docs.append({"location": f"{root}guideline/#{clause.id}", "title": clause.heading(lang),
                             "text": f"<p>{words}</p><p>確認するチェックリスト：投稿前</p>", "boost": 10})
        docs.append({"location": f"{root}policy/", "title": "運用方針", "text": "<p>要約 免責事項</p>", "boost": 10})
        for row in GUIDELINE.clause("operation-policy-table").children:
            words = " ".join(c.text[lang] + "¶" for c in row.walk() if c.text)
            docs.append({"location": f"{root}policy/#{row.id}", "title": row.title[lang], "text": f"<p>{words}</p>",
                         "boost": 10})
        docs.append({"location": f"{root}policy/#contact", "title": "お問い合わせ・通報", "text": "<p>まち経営課</p>", "boost": 10})
        docs.append({"location": f"{root}accounts/#contact", "title": "お問い合わせ・通報", "text": "<p>まち経営課</p>", "boost": 10})
        docs.append({"location": f"{root}checklists/pre-post/", "title": "投稿前チェックリスト", "text": "押印欄"})
        docs.append({"location": f"{root}checklists/pre-post/#checklist-title", "title": "投稿前チェックリスト",
                     "text": "<p>投稿する前に確認します。</p> <ul><li>ネットカフェ等で投稿していない。</li></ul>"})
        docs.append({"location": f"{root}checklists/pre-post/#wk-dsheet-title", "title": "下書きの本文と指摘事項",
                     "text": "<p>番号 指摘の種類</p>"})
        docs.append({"location": f"{root}checklists/", "title": "チェックリスト", "text": ""})
        docs.append({"location": f"{root}checklists/#kind-pre-post", "title": "発信する前に",
                     "text": "<ul><li>投稿前チェックリスト 投稿する前に確認します。</li></ul>"})
    return {"config": {"lang": ["ja", "en"], "separator": "[\\s]+", "pipeline": [],
                       "fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0}}},
            "docs": docs}


@pytest.fixture(scope="module")
def rebuilt() -> dict:
    return rebuild(material_index())


def by_location(index: dict) -> dict[str, dict]:
    return {doc["location"]: doc for doc in index["docs"]}


def test_every_clause_has_its_own_entry_named_as_a_reader_names_it(rebuilt):
    docs = by_location(rebuilt)
    assert docs["guideline/#security-2"]["title"] == "5(4) セキュリティー対策 2"
    assert docs["en/guideline/#security-2"]["title"] == "5(4) Security measures 2"
    assert docs["guideline/#prohibited-untrue"]["title"] == "4(5)ウ 禁止事項"
    assert "ネットカフェ等" in docs["guideline/#security-2"]["text"]
    assert docs["guideline/#security-2"]["boost"] == 10  # the guideline's authority
    # The operation policy's clauses answer on /policy/, once (not twice, crowding each other out).
    assert "policy/#disclaimer-4" in docs and "guideline/#disclaimer-4" not in docs
    assert searchindex.problems(rebuilt, GUIDELINE, {}) == []


def test_a_heading_keeps_only_the_words_no_clause_entry_holds(rebuilt):
    docs = by_location(rebuilt)
    assert "ネットカフェ" not in docs["guideline/#operation-standards"]["text"]
    assert "例外的なケース" in docs["guideline/#operation-standards"]["text"]  # a paragraph with no anchor
    assert docs["policy/#policy-disclaimer"]["text"] == ""
    assert docs["policy/#policy-disclaimer"]["boost"] == 10 * searchindex.HEADING_BOOST  # found by its title
    assert docs["guideline/#introduction"]["boost"] == 1  # background, no rule


def test_no_noise_one_contact_one_checklist_entry_and_summaries_dropped(rebuilt):
    docs = by_location(rebuilt)
    texts = " ".join(doc["text"] for doc in rebuilt["docs"])
    assert "¶" not in texts and "確認するチェックリスト" not in texts
    assert [loc for loc in docs if loc.endswith("#contact")] == ["accounts/#contact", "en/accounts/#contact"]
    assert "checklists/pre-post/#checklist-title" not in docs
    # One entry: its summary shown, its items searched (in a field never shown, weighed below the
    # clauses they repeat), found by its title like a clause.
    assert docs["checklists/pre-post/"]["text"] == "<p>投稿する前に確認します。</p>"
    assert docs["checklists/pre-post/"][ITEMS] == "ネットカフェ等で投稿していない。"
    assert docs["checklists/pre-post/"]["boost"] == checklists.SEARCH_BOOST
    assert rebuilt["config"]["fields"][ITEMS]["boost"] < rebuilt["config"]["fields"]["text"]["boost"]
    assert docs["policy/"]["text"] == "" and docs[""]["text"] == ""
    assert rebuilt["config"]["fields"]["title"]["boost"] == searchindex.TITLE_BOOST
    # The Japanese stop words travel with the index (fetched on first use), not in the worker.
    assert {"する", "こと", "ため"} <= set(rebuilt["config"][searchindex.STOP_WORDS])


def test_a_checklist_page_is_one_entry_and_the_index_of_checklists_only_titles(rebuilt):
    docs = by_location(rebuilt)
    assert [loc for loc in docs if loc.startswith("checklists/pre-post/")] == ["checklists/pre-post/"]
    assert docs["checklists/#kind-pre-post"]["text"] == "" and docs["checklists/#kind-pre-post"]["title"] == "発信する前に"


def test_a_heading_is_named_like_the_clauses_under_it(rebuilt):
    docs = by_location(rebuilt)
    assert docs["guideline/#accurate-information"]["title"] == "4(3) 正確な情報発信"
    assert docs["en/guideline/#accurate-information"]["title"] == "4(3) Accurate information"


NAV = [{"ホーム": "index.md"}, {"運用方針": "policy.md"},
       {"チェックリスト": ["checklists/index.md", "checklists/pre-post.md"]}, {"正誤表": "errata.md"}]


def test_page_labels_name_each_page_by_its_part_of_the_nav_in_each_language():
    labels = searchindex.page_labels(NAV, {"en": {"運用方針": "Operation policy", "チェックリスト": "Checklists"}})
    assert labels == {"": "ホーム", "en/": "ホーム", "policy/": "運用方針", "en/policy/": "Operation policy",
                      "checklists/": "チェックリスト", "en/checklists/": "Checklists",
                      "checklists/pre-post/": "チェックリスト", "en/checklists/pre-post/": "Checklists",
                      "errata/": "正誤表", "en/errata/": "正誤表"}  # not translated: left as it is


def test_each_entry_is_tagged_with_its_part_of_the_site_weighed_like_text(rebuilt):
    labels = searchindex.page_labels(NAV, {"en": {"運用方針": "Operation policy"}})
    index = rebuild(copy.deepcopy(rebuilt), labels=labels)
    docs = by_location(index)
    assert docs["policy/#disclaimer-4"]["tags"] == ["運用方針"]
    assert docs["en/policy/#disclaimer-4"]["tags"] == ["Operation policy"]
    assert "tags" not in docs["guideline/#security-2"]  # a page the nav does not name
    assert index["config"]["fields"]["tags"] == {"boost": searchindex.TAGS_BOOST}


def test_rebuilding_twice_changes_nothing(rebuilt):
    """static-i18n hands the hook an index twice (English alone, then merged)."""
    again = rebuild(copy.deepcopy(rebuilt))
    assert again == rebuilt


def test_one_index_per_language(rebuilt):
    parts = searchindex.by_language(rebuilt, EASY_PAGES)
    assert set(parts) == {"ja", "en"}
    assert all(doc["location"].startswith("en/") for doc in parts["en"]["docs"])
    assert not any(doc["location"].startswith("en/") for doc in parts["ja"]["docs"])
    assert len(parts["ja"]["docs"]) + len(parts["en"]["docs"]) == len(rebuilt["docs"])
    assert searchindex.STOP_WORDS in parts["ja"]["config"] and searchindex.STOP_WORDS not in parts["en"]["config"]
    assert searchindex.STOP_WORDS in rebuilt["config"]  # the parts are copies: the whole index is left as it was


def test_problems_name_a_missing_clause_a_dead_anchor_and_noise(rebuilt):
    broken = copy.deepcopy(rebuilt)
    broken["docs"] = [d for d in broken["docs"] if d["location"] != "en/guideline/#security-2"]
    next(d for d in broken["docs"] if d["location"] == "guideline/#security-1")["text"] += "¶"
    found = searchindex.problems(broken, GUIDELINE, {"guideline/": {"security-1"}})
    assert "clause security-2 has no entry en/guideline/#security-2 in the search index" in found
    assert "search entry guideline/#security-1: noise (¶ or checklist lines) in its text" in found
    assert any(p.startswith("search entry guideline/#security-3: the page has no element") for p in found)


def test_the_material_fixes_apply_once_and_say_when_material_changed():
    worker = "a;" + ";".join(bug for where, bug, _ in searchindex.MATERIAL_FIXES if where == searchindex.WORKER) + ";b"
    fixed = searchindex.fix_material(worker, searchindex.WORKER, "search.x.js")
    assert all(fix in fixed for where, _, fix in searchindex.MATERIAL_FIXES if where == searchindex.WORKER)
    assert searchindex.fix_material(fixed, searchindex.WORKER, "search.x.js") == fixed
    with pytest.raises(ValueError, match="search.x.js: the code fix 1 changes was found 0 times.*fix 1 of"):
        searchindex.fix_material("new material", searchindex.WORKER, "search.x.js")
    only_first = "a;" + searchindex.MATERIAL_FIXES[0][1]
    with pytest.raises(ValueError, match="found 0 times.*fix 2 of"):
        searchindex.fix_material(only_first, searchindex.WORKER, "search.x.js")
    # The bundle's fixes are made in the bundle only.
    bundle = [(bug, fix) for where, bug, fix in searchindex.MATERIAL_FIXES if where == searchindex.BUNDLE]
    assert bundle and searchindex.fix_material(";".join(bug for bug, _ in bundle), searchindex.BUNDLE,
                                               "bundle.x.js") == ";".join(fix for _, fix in bundle)


def test_the_fixes_match_the_installed_material():
    """Each fix finds its code exactly once in the file Material ships."""
    import material
    scripts = Path(material.__file__).parent / "templates" / "assets" / "javascripts"
    for number, (where, bug, _) in enumerate(searchindex.MATERIAL_FIXES, 1):
        files = list(scripts.glob(where))
        assert len(files) == 1, where
        assert files[0].read_text(encoding="utf-8").count(bug) == 1, f"fix {number}"


def test_everyday_words_go_in_a_field_of_their_own_never_in_the_text(rebuilt):
    from wakesite import searchterms
    index = copy.deepcopy(rebuilt)
    words = searchterms.Synonyms("guideline/#security-2", {"ja": ("ネットカフェ", "漫画喫茶"), "en": ("internet cafe",)})
    assert searchterms.apply(index, [words]) == []
    docs = by_location(index)
    assert docs["guideline/#security-2"][searchterms.FIELD] == "ネットカフェ 漫画喫茶"
    assert docs["en/guideline/#security-2"][searchterms.FIELD] == "internet cafe"
    assert "漫画喫茶" not in docs["guideline/#security-2"]["text"]
    assert index["config"]["fields"][searchterms.FIELD] == {"boost": searchindex.WORDS_BOOST}
    assert searchterms.apply(index, [words]) == [] and by_location(index) == docs  # idempotent
    assert searchterms.apply(index, [searchterms.Synonyms("guideline/#nowhere", {"ja": ("x",), "en": ()})]) == \
        ["guideline/#nowhere"]


def test_titles_and_texts_from_data_stay_text():
    """Material puts a result's title and text into the page as HTML: a row label or clause text
    holding markup must arrive escaped (the entries made here are not escaped by Material)."""
    from wakesite.lang import Bilingual
    guideline = copy.deepcopy(GUIDELINE)
    hostile = '<img src=x onerror=alert(1)>'
    guideline.clause("flaming-1").ref = Bilingual(hostile, hostile)  # how it is named: from the row label
    guideline.clause("flaming-1").text = Bilingual(hostile, hostile)
    docs = by_location(rebuild(material_index(), guideline))
    for location in ("guideline/#flaming-1", "en/guideline/#flaming-1"):
        assert "<img" not in docs[location]["title"] + docs[location]["text"], docs[location]
        assert "&lt;img src=x onerror=alert(1)&gt;" in docs[location]["title"]
        assert "&lt;img src=x onerror=alert(1)&gt;" in docs[location]["text"]


def _account_list_index(registry) -> dict:
    """The list of official accounts on /accounts/ as Material indexes it: the lead, then per account
    `</p> <platform name> <p>name handle address</p>` (scripts/wakesite/accounts/_accounts.j2)."""
    rows = "".join(f"</p> {a.platform.name} <p>{a.name} {a.url}" for a in registry.accounts)
    return {"config": {"lang": ["ja"], "separator": "[\\s]+", "pipeline": [],
                       "fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0}}},
            "docs": [{"location": "accounts/", "title": "公式アカウント", "text": "", "boost": 10},
                     {"location": "accounts/#official", "title": "公式アカウント",
                      "text": f"<p>町の公式アカウントは次のとおりです。{rows}</p>", "boost": 10}]}


def test_each_account_is_an_entry_of_its_own_and_the_list_keeps_its_own_words():
    registry = site.load_project(ROOT).accounts
    index = rebuild(_account_list_index(registry), accounts=registry)
    docs = by_location(index)
    assert docs["accounts/#official"]["text"] == "<p>町の公式アカウントは次のとおりです。</p>"
    for account in registry.accounts:
        entry = docs[f"accounts/#account-{account.id}"]
        assert entry["title"] == f"{account.platform.name}: {account.name}"
        assert entry["text"] == f"<p>{account.name} {account.url}</p>"
        assert entry["boost"] == 10
    assert rebuild(copy.deepcopy(index), accounts=registry) == index


def test_an_account_list_laid_out_otherwise_is_left_whole():
    registry = site.load_project(ROOT).accounts
    index = _account_list_index(registry)
    index["docs"][1]["text"] = "<p>表の形が変わった</p>"
    docs = by_location(rebuild(index, accounts=registry))
    assert docs["accounts/#official"]["text"] == "<p>表の形が変わった</p>"
    assert not [location for location in docs if "#account-" in location]


# ---- issue 27: questions, readings, the site's own cut of kanji, the easy pages' index ----

FAQ = site.load_project(ROOT).faq


def _with_question_pages(index: dict) -> dict:
    """Material's entries for /faq/ and /staff/: the page, and a section per question."""
    for root, faq_title in (("", "よくある質問"), ("en/", "FAQ")):
        index["docs"].append({"location": f"{root}faq/", "title": faq_title, "text": "<p>案内</p>"})
        index["docs"] += [{"location": f"{root}faq/#{q.id}", "title": q.question["ja"], "text": "<p>答え</p>"}
                          for q in FAQ.residents]
        index["docs"].append({"location": f"{root}staff/#what-now", "title": "いま何をすればよいか", "text": "<p>状況</p>"})
        index["docs"] += [{"location": f"{root}staff/#{q.id}", "title": q.question["ja"], "text": "<p>答え</p>"}
                          for q in FAQ.staff]
    return index


def test_each_question_is_an_entry_at_the_place_that_answers_it_tagged_with_its_page():
    labels = {"faq/": "よくある質問", "staff/": "職員の方へ", "en/faq/": "FAQ", "en/staff/": "For staff",
              "guideline/": "ガイドライン", "policy/": "運用方針", "en/guideline/": "Guideline", "en/policy/": "Operation policy"}
    index = rebuild(_with_question_pages(material_index()), labels=labels, faq=FAQ)
    for q in FAQ.questions():
        for root, lang in (("", "ja"), ("en/", "en")):
            entries = [d for d in index["docs"] if d["location"] == root + faq.question_location(q)
                       and d["title"] == q.question[lang]]
            assert len(entries) == 1, (q.id, lang)
            entry = entries[0]
            assert entry["text"].startswith("<p>") and q.answer[lang][:10] in entry["text"]
            assert entry["tags"] == [labels[root + {"residents": "faq/", "staff": "staff/"}[q.kind]]]
            assert "_tagged_as" not in entry
    locations = {d["location"] for d in index["docs"]}
    assert "faq/#will-you-reply" not in locations and "staff/#own-phone" not in locations  # not found twice
    assert {"faq/", "staff/#what-now"} <= locations  # the pages' other sections stay
    # A question is weighed as the page it leads to (the guideline's and the policy's authority).
    reply = next(d for d in index["docs"] if d["title"] == "コメントや質問に、町から返事はもらえますか？")
    assert reply["location"] == "policy/#policy-comments-1" and reply["boost"] == 10
    assert rebuild(copy.deepcopy(index), labels=labels, faq=FAQ) == index


def test_readings_of_the_japanese_entries_and_the_names_go_in_the_config():
    index = {"config": {"fields": {}}, "docs": [
        {"location": "guideline/#a", "title": "責任", "text": "<p>決裁 &amp; コメント</p>", "words": "荒らし"},
        {"location": "en/guideline/#a", "title": "Responsibility", "text": "<p>approval</p>"}]}
    seen = []

    def reader(text):
        seen.append(text)
        return [("せきにん", "責任"), ("けっさい", "決裁"), ("けっさい", "決済")]
    searchindex.add_kana_words(index, reader, {"LINE": ("らいん",)})
    assert index["config"][searchindex.KANA_WORDS] == {"けっさい": "決裁 決済", "せきにん": "責任", "らいん": "LINE"}
    assert [" ".join(text.split()) for text in seen] == ["責任 決裁 & コメント 荒らし"]  # Japanese only, markup off


def test_runs_of_kanji_are_cut_by_the_dictionary_and_only_runs_it_cuts_are_kept():
    index = {"config": {"fields": {}}, "docs": [
        {"location": "guideline/#a", "title": "法令", "text": "<p>和気町個人保護条例を遵守</p>"},
        {"location": "en/guideline/#a", "title": "和気町個人保護条例", "text": ""}]}
    cut = {"和気町個人保護条例": ["和気", "町", "個人", "保護", "条例"], "遵守": ["遵守"]}
    searchindex.add_segments(index, lambda run: cut.get(run, [run]))
    assert index["config"][searchindex.SEGMENTS] == {"和気町個人保護条例": "和気 町 個人 保護 条例"}
    # A cut that does not make up the run (the dictionary changed the text) is not used.
    searchindex.add_segments(index, lambda run: ["和気", "町"])
    assert index["config"][searchindex.SEGMENTS] == {}


def test_the_easy_pages_get_an_index_with_their_entries_first_and_english_none_of_the_japanese_aids(rebuilt):
    index = copy.deepcopy(rebuilt)
    index["docs"].append({"location": "easy/policy/#replies", "title": "コメントへの 返事", "text": "<p>返事</p>", "boost": 0.5})
    index["config"].update({searchindex.KANA_WORDS: {"へんじ": "返事"}, searchindex.SEGMENTS: {"返事書": "返事 書"}})
    parts = searchindex.by_language(index, EASY_PAGES)
    assert set(parts) == {"ja", "en", "easy"}
    easy = by_location(parts["easy"])
    assert easy["easy/policy/#replies"]["boost"] == searchindex.EASY_BOOST_ON_EASY_PAGES
    assert easy["guideline/#security-2"]["boost"] == 10 * searchindex.ORDINARY_BOOST_ON_EASY_PAGES
    assert by_location(parts["ja"])["guideline/#security-2"]["boost"] == 10  # the ordinary pages' index unchanged
    assert not {searchindex.KANA_WORDS, searchindex.SEGMENTS, searchindex.STOP_WORDS} & set(parts["en"]["config"])
    assert parts["easy"]["config"][searchindex.KANA_WORDS] == {"へんじ": "返事"}
