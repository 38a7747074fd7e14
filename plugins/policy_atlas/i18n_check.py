"""`python -m policy_atlas.i18n_check`: missing or fuzzy messages per language.

Exits with status 1 when a catalog of a required language lacks a translation or has a
fuzzy one, so a label never reaches a page untranslated.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

from .i18n import DOMAIN

REQUIRED = ("en", "sq", "nb", "nn", "cs", "de", "fr", "es", "pl")


def _read(path: Path) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle)


def problems(locale_dir: Path, lang: str, template: Catalog) -> tuple[list[str], list[str]]:
    """(missing, fuzzy) msgids of one language's catalog."""
    path = locale_dir / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    if not path.is_file():
        return [str(m.id) for m in template if m.id], []
    catalog = _read(path)
    missing, fuzzy = [], []
    for message in template:
        if not message.id:
            continue
        found = catalog.get(message.id)
        if found is None or not found.string or (isinstance(found.string, tuple) and not all(found.string)):
            missing.append(message.id if isinstance(message.id, str) else message.id[0])
        elif found.fuzzy:
            fuzzy.append(message.id if isinstance(message.id, str) else message.id[0])
    return missing, fuzzy


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    locale_dir = Path(args[0]) if args else Path(__file__).parent / "locale"
    langs = args[1:] or list(REQUIRED)
    template = _read(locale_dir / f"{DOMAIN}.pot")
    failed = False
    total = sum(1 for m in template if m.id)
    for lang in langs:
        missing, fuzzy = problems(locale_dir, lang, template)
        status = "ok" if not missing and not fuzzy else "INCOMPLETE"
        print(
            f"{lang:4} {status:10} {total - len(missing) - len(fuzzy)}/{total} translated, {len(missing)} missing, {len(fuzzy)} fuzzy"
        )
        for msgid in missing:
            print(f"       missing: {msgid}")
        for msgid in fuzzy:
            print(f"       fuzzy:   {msgid}")
        if (missing or fuzzy) and lang in REQUIRED:
            failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
