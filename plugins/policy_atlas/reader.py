"""Reading seed files: bytes -> decoded, normalized text and validated front matter.

Nothing here raises for bad input: every problem becomes a `Problem` naming the
file (and line) and saying what to do, and the caller decides whether it is fatal.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import os
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import charset_normalizer
import frontmatter
import yaml

from .cache import Memo
from .model import Problem, SeedText

SEED_SUFFIXES = (".txt", ".md")
FRONT_MATTER_KEYS = ("title", "publisher", "url", "lang", "updated", "effective", "slug")
# A privacy policy is rarely over 200 KB; a seed over this is a dump, not a policy page.
MAX_SEED_BYTES = 5 * 1024 * 1024

_SLUG_RE = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,78}[a-z0-9])?$")
_LANG_RE = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")
_PARTIAL_DATE_RE = re.compile(r"^\d{4}(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?)?$")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u2028\u2029\ufeff]")
# Typical traces of UTF-8 read as windows-1252/latin-1 ("Ã«" for "ë", "Ã©" for "é").
_MOJIBAKE_RE = re.compile(
    r"[ÃÄÅÂ][\x80-\xbf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u203a\u20ac\u2122]"
)


@dataclass(frozen=True)
class ReadResult:
    seeds: tuple[SeedText, ...]
    problems: tuple[Problem, ...]


def list_seed_files(seeds_dir: Path) -> tuple[list[Path], list[Problem]]:
    """Every *.txt / *.md file directly in `seeds_dir`, sorted by name.

    Hidden files are skipped with a warning; symbolic links that lead outside
    the folder are refused.
    """
    problems: list[Problem] = []
    files: list[Path] = []
    if not seeds_dir.is_dir():
        problems.append(
            Problem(
                source=str(seeds_dir),
                message="The seeds folder does not exist.",
                hint="Create it, or point the plugin option `seeds_dir` at the folder holding the policies.",
            )
        )
        return files, problems
    root = seeds_dir.resolve()
    # scandir: whether an entry is a file or a link comes with the listing, no call per file
    with os.scandir(seeds_dir) as listing:
        entries = sorted(listing, key=lambda e: e.name)
    for entry in entries:
        path = seeds_dir / entry.name
        if path.suffix.lower() not in SEED_SUFFIXES:
            continue
        shown = _shown(seeds_dir, path)
        if path.name.startswith("."):
            problems.append(
                Problem(
                    source=shown,
                    message="Hidden file skipped.",
                    hint="Rename it without the leading dot to publish it.",
                    severity="note",
                )
            )
            continue
        if entry.is_symlink():
            target = path.resolve()
            if not target.is_relative_to(root):
                problems.append(
                    Problem(
                        source=shown,
                        message=f"Symbolic link to {target}, outside the seeds folder, refused.",
                        hint="Copy the file into the seeds folder instead of linking to it.",
                    )
                )
                continue
        if not entry.is_file():  # follows a link
            continue
        files.append(path)
    return files, problems


def _shown(seeds_dir: Path, path: Path) -> str:
    return f"{seeds_dir.name}/{path.name}"


def read_seeds(seeds_dir: Path, shown_dir: str | None = None) -> ReadResult:
    """Read every seed of a folder, in file-name order."""
    files, problems = list_seed_files(seeds_dir)
    seeds: list[SeedText] = []
    prefix = shown_dir if shown_dir is not None else seeds_dir.name
    root = str(seeds_dir.resolve()) if files else ""
    for path in files:
        source = f"{prefix}/{path.name}"
        stat = path.stat()  # follows a symbolic link: the file it names
        seed, found = _READ.get(
            (root, path.name, stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns, source),
            lambda p=path, s=source: read_seed(p.read_bytes(), s, p.name),
        )
        problems.extend(found)
        if seed is not None:
            seeds.append(seed)
    return ReadResult(tuple(seeds), tuple(problems))


# a file whose size and modification time did not change is not read again (mkdocs serve)
_READ: Memo[tuple[SeedText | None, list[Problem]]] = Memo()


def read_seed(raw: bytes, source: str, name: str) -> tuple[SeedText | None, list[Problem]]:
    """Decode and validate one seed's bytes. Returns (None, problems) when unusable."""
    problems: list[Problem] = []
    if len(raw) > MAX_SEED_BYTES:
        return None, [
            Problem(
                source,
                f"File too large ({len(raw) / (1024 * 1024):.1f} MB; a policy page holds at most "
                f"{MAX_SEED_BYTES // (1024 * 1024)} MB).",
                "Check that the file is the policy itself; remove what is not policy text, or split it.",
            )
        ]
    decoded = decode(raw)
    if decoded.text is None:
        return None, [Problem(source, decoded.note, "Save the policy as UTF-8 text and build again.")]
    if decoded.guessed:
        problems.append(
            Problem(
                source,
                f"Encoding guessed as {decoded.encoding}.",
                "Check the page reads right, or save the file as UTF-8 to make it certain.",
                severity="note",
            )
        )
    if decoded.note and decoded.text is not None and not decoded.guessed:
        problems.append(Problem(source, decoded.note, "Check the page reads right.", severity="note"))
    text = decoded.text
    meta: dict[str, object] = {}
    first_body_line = 1
    if text.startswith("---\n") or text.startswith("---\r\n") or text.startswith("---\r"):
        lines_before = text
        try:
            post = frontmatter.loads(text)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "context_mark", None) or getattr(exc, "problem_mark", None)
            line = mark.line + 1 if mark is not None else 1  # the YAML text starts on the "---" line
            problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
            return None, [
                *problems,
                Problem(
                    source,
                    f"Front matter is not valid YAML ({problem}).",
                    "Fix the YAML between the two '---' lines, or remove it.",
                    line=line,
                ),
            ]
        except Exception as exc:  # python-frontmatter raises plain errors for odd input
            return None, [
                *problems,
                Problem(
                    source,
                    f"Front matter could not be read ({exc}).",
                    "Fix the block between the two '---' lines, or remove it.",
                    line=1,
                ),
            ]
        body = post.content
        if not isinstance(post.metadata, dict):
            return None, [
                *problems,
                Problem(
                    source,
                    "Front matter is not a mapping of keys to values.",
                    "Write it as 'key: value' lines.",
                    line=2,
                ),
            ]
        meta_problems, meta = validate_meta(post.metadata, source, lines_before)
        problems.extend(meta_problems)
        first_body_line = _line_of_body(lines_before, body)
        text = body
    normalized = normalize_text(text)
    if not normalized.strip():
        problems.append(
            Problem(
                source,
                "The file holds no text." if not raw.strip() else "The file holds only whitespace.",
                "Put the policy text in it, or delete the file.",
            )
        )
        return None, problems
    seed = SeedText(
        source=source,
        name=name,
        text=normalized,
        meta=tuple(sorted(meta.items())),
        encoding=decoded.encoding,
        encoding_guessed=decoded.guessed,
        first_body_line=first_body_line,
        digest=hashlib.sha256(raw).hexdigest(),
        markdown=name.lower().endswith(".md"),
    )
    return seed, problems


