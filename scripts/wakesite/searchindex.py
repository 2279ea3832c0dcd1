"""The search index, one entry per clause: a search answers with the rule, not its section.

Material indexes a page per heading, so the guideline's 80 clauses sat in 17 entries and a search
for 投稿予約 landed at the top of 5(4), a dozen clauses long. `rebuild` rewrites Material's
search/search_index.json (after static-i18n has merged the languages, before the everyday words
of search_synonyms.yml are added) from the guideline model:

- every clause with an anchor (paragraph, row, item) gets its own entry, in each language:
  location = the clause's anchor on /guideline/ (and on /policy/ for the rows and items of the
  operation policy, the authority for the public), title = how a reader names it
  ("5(4) セキュリティー対策 2"), text = the clause's own words as published (errata applied);
- a heading keeps its entry for browsing by title, with only the words no clause entry holds, so
  the clause outranks the heading that contains it for the clause's words;
- no entry carries the ¶ of a permalink or the "確認するチェックリスト" lines;
- what else a page's entries need is its parts' own rule (`Part.search`, wakesite.searchentry),
  in the part's folder: a checklist page is one entry found by its title and its items
  (wakesite.checklists), each official account an entry of its own (wakesite.accounts), the easy
  pages' entries written from their data (wakesite.easy), the お問い合わせ・通報 block answered
  once, on /accounts/ (wakesite.contact), the questions' sections left out of their pages
  (wakesite.faq: each question is an entry of its own, made here). Which page holds which parts
  the build says (`pages`: the plugin notes each page's placeholders).

The result is checked (`problems`): the build fails if a clause has no entry or an entry points
at an anchor the page does not have.
"""
from __future__ import annotations

import html
import re

from . import guideline as guideline_module
from . import pagepath, policy, strings
from .faq import KIND_PARTS, question_location
from .guideline import Clause, Guideline
from .lang import LANGS, lang_root
from .searchentry import ITEMS, TAG, WORDS, Rebuild, Where, as_html, lang_of, languages_in

