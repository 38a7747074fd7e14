"""`make build-i18n`: the site once per language of `extra.alternate`, into site/<lang>/.

Each language is built from the project's own mkdocs.yml (through MkDocs' INHERIT), with
only `theme.language`, `site_dir` and `site_url` changed; the default site stays at site/.
Material's language selector then switches between the same page in each language
(policy-atlas.js points its links at the page being read).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin

import yaml


class _Loader(yaml.SafeLoader):
    """mkdocs.yml may hold MkDocs' own tags (!ENV, !relative): keep them as plain values."""


_Loader.add_multi_constructor("!", lambda loader, suffix, node: None)


def languages(config: dict) -> list[str]:  # type: ignore[type-arg]
    alternates = (config.get("extra") or {}).get("alternate") or []
    return [str(a["lang"]) for a in alternates if a.get("lang")]


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    config_file = Path(args[0] if args else "mkdocs.yml").resolve()
    config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_Loader)
    site_dir = str(config.get("site_dir") or "site")
    site_url = str(config.get("site_url") or "")
    langs = languages(config)
    if not langs:
        print(f"{config_file.name}: no extra.alternate languages to build.")
        return 0
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    mkdocs = Path(sys.executable).with_name("mkdocs")
    for lang in langs:
        child = config_file.with_name(f".mkdocs.{lang}.yml")
        overrides = {
            "INHERIT": config_file.name,
            "theme": {"language": lang},
            "site_dir": f"{site_dir}/{lang}",
            "site_url": urljoin(site_url, f"{lang}/") if site_url else None,
        }
        child.write_text(yaml.safe_dump({k: v for k, v in overrides.items() if v is not None}), encoding="utf-8")
        try:
            print(f"Building the {lang} site into {site_dir}/{lang}/", flush=True)
            result = subprocess.run([str(mkdocs), "build", "--strict", "-f", str(child)], env=env, check=False)
        finally:
            child.unlink(missing_ok=True)
        if result.returncode != 0:
            print(f"The {lang} site failed to build (see above).", file=sys.stderr)
            return result.returncode
    return 0


if __name__ == "__main__":
    sys.exit(main())