def _line_of_body(full: str, body: str) -> int:
    head = body.strip()[:40]
    if not head:
        return 1
    index = full.find(head)
    return full.count("\n", 0, index) + 1 if index >= 0 else 1


@dataclass(frozen=True)
class Decoded:
    text: str | None
    encoding: str
    guessed: bool
    note: str = ""


def decode(raw: bytes) -> Decoded:
    """Bytes to text: BOMs first, then strict UTF-8, then charset-normalizer's guess."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return _fix_mojibake(Decoded(raw[3:].decode("utf-8", errors="replace"), "utf-8-sig", False))
    for bom, codec in (
        (b"\xff\xfe\x00\x00", "utf-32"),
        (b"\x00\x00\xfe\xff", "utf-32"),
        (b"\xff\xfe", "utf-16"),
        (b"\xfe\xff", "utf-16"),
    ):
        if raw.startswith(bom):
            try:
                return Decoded(raw.decode(codec), codec, False)
            except UnicodeDecodeError:
                return Decoded(
                    None, codec, False, f"The file starts with a {codec} byte-order mark but is not valid {codec}."
                )
    if b"\x00" in raw[:65536]:
        return Decoded(None, "binary", False, "The file is binary (it contains NUL bytes), not text.")
    try:
        return _fix_mojibake(Decoded(raw.decode("utf-8"), "utf-8", False))
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(raw).best()
    if best is None:
        return Decoded(None, "unknown", True, "The file is not text in any encoding that could be recognised.")
    text = str(best)
    if _looks_binary(text):
        return Decoded(None, best.encoding, True, "The file looks binary (mostly control characters), not text.")
    return Decoded(text, best.encoding, True)


def _looks_binary(text: str) -> bool:
    sample = text[:8192]
    if not sample:
        return False
    controls = sum(1 for ch in sample if unicodedata.category(ch) in ("Cc", "Co", "Cn") and ch not in "\n\r\t")
    return controls / len(sample) > 0.05


def _fix_mojibake(decoded: Decoded) -> Decoded:
    """Repair UTF-8 that was once read as windows-1252 ("Ã«" -> "ë"), if it clearly is."""
    text = decoded.text or ""
    hits = len(_MOJIBAKE_RE.findall(text))
    if hits < 3:
        return decoded
    for codec in ("cp1252", "latin-1"):
        try:
            repaired = text.encode(codec).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
        if len(_MOJIBAKE_RE.findall(repaired)) < hits:
            return Decoded(
                repaired,
                decoded.encoding,
                False,
                f"Repaired mojibake: the text was UTF-8 once read as {codec} ({hits} garbled characters such as 'Ã«').",
            )
    return decoded


def normalize_text(text: str) -> str:
    """The canonical form every later step works on (and that segmentation must preserve).

    NFC, "\\n" line ends (CRLF and lone CR converted), control characters removed,
    tabs as spaces, trailing spaces dropped, at most one blank line in a row, no
    blank lines at either end.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # control characters first: removing one may bring a letter and its accent together
    text = _CONTROL_RE.sub("", text).replace("\t", " ").replace("\u00a0", " ")
    text = unicodedata.normalize("NFC", text)
    out: list[str] = []
    blank = True
    for line in text.split("\n"):
        line = line.rstrip()
        if not line:
            if not blank:
                out.append("")
            blank = True
            continue
        out.append(line)
        blank = False
    while out and not out[-1]:
        out.pop()
    return "\n".join(out)


