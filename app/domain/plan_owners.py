"""Owner clauses: ``(市质量强市办牵头,各成员单位配合)`` → units and groups with their roles.

A clause splits at ``,`` / ``;`` into parts, each a list of names (``、``) followed by a role
word: 牵头 (lead), 负责 (responsible), 配合/协助/参与/协办 (support); ``牵头单位:A、B`` labels work
too. Names without a role word are taken as 负责, and that is listed as a guess.

A name is a known unit when it is one of the unit's spellings (name, short name, aliases),
with or without the leading 市/区/县 that lists drop after the first name
(``市发展改革委、经贸信息委``). A known group is kept whole even when its name holds ``、``
(相关区政府、新区管委会). Otherwise ``各…``, ``相关…``, ``有关…`` and ``…单位`` / ``…部门`` are
groups, and an unknown name after such a group that names a government body (政府, 管委会,
街道 …) joins it. Anything else is a proposed new unit with a generated id.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from app.domain.catalog import normalise_name
from app.domain.messages import Message, Refusal
from app.domain.plan_text import Guess, fold

ROLE_WORDS = {
    "牵头负责": "lead",
    "牵头": "lead",
    "主办": "lead",
    "负责": "responsible",
    "落实": "responsible",
    "配合": "support",
    "协助": "support",
    "参与": "support",
    "协办": "support",
}
ROLE_LABELS_ZH = {"lead": "牵头", "responsible": "负责", "support": "配合"}
_ROLE = re.compile(rf"({'|'.join(sorted(ROLE_WORDS, key=len, reverse=True))})(?!单位|部门)")
_LABEL = re.compile(r"(牵头|责任|负责|主办|配合|协办|协助|参与)(?:单位|部门)\s*:\s*")
_LABEL_ROLES = {"牵头": "lead", "主办": "lead", "责任": "responsible", "负责": "responsible"}
_ETC = re.compile(r"等(?:单位|部门|相关单位|有关单位)?$")
GROUP_HEADS = ("各", "相关", "有关", "其他", "其它")
GROUP_TAILS = ("单位", "部门", "成员")
JOINS_GROUP = ("政府", "管委会", "街道", "办事处", "镇", "乡")
ALL_MEMBERS = ("成员单位", "相关单位", "有关单位", "相关部门", "有关部门", "各单位", "各部门")
LEVELS = ("市", "区", "县")
_MASK = "\x00"


@dataclass(frozen=True)
class KnownUnit:
    id: str
    name: str
    short_name: str
    aliases: tuple[str, ...] = ()
    reports: bool = True

    @classmethod
    def of(cls, data: Mapping[str, Any]) -> KnownUnit:
        return cls(
            str(data["id"]),
            str(data["name"]),
            str(data.get("short_name") or data["name"]),
            tuple(str(a) for a in data.get("aliases", ())),
            bool(data.get("reports", True)),
        )


@dataclass(frozen=True)
class KnownGroup:
    name: str
    description: str = ""
    members: str | tuple[str, ...] = "all"

    @classmethod
    def of(cls, data: Mapping[str, Any]) -> KnownGroup:
        members = data.get("members", [])
        return cls(
            str(data["name"]),
            str(data.get("description", "")),
            "all" if members == "all" else tuple(str(m) for m in members),
        )


@dataclass
class ProposedUnit:
    id: str
    name: str
    short_name: str
    aliases: list[str]
    task: int


@dataclass
class Directory:
    """The known units by every spelling, and what an import adds: new units and groups."""

    units: list[KnownUnit]
    groups: list[KnownGroup]
    place: str = ""  # 深圳市 / 深圳市龙岗区: the full names' prefix for proposed units
    level: str = "市"  # the prefix lists drop: 市, 区 or 县
    proposed: dict[str, ProposedUnit] = field(default_factory=dict)
    new_groups: dict[str, KnownGroup] = field(default_factory=dict)
    used_units: list[str] = field(default_factory=list)
    used_groups: list[str] = field(default_factory=list)
    _keys: dict[str, str] = field(default_factory=dict)
    ids: set[str] = field(default_factory=set)  # every id given, known or proposed

    def __post_init__(self) -> None:
        self.ids.update(u.id for u in self.units)
        for u in self.units:
            for n in (u.name, u.short_name, *u.aliases):
                self._keys.setdefault(_key(n), u.id)
        for u in self.units:
            for n in (u.name, u.short_name, *u.aliases):
                k = _key(n)
                if k.startswith(LEVELS) and len(k) > 2:
                    self._keys.setdefault(k[1:], u.id)

    @classmethod
    def build(
        cls,
        units: Iterable[Mapping[str, Any] | KnownUnit],
        groups: Iterable[Mapping[str, Any] | KnownGroup],
        title: str,
    ) -> Directory:
        known = [u if isinstance(u, KnownUnit) else KnownUnit.of(u) for u in units]
        known_groups = [g if isinstance(g, KnownGroup) else KnownGroup.of(g) for g in groups]
        m = re.match(r"([^\d\s]{1,12}?[市区县](?:[^\d\s]{1,8}?[区县])?)(?=\d|$)", title)
        place = m.group(1) if m else ""
        return cls(known, known_groups, place, place[-1] if place else "市")

    def find(self, name: str) -> str | None:
        """A known unit's id by one of its spellings, with or without the leading 市/区/县."""
        k = _key(name)
        hit = self._keys.get(k)
        if hit is None and k.startswith(LEVELS) and len(k) > 2:
            hit = self._keys.get(k[1:])
        if hit is None:
            hit = next((self._keys[p + k] for p in LEVELS if p + k in self._keys), None)
        return hit

    def group(self, name: str) -> KnownGroup | None:
        return next((g for g in self.groups if g.name == name), None) or self.new_groups.get(name)

    def use(self, ref: str, is_group: bool) -> None:
        seen = self.used_groups if is_group else self.used_units
        if ref not in seen:
            seen.append(ref)


