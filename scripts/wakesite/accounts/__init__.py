"""The registry of the town's official accounts (docs/_data/accounts.yml): load → validate → model,
and the machine-readable views of it (JSON-LD, /accounts.json) and the profile texts.

The package is the part folder of /accounts/ (wakesite.part): its part at the end, its templates
beside this file (accounts.md.j2; _accounts.j2, the list of accounts, which /policy/ shows too).
The お問い合わせ・通報 block and the profile texts, drawn from the same registry, have folders of
their own (wakesite.contact, wakesite.profile_texts)."""
from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from .. import datafile
from ..datafile import DataError, DataErrors
from ..lang import Bilingual
from ..part import Part

SCHEMA = "accounts.schema.json"  # beside the data file, or in the schema_dir given (datafile.schema_of)


@dataclass(frozen=True)
class Hosts:
    """Host names an account of a platform may be at, with where that comes from."""
    names: tuple[str, ...]
    source: Bilingual
    to_confirm: str | None  # an errata 要確認 id: an account on these hosts is itself to be confirmed


@dataclass(frozen=True)
class Platform:
    id: str
    name: str
    hosts: tuple[Hosts, ...]
    profile_field: Bilingual
    limit: int
    limit_confirmed: bool
    limit_source: Bilingual
    profile_text: Bilingual  # may contain {policy_url}
    url_elsewhere: bool  # the policy URL does not fit and goes in a profile link


@dataclass(frozen=True)
class Account:
    id: str
    platform: Platform
    name: str
    handle: str | None
    url: str
    section: str | None
    status: str  # active or retired
    since: str | None
    until: str | None
    to_confirm: str | None  # an errata 要確認 id
    to_confirm_reason: Bilingual | None = None  # why, in words a resident understands
    name_en: str | None = None  # the name for English pages, e.g. "Wake Town (和気町)"; None: `name` as it is
    url_confirmed: bool = True  # false: the address itself is in question (its 要確認): shown as text, never linked

    @property
    def active(self) -> bool:
        return self.status == "active"

    @property
    def claimed(self) -> bool:
        """Claimed for the town in machine-readable form (rel="me", JSON-LD): active, and nothing
        about it left to confirm (an address the town may not control is never claimed)."""
        return self.active and not self.to_confirm

    @property
    def linked(self) -> bool:
        """Shown as a link: the address is not in question (a 要確認 about the address itself, such as
        a page that may not be the account's, on a domain the town may not control, leaves it text)."""
        return self.url_confirmed

    def display_name(self, lang: str) -> str:
        """The name shown on a page in `lang`: `name` as on the platform, or in English its
        romanised form (which keeps the platform's name in brackets, so people can match it)."""
        return self.name_en if lang == "en" and self.name_en else self.name


@dataclass(frozen=True)
class Impersonator:
    platform: Platform
    name: str
    url: str
    noticed: str | None
    note: Bilingual | None


@dataclass(frozen=True)
class ContactTopic:
    text: Bilingual
    note: Bilingual | None
    clause: str | None  # a guideline clause id


@dataclass(frozen=True)
class Contact:
    """Where the public reaches the town about the accounts. Details the source does not give stay
    None (shown as 要確認 with the town's website as the way meanwhile)."""
    department: Bilingual
    clause: str  # the guideline clause that names the department
    website: str
    website_name: Bilingual
    phone: str | None
    email: str | None
    address: Bilingual | None
    form: str | None
    to_confirm: str | None
    topics: list[ContactTopic]

    @property
    def complete(self) -> bool:
        return bool(self.phone or self.email or self.form)


@dataclass
class Registry:
    platforms: list[Platform]
    accounts: list[Account]
    impersonators: list[Impersonator]
    contact: Contact | None = None

    @property
    def active(self) -> list[Account]:
        return [a for a in self.accounts if a.active]

    @property
    def claimed(self) -> list[Account]:
        return [a for a in self.accounts if a.claimed]

    @staticmethod
    def profile_text(platform: Platform, lang: str, policy_url: str) -> str:
        """The text to paste into a profile on `platform`, linking to the policy at `policy_url`
        (its stable address: versions.SiteAddress.stable)."""
        return platform.profile_text[lang].replace("{policy_url}", policy_url)


# Characters a URL never needs and markup uses: a URL that holds them is refused, not escaped.
_NOT_IN_URLS = set(' \t\r\n"\'<>`\\[]{}|^')
_HOST_CHARACTERS = set("abcdefghijklmnopqrstuvwxyz0123456789-.")


