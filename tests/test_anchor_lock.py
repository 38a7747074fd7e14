"""Links never break: edit the seeds, rebuild, and every old URL still lands right."""

from __future__ import annotations

import json
import re
import subprocess
from dataclasses import replace
from pathlib import Path

from conftest import BIN, Project
from policy_atlas.anchors import LEGACY_PREFIX, LOCK_SCHEMA, Lock, LockedPage, legacy_signature, natural_ids, place
from policy_atlas.pipeline import analyse
from policy_atlas.reader import read_seed
from policy_atlas.slugs import is_valid_id

WEBPROM = "004_bccd684d4b65cbbb.txt"
CZECH = "003_2c31ca6f0ba12496.txt"


def sections_of(project: Project) -> dict[str, dict]:
    data = json.loads((project.site / "policies.json").read_text(encoding="utf-8"))
    return {p["id"]: p for p in data["policies"]}


def all_urls(project: Project) -> list[str]:
    urls = []
    for page in sections_of(project).values():
        urls.append(page["url"])
        for section in page["sections"]:
            urls.append(section["url"])
            if section["number_anchor"]:
                urls.append(f"{page['url']}#{section['number_anchor']}")
    return urls


def check_links(
    project: Project, urls: list[str], base: str = "https://policies.example.org/"
) -> tuple[int, list[str]]:
    ticket = project.root / "ticket.txt"
    ticket.write_text("Ticket export\n" + "\n".join(f"see {base}{u} please" for u in urls) + "\n", encoding="utf-8")
    result = subprocess.run(
        [str(BIN / "policy-atlas"), "check-links", str(ticket), "--site", str(project.site), "--base", base],
        capture_output=True,
        text=True,
    )
    return result.returncode, result.stdout.splitlines()


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_ids_are_valid_unique_and_in_the_html(built: Project) -> None:
    for slug, page in sections_of(built).items():
        html = built.page(page["url"])
        ids = [s["id"] for s in page["sections"]]
        assert len(ids) == len(set(ids)), slug
        for section in page["sections"]:
            assert is_valid_id(section["id"]) and len(section["id"]) <= 60
            assert f'id="{section["id"]}"' in html
            assert section["url"] == f"policies/{slug}/#{section['id']}"
            if section["number"]:
                assert section["number_anchor"] == "s-" + section["number"].rstrip(".").replace(".", "-")
                assert f'id="{section["number_anchor"]}"' in html


def test_examples_from_the_issue(built: Project) -> None:
    pages = sections_of(built)
    assert "ruajtje" in [s["id"] for s in pages["webprom"]["sections"]]
    czech = [s["id"] for s in pages["zasady-ochrany-osobnich-udaju"]["sections"]]
    assert "jak-chranime-vase-informace" in czech
    civen = [s["id"] for s in pages["materiali-metal-civen-shanghai"]["sections"]]
    assert "te-drejtat-dhe-zgjedhjet-tuaja-per-mbrojtjen-e-te-dhenave" in civen
    numbered = pages["wuhan-chuangzhi-yicheng-technology"]["sections"]
    assert any(s["number_anchor"] == "s-2-2" for s in numbered)


def test_an_id_depends_on_its_own_section_only() -> None:
    path = Path(__file__).parent.parent / "seeds" / WEBPROM
    seed, _ = read_seed(path.read_bytes(), "seeds/x.txt", "x.txt")
    assert seed is not None
    sections = analyse(seed).segmentation.sections
    ids = natural_ids(sections)
    # dropping any one section leaves every other id as it was
    for skip in range(len(sections)):
        rest = sections[:skip] + sections[skip + 1 :]
        assert natural_ids(rest) == ids[:skip] + ids[skip + 1 :]
    # two builds, same ids
    assert place("webprom", "s", sections, None).page == place("webprom", "s", sections, None).page


def _renamed_and_edited(sections: tuple, index: int) -> tuple:
    """The sections with one heading renamed and a word added to its body."""
    section = sections[index]
    first = replace(section.blocks[0], text=section.blocks[0].text + " Extra.")
    changed = replace(section, title=section.title + " and more", blocks=(first, *section.blocks[1:]))
    return (*sections[:index], changed, *sections[index + 1 :])


def _webprom_sections() -> tuple:
    path = Path(__file__).parent.parent / "seeds" / WEBPROM
    seed, _ = read_seed(path.read_bytes(), "seeds/x.txt", "x.txt")
    assert seed is not None
    return analyse(seed).segmentation.sections


