"""The draft check's rules (docs/_data/draft_rules.yml): load → validate → model, and the JSON
the page's checker (overrides/assets/javascripts/draft-check.js) runs on.

The rules are data: each names its guideline clause (checked against guideline.yml here, so a
link on the page can never point nowhere), its severity, its message in both languages, its
patterns (JavaScript regular expressions: the browser runs them; their examples are run through
the same script in Chromium by the tests) or the named check done in code, and examples that must
and must not trigger it. Platform limits name platforms of the accounts registry; the town's own
domains come from the registry (its website), not from this file.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import accounts, datafile
from .datafile import DataError, DataErrors
from .lang import Bilingual

SCHEMA = Path(__file__).resolve().parents[2] / "docs" / "_data" / "draft_rules.schema.json"
SEVERITIES = ("must-fix", "confirm", "reference")
TOPICS = ("length", "links", "personal-data", "hashtags", "dates", "hours", "characters", "accessibility")
# Checks done in code that need no pattern of their own (the others run on their patterns' matches).
CHECKS_WITHOUT_PATTERNS = {"length", "hours", "image-alt"}


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
            } for r in self.rules],
            "limits": {platform: [{"id": l.id, "unit": l.unit, "max": l.max, "what": l.what[lang]} for l in limits]
                       for platform, limits in self.limits.items()},
            "platforms": platforms,
            "hours": {"days": list(self.hours.days), "start": self.hours.start, "end": self.hours.end},
            "shorteners": self.shorteners,
            "ownDomains": self.own_domains,
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


def load(path: Path, guideline, registry=None, checklists=()) -> DraftRules:
    """`checklists`: the site's checklists (the one carried to, and the items rules name, must be
    among them; none given: not checked, for tests of the rules alone)."""
    data = datafile.load(path)
    datafile.validate(data, SCHEMA, path, describe=datafile.entry_in("rules", "id", "rule"))
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
        rules.append(Rule(entry["id"], entry["topic"], entry["severity"], clause, entry.get("item"),
                          Bilingual.of(entry["source"]) if "source" in entry else None, Bilingual.of(entry["message"]),
                          tuple(entry.get("patterns", ())), entry.get("reads", "normalised"), check,
                          tuple(entry.get("digits", ())), platform, entry["examples"]))
    if errors:
        raise DataErrors(errors)
    return DraftRules(data["carry_to"],
                      WorkingHours(tuple(hours["days"] or ()), hours["start"], hours["end"], hours["confirmed"],
                                   Bilingual.of(hours["source"])),
                      limits, list(data["shorteners"]), rules, own_domains(registry))