# The pages that show clauses (with their permalinks ¶). The clauses' entries are this module's own
# work (one entry per clause, on the page that publishes it: wakesite.policy.clause_page), so it
# names these two pages by their addresses, which the faq's links to clauses use too.
CLAUSE_PAGES = (guideline_module.PAGE, policy.PAGE)
# Clauses are found by their words, headings by their titles: the kinds that get entries.
CLAUSE_KINDS = ("paragraph", "row", "item")
HEADING_KINDS = ("chapter", "section")
# The operation policy's table (5(2)) is also /policy/: its rows and items get entries there
# (what /policy/ shows: wakesite.policy).
# A heading (chapter, section, table row) with no words of its own is found by its title: it ranks
# above the clauses under it, whose titles repeat it ("6 なりすまし対策 1"), for a query that names
# it; for words of a clause, the clause (the heading has none of them) comes first.
HEADING_BOOST = 1.5
# Material weighs a word in a title 1000 times one in the text: any title sharing a word with the
# query ("投稿前チェックリスト" for 投稿予約) outranked the clause that answers it.
TITLE_BOOST = 1.5
# Chapters that state no rule (the introduction's purpose and background): their long text shared
# words with every query and, without the guideline's boost of authority, ranks like other pages.
BACKGROUND_CHAPTERS = ("introduction",)
# Pages whose opening paragraph only sums up the sections below it (home, guideline, policy,
# accounts): the page's entry keeps its title, not the summary. Material ranks a page's own entry
# far above its sections (5 : 2), so the summary's words (免責事項, コメント …) sent people to the
# top of the page instead of the clause. Named by address, not declared by a part: the summary is
# each page's own hand-written paragraph (docs/index.md, guideline.md, policy.md, accounts.md), not
# what any of its parts renders (the home page's, its easy link and contact block, sum up nothing).
SUMMARY_PAGES = ("", "guideline/", "policy/", "accounts/")
_PERMALINK = re.compile(r"\s*¶")
# The index field of words that are searched but never shown (searchentry.WORDS): the everyday
# words of search_synonyms.yml (wakesite.searchterms). Material's worker indexes every field the
# index's config names, and shows only titles and texts. Weighed like the text (a lower
# weight was measured to lose more queries than it saved: 89 % and 87 % of the query set at 0.5
# and 0.25, 91 % at 1).
WORDS_BOOST = 1.0
# A checklist's items (searchentry.ITEMS): searched, never shown, weighed below the clause they
# check (wakesite.checklists.SEARCH_BOOST).
ITEMS_BOOST = 0.1
# Queries typed in kana (せきにん, けっさい, こめんと: やさしい日本語 readers, a phone without
# conversion) and katakana variants (フェースブック, ｲﾝｽﾀ): the index's config carries, for the
# Japanese indexes, reading (hiragana) → the words of the index read so (`KANA_WORDS`, from the
# dictionary: wakesite.easy.kana_readings, and names in Latin letters from search_synonyms.yml's
# `names`). The worker reads each run of kana in a query, longest reading first, and searches for
# those words too (MATERIAL_FIXES 11), so 責任 is found as if it had been typed. The readings are
# not put in the index as words: TinySegmenter cut them into pieces (せき|にん) whose prefixes
# matched every long entry.
KANA_WORDS = "kana_words"
# How the index cuts a run of kanji into words. Material's worker cuts Japanese with TinySegmenter,
# which cut the town's long compounds wrongly (和気町個人保護条例 → 和気|町個|人保|護条|例); a query's
# 町 became 町* and matched those pieces, so 4(2), which lists the town's rules, came first for
# most residents' questions with 町 in them. The config carries, for each run of three or more
# kanji in the Japanese entries, the dictionary's words (MeCab with UniDic, wakesite.easy.words_of);
# the worker cuts those runs so (MATERIAL_FIXES 6), and TinySegmenter the rest.
SEGMENTS = "segments"
_KANJI_RUN = re.compile(r"[\u4E00-\u9FFF\u3400-\u4DBF\uF900-\uFAFF々〆ヵヶ]{3,}")
# Questions in everyday words (faq.yml) are entries of their own, at the clause that answers them
# (the first it cites) or the page that does (wakesite.faq.question_location): the question as
# title, the short answer as text, tagged with the name of the page that lists them (the page
# holding the part of its kind, wakesite.faq.KIND_PARTS), whose sections showing the questions
# the faq's rule leaves out (the question would be found twice).
# The やさしい日本語 pages ask for an index of their own (search_index.easy.json): the Japanese
# one with the easy entries weighed far above the ordinary pages, which answer the same words in
# words an easy reader may not follow; the ordinary entries stay, for words no easy page has.
EASY_INDEX = "easy"
EASY_BOOST_ON_EASY_PAGES = 20.0
ORDINARY_BOOST_ON_EASY_PAGES = 0.05  # the authority's 10 becomes 0.5: below any easy entry that matches
# The tag on each result (its part of the site, `page_labels`): a word in it counts like one of the text.
TAGS_BOOST = 1.0
# What the guideline page adds under a clause, "確認するチェックリスト：…" (strings.yml `checked_by`):
# not the clause's words, left out of its entry.
_CITED_BY = re.compile(r'<span class="wk-cited-by">.*?</span></span>|<p>\s*('
                       + "|".join(re.escape(strings.word("checked_by", lang)) for lang in LANGS) + r').*?</p>', re.S)


def clause_title(clause: Clause, lang: str) -> str:
    """How a reader names the clause: '5(4) セキュリティー対策 2', '4(5)ウ 禁止事項'."""
    name = clause.describe(lang)
    heading = clause.heading_ancestor()
    if clause.kind == "item" and clause.parent and clause.parent.parent is heading and heading is not None:
        name = f"{name} {heading.title[lang]}"  # an item listed under a heading: '4(5)ウ' alone says little
    return name


def own_text(clause: Clause, lang: str) -> str:
    """The clause's words and those of the parts inside it that have no anchor of their own."""
    texts = [clause.text[lang]] if clause.text and clause.kind != "row" else []
    for child in clause.children:
        if child.id and child.kind in CLAUSE_KINDS + HEADING_KINDS + ("table",):
            continue
        texts.append(own_text(child, lang) if child.kind != "row" else "")
    return "\n".join(t for t in texts if t)


