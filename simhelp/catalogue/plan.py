"""What a load would create, update and delete, worked out without writing: the LoadReport."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from simhelp.catalogue.check import catalogue_check
from simhelp.catalogue.export import canonical, catalogue_export
from simhelp.catalogue.format import SECTIONS, CatalogueError, Document, key_field

OUTCOMES = ("created", "updated", "deleted", "unchanged")
_PLANNED = {
    "created": "to create",
    "updated": "to update",
    "deleted": "to delete",
    "unchanged": "unchanged",
}
_MARKS = {"created": "+", "updated": "~", "deleted": "-"}


@dataclass
class LoadReport:
    """What a load did (or, when `planned`, would do), item by item for every section."""

    sync: bool = False
    planned: bool = False
    # outcome → section → keys (slugs, rule names), in document or export order
    names: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    # (section, key) → the fields that differ, for updated items
    differences: dict[tuple[str, str], list[str]] = field(default_factory=dict)

    def add(
        self, *, section: str, outcome: str, name: str, differences: Iterable[str] = ()
    ) -> None:
        self.names.setdefault(outcome, {}).setdefault(section, []).append(name)
        if differences:
            self.differences[(section, name)] = list(differences)

    def of(self, *, section: str, outcome: str) -> list[str]:
        return self.names.get(outcome, {}).get(section, [])

    def _counts(self, outcome: str) -> dict[str, int]:
        return {section: len(names) for section, names in self.names.get(outcome, {}).items()}

    @property
    def created(self) -> dict[str, int]:
        return self._counts("created")

    @property
    def updated(self) -> dict[str, int]:
        return self._counts("updated")

    @property
    def deleted(self) -> dict[str, int]:
        return self._counts("deleted")

    @property
    def unchanged(self) -> dict[str, int]:
        return self._counts("unchanged")

    def summary(self, *, details: bool = False) -> str:
        """One line of counts per section; with `details`, a line per item that changes."""
        outcomes = OUTCOMES if self.sync else ("created", "updated", "unchanged")
        words = _PLANNED if self.planned else {outcome: outcome for outcome in OUTCOMES}
        lines = []
        for section in SECTIONS:
            counts = {
                outcome: len(self.of(section=section, outcome=outcome)) for outcome in OUTCOMES
            }
            if not any(counts.values()):
                continue
            lines.append(f"{section}: " + ", ".join(f"{counts[o]} {words[o]}" for o in outcomes))
            if not details:
                continue
            for outcome, mark in _MARKS.items():
                for name in self.of(section=section, outcome=outcome):
                    fields = self.differences.get((section, name))
                    lines.append(f"  {mark} {name}" + (f" ({', '.join(fields)})" if fields else ""))
        return "\n".join(lines) or "nothing to load"


def _differences(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[str]:
    """The fields of an item that differ, naming the language of a translated text."""
    fields = []
    for name, value in new.items():
        before = old.get(name)
        if before == value:
            continue
        if isinstance(value, dict) and isinstance(before, dict):
            fields.extend(f"{name}.{lang}" for lang in value if value[lang] != before.get(lang))
        elif name == "nodes":
            fields.extend(_node_differences(before, value))
        else:
            fields.append(name)
    return fields


def _node_differences(old: list[dict[str, Any]], new: list[dict[str, Any]]) -> list[str]:
    before = {node["key"]: node for node in old}
    after = {node["key"]: node for node in new}
    fields = [f"+nodes.{key}" for key in after if key not in before]
    fields += [f"-nodes.{key}" for key in before if key not in after]
    fields += [f"nodes.{key}" for key in after if key in before and before[key] != after[key]]
    return fields or ["nodes (order)"]


def catalogue_plan(*, document: Document, sync: bool = False, folder=None) -> LoadReport:
    """What `catalogue_load` would create, update and (with `sync`) delete; writes nothing.

    Raises `CatalogueError` listing every problem when the document cannot be loaded.
    """
    problems = catalogue_check(document=document, sync=sync, folder=folder)
    if problems:
        raise CatalogueError(problems)
    stored = catalogue_export()
    report = LoadReport(sync=sync, planned=True)
    for section in SECTIONS:
        key = key_field(section)
        current = {item[key]: item for item in stored[section]}
        wanted = [canonical(section, item) for item in document.get(section, [])]
        for item in wanted:
            old = current.get(item[key])
            if old is None:
                report.add(section=section, outcome="created", name=item[key])
            elif old == item:
                report.add(section=section, outcome="unchanged", name=item[key])
            else:
                report.add(
                    section=section,
                    outcome="updated",
                    name=item[key],
                    differences=_differences(old, item),
                )
        if sync:
            kept = {item[key] for item in wanted}
            for item in stored[section]:
                if item[key] not in kept:
                    report.add(section=section, outcome="deleted", name=item[key])
    return report
