"""The draft check's rules (docs/_data/draft_rules.yml): load → validate → model, and the JSON
the page's checker (draft-check.js, beside this file) runs on. The package is the draft check's
part folder (wakesite.part): its part at the end, its templates, stylesheets and scripts beside it.

The rules are data: each names its guideline clause (checked against guideline.yml here, so a
link on the page can never point nowhere), its severity, its message in both languages, its
patterns (JavaScript regular expressions: the browser runs them; their examples are run through
the same script in Chromium by the tests) or the named check done in code, and examples that must
and must not trigger it. Platform limits name platforms of the accounts registry; the town's own
domains, official accounts and contact details come from the registry (its website, its accounts,
`contact`), not from this file.

No rule is stronger than its source (`strongest`): the loader refuses one that is, naming the
file, the line and the rule.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from .. import accounts, datafile
from ..checklists import permissive_wording
from ..datafile import DataError, DataErrors
from ..lang import Bilingual
from ..part import RECORD_ID_JS, Part

SCHEMA = "draft_rules.schema.json"  # beside the data file, or in the schema_dir given (datafile.schema_of)
SEVERITIES = ("must-fix", "confirm", "reference")
TOPICS = ("length", "links", "personal-data", "hashtags", "dates", "hours", "characters", "accessibility")
# Checks done in code that need no pattern of their own (the others run on their patterns' matches).
CHECKS_WITHOUT_PATTERNS = {"length", "hours", "image-alt"}
# The checks that read the platforms' limits, and the unit of the limits each reads.
LIMIT_UNITS = {"length": "characters", "hashtag-count": "hashtags"}
RANK = {"must-fix": 0, "confirm": 1, "reference": 2}
# Wording by which the guideline prohibits or requires in so many words: only a clause that says so
# (or the lead of its list: 4(5) 「次に該当する内容の情報を掲載してはいけません」) can make a finding a
# must-fix. 心掛けてください, 留意してください ask for care: a person confirms. Every such word of
# the guideline is listed by tests/unit/test_draft_rules.py.
MANDATORY_WORDING = re.compile(r"いけません|厳禁|禁止|してはならない|しなければならない|必要があります|必ず")


@dataclass(frozen=True)
class Limit:
    id: str
    unit: str  # characters or hashtags
    max: int
    what: Bilingual
    confirmed: bool
    source: Bilingual


@dataclass(frozen=True)
class Rule:
    id: str
    topic: str
    severity: str
    clause: object | None  # a guideline Clause, or None for what the guideline does not say
    item: str | None  # the item of the carry_to checklist the finding bears on (a tick there contradicts it)
    source: Bilingual | None
    message: Bilingual
    patterns: tuple[str, ...]
    reads: str  # raw (the text as typed) or normalised (full-width made half-width)
    check: str | None
    digits: tuple[int, ...]
    when_platform: str | None
    examples: dict  # {"match": [...], "no_match": [...]}, as in the file
    source_kind: str | None = None  # without a clause: platform-limit or practice
    permissive_reason: Bilingual | None = None  # a clause that permits, and why the rule still rests on a duty
    show: str = "list"  # list, or summary: counted in one line under the summary, not listed
    summary: Bilingual | None = None  # the words of that line ({count})
    skip_own: str | None = None  # phone, email, postal-code or address: the town's own (registry) left out
    line: int = 0


@dataclass(frozen=True)
class OwnAccount:
    """An official account of the registry, as a link to it is recognised: host (without www. or
    m.) and the path it starts with, lower case."""
    host: str
    path: str
    label: Bilingual  # "Facebook：和気町"


@dataclass(frozen=True)
class NotOffered:
    """A service the guideline names with no account in the registry; the page says why."""
    named: str
    clause: object
    name: Bilingual
    reason: Bilingual


@dataclass(frozen=True)
class WorkingHours:
    days: tuple[int, ...]  # empty, and start and end None, while the town has not given them
    start: str | None
    end: str | None
    confirmed: bool
    source: Bilingual

    @property
    def known(self) -> bool:
        return bool(self.days) and self.start is not None and self.end is not None


@dataclass
class DraftRules:
    carry_to: str
    hours: WorkingHours
    limits: dict[str, list[Limit]]  # platform id → its limits
    shorteners: list[str]
    rules: list[Rule]
    own_domains: list[str]  # the town's (registry: its website), subdomains included
    own_accounts: list[OwnAccount] = None  # the registry's active accounts
    own_contacts: dict = None  # the town's telephone, e-mail, postal codes, address (registry: contact)
    public_hashtags: tuple[str, ...] = ()
    public_hashtags_source: Bilingual | None = None
    not_offered: list[NotOffered] = None
    most: int = 0  # findings listed per rule at most; the rest are one finding saying how many
    most_message: Bilingual | None = None

    def rule(self, rule_id: str) -> Rule:
        return next(rule for rule in self.rules if rule.id == rule_id)

    def config(self, lang: str, platforms: dict[str, str]) -> dict:
        """What draft-check.js needs, in the page's language; `platforms`: id → name."""
        return {
            "rules": [{
                "id": r.id, "topic": r.topic, "severity": r.severity, "message": r.message[lang],
                "patterns": list(r.patterns), "reads": r.reads, "check": r.check, "digits": list(r.digits),
                "when": {"platform": r.when_platform} if r.when_platform else None,
                "clause": {"id": r.clause.id, "ref": r.clause.ref[lang]} if r.clause else None,
                "item": r.item,
                "source": r.source[lang] if r.source else None,
                "show": r.show, "summary": r.summary[lang] if r.summary else None, "skipOwn": r.skip_own,
            } for r in self.rules],
            "limits": {platform: [{"id": l.id, "unit": l.unit, "max": l.max, "what": l.what[lang]} for l in limits]
                       for platform, limits in self.limits.items()},
            "platforms": platforms,
            "hours": {"days": list(self.hours.days), "start": self.hours.start, "end": self.hours.end},
            "shorteners": self.shorteners,
            "ownDomains": self.own_domains,
            "ownAccounts": [{"host": a.host, "path": a.path, "label": a.label[lang]} for a in self.own_accounts or ()],
            "ownContacts": self.own_contacts or {"phones": [], "emails": [], "postcodes": [], "addresses": []},
            "publicHashtags": list(self.public_hashtags),
            "most": {"max": self.most, "message": self.most_message[lang]} if self.most_message else None,
        }