def rebuild(index: dict, guideline: Guideline, easy=None, accounts=None, labels: dict[str, str] | None = None,
            faq=None, pages: dict[str, tuple[str, ...]] | None = None, parts: dict | None = None) -> dict:
    """Material's search index (a dict) with one entry per clause; idempotent. `easy`: the
    やさしい日本語 pages (wakesite.easy.Easy), whose entries are rewritten from their data;
    `accounts`: the registry (wakesite.accounts.Registry), whose accounts become entries of their own;
    `labels`: page location → the name of its part of the site (`page_labels`), shown on each result;
    `faq`: the questions in everyday words (wakesite.faq.Faq), made entries of their own;
    `pages`: page location → the generated parts it holds (their placeholders' names, as the build
    found them), whose search rules (`Part.search`, the part table `parts`: render.PARTS) apply to
    its entries."""
    clauses = [c for c in guideline.clauses.values() if c.kind in CLAUSE_KINDS]
    pages = pages or {}
    rules = {path: _rules(names, parts or {}) for path, names in pages.items()}
    asked = _question_entries(faq, languages_in(index), pages) if faq else []
    made = {(doc["location"], doc["title"]) for doc in asked}
    docs = [doc for doc in index["docs"]
            if not _added_here(doc, guideline) and (doc["location"], doc["title"]) not in made]  # idempotent
    by_location = {doc["location"]: doc for doc in docs}
    run = Rebuild(easy, accounts, faq, by_location)
    by_page_boost = {doc["location"]: doc.get("boost", 1) for doc in docs if "#" not in doc["location"]}
    index["config"]["fields"]["title"]["boost"] = TITLE_BOOST
    index["config"]["fields"][WORDS] = {"boost": WORDS_BOOST}
    index["config"]["fields"][ITEMS] = {"boost": ITEMS_BOOST}
    index["config"][STOP_WORDS] = list(JA_STOP_WORDS)
    result: list[dict] = []
    added: dict[str, list[dict]] = {}  # heading (or page) location → clause entries after it
    for lang in languages_in(index):
        root = lang_root(lang)
        for clause in clauses:
            page = policy.clause_page(clause)
            page_doc = by_location.get(root + page)
            if page_doc is None:
                continue
            heading = clause.heading_ancestor()
            after = f"{root}{page}#{heading.id}" if page == guideline_module.PAGE and heading else root + page
            if page == policy.PAGE:
                row = clause if clause.kind == "row" else _row_of(clause)
                after = f"{root}{page}#{row.id}" if row and clause is not row else root + page
                if clause.kind == "row":
                    continue  # the row is a heading of /policy/: Material's entry, text rewritten below
            text = as_html(own_text(clause, lang))
            entry = {"location": f"{root}{page}#{clause.id}",
                     "title": html.escape(clause_title(clause, lang), quote=False), "text": text}
            boost = page_doc.get("boost", 1) * (HEADING_BOOST if clause.kind == "row" and not text else 1)
            if boost != 1:
                entry["boost"] = boost
            added.setdefault(after if after in by_location else root + page, []).append(entry)
    for doc in docs:
        location = doc["location"]
        path, _, anchor = location.partition("#")
        lang = lang_of(path)
        page = path[len(lang_root(lang)):]
        clause = guideline.clauses.get(anchor) if anchor else None
        kept = _by_rules(doc, rules.get(path, ()), Where(path, anchor, lang, run))
        if not kept:
            continue
        if not anchor and page in SUMMARY_PAGES:
            doc["text"] = ""
        if clause is not None and page in CLAUSE_PAGES and anchor not in policy.ROWS_FROM_DATA:
            # Named like the clauses under it ('4(3) 正確な情報発信', not the page's '（３）正確な情報発信').
            doc["title"] = html.escape(clause.describe(lang), quote=False)
            doc["text"] = as_html(own_text(clause, lang))
            doc["boost"] = 1 if anchor in BACKGROUND_CHAPTERS else \
                by_page_boost.get(path, 1) * (1 if doc["text"] else HEADING_BOOST)
        if page in CLAUSE_PAGES:  # the clause permalinks and checklist lines are these pages' own
            doc["text"] = _CITED_BY.sub("", _PERMALINK.sub("", doc["text"]))
        result.extend(kept)
        result.extend(added.pop(location, []))
    for leftover in added.values():  # a heading Material did not index: after the page's other entries
        result.extend(leftover)
    for doc in asked:  # weighed as the page it leads to
        doc["boost"] = by_page_boost.get(doc["location"].partition("#")[0], 1)
        if doc["boost"] == 1:
            del doc["boost"]
    result.extend(asked)
    if labels is not None:
        # Every entry is a result of its own (MATERIAL_FIXES 7): its tag says where it is. Weighed
        # like a word of the text, not as Material weighs a tag (a million times).
        index["config"]["fields"]["tags"] = {"boost": TAGS_BOOST}
        for doc in result:
            label = labels.get(doc.pop(_TAGGED_AS, None) or doc["location"].partition("#")[0])
            if label:
                doc["tags"] = [label]
    for doc in result:
        doc.pop(_TAGGED_AS, None)
    index["docs"] = result
    return index