def validate_meta(
    raw: dict[object, object], source: str, raw_text: str = ""
) -> tuple[list[Problem], dict[str, object]]:
    """Check front-matter keys and types; keep what is valid, report the rest."""
    problems: list[Problem] = []
    meta: dict[str, object] = {}
    unknown = sorted(str(k) for k in raw if k not in FRONT_MATTER_KEYS)
    if unknown:
        problems.append(
            Problem(
                source,
                f"Unknown front matter key(s) ignored: {', '.join(unknown)}.",
                f"Use only {', '.join(FRONT_MATTER_KEYS)}.",
                severity="warning",
                line=2,
            )
        )
    for key in FRONT_MATTER_KEYS:
        if key not in raw or raw[key] is None:
            continue
        value = raw[key]
        bad = _check_value(key, value)
        if bad:
            problems.append(
                Problem(
                    source,
                    f"Front matter `{key}: {value!r}` {bad[0]} It is ignored.",
                    bad[1],
                    "warning",
                    _key_line(raw_text, key),
                )
            )
            continue
        if isinstance(value, _dt.datetime):
            value = value.date().isoformat()
        elif isinstance(value, _dt.date):
            value = value.isoformat()
        elif isinstance(value, int):
            value = str(value)
        meta[key] = value.strip() if isinstance(value, str) else value
    return problems, meta


def _key_line(text: str, key: str) -> int:
    """The file line of `key:` in the front matter (1-based), or 2 if not found."""
    for number, line in enumerate(text.split("\n")[1:40], start=2):
        if line.startswith(f"{key}:"):
            return number
        if line.strip() == "---":
            break
    return 2


def _check_value(key: str, value: object) -> tuple[str, str] | None:
    if key in ("title", "publisher"):
        if not isinstance(value, str) or not value.strip():
            return "is not a text.", f"Write `{key}` as a non-empty text."
        return None
    if key == "url":
        if not isinstance(value, str) or not re.match(r"^https?://\S+$", value):
            return "is not an http(s) URL.", "Write the address the policy was published at, starting with https://."
        return None
    if key == "lang":
        if not isinstance(value, str) or not _LANG_RE.match(value):
            return (
                "is not a language code.",
                "Use an ISO 639-1 code such as `sq`, `cs` or `nb`, or remove it to detect the language.",
            )
        return None
    if key in ("updated", "effective"):
        if isinstance(value, (_dt.date, _dt.datetime)):
            return None
        if isinstance(value, int) and 1900 <= value <= 2999:
            return None
        if isinstance(value, str) and _PARTIAL_DATE_RE.match(value.strip()):
            return None
        return "is not a date.", "Write it as YYYY-MM-DD, YYYY-MM or YYYY, or remove it to read the date from the text."
    if key == "slug":
        if not isinstance(value, str) or not _SLUG_RE.match(value):
            return (
                "is not a safe slug.",
                "Use lowercase ASCII letters, digits and hyphens only (e.g. `acme-privacy`), no slashes or dots.",
            )
        return None
    return None


def iter_lines_with_numbers(seed: SeedText) -> Iterable[tuple[int, str]]:
    """(line number in the original file, line) for messages that point at a line."""
    for index, line in enumerate(seed.text.split("\n")):
        yield seed.first_body_line + index, line