def own_domains(registry) -> list[str]:
    """The town's own domains: the host of its website in the registry, without a leading www
    (the page counts its subdomains too). The host is read by the registry's one rule for
    addresses (accounts.https_problem, accounts.host_of): a website written as
    https://town.wake.lg.jp@evil.example/ would otherwise have made evil.example the town's own."""
    if registry is None or registry.contact is None or accounts.https_problem(registry.contact.website):
        return []
    host = accounts.host_of(registry.contact.website)
    return [host.removeprefix("www.")]


def _host_and_path(url: str) -> tuple[str, str]:
    """A web address as a link to it is recognised: the host without www. or m., the path without
    its final slash, lower case (Facebook and Instagram names are not case-sensitive)."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    for prefix in ("www.", "m."):
        host = host.removeprefix(prefix)
    return host, parts.path.rstrip("/").lower()


def own_accounts(registry) -> list[OwnAccount]:
    """The registry's active accounts: a link to one of them is to the town's own account, not to a
    site that is "not the town's". (An account still 要確認 is listed as such in the registry; the
    draft check treats every active one as the town's, as the accounts page lists it.)"""
    if registry is None:
        return []
    found = []
    for account in registry.accounts:
        host, path = _host_and_path(account.url)
        if account.active and host:
            pending = (f"（確認中、要確認 {account.to_confirm}）", f" (being confirmed, {account.to_confirm})") if account.to_confirm else ("", "")
            found.append(OwnAccount(host, path, Bilingual(f"{account.platform.name}：{account.display_name('ja')}{pending[0]}",
                                                          f"{account.platform.name}: {account.display_name('en')}{pending[1]}")))
    return found


def _compact(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def own_contacts(registry) -> dict:
    """The town's own telephone number, e-mail address, postal codes and address (registry:
    `contact`; empty until the town gives them, 要確認 Q17), as the checker compares them: digits
    only, lower case, no spaces. Once there, they are the town's, not a person's."""
    contact = registry.contact if registry is not None else None
    found = {"phones": [], "emails": [], "postcodes": [], "addresses": []}
    if contact is None:
        return found
    if contact.phone:
        found["phones"].append(re.sub(r"\D", "", unicodedata.normalize("NFKC", contact.phone)))
    if contact.email:
        found["emails"].append(unicodedata.normalize("NFKC", contact.email).strip().lower())
    if contact.address:
        for lang in ("ja", "en"):
            address = _compact(contact.address[lang])
            found["addresses"].append(address)
            found["postcodes"] += ["".join(m) for m in re.findall(r"(?<!\d)(\d{3})-?(\d{4})(?!\d)", address)]
        found["addresses"] = list(dict.fromkeys(found["addresses"]))
        found["postcodes"] = list(dict.fromkeys(found["postcodes"]))
    return found


def clause_wording(clause) -> list[str]:
    """What a citation of `clause` covers, in Japanese: its title and text, the paragraphs without
    an anchor under it, and, for an item of a list, the lead of the section that holds the list
    (4(5)ウ 事実と異なる内容 is prohibited by 「…掲載してはいけません」)."""
    texts = [node.ja for node in (clause.title, clause.text) if node]
    texts += [child.text.ja for child in clause.children if child.kind == "paragraph" and not child.id and child.text]
    if clause.kind == "item" and clause.parent is not None and clause.parent.parent is not None:
        section = clause.parent.parent
        texts += [child.text.ja for child in section.children if child.kind == "paragraph" and not child.id and child.text]
    return texts


def strongest(rule: Rule, limits: dict[str, list[Limit]]) -> tuple[str, str]:
    """The strongest severity `rule`'s source allows, and why (in words for an error message)."""
    if rule.clause is not None:
        permits = permissive_wording(rule.clause)
        if permits and rule.permissive_reason is None:
            return "reference", f"its clause permits ({permits!r}) and the rule gives no permissive_reason"
        said = next((m.group(0) for text in clause_wording(rule.clause) if (m := MANDATORY_WORDING.search(text))), None)
        if said:
            return "must-fix", f"its clause prohibits or requires ({said!r})"
        return "confirm", "its clause asks for care, not a must (no いけません, 厳禁 … in its wording)"
    if rule.source_kind == "platform-limit":
        unit = LIMIT_UNITS.get(rule.check or "")
        read = [limit for platform in limits.values() for limit in platform if limit.unit == unit]
        if read and all(limit.confirmed for limit in read):
            return "must-fix", "every limit it reads is confirmed"
        return "confirm", "a limit it reads is not confirmed (post_limits: confirmed: false)"
    return "reference", "its source is practice or guidance outside the guideline"


def load(path: Path, guideline, registry=None, checklists=(), schema_dir: Path | None = None) -> DraftRules:
    """`checklists`: the site's checklists (the one carried to, and the items rules name, must be
    among them; none given: not checked, for tests of the rules alone)."""
    data = datafile.load(path)
    datafile.validate(data, datafile.schema_of(path, SCHEMA, schema_dir), path, describe=datafile.entry_in("rules", "id", "rule"))
    shown = datafile.display_path(path)
    errors: list[DataError] = []
    platform_ids = {p.id for p in registry.platforms} if registry else set()

    by_id = {checklist.id: checklist for checklist in checklists}
    carried_to = by_id.get(data["carry_to"])
    if by_id and carried_to is None:
        errors.append(DataError(shown, data.line_of("carry_to"),
                                f"no checklist {data['carry_to']!r}; known: {', '.join(sorted(by_id))}", "carry_to"))
    item_ids = {item.id for item in carried_to.items} if carried_to else set()
    hours = data["working_hours"]
    given = [hours[key] is not None for key in ("days", "start", "end")]
    if any(given) and not all(given):
        errors.append(DataError(shown, hours.line_of("days"), "days, start and end of working hours are given together "
                                "or not at all (null while the town has not given them)", "working_hours"))
    elif all(given) and hours["start"] >= hours["end"]:
        errors.append(DataError(shown, hours.line_of("end"), "the end of working hours must come after the start", "working_hours"))

    limits: dict[str, list[Limit]] = {}
    for entry in data["post_limits"]:
        where = f"post_limits {entry['platform']!r}"
        if platform_ids and entry["platform"] not in platform_ids:
            errors.append(DataError(shown, entry.line_of("platform"),
                                    f"unknown platform; the accounts registry has: {', '.join(sorted(platform_ids))}", where))
        if entry["platform"] in limits:
            errors.append(DataError(shown, entry.line, "platform listed twice", where))
        limits[entry["platform"]] = [Limit(l["id"], l["unit"], l["max"], Bilingual.of(l["what"]), l["confirmed"],
                                           Bilingual.of(l["source"])) for l in entry["limits"]]

    not_offered = []
    for entry in data["not_offered"]:
        where = f"not_offered {entry['named']!r}"
        clause = guideline.clauses.get(entry["clause"])
        if clause is None:
            errors.append(DataError(shown, entry.line_of("clause"), f"clause {entry['clause']!r} does not exist in guideline.yml", where))
        elif not any(entry["named"] in text for text in clause_wording(clause)):
            errors.append(DataError(shown, entry.line_of("named"), f"{entry['named']!r} is not in the text of clause {entry['clause']!r}", where))
        elif registry is not None and any(entry["named"].lower() in (p.id, p.name.lower()) for p in registry.platforms):
            errors.append(DataError(shown, entry.line_of("named"), "the accounts registry has this platform: it is offered", where))
        not_offered.append(NotOffered(entry["named"], clause, Bilingual.of(entry["name"]), Bilingual.of(entry["reason"])))

    rules: list[Rule] = []
    seen = datafile.FirstSeen()
    for entry in data["rules"]:
        where = f"rule {entry['id']!r}"
        if (first := seen.again(entry["id"], entry.line)) is not None:
            errors.append(DataError(shown, entry.line, datafile.duplicate_id(first), where))
        clause = None
        if entry["clause"] is not None:
            clause = guideline.clauses.get(entry["clause"])
            if clause is None:
                errors.append(DataError(shown, entry.line_of("clause"),
                                        f"clause {entry['clause']!r} does not exist in guideline.yml", where))
        elif "source" not in entry:
            errors.append(DataError(shown, entry.line_of("clause"),
                                    "a rule without a clause (the guideline does not say it) must name its `source`", where))
        check = entry.get("check")
        if check not in CHECKS_WITHOUT_PATTERNS and not entry.get("patterns"):
            errors.append(DataError(shown, entry.line, f"check {check or 'by pattern'!r} needs `patterns`", where))
        if "item" in entry and carried_to is not None and entry["item"] not in item_ids:
            errors.append(DataError(shown, entry.line_of("item"), f"no item {entry['item']!r} in checklist "
                                    f"{carried_to.id!r}; its items: {', '.join(sorted(item_ids))}", where))
        platform = entry.get("when", {}).get("platform")
        if platform and platform_ids and platform not in platform_ids:
            errors.append(DataError(shown, entry["when"].line_of("platform"),
                                    f"unknown platform {platform!r}; the accounts registry has: {', '.join(sorted(platform_ids))}", where))
        patterns = entry.get("patterns", ())
        if patterns == "link_patterns":
            patterns = data["link_patterns"]
        if clause is None and "source_kind" not in entry:
            errors.append(DataError(shown, entry.line_of("clause"),
                                    "a rule without a clause must say what kind of source it has (`source_kind`)", where))
        show = entry.get("show", "list")
        if show == "summary" and (entry["severity"] != "reference" or "summary" not in entry):
            errors.append(DataError(shown, entry.line_of("show"), "only a 参考 (reference) rule with the words of its "
                                    "`summary` line is shown in the summary line", where))
        rule = Rule(entry["id"], entry["topic"], entry["severity"], clause, entry.get("item"),
                    Bilingual.of(entry["source"]) if "source" in entry else None, Bilingual.of(entry["message"]),
                    tuple(patterns), entry.get("reads", "normalised"), check,
                    tuple(entry.get("digits", ())), platform, entry["examples"],
                    entry.get("source_kind"),
                    Bilingual.of(entry["permissive_reason"]) if "permissive_reason" in entry else None,
                    show, Bilingual.of(entry["summary"]) if "summary" in entry else None, entry.get("skip_own"), entry.line)
        if clause is not None or "source_kind" in entry:
            allowed, why = strongest(rule, limits)
            if RANK[rule.severity] < RANK[allowed]:
                errors.append(DataError(shown, entry.line_of("severity"), f"severity {rule.severity!r} is stronger than "
                                        f"its source allows ({allowed!r}): {why}", where))
        rules.append(rule)
    if errors:
        raise DataErrors(errors)
    return DraftRules(data["carry_to"],
                      WorkingHours(tuple(hours["days"] or ()), hours["start"], hours["end"], hours["confirmed"],
                                   Bilingual.of(hours["source"])),
                      limits, list(data["shorteners"]), rules, own_domains(registry), own_accounts(registry),
                      own_contacts(registry), tuple(data["public_hashtags"]["names"]),
                      Bilingual.of(data["public_hashtags"]["source"]), not_offered,
                      data["most"]["max"], Bilingual.of(data["most"]["message"]))



# Runs that make a pattern of the draft check backtrack if it can: a long run of one character or
# of a few, that almost matches (a place name without a number, digits and hyphens without end,
# an address without a host …), and the same with what would complete a match at the end. With
# each rule's own examples (every character in them, and each example repeated), they are the
# adversarial drafts of tests/browser/test_draft_corpus.py and of scripts/benchmark.py.
ADVERSARIAL_UNITS = [
    "町", "和気町", "町1", "1", "１", "1-", "0-", "09-", "(0", "0(", "+81-", "-", "ー", "ｰ", "１ー", " ", "　", "\n",
    "a", "a.", ".a", "a@", "@a", "a-", "a:", "x@", "#", "#a", "＃", "#和", "/", "h", "ht", "http", "https:/", "htps:",
    "www.", "a.jp/", "\u200b", "\u200b1", "\u00ad", "\u00a0", "（", "(", "日", "1日（", "12月", "12/", "年", "令和",
    "昭和1年", "番地", "丁目", "1番", "〒", "〒1", "さん", "山田 ", "山田", "山田さん", "氏名：", "名前", "🎄", "🎄\u200d",
    "🎄\ufe0f", "ｱ", "①", "きょう", "あ", "本日", "来週", "%", "岡山", "岡山1あ",
]
ADVERSARIAL_ENDS = ["", "1-2", "日（土）", "さん 0869-00-1234"]


def adversarial_inputs(rule: Rule, length: int = 100_000) -> list[dict]:
    """The adversarial drafts for `rule`, as {unit, times, end}: the draft is unit × times + end,
    about `length` characters (the browser makes it, so that no 100,000-character string crosses
    from Python for each). The runs above, each alone and with ends that would complete a match;
    every character of the rule's examples; each example, and each without its last character."""
    texts = [e if isinstance(e, str) else e["text"] for e in rule.examples["match"] + rule.examples["no_match"]]
    drafts = [{"unit": unit, "end": end} for unit in ADVERSARIAL_UNITS for end in ADVERSARIAL_ENDS]
    own = sorted({c for text in texts for c in text if c.strip()} - set(ADVERSARIAL_UNITS))
    own += [text for text in texts if len(text) > 1] + [text[:-1] for text in texts if len(text) > 2]
    drafts += [{"unit": unit, "end": ""} for unit in dict.fromkeys(own)]
    for draft in drafts:
        draft["times"] = max(1, (length - len(draft["end"])) // len(draft["unit"]))
    return drafts


# ---- The part: the draft check's page, and the carried draft on the pre-post sheet ----
#
# `<!-- wakesite:draft-check -->` (/draft-check/, draft-check.md.j2) and `<!-- wakesite:draft-sheet -->`
# (on the checklist it carries to, draft-sheet.md.j2), with their stylesheets and scripts beside
# this file (record-id.js, shared with the checklist, from the theme's assets).

def _context(site, lang: str, page_url: str, page_src: str) -> dict:
    """The rules as the page's checker reads them (JSON in a script element: `rules_config`), and
    the accounts a draft can go to (the registry's active ones)."""
    rules = site.draft_rules
    if rules is None:
        raise ValueError(f"{page_src}: the draft check needs docs/_data/draft_rules.yml")
    platforms = {p.id: p.name for p in site.accounts.platforms} if site.accounts else {}
    return {"rules": rules, "rules_config": rules.config(lang, platforms),
            "draft_accounts": site.accounts.active if site.accounts else []}


PARTS = {
    "draft-check": Part(css=("assets/stylesheets/draft-check.css",), js=(RECORD_ID_JS, "assets/javascripts/draft-check.js"),
                        context=_context),
    "draft-sheet": Part(css=("assets/stylesheets/draft-sheet.css",), js=("assets/javascripts/draft-sheet.js",)),
}