def test_a_locked_id_the_page_now_keeps_for_itself_is_not_put_on_a_section() -> None:
    """A lock from before #policy-opening and #policy-title were the page's own may hold a
    heading's id "policy-opening": it is not written on that section again, so the page
    never has the id twice."""
    sections = _webprom_sections()
    first = place("webprom", "s", sections, None).page
    entry = first.ids[2]
    old = LockedPage(first.slug, first.source, (*first.ids[:2], replace(entry, id="policy-opening"), *first.ids[3:]))
    again = place("webprom", "s", sections, old)
    assert all("policy-opening" not in p.aliases and p.id != "policy-opening" for p in again.sections)
    assert again.sections[2].id == entry.id
    assert any(e.id == "policy-opening" for e in again.page.ids)  # still recorded, never lost


def test_a_renamed_and_edited_section_keeps_its_id_by_similarity(tmp_path: Path) -> None:
    sections = _webprom_sections()
    index = max(range(len(sections)), key=lambda n: len(sections[n].body_text))
    page = place("webprom", "s", sections, None).page
    path = tmp_path / "anchors.lock.json"
    Lock({"webprom": page}).save(path)
    assert json.loads(path.read_text(encoding="utf-8"))["schema"] == LOCK_SCHEMA
    locked = Lock.load(path).pages["webprom"]
    assert locked == page
    old_id = natural_ids(sections)[index]
    placed = place("webprom", "s", _renamed_and_edited(sections, index), locked)
    assert old_id in placed.sections[index].aliases


def test_a_schema_1_lock_is_still_read(tmp_path: Path) -> None:
    """Locks written before the cheaper signatures: their signatures are compared the old way,
    and the next build writes the live ids with new signatures."""
    sections = _webprom_sections()
    index = max(range(len(sections)), key=lambda n: len(sections[n].body_text))
    page = place("webprom", "s", sections, None).page
    old_ids = tuple(
        replace(entry, signature=legacy_signature(section).removeprefix(LEGACY_PREFIX))
        for entry, section in zip(page.ids, sections, strict=True)
    )
    text = Lock({"webprom": LockedPage(page.slug, page.source, old_ids)}).dumps()
    path = tmp_path / "anchors.lock.json"
    path.write_text(text.replace(f'"schema": {LOCK_SCHEMA}', '"schema": 1'), encoding="utf-8")
    locked = Lock.load(path).pages["webprom"]
    assert all(entry.signature.startswith(LEGACY_PREFIX) for entry in locked.ids)
    old_id = natural_ids(sections)[index]
    placed = place("webprom", "s", _renamed_and_edited(sections, index), locked)
    assert old_id in placed.sections[index].aliases
    by_id = {entry.id: entry for entry in placed.page.ids}
    assert by_id[old_id].signature.startswith(LEGACY_PREFIX)  # kept as it was: its section is gone
    live = [p.id for p in placed.sections]
    assert not any(by_id[i].signature.startswith(LEGACY_PREFIX) for i in live)
    Lock({"webprom": placed.page}).save(path)
    assert Lock.load(path).pages["webprom"] == placed.page


def test_links_survive_edits(project: Project) -> None:
    project.build()
    assert project.lock.is_file()
    before = sections_of(project)
    old_urls = all_urls(project)
    webprom = project.seeds / WEBPROM
    # insert a paragraph into one section
    edit(webprom, "\nRuajtje\n\n", "\nRuajtje\n\nNe i rishikojmë afatet e ruajtjes çdo vit.\n\n")
    # rename a heading
    edit(webprom, "\nFëmijët\n", "\nFëmijët dhe të miturit\n")
    # add a new section between two others
    edit(
        webprom, "\nPyetje\n", "\nAnkesat\n\nJu mund të paraqisni një ankesë pranë autoritetit mbikëqyrës.\n\nPyetje\n"
    )
    # delete a section (heading and body)
    text = webprom.read_text(encoding="utf-8")
    start = text.index("\nKontrolli i Informacionit tuaj\n")
    end = text.index("\nRuajtje\n")
    deleted_title_body = text[start:end]
    webprom.write_text(text[:start] + text[end:], encoding="utf-8")
    # move a section: "Dhënia e Informacioneve shtesë." goes to the end
    text = webprom.read_text(encoding="utf-8")
    start = text.index("\nDhënia e Informacioneve shtesë.\n")
    end = text.index("\nTë përgjithshme\n") if "\nTë përgjithshme\n" in text else text.index("\nTë\u00a0përgjithshme\n")
    moved = text[start:end]
    webprom.write_text(text[:start] + text[end:].rstrip("\n") + "\n" + moved + "\n", encoding="utf-8")
    # and in Czech: rename a heading
    edit(project.seeds / CZECH, "Jak chráníme vaše informace", "Jak chráníme a zabezpečujeme vaše informace")
    project.build()
    after = sections_of(project)
    code, lines = check_links(project, old_urls)
    assert code == 0, "\n".join(lines)
    assert not [line for line in lines if line.startswith("broken")]
    results = {line.split()[1]: line for line in lines if line.startswith(("ok", "alias"))}

    def lands(old_id: str, slug: str) -> str:
        line = results[f"https://policies.example.org/policies/{slug}/#{old_id}"]
        if line.startswith("ok"):
            return old_id
        match = re.search(r"is now #([a-z0-9-]+)", line)
        assert match, line
        return match.group(1)

    new_ids = {s["id"]: s for s in after["webprom"]["sections"]}
    assert lands("ruajtje", "webprom") == "ruajtje"  # edited body, same id
    assert lands("femijet", "webprom") == "femijet-dhe-te-miturit"  # renamed: alias on the same section
    assert lands("dhenia-e-informacioneve-shtese", "webprom") == "dhenia-e-informacioneve-shtese"  # moved
    assert (
        lands("jak-chranime-vase-informace", "zasady-ochrany-osobnich-udaju")
        == "jak-chranime-a-zabezpecujeme-vase-informace"
    )
    # removed: lands on the section that now stands where it stood, which says so
    successor = lands("kontrolli-i-informacionit-tuaj", "webprom")
    old_order = [s["id"] for s in before["webprom"]["sections"]]
    removed_at = old_order.index("kontrolli-i-informacionit-tuaj")
    assert successor == old_order[removed_at + 1]
    html = project.page("policies/webprom")
    assert "Text once linked here was removed" in html and "Kontrolli i Informacionit tuaj" in html
    assert "ankesat" in new_ids and "Kontrolli" in deleted_title_body
    # the lock only grows, and a third build changes nothing
    lock_after = Lock.load(project.lock)
    locked = {i.id for i in lock_after.pages["webprom"].ids}
    assert {s["id"] for s in before["webprom"]["sections"]} <= locked
    text = project.lock.read_text(encoding="utf-8")
    project.build()
    assert project.lock.read_text(encoding="utf-8") == text


