"""Everything Policy Atlas writes around a policy goes through gettext catalogs.

Catalogs live in `locale/<lang>/LC_MESSAGES/policy_atlas.po` (compiled to .mo by
`make i18n`); a language without a catalog falls back to the English msgids.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

from babel.support import NullTranslations, Translations

DOMAIN = "policy_atlas"


def _locale_dir() -> str:
    return str(resources.files("policy_atlas") / "locale")


@cache
def translations(lang: str) -> NullTranslations:
    code = lang.replace("-", "_")
    found = Translations.load(_locale_dir(), [code], domain=DOMAIN)
    return found


def has_catalog(lang: str) -> bool:
    return isinstance(translations(lang), Translations)


@dataclass(frozen=True)
class Labels:
    """Translated labels for one language."""

    lang: str

    def __call__(self, message: str) -> str:
        return translations(self.lang).gettext(message)

    def n(self, singular: str, plural: str, count: int) -> str:
        return translations(self.lang).ngettext(singular, plural, count)


def N_(message: str) -> str:  # noqa: N802 - marks a message for extraction only
    return message