def https_problem(url: str) -> str | None:
    """Why `url` may not be published as an address of the town's, or None: it must be an https
    URL of printable ASCII (no look-alike letter: Cyrillic а in instagrаm.com, full-width ｆ; no
    bidirectional or zero-width control; no markup character) whose authority is a host name and
    nothing else (https://facebook.com@evil.example/ goes to evil.example; a port is never part of
    an account's address)."""
    if not url.startswith("https://"):
        return f"URL must start with https:// (got {url[:60]!r})"
    foreign = next((c for c in url if not " " <= c < "\x7f"), None)
    if foreign is not None:
        return (f"URL {url[:80]!r} holds {datafile.character_name(foreign)}: an address is written in plain ASCII "
                "(a letter from another script or a control makes a look-alike of a real address)")
    odd = sorted(set(url) & _NOT_IN_URLS)
    if odd:
        return f"URL {url!r} contains characters a web address does not have: {' '.join(map(repr, odd))}"
    authority = urlsplit(url).netloc
    if "@" in authority:
        return (f"URL {url!r} has a user name before '@': a browser goes to what follows it "
                f"({authority.rsplit('@', 1)[1]!r}), not to the name before it")
    if ":" in authority:
        return f"URL {url!r} has a port: an account's or the town's address has none"
    host = authority.lower()
    labels = host.split(".")
    if (len(labels) < 2 or not set(host) <= _HOST_CHARACTERS or not all(labels)
            or any(label.startswith("-") or label.endswith("-") for label in labels) or labels[-1].isdigit()):
        return f"malformed URL {url!r}: {authority!r} is not a host name"
    return None


def host_of(url: str) -> str:
    """The host name of a URL that passed https_problem, in lower case: the one rule for whether
    an address is on a host (a platform's, for an account; the town's own, for the draft check)."""
    return urlsplit(url).netloc.lower()


def account_url_problem(url: str, platform: Platform) -> str | None:
    """Why `url` is not an address of an account on `platform`, or None: https_problem, and the
    host is one `platform.hosts` names (facebook.com.evil.example is not facebook.com)."""
    problem = https_problem(url)
    if problem:
        return problem
    host = host_of(url)
    if not any(host in hosts.names for hosts in platform.hosts):
        known = ", ".join(name for hosts in platform.hosts for name in hosts.names)
        return (f"{host!r} is not a host of {platform.name} ({known}): a look-alike address? If it is really "
                f"{platform.name}'s, add it to the platform's `hosts` with its source")
    return None


def hosts_of(url: str, platform: Platform) -> Hosts | None:
    """The entry of `platform.hosts` that holds the host of `url` (a URL account_url_problem passed)."""
    return next((hosts for hosts in platform.hosts if host_of(url) in hosts.names), None)