def _rules(names, parts: dict) -> list:
    """The search rules of a page's parts (`names`), each once, in the page's order."""
    found = [parts[name].search for name in names if name in parts and parts[name].search]
    return [rule for number, rule in enumerate(found) if rule not in found[:number]]


def _by_rules(doc: dict, rules, where: Where) -> list[dict]:
    """The entries that take an entry's place under its page's rules, in turn: none once a rule
    leaves it out; after it, those the rules made."""
    kept = [doc]
    for rule in rules:
        made = rule(doc, where)
        if not made:
            return []
        kept += made[1:]
    return kept


_TAGGED_AS = "_tagged_as"  # while rebuilding: the page whose name tags a question's entry


def _question_entries(faq, langs: list[str], pages: dict[str, tuple[str, ...]]) -> list[dict]:
    """An entry per question and language, at the clause (or page) that answers it, tagged with the
    page that lists it (the one holding its kind's part, wakesite.faq.KIND_PARTS)."""
    listing = {(lang_of(path), kind): path for path, names in pages.items()
               for kind, name in KIND_PARTS.items() if name in names}
    return [{"location": lang_root(lang) + question_location(q),
             "title": html.escape(q.question[lang], quote=False), "text": as_html(q.answer[lang]),
             _TAGGED_AS: listing.get((lang, q.kind))}
            for lang in langs for q in faq.questions()]


def _japanese_texts(index: dict):
    """Per Japanese entry, the words it is searched by as plain text: its title, text, everyday
    words and checklist items, markup taken off."""
    for doc in index["docs"]:
        if lang_of(doc["location"].partition("#")[0]) == LANGS[0]:
            yield " ".join(html.unescape(TAG.sub(" ", doc.get(field, ""))) for field in ("title", "text", WORDS, ITEMS))


def add_segments(index: dict, words_of) -> None:
    """Put in the index's config how each run of kanji (three or more) of its Japanese entries is
    cut into words (`words_of`: text → its words); only runs cut into more than one. Idempotent."""
    segments = {}
    for plain in _japanese_texts(index):
        for run in _KANJI_RUN.findall(plain):
            if run not in segments:
                words = words_of(run)
                segments[run] = " ".join(words) if len(words) > 1 and "".join(words) == run else None
    index["config"][SEGMENTS] = {run: words for run, words in sorted(segments.items()) if words}


def add_kana_words(index: dict, reader, names: dict[str, tuple[str, ...]] | None = None) -> None:
    """Put in the index's config the words of its Japanese entries by their readings (`reader`:
    text → [(reading, word)]), and `names` (a name → its readings in kana). Idempotent."""
    words: dict[str, dict[str, None]] = {}
    for plain in _japanese_texts(index):
        for reading, word in reader(plain):
            words.setdefault(reading, {})[word] = None
    for name, readings in (names or {}).items():
        for reading in readings:
            words.setdefault(reading, {})[name] = None
    index["config"][KANA_WORDS] = {reading: " ".join(found) for reading, found in sorted(words.items())}


def page_labels(nav: list, translations: dict[str, dict[str, str]]) -> dict[str, str]:
    """Page location (as in the search index) → the name of its part of the site in the nav:
    {'policy/': '運用方針', 'checklists/pre-post/': 'チェックリスト', 'en/policy/': 'Operation policy'}.
    `nav`: mkdocs.yml's nav, in the default language; `translations`: language → static-i18n's
    nav_translations (a name not translated stays as it is)."""
    labels = {}

    def walk(entries, section: str | None):
        for entry in entries:
            if isinstance(entry, str):
                items = [(section, entry)]
            else:
                items = list(entry.items())
            for label, value in items:
                if isinstance(value, list):
                    walk(value, label if section is None else section)
                elif isinstance(value, str) and value.endswith(".md") and label:
                    stem = value[:-len(".md")]  # MkDocs' directory URLs: policy.md is policy/index.html
                    page = pagepath.page_of(stem + ".html" if stem == "index" or stem.endswith("/index")
                                            else stem + "/index.html")
                    name = section or label  # a page inside a section is named by the section
                    for lang in LANGS:
                        labels[lang_root(lang) + page] = translations.get(lang, {}).get(name, name)
    walk(nav, None)
    return labels