def _key(name: str) -> str:
    return normalise_name(fold(name))


def _is_group_name(name: str) -> bool:
    return name.startswith(GROUP_HEADS) or name.endswith(GROUP_TAILS)


@dataclass(frozen=True)
class OwnerContext:
    task: int  # the plan's task number
    written: int  # the document's number, for messages
    line: int


def parse_owner(
    text: str, where: OwnerContext, directory: Directory, guesses: list[Guess]
) -> list[tuple[str, str]]:
    """[(unit id or group name, role)] of a task's owner clause (folded), in the clause's order."""
    masked, groups = _mask_groups(text, directory)
    result: list[tuple[str, str]] = []
    for clause in re.split(r"[,;。]", masked):
        if not clause.strip():
            continue
        for names, role in _parts(clause, where, guesses):
            for ref in _resolve(
                _split_names(names, groups, where, guesses), where, directory, guesses
            ):
                _add(result, ref, role, where, directory, guesses)
    if not result:
        raise Refusal("plan_doc_owner_empty", task=where.written, line=where.line, clause=text)
    return result


def _mask_groups(text: str, directory: Directory) -> tuple[str, list[str]]:
    """Known group names holding ``、`` become one token, so splitting keeps them whole."""
    found: list[str] = []
    for g in sorted((g.name for g in directory.groups), key=len, reverse=True):
        if "、" in g and g in text:
            text = text.replace(g, f"{_MASK}{len(found)}{_MASK}")
            found.append(g)
    return text, found


def _parts(clause: str, where: OwnerContext, guesses: list[Guess]) -> list[tuple[str, str]]:
    """(names, role) pairs of one comma-separated part of the clause."""
    label = _LABEL.match(clause.strip())
    if label:
        role = _LABEL_ROLES.get(label.group(1), "support")
        return [(clause.strip()[label.end() :], role)]
    parts: list[tuple[str, str]] = []
    pos = 0
    for m in _ROLE.finditer(clause):
        if clause[pos : m.start()].strip():
            parts.append((clause[pos : m.start()], ROLE_WORDS[m.group(1)]))
        pos = m.end()
    rest = clause[pos:].strip()
    if rest:
        what = Message.of("guess_role_missing", names=rest.replace(_MASK, ""))
        guesses.append(Guess(_where_units(where), what, f"/tasks/{where.task - 1}/units"))
        parts.append((rest, "responsible"))
    return parts