def load(path: Path, known_questions: set[str] = frozenset(), known_clauses: set[str] = frozenset(), schema_dir: Path | None = None) -> Registry:
    """Load and check the registry; `known_questions` (errata 要確認 ids) and `known_clauses`
    (guideline ids), when given, are what its references must name."""
    data = datafile.load(path)
    datafile.validate(data, datafile.schema_of(path, SCHEMA, schema_dir), path)
    shown = datafile.display_path(path)
    errors: list[DataError] = []
    platforms: dict[str, Platform] = {}
    for index, entry in enumerate(data["platforms"]):
        p = entry["profile"]
        hosts = tuple(Hosts(tuple(h["names"]), Bilingual.of(h["source"]), h.get("to_confirm")) for h in entry["hosts"])
        for group, h in zip(entry["hosts"], hosts):
            for name in h.names:
                if https_problem(f"https://{name}/"):
                    errors.append(DataError(shown, group.line_of("names"), f"{name!r} is not a host name (lower-case "
                                            "ASCII letters, digits, '-' and '.')", f"platform {entry['id']!r}"))
            if h.to_confirm and known_questions and h.to_confirm not in known_questions:
                errors.append(DataError(shown, group.line_of("to_confirm"), f"no 要確認 entry {h.to_confirm!r} in errata.yml",
                                        f"platform {entry['id']!r}"))
        platforms[entry["id"]] = Platform(entry["id"], entry["name"], hosts, Bilingual.of(p["field"]), p["limit"],
                                          p["confirmed"], Bilingual.of(p["source"]), Bilingual.of(p["text"]),
                                          p.get("url_elsewhere", False))

    def platform_of(entry, where: str) -> Platform | None:
        platform = platforms.get(entry["platform"])
        if platform is None:
            errors.append(DataError(shown, entry.line_of("platform"),
                                    f"unknown platform {entry['platform']!r}; known: {', '.join(platforms)}", where))
        return platform

    accounts: list[Account] = []
    seen_ids, seen_handles, seen_urls = datafile.FirstSeen(), datafile.FirstSeen(), datafile.FirstSeen()
    for entry in data["accounts"]:
        where = f"account {entry['id']!r}"
        if (first := seen_ids.again(entry["id"], entry.line)) is not None:
            errors.append(DataError(shown, entry.line, datafile.duplicate_id(first), where))
        platform = platform_of(entry, where)
        problem = account_url_problem(entry["url"], platform) if platform else https_problem(entry["url"])
        if problem:
            errors.append(DataError(shown, entry.line_of("url"), problem, where))
        elif platform and (hosts := hosts_of(entry["url"], platform)).to_confirm \
                and entry.get("to_confirm") != hosts.to_confirm:
            # A host whose ownership is in doubt: the account stays 確認中 (never claimed) until it is settled.
            errors.append(DataError(shown, entry.line_of("url"),
                                    f"{host_of(entry['url'])!r} is a host of {platform.name} only as far as 要確認 "
                                    f"{hosts.to_confirm} says: the account must name `to_confirm: {hosts.to_confirm}`", where))
        if (first := seen_urls.again(entry["url"], entry.line_of("url"))) is not None:
            errors.append(DataError(shown, entry.line_of("url"), f"duplicate URL (first used on line {first})", where))
        if entry["handle"]:
            key = (entry["platform"], entry["handle"].lower())
            if (first := seen_handles.again(key, entry.line_of("handle"))) is not None:
                errors.append(DataError(shown, entry.line_of("handle"),
                                        f"duplicate handle {entry['handle']!r} on {entry['platform']} (first used on line {first})", where))
        if entry.get("to_confirm") and known_questions and entry["to_confirm"] not in known_questions:
            errors.append(DataError(shown, entry.line_of("to_confirm"), f"no 要確認 entry {entry['to_confirm']!r} in errata.yml", where))
        if entry.get("url_confirmed") is False and not entry.get("to_confirm"):
            errors.append(DataError(shown, entry.line_of("url_confirmed"),
                                    "an address not confirmed names the 要確認 entry that says so (to_confirm)", where))
        if platform:
            accounts.append(Account(entry["id"], platform, entry["name"], entry["handle"], entry["url"],
                                    entry.get("section"), entry["status"], entry.get("since"), entry.get("until"),
                                    entry.get("to_confirm"),
                                    Bilingual.of(entry["to_confirm_reason"]) if "to_confirm_reason" in entry else None,
                                    entry.get("name_en"), entry.get("url_confirmed", True)))
    impersonators = []
    for index, entry in enumerate(data["impersonators"]):
        where = f"impersonator {entry['name']!r}"
        problem = https_problem(entry["url"])
        if problem:
            errors.append(DataError(shown, entry.line_of("url"), problem, where))
        platform = platform_of(entry, where)
        if platform:
            impersonators.append(Impersonator(platform, entry["name"], entry["url"], entry.get("noticed"),
                                              Bilingual.of(entry["note"]) if "note" in entry else None))
    # A platform is there for its accounts: a profile text offered for a service the town has no
    # account on (an X text, once) would tell staff to open one.
    used = {account.platform.id for account in accounts}
    for index, entry in enumerate(data["platforms"]):
        if entry["id"] not in used:
            errors.append(DataError(shown, data["platforms"].line_of(index),
                                    "no account in `accounts` is on this platform: remove the platform, or add its account",
                                    f"platform {entry['id']!r}"))
    contact = _contact(data["contact"], shown, errors, known_questions, known_clauses)
    if errors:
        raise DataErrors(errors)
    return Registry(list(platforms.values()), accounts, impersonators, contact)


