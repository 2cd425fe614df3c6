"""Reading, checking, planning, writing and exporting the trilingual content catalogue.

The catalogue is the JSON format of `fixtures/` (fixtures/README.md). `catalogue_load`
validates a whole document before it writes anything and then writes it in one transaction,
matching items by slug (nodes by key within a tree, rules by name), so loading the same
document twice changes nothing and a document with one bad item changes nothing at all. With
``sync=True`` (`import_content`) the document is the whole catalogue: what it leaves out is
deleted. `catalogue_plan` says what a load would do without writing; `catalogue_export` writes
the database out in the same format and a stable order, so an export loads back unchanged and
two exports compare as text.

The package, one module per step:

- `format`: the sections, their fields and models, `CatalogueError`; shared by the rest.
- `read`: `catalogue_read`, a JSON file or a folder of them.
- `check`: `catalogue_check`, every problem of a document, before anything is written.
- `export`: the canonical form of an item, `catalogue_export` and `catalogue_dumps`.
- `plan`: `LoadReport` and `catalogue_plan`, a load worked out against an export.
- `load`: `catalogue_load`, the plan written in one transaction.

Callers import from `simhelp.catalogue` itself, not from the modules.
"""

from simhelp.catalogue.check import catalogue_check
from simhelp.catalogue.export import catalogue_dumps, catalogue_export
from simhelp.catalogue.format import FIELDS, SECTIONS, CatalogueError
from simhelp.catalogue.load import catalogue_load
from simhelp.catalogue.plan import LoadReport, catalogue_plan
from simhelp.catalogue.read import catalogue_read

__all__ = [
    "FIELDS",
    "SECTIONS",
    "CatalogueError",
    "LoadReport",
    "catalogue_check",
    "catalogue_dumps",
    "catalogue_export",
    "catalogue_load",
    "catalogue_plan",
    "catalogue_read",
]
