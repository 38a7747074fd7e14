"""`policy-atlas`: the core without MkDocs.

policy-atlas render --seeds seeds --out DIR    write the Markdown pages and exports
policy-atlas check-links FILE [--site site/] [--base URL]
policy-atlas sections FILE [--body] [--no-topics]   how one policy is cut and tagged
policy-atlas eval [--agreement DIR]                 topics and facts against tests/truth
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .anchors import Lock
from .site import asset_files, build


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="policy-atlas", description="Privacy policies as a static site with stable anchors."
    )
    sub = parser.add_subparsers(dest="command", required=True)
    render = sub.add_parser("render", help="write the Markdown pages that the MkDocs plugin builds")
    render.add_argument("--seeds", default="seeds", type=Path, help="folder of policy texts (default: seeds)")
    render.add_argument("--out", required=True, type=Path, help="folder to write the pages to")
    render.add_argument("--lang", default="en", help="language of the labels around the policies (default: en)")
    render.add_argument(
        "--docs", type=Path, default=None, help="hand-written docs folder whose index.md gets the policy table"
    )
    render.add_argument(
        "--lock", type=Path, default=Path("anchors.lock.json"), help="anchor lock to match ids against (read only)"
    )
    render.add_argument("--strict", action="store_true", help="exit with status 1 when any seed has a problem")
    links = sub.add_parser("check-links", help="check policy links found in a text (a ticket export, a list of URLs)")
    links.add_argument("file", type=Path, help="text to scan, or - for standard input")
    links.add_argument("--site", type=Path, default=Path("site"), help="built site (default: site/)")
    links.add_argument(
        "--base", default=None, help="base URL the site is published at, e.g. https://policies.example.org/"
    )
    sections = sub.add_parser("sections", help="show how one policy file is cut into sections, with topics")
    sections.add_argument("file", type=Path, help="a policy text (.txt or .md)")
    sections.add_argument("--body", action="store_true", help="also print each section's text")
    sections.add_argument("--no-topics", action="store_true", help="do not print the topics (for annotating by hand)")
    evaluation = sub.add_parser("eval", help="topic tagging and facts against the hand-made truth in tests/truth")
    evaluation.add_argument("--truth", type=Path, default=Path("tests/truth"))
    evaluation.add_argument("--seeds", type=Path, default=Path("seeds"))
    evaluation.add_argument("--corpus", type=Path, default=Path("../shared/corpus/policies"))
    evaluation.add_argument(
        "--agreement",
        type=Path,
        default=None,
        help="folder of second, independent annotations of some truth documents: report how far they agree",
    )
    args = parser.parse_args(argv)
    try:
        return _run(args)
    except BrokenPipeError:  # the reader went away (`policy-atlas sections ... | head`): stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


def _run(args: argparse.Namespace) -> int:
    if args.command == "eval":
        from .evaluate import agreement, evaluate, format_agreement, format_report

        try:
            print(format_report(evaluate(args.truth, args.seeds, args.corpus)))
            if args.agreement is not None:
                print()
                print(format_agreement(agreement(args.truth, args.agreement, args.seeds, args.corpus)))
        except (OSError, ValueError) as error:  # a truth file or its document that cannot be used
            print(f"error: {error}", file=sys.stderr)
            return 2
        return 0
    if args.command == "render":
        return _render(args)
    if args.command == "sections":
        return _sections(args.file, args.body, not args.no_topics)
    from .linkcheck import run as check_links

    return check_links(args.file, args.site, args.base)


def _render(args: argparse.Namespace) -> int:
    try:
        lock = Lock.load(args.lock) if args.lock.exists() else Lock()
    except (OSError, ValueError) as exc:
        print(
            f"{args.lock}: the anchor lock could not be read ({exc}). Restore it from version control.", file=sys.stderr
        )
        return 2
    home = None
    if args.docs is not None and (args.docs / "index.md").is_file():
        home = (args.docs / "index.md").read_text(encoding="utf-8")
    pages = build(args.seeds, lock, args.lang, home_template=home, shown_dir=args.seeds.name)
    for problem in pages.assembled.problems:
        print(f"WARNING: {problem.format()}", file=sys.stderr)
    for path, content in {**pages.pages, **pages.extra}.items():
        target = args.out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
    for path, data in asset_files().items():
        target = args.out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    count = len(pages.assembled.site.policies)
    print(f"{count} policies written to {args.out}/ ({len(pages.assembled.problems)} problems)")
    return 1 if args.strict and pages.assembled.problems else 0


def _sections(path: Path, show_body: bool, show_topics: bool = True) -> int:
    from .anchors import natural_ids
    from .model import OPENING_ID
    from .pipeline import analyse
    from .reader import read_seed
    from .text import word_count

    seed, problems = read_seed(path.read_bytes(), str(path), path.name)
    for problem in problems:
        print(f"WARNING: {problem.format()}", file=sys.stderr)
    if seed is None:
        return 1
    draft = analyse(seed)
    print(
        f"# {path.name}: lang={draft.lang} ({draft.lang_confidence}) title={draft.title!r} publisher={draft.publisher!r}"
    )
    print(
        f"# updated={draft.date('updated')} effective={draft.date('effective')} generated={draft.segmentation.generated}"
    )
    if draft.opening:
        words = word_count(draft.opening_text)
        shown = f"  topics={','.join(draft.opening_tags.topics) or '-'}" if show_topics else ""
        print(f"[0] (opening, {words} words)  #{OPENING_ID}{shown}")
        if show_body:
            for block in draft.opening:
                print(f"    | {block.text}")
    sections = draft.segmentation.sections
    for section, sid, topics in zip(sections, natural_ids(sections), draft.section_topics, strict=True):
        shown = f"  topics={','.join(topics) or '-'}" if show_topics else ""
        print(f"{'  ' * (section.level - 1)}[{section.level}] {section.title}  #{sid}{shown}")
        if show_body:
            for block in section.blocks:
                print(f"{'  ' * section.level}  | {block.text}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
