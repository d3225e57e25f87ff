"""Bring each ``i18n/<lang>.po`` of an addon in step with its ``.pot``, keeping
the translations of unchanged strings (what ``msgmerge`` does). Run with
Odoo's interpreter, which has ``polib``: ``python po_merge.py ADDON_DIR...``."""

import sys
from pathlib import Path

import polib


def merge(addon_dir):
    template = polib.pofile(str(addon_dir / "i18n" / f"{addon_dir.name}.pot"))
    for path in sorted((addon_dir / "i18n").glob("*.po")):
        catalog = polib.pofile(str(path))
        catalog.merge(template)
        for entry in catalog.obsolete_entries():
            catalog.remove(entry)
        catalog.save()
        untranslated = len(catalog.untranslated_entries()) + len(
            catalog.fuzzy_entries()
        )
        print(f"{path}: {untranslated} strings to translate", flush=True)


if __name__ == "__main__":
    for name in sys.argv[1:]:
        merge(Path(name))