# Fixes to Material's search, made in the site's copy of its built JavaScript. Written against
# mkdocs-material 9.8.1; the build stops if a fix's code is not there exactly once (a new Material
# version: check whether it still needs them; tests/browser/test_search.py shows each at work).
# Each is (file, code as shipped, code as fixed). The files: the search worker (query → scored
# entries) and the main bundle (entries → the result list).
WORKER = "workers/search.*.min.js"
BUNDLE = "bundle.*.min.js"
# The query: the index is segmented by TinySegmenter (every run of Japanese); a query's runs of
# kanji are split into the words the index holds (a dictionary lookup), and nothing else was.
# Japanese stop words: the list of Apache Lucene's Japanese analyser (kuromoji, ja/stopwords.txt,
# Apache License 2.0; also Amazon CloudSearch's default for Japanese), taken whole, not chosen per
# query. lunr's own Japanese list is short and lacks the commonest (する, こと, ため, できる).
# They travel in the index's config (`STOP_WORDS`), fetched when search is first used, not in the
# worker, which every page loads (+0.5 kB on a first visit).
JA_STOP_WORDS = tuple("""
の に は を た が で て と し れ さ ある いる も する から な こと として い や れる など なっ ない この ため
その あっ よう また もの という あり まで られ なる へ か だ これ によって により おり より による ず なり
られる において ば なかっ なく しかし について せ だっ その後 できる それ う ので なお のみ でき き つ
における および いう さらに でも ら たり その他 に関する たち ます ん なら に対して 特に せる 及び これら
とき では にて ほか ながら うち そして とともに ただし かつて それぞれ または お ほど ものの に対する
ほとんど と共に といった です とも ところ ここ""".split())
STOP_WORDS = "stop_words"
_STOP_WORD = ('w=>(w=w.replace(/^[+-]/,"").toLowerCase(),lunr.stopWordFilter(w)===void 0'
              '||!!lunr.ja&&lunr.ja.stopWordFilter(w)===void 0||self.wkStopWords.has(w))')
# A word of kana (typed alone: not the okurigana or particles beside kanji, which the dictionary
# would read as other words: いけない → 内) or a run of katakana (katakana read as hiragana) is
# cut at each place into the longest reading the index
# knows (2–12 characters; at most 12 tries per character: linear in the query's length), and the
# words read so follow the run. The run itself stays, for entries written in kana; a reading that
# is itself a word of the index (ことば on the やさしい日本語 pages) is searched as it is typed, but
# for the names in Latin letters it reads as (ライン → LINE): ライン is a word of the index because a
# few entries list it among their everyday words, and the pages that write LINE (every やさしい日本語
# entry naming it) were then not found by it.
# (An arrow function: `this` is the worker's search, whose index it looks in.)
# An English word of five letters or more is searched by its stem when the stem is how the word
# begins (approves → approv*, comments → comment*: the index is not stemmed, and every query word
# is a prefix, so "approves" found no "approval"); a stem that changes the word (policy → polici)
# is not used.
_QUERY_FORMS = ('(q=>q.replace(/(?<!\\S)[\\u3041-\\u3096\\u30A1-\\u30FA\\u30FC]+(?!\\S)|[\\u30A1-\\u30FA\\u30FC]+/g,run=>{let m=self.wkKanaWords,'
                'h=run.replace(/[\\u30A1-\\u30F6]/g,c=>String.fromCharCode(c.charCodeAt(0)-96)),out=[];'
                'for(let i=0;i<h.length;){let j=Math.min(h.length,i+12);'
                'for(;j>=i+2&&!Object.prototype.hasOwnProperty.call(m,h.slice(i,j));j--);'
                'if(j>=i+2){let k=h.slice(i,j),x=this.index.invertedIndex;'
                'let w=k in x||run.slice(i,j) in x?m[k].split(" ").filter(v=>/^[A-Za-z]/.test(v)).join(" "):m[k];'
                'if(w)out.push(w);i=j}else i++}'
                'return out.length?run+" "+out.join(" "):run})'
                '.replace(/[A-Za-z]{5,}/g,w=>{let l=w.toLowerCase(),t=lunr.stemmer(new lunr.Token(l)).toString();'
                'return t.length>=4&&l.startsWith(t)?t:l}))')