def _contact(entry, shown: str, errors: list[DataError], known_questions: set[str],
             known_clauses: set[str]) -> Contact:
    where = "contact"
    for key in ("website", "form"):
        if entry[key] is not None:
            problem = https_problem(entry[key])
            if problem:
                errors.append(DataError(shown, entry.line_of(key), problem, where))
    if entry.get("to_confirm") and known_questions and entry["to_confirm"] not in known_questions:
        errors.append(DataError(shown, entry.line_of("to_confirm"), f"no 要確認 entry {entry['to_confirm']!r} in errata.yml", where))
    if not (entry["phone"] or entry["email"] or entry["form"]) and not entry.get("to_confirm"):
        errors.append(DataError(shown, entry.line, "no phone, email or form: name the 要確認 entry (to_confirm) that says so", where))
    topics = []
    for topic in entry["topics"]:
        topics.append(ContactTopic(Bilingual.of(topic["text"]), Bilingual.of(topic["note"]) if "note" in topic else None,
                                   topic.get("clause")))
    for value, line in [(entry["clause"], entry.line_of("clause"))] + [
            (t["clause"], t.line_of("clause")) for t in entry["topics"] if "clause" in t]:
        if known_clauses and value not in known_clauses:
            errors.append(DataError(shown, line, f"clause {value!r} does not exist in guideline.yml", where))
    return Contact(Bilingual.of(entry["department"]), entry["clause"], entry["website"], Bilingual.of(entry["website_name"]),
                   entry["phone"], entry["email"], Bilingual.of(entry["address"]) if entry["address"] else None,
                   entry["form"], entry.get("to_confirm"), topics)


def json_ld(registry: Registry) -> dict:
    """schema.org GovernmentOrganization claiming every account that is active and confirmed (sameAs)."""
    return {
        "@context": "https://schema.org",
        "@type": "GovernmentOrganization",
        "name": "和気町",
        "alternateName": "Wake Town",
        "address": {"@type": "PostalAddress", "addressRegion": "岡山県", "addressCountry": "JP"},
        "sameAs": [account.url for account in registry.claimed],
    }


def accounts_document(registry: Registry, policy_url: str) -> dict:
    """The content of /accounts.json: every account, active or retired, known impersonators, and
    the stable address of the operation policy."""
    return {
        "organization": {"name": {"ja": "和気町", "en": "Wake Town"}},
        "policy": policy_url,
        "accounts": [
            {"platform": a.platform.name, "name": a.name, "handle": a.handle, "url": a.url,
             "status": a.status, "since": a.since, "until": a.until, "to_confirm": a.to_confirm}
            for a in registry.accounts
        ],
        "impersonators": [
            {"platform": i.platform.name, "name": i.name, "url": i.url, "noticed": i.noticed}
            for i in registry.impersonators
        ],
    }


def write_accounts_json(registry: Registry, policy_url: str, site_dir: Path) -> Path:
    path = Path(site_dir) / "accounts.json"
    path.write_text(json.dumps(accounts_document(registry, policy_url), ensure_ascii=False, indent=2) + "\n",
                    encoding="utf-8")
    return path


# ---- The part: /accounts/ ----

# The list of official accounts on /accounts/ (its anchor, accounts.md.j2): in search each account is
# an entry of its own (its anchor account-<id>, its platform and name as title), and the section
# keeps only its own words, so that a long list of names and addresses does not answer every query
# that shares a word with them ("town").
LIST_SECTION = "official"


def _search(entry: dict, where) -> list[dict]:
    """The page's search rule (wakesite.searchentry): the list's section split into an entry per
    account; the accounts' entries of an earlier run left out where the list was split again."""
    if where.anchor == LIST_SECTION and where.run.accounts is not None:
        entry["text"], per_account = _split_account_list(entry, where.path, where.lang, where.run.accounts)
        if per_account:
            where.run.remade.add(where.path)
        return [entry, *per_account]
    if where.anchor.startswith("account-") and where.path in where.run.remade:
        return []
    return [entry]


def _split_account_list(doc: dict, path: str, lang: str, accounts) -> tuple[str, list[dict]]:
    """The list section's own text (what comes before the first account), and an entry per account
    with its part of the text. Material writes the list (a <dl>, _accounts.j2, beside this file)
    as `</p> <platform name>[ its mark] <p>…</p>…` per account, in the registry's order; where the
    text is not laid out so, the section is left whole."""
    text = doc["text"]
    starts = []
    for account in accounts.accounts:
        marker = re.compile(r"</p> " + re.escape(account.platform.name) + r" [^<]*<p>")
        found = marker.search(text, starts[-1] + 1 if starts else 0)
        if found is None:
            return text, []
        starts.append(found.start() + len("</p>"))
    entries = []
    for number, account in enumerate(accounts.accounts):
        end = starts[number + 1] if number + 1 < len(starts) else len(text)
        own = text[starts[number]:end].strip()[len(account.platform.name):].strip()
        entry = {"location": f"{path}#account-{account.id}",
                 "title": html.escape(f"{account.platform.name}: {account.display_name(lang)}", quote=False),
                 "text": own}
        if "boost" in doc:
            entry["boost"] = doc["boost"]
        entries.append(entry)
    return text[:starts[0]].strip(), entries


PARTS = {
    "accounts": Part(public=True, search=_search),
}