def _split_names(
    names: str, groups: list[str], where: OwnerContext, guesses: list[Guess]
) -> list[str]:
    out = []
    for raw in names.split("、"):
        name = raw.strip()
        if _MASK in name:
            name = re.sub(rf"{_MASK}(\d+){_MASK}", lambda m: groups[int(m.group(1))], name)
        etc = _ETC.search(name)
        if etc and len(name) > len(etc.group(0)):
            what = Message.of("guess_unit_etc", text=name)
            guesses.append(Guess(_where_units(where), what, f"/tasks/{where.task - 1}/units"))
            name = name[: etc.start()]
        if not name:
            raise Refusal("plan_doc_owner_empty", task=where.written, line=where.line, clause=names)
        out.append(name)
    return out


def _resolve(
    names: list[str], where: OwnerContext, directory: Directory, guesses: list[Guess]
) -> list[tuple[str, bool, str]]:
    """(unit id or group name, is group, name as written) for the names of one part."""
    out: list[tuple[str, bool, str]] = []
    open_group = -1  # index in out of a group that unknown government bodies join
    for i, name in enumerate(names):
        # 市发展改革委、城管局: a list writes 市 once, on its first name
        dropped = i > 0 and names[i - 1].startswith(LEVELS) and not name.startswith(LEVELS)
        uid = directory.find(name)
        if uid is not None:
            out.append((uid, False, name))
            open_group = -1
        elif directory.group(name) is not None or _is_group_name(name):
            out.append((name, True, name))
            open_group = len(out) - 1
        elif open_group >= 0 and name.endswith(JOINS_GROUP):
            joined = f"{out[open_group][0]}、{name}"
            out[open_group] = (joined, True, joined)
        else:
            out.append((_propose(name, dropped, where, directory, guesses), False, name))
            open_group = -1
    for ref, is_group, _name in out:
        if is_group and directory.group(ref) is None:
            _new_group(ref, directory, guesses)
    return out


def _propose(
    name: str, dropped: bool, where: OwnerContext, directory: Directory, guesses: list[Guess]
) -> str:
    """A new unit for an unknown name (once per name), with a stable generated id; 市城管局
    is 深圳市城管局 in a plan of 深圳市."""
    key = _key(name).removeprefix(directory.level)
    if key in directory.proposed:
        return directory.proposed[key].id
    short = directory.level + name if dropped else name
    prefixed = short.startswith(directory.level) and directory.place
    full = directory.place + short[1:] if prefixed else short
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()
    uid = next(
        f"new_{digest[:n]}" for n in range(6, 29) if f"new_{digest[:n]}" not in directory.ids
    )
    directory.ids.add(uid)
    bare = short[1:] if prefixed else short
    aliases = [a for a in dict.fromkeys((name, bare)) if a not in (short, full)]
    directory.proposed[key] = ProposedUnit(uid, full, short, aliases, where.task)
    directory._keys.setdefault(_key(short), uid)
    what = Message.of("guess_unit_new", name=name, unit=uid, full_name=full)
    guesses.append(Guess(Message.of("plan_where_unit", unit=uid), what, "/units"))
    return uid


def _new_group(name: str, directory: Directory, guesses: list[Guess]) -> None:
    everyone = any(w in name for w in ALL_MEMBERS)
    directory.new_groups[name] = KnownGroup(name, "", "all" if everyone else ())
    code = "guess_group_all" if everyone else "guess_group_outside"
    guesses.append(Guess(Message.of("plan_where_group", group=name), Message.of(code), "/groups"))


def _add(
    result: list[tuple[str, str]],
    ref: tuple[str, bool, str],
    role: str,
    where: OwnerContext,
    directory: Directory,
    guesses: list[Guess],
) -> None:
    unit, is_group, name = ref
    before = next((r for u, r in result if u == unit), None)
    if before is None:
        result.append((unit, role))
        directory.use(unit, is_group)
        return
    if before != role:
        raise Refusal(
            "plan_doc_role_conflict",
            task=where.written,
            line=where.line,
            unit=name,
            first=ROLE_LABELS_ZH[before],
            second=ROLE_LABELS_ZH[role],
        )
    what = Message.of("guess_unit_repeated", unit=name)
    guesses.append(Guess(_where_units(where), what, f"/tasks/{where.task - 1}/units"))


def _where_units(where: OwnerContext) -> Message:
    return Message.of("plan_where_task_units", task=where.task)