# The longest piece of a query's run of kanji or kana looked up as a word of the index (fix 1).
LOOKUP_LENGTH = 24
# The most characters of a query that are read (fix 11) and the most words it is then searched
# with (fix 12). A query is a few words; a pasted page is thousands, and the worker's time grew
# faster than the query: it compares each result's words with each of the query's, and Material's
# transform writes the whole query again for each part of a hyphenated word. 8,000 characters of
# two-kanji words the index knows took 5.8 s to an answer, 100,000 never answered; "責任 " × 33,333
# took 3.1 s. Both are far above what a query typed or pasted as a sentence comes to: the three
# query sets and the held-out one find what they found before.
QUERY_CHARS = 1000
QUERY_WORDS = 200
MATERIAL_FIXES = (
    # 1. The lookup never looked at a word that ends the run: 投稿予約 was searched as 投稿 alone,
    #    個人情報 as 個人. One character: `<` → `<=`. And it tried every piece of the run, however
    #    long (a pasted run of 100,000 kanji: 5 billion pieces, the search never answered): a piece
    #    is tried up to LOOKUP_LENGTH characters, longer than any Japanese word of the index.
    (WORKER, "for(let o=s+1;o<t.length;o++)t.slice(s,o)in e",
     f"for(let o=s+1;o<=t.length&&o-s<={LOOKUP_LENGTH};o++)t.slice(s,o)in e"),
    # 2. Runs that TinySegmenter cut in the index, but the query did not: a word of hiragana alone
    #    (にせもの → にせ|もの) and a run of katakana (フェイスブックページ → フェイスブック|ページ;
    #    ハッシュダグ, a typo, → ハッシュ). They now go through the same lookup. Only a whole word of
    #    hiragana: the hiragana between kanji (particles, endings) stays as it was, because looking
    #    it up added common words that outranked the answer.
    (WORKER, 'new RegExp("\\\\p{sc=Han}+","gu")',
     'new RegExp("\\\\p{sc=Han}+|[\\\\u30A0-\\\\u30FF]+|(?<!\\\\S)\\\\p{sc=Hiragana}+(?!\\\\S)","gu")'),
    # 3. The lookup returned every word the index holds at every place of the run, overlapping:
    #    個人情報 → 個, 個人, 人, 人情, 情報. A clause was then scored for 人情 too, and every result
    #    listed the pieces it lacked as missing words (検索に含まれない: 人 人情). Now the run is cut
    #    once, at each place taking the longest word of two or more characters the index holds,
    #    and what lies between such words stays as it is: 個人情報 → 個人 情報; から stays から
    #    (the index holds か, a particle: cut into か ら, it matched every entry).
    (WORKER, 'let i=[0];for(let s=i.length;s>0;){let o=i[--s];for(let u=1;u<n[o];u++)n[o+u]>n[o]-u&&'
             '(r.add(t.slice(o,o+u)),i[s++]=o+u);let a=o+n[o];n[a]&&a<t.length-1&&(i[s++]=a),r.add(t.slice(o,a))}',
     'for(let o=0,u=0;o<=t.length;o++)if(o===t.length||n[o]>1){u<o&&r.add(t.slice(u,o));if(o===t.length)break;'
     'r.add(t.slice(o,o+n[o]));u=o+n[o];o=u-1}'),
    # 4. The words the lookup found were joined with "* ", and every query word then got a
    #    second `*`: 個人情報 was searched as 個人** 情報*. lunr still matched them, but the
    #    worker compared "個人*" with the words found and counted none of them: every result was
    #    scored as matching none of the query's words, and said so under it (検索に含まれない:
    #    個人* 情報*). Joined with a space, each word gets one `*`.
    (WORKER, '[...fe(s,this.index.invertedIndex)].join("* ")', '[...fe(s,this.index.invertedIndex)].join(" ")'),
    # 5. Stop words (the, a, in, does; する, こと, から, 何 …: lunr's lists and JA_STOP_WORDS) say
    #    nothing about an entry, but every query word gets a trailing `*`: "a*" and "in*" matched
    #    every entry with "account" or "information" and outranked the answer ("fix a mistake in
    #    a post"). They are left out of the query, unless it has no other word.
    (WORKER, '[]).map(r=>/([~^]$)/.test(r)?',
     '[]).filter((r,i,a)=>{let s=' + _STOP_WORD + ';return a.every(s)||!s(r)}).map(r=>/([~^]$)/.test(r)?'),
    # 6. The worker takes the site's own list from the index's config when it starts.
    (WORKER, "constructor({config:e,docs:r,options:n}){let i=Oe(this.table=new Map);",
     f"constructor({{config:e,docs:r,options:n}}){{self.wkStopWords=new Set(e.{STOP_WORDS}||[]);"
     f"self.wkKanaWords=e.{KANA_WORDS}||{{}};self.wkSegments=e.{SEGMENTS}||{{}};let i=Oe(this.table=new Map);"),
    # 6b. The site's own cut of its runs of kanji (`SEGMENTS`), TinySegmenter's for the rest.
    (WORKER, 'lunr.segmenter="TinySegmenter"in lunr?new lunr.TinySegmenter:void 0;',
     'lunr.segmenter="TinySegmenter"in lunr?(g=>{let f=g.segment.bind(g);g.segment=x=>Object.prototype.hasOwnProperty'
     '.call(self.wkSegments,x)?self.wkSegments[x].split(" "):f(x);return g})(new lunr.TinySegmenter):void 0;'),
    # The result list: Material groups the entries by page and shows, per page, its title and only
    # its best entry (the rest behind "N more on this page"). The guideline is one page of 80
    # clauses: its second-best clause was hidden behind the policy's and the checklists' pages,
    # and the page's title took one of the first three places. Each entry is now a result of
    # its own, shown with its title and text (the clause's number and words), ranked by its own
    # score: the first three results are the three best entries.
    # 7. Group by the entry, not by its page.
    (WORKER, "let u=a.parent?a.parent.location:a.location", "let u=a.location"),
    # 8. No bonus for the first entry of a page (Material scores it up to 2.5 times its sections',
    #    to head its group); without groups it only put pages above the clauses that answer.
    (WORKER, "let g=+!c.parent+Object.values(f)", "let g=Object.values(f)"),
    # 9. Show the text of an entry that is a result alone (Material showed only its title, because
    #    it expected the page's own entry to head every group).
    (BUNDLE, "oo(i,2|+(!n&&s===0))", "oo(i,2|+(n<=0&&s===0))"),
    # 10. A result's tag (its part of the site, `page_labels`) is a word, not a navigation: Material
    #    wrapped tags in <nav>, so a screen reader announced a navigation landmark per result.
    (BUNDLE, 'e.tags&&x("nav",{class:"md-tags"}', 'e.tags&&x("div",{class:"md-tags"}'),
    # 11. Full-width letters and half-width katakana (ＬＩＮＥ, ＳＮＳ, ｲﾝｽﾀ: typed with a Japanese
    #    input method) matched nothing: the query is NFKC-normalised first, like the index's text.
    #    Then each run of kana is read against the index's readings (`KANA_WORDS`, `_QUERY_FORMS`):
    #    the words read so are added after the run (せきにん → せきにん 責任); and an English word is
    #    searched by its stem where the stem begins the word (approves → approv). Only the first
    #    QUERY_CHARS characters of a query are read.
    (WORKER, "search(e){if(e=e.replace(",
     'search(e){if(e=' + _QUERY_FORMS + f'(e.slice(0,{QUERY_CHARS}).normalize("NFKC")).replace('),
    # 12. At most QUERY_WORDS words, the first ones, after the query is cut into the index's words
    #    and given Material's wildcards (a word is kept as often as it comes: Material's transform
    #    repeats words on purpose, and their count weighs in the ranking).
    (WORKER, "e=ce(e),!e)return{items:[]}",
     f'e=ce(e).split(/\\s+/).filter(Boolean).slice(0,{QUERY_WORDS}).join(" "),!e)return{{items:[]}}'),
    # 13. The highlighter marks, in a title or a text, the words a query found, by their places in
    #    the words the worker cut it into, last first. It was given some places twice (two query
    #    words that find the same word: one kept twice by fix 12, a kana reading added by fix 11)
    #    and some the cut does not have (a word found in the entry's `words` field): each mark then
    #    went into the middle of another, and the result showed the pieces (for コメント 削除:
    #    私のk>コメント, k>k></mark>コメント). A place the cut does not have, or one that overlaps
    #    the mark made before it, is left unmarked.
    (WORKER, "for(let y of g.sort((b,E)=>E-b)){let b=(l[y]>>>12)-m,E=(l[y]>>>2&1023)+b;d=[",
     "let w=1/0;for(let y of g.sort((b,E)=>E-b)){if(l[y]===void 0)continue;let b=(l[y]>>>12)-m,"
     "E=(l[y]>>>2&1023)+b;if(E>w)continue;w=b;d=["),
)