def test_a_changed_slug_redirects_and_old_anchors_resolve(project: Project) -> None:
    project.build()
    old_urls = [u for u in all_urls(project) if u.startswith("policies/webprom/")]
    webprom = project.seeds / WEBPROM
    webprom.write_text("---\nslug: webprom-al\n---\n" + webprom.read_text(encoding="utf-8"), encoding="utf-8")
    project.build()
    redirect = (project.site / "policies" / "webprom" / "index.html").read_text(encoding="utf-8")
    assert "../webprom-al/" in redirect and "redirect.js" in redirect
    code, lines = check_links(project, old_urls)
    assert code == 0, "\n".join(lines)
    assert all("moved to policies/webprom-al/" in line for line in lines if line.startswith("alias"))


def test_strict_build_fails_when_a_locked_page_would_break(project: Project) -> None:
    project.build()
    (project.seeds / WEBPROM).unlink()
    result = project.build(check=False)
    assert result.returncode != 0
    assert (
        "policies/webprom/" in result.stderr
        and "#" in result.stderr
        and "seeds/004_bccd684d4b65cbbb.txt" in result.stderr
    )
    assert "Traceback" not in result.stderr
    # without --strict the rest of the site is still built
    project.build(strict=False)
    assert (project.site / "policies" / "zasady-ochrany-osobnich-udaju" / "index.html").is_file()


def test_check_links_reports_ok_alias_and_broken(project: Project) -> None:
    project.build()
    edit(project.seeds / WEBPROM, "\nFëmijët\n", "\nFëmijët dhe të miturit\n")
    project.build()
    code, lines = check_links(
        project,
        [
            "policies/webprom/#ruajtje",
            "policies/webprom/#femijet",
            "policies/webprom/#no-such-section",
            "policies/no-such-policy/",
            "policies/wuhan-chuangzhi-yicheng-technology/#s-2-2",
        ],
    )
    assert code == 1
    by_status = {
        line.split()[1].split("policies/", 1)[1]: line.split()[0] for line in lines if "policies/" in line.split()[1]
    }
    assert by_status == {
        "webprom/#ruajtje": "ok",
        "webprom/#femijet": "alias",
        "webprom/#no-such-section": "broken",
        "no-such-policy/": "broken",
        "wuhan-chuangzhi-yicheng-technology/#s-2-2": "ok",
    }
    assert any("#femijet is now #femijet-dhe-te-miturit" in line for line in lines)
    # relative links in free prose are found too, and links to other hosts are ignored
    ticket = project.root / "prose.txt"
    ticket.write_text(
        "Customer says policies/webprom/#ruajtje is wrong; compare https://example.com/policies/x/#y.", encoding="utf-8"
    )
    result = subprocess.run(
        [str(BIN / "policy-atlas"), "check-links", str(ticket), "--site", str(project.site)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0 and "ok      policies/webprom/#ruajtje" in result.stdout
    assert "example.com" not in result.stdout