def fix_material(code: str, file: str, name: str) -> str:
    """The code of one of Material's files (`file`: WORKER or BUNDLE) with its MATERIAL_FIXES made
    (each exactly once; a second run changes nothing)."""
    for number, (where, bug, fix) in enumerate(MATERIAL_FIXES, 1):
        if where != file:
            continue
        count = code.count(bug)
        if count == 1:
            code = code.replace(bug, fix)
        elif not (count == 0 and code.count(fix) == 1):  # fixed already: a second run of the hook
            raise ValueError(f"{name}: the code fix {number} changes was found {count} times, expected once "
                             f"(mkdocs-material changed: see fix {number} of wakesite.searchindex.MATERIAL_FIXES)")
    return code


def by_language(index: dict, easy_pages: frozenset[str] | set[str] = frozenset()) -> dict[str, dict]:
    """One index per language (the same config, that language's entries): a search from an English
    page answers in English (overrides/main.html asks for search_index.<lang>.json). The Japanese
    stop words go with the Japanese index only. `easy_pages`: the locations of the やさしい日本語
    pages (those holding the easy part), whose entries lead the index of their own."""
    def config(lang: str) -> dict:
        return index["config"] if lang == "ja" else {k: v for k, v in index["config"].items() if k not in (STOP_WORDS, KANA_WORDS, SEGMENTS)}
    parts = {lang: {**index, "config": config(lang), "docs": [doc for doc in index["docs"] if lang_of(doc["location"]) == lang]}
             for lang in languages_in(index)}
    japanese = parts.get(LANGS[0])
    if japanese and any(doc["location"].partition("#")[0] in easy_pages for doc in japanese["docs"]):
        parts[EASY_INDEX] = {**japanese, "docs": [
            {**doc, "boost": EASY_BOOST_ON_EASY_PAGES} if doc["location"].partition("#")[0] in easy_pages
            else {**doc, "boost": doc.get("boost", 1) * ORDINARY_BOOST_ON_EASY_PAGES}
            for doc in japanese["docs"]]}
    return parts


def _added_here(doc: dict, guideline: Guideline) -> bool:
    """An entry `rebuild` made (on a second run: static-i18n hands over an index again, merged)."""
    path, _, anchor = doc["location"].partition("#")
    clause = guideline.clauses.get(anchor) if anchor else None
    if clause is None or clause.kind not in CLAUSE_KINDS:
        return False
    return not (path.endswith(policy.PAGE) and clause.kind == "row")  # /policy/'s rows are its headings


def _row_of(clause: Clause) -> Clause | None:
    node = clause.parent
    while node is not None and node.kind != "row":
        node = node.parent
    return node


_ID = re.compile(r'\sid="([^"]+)"')


def anchors_of(site_dir, index: dict) -> dict[str, set[str]]:
    """Page location → the element ids on the built page, for every page an entry points into."""
    anchors = {}
    for path in {doc["location"].partition("#")[0] for doc in index["docs"] if "#" in doc["location"]}:
        page = pagepath.file_of(site_dir, path)
        anchors[path] = set(_ID.findall(page.read_text(encoding="utf-8"))) if page.is_file() else set()
    return anchors


def problems(index: dict, guideline: Guideline, page_anchors: dict[str, set[str]]) -> list[str]:
    """What is wrong with a rebuilt index: a clause without its entry, an entry whose anchor the
    page does not have (`page_anchors`: location of a page → the ids on it), ¶ or checklist
    lines left in a text."""
    found = []
    locations = {doc["location"] for doc in index["docs"]}
    for lang in languages_in(index):
        root = lang_root(lang)
        for clause in guideline.clauses.values():
            page = policy.clause_page(clause) if clause.kind in CLAUSE_KINDS else guideline_module.PAGE
            if clause.kind in CLAUSE_KINDS + HEADING_KINDS and f"{root}{page}#{clause.id}" not in locations:
                found.append(f"clause {clause.id} has no entry {root}{page}#{clause.id} in the search index")
    for doc in index["docs"]:
        path, _, anchor = doc["location"].partition("#")
        if anchor and path in page_anchors and anchor not in page_anchors[path]:
            found.append(f"search entry {doc['location']}: the page has no element with id {anchor!r}")
        page = path[len(lang_root(lang_of(path))):]
        if page in CLAUSE_PAGES and ("¶" in doc["text"] or strings.word("checked_by", LANGS[0]) in doc["text"]):
            found.append(f"search entry {doc['location']}: noise (¶ or checklist lines) in its text")
    return found
