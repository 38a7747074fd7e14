"""Sections recovered from raw text: the seeds' headings, and no text ever lost."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import CORPUS, SEEDS, require_corpus
from policy_atlas.i18n import Labels
from policy_atlas.lexicon import TOPIC_IDS
from policy_atlas.pipeline import Draft, analyse, place_policy
from policy_atlas.reader import normalize_text, read_seed
from policy_atlas.render import render_policy

EXPECTED = Path(__file__).parent / "expected_headings"


def draft_of(path: Path) -> Draft:
    seed, problems = read_seed(path.read_bytes(), f"seeds/{path.name}", path.name)
    assert seed is not None, problems
    return analyse(seed)


def draft_of_text(tmp_path: Path, name: str, text: str) -> Draft:
    """The draft of `text` saved as a seed file called `name` (its suffix says Markdown or not)."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return draft_of(path)


def expected_headings(name: str) -> list[tuple[int, str]]:
    rows = []
    for line in (EXPECTED / f"{Path(name).stem}.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            level, title = line.split("\t")
            rows.append((int(level), normalize_text(title)))
    return rows


@pytest.mark.parametrize("name", sorted(p.name for p in SEEDS.glob("*.txt")))
def test_seed_headings_match_the_hand_made_list(name: str) -> None:
    expected = expected_headings(name)
    draft = draft_of(SEEDS / name)
    if not expected:  # a text without headings is cut by topic instead
        assert draft.segmentation.generated
        return
    got = [(s.level, s.title) for s in draft.segmentation.sections]
    assert [t for _, t in got] == [t for _, t in expected]
    same_level = sum(1 for (a, _), (b, _) in zip(got, expected, strict=True) if a == b)
    # levels of unnumbered headings are a judgement call; numbered ones must be exact
    assert same_level / len(expected) >= 0.95, (got, expected)
    for (level, title), (want, _) in zip(got, expected, strict=True):
        if title[:1].isdigit():
            assert level == want, title


def test_seed_without_headings_is_cut_into_topical_blocks() -> None:
    draft = draft_of(SEEDS / "002_2c17a0862c804fc4.txt")
    sections = draft.segmentation.sections
    assert draft.segmentation.generated
    assert 6 <= len(sections) <= 16
    assert all(s.generated_title and s.topic_key in TOPIC_IDS for s in sections)
    # the subjects 003 (same template, with headings) names are found in 002 too
    keys = {s.topic_key for s in sections}
    assert {"collection", "rights", "transfers", "sharing", "security", "cookies", "contact"} <= keys
    # each block starts where a paragraph starts, and blocks follow each other
    text = draft.segmentation.text
    for section in sections:
        assert section.start == 0 or text[section.start - 1] == "\n"


def test_a_long_opening_without_headings_before_the_last_ones_is_cut_by_topic(tmp_path: Path) -> None:
    """Bumble's scraped policy kept only its last headings (its American users' rights):
    most of the text stood before them as one untagged preamble. A long opening without
    headings that is most of the text is cut by topic, as a text with none is; the
    headings after it stay as they are, and the page says which titles are generated."""
    headless = (SEEDS / "002_2c17a0862c804fc4.txt").read_text(encoding="utf-8")
    alone = draft_of_text(tmp_path, "alone.md", headless)
    draft = draft_of_text(
        tmp_path, "mixed.md", headless + "\n\n## Kontakt oss\n\nSkriv til oss om personvernet ditt når som helst.\n"
    )
    sections = draft.segmentation.sections
    assert not draft.segmentation.generated
    assert [s.topic_key for s in sections[:-1]] == [s.topic_key for s in alone.segmentation.sections]
    assert all(s.generated_title for s in sections[:-1])
    assert sections[-1].title == "Kontakt oss" and not sections[-1].generated_title
    assert len(draft.preamble.split()) == len(alone.preamble.split())
    page = render_policy(place_policy(draft, "mixed", None)[1], Labels("en"))
    assert "The opening of this text has no headings" in page and "This text has no headings" not in page


def test_bumbles_policy_is_no_longer_one_untagged_preamble() -> None:
    draft = draft_of(require_corpus() / "en--bumble--privacy-policy.md")
    words = sum(len(s.body_text.split()) for s in draft.segmentation.sections)
    assert len(draft.preamble.split()) < 300 < words
    tagged = {topic for topics in draft.section_topics[:-12] for topic in topics}
    assert {"collection", "sharing", "retention", "security", "contact"} <= tagged


def test_run_in_and_numbered_headings_keep_their_body() -> None:
    draft = draft_of(SEEDS / "004_bccd684d4b65cbbb.txt")
    cookies = next(s for s in draft.segmentation.sections if s.title == "Cookies")
    assert cookies.level == 2 and cookies.blocks[0].text.startswith("Kur përdorni Shërbimin")
    draft = draft_of(SEEDS / "001_00a49832638047e1.txt")
    log = next(s for s in draft.segmentation.sections if s.number == "1.2.2.1")
    assert log.title == "1.2.2.1 Informacioni i log" and log.level == 4
    assert log.blocks[0].text.startswith("Kur përdorni shërbimet tona")


def _all_texts() -> list[Path]:
    files = sorted(SEEDS.glob("*.txt"))
    if CORPUS.is_dir():
        files += sorted(CORPUS.iterdir())
    return files


@pytest.mark.parametrize("path", _all_texts(), ids=lambda p: p.name)
def test_segmentation_never_drops_text(path: Path) -> None:
    """The sections' text joined back equals the normalized input, for every file."""
    seed, problems = read_seed(path.read_bytes(), path.name, path.name)
    assert seed is not None, problems
    segmentation = analyse(seed).segmentation
    assert "".join(segmentation.pieces()) == seed.text
    # and the blocks that pages are rendered from hold every character of it
    parts = [b.text for b in segmentation.preamble]
    for section in segmentation.sections:
        body_start = section.blocks[0].start if section.blocks else section.end
        parts.append(seed.text[section.start : body_start])
        parts += [b.text for b in section.blocks]
    assert re.sub(r"\s", "", "".join(parts)) == re.sub(r"\s", "", seed.text)


def test_bold_lines_are_headings_in_markdown_without_real_headings(tmp_path: Path) -> None:
    text = (
        "Isikuandmete töötlemise põhimõtted\n==================================\n\n"
        "Käesolevad põhimõtted kirjeldavad, kuidas me isikuandmeid töötleme.\n\n"
        "**1\\. Mõisted**\n\n1.1. Andmesubjekt on füüsiline isik, kelle andmeid töödeldakse.\n\n"
        "**2\\. Isikuandmete kogumine**\n\nMe kogume andmeid, mille te meile esitate.\n\n"
        "Teksti sees on **rõhutatud sõna**, mis ei ole pealkiri.\n"
    )
    draft = draft_of_text(tmp_path, "policy.md", text)
    assert [s.title for s in draft.segmentation.sections] == ["1. Mõisted", "2. Isikuandmete kogumine"]
    assert draft.segmentation.sections[1].blocks[-1].text.startswith("Teksti sees on **rõhutatud")


_ADDRESS_IN_ONE_PARAGRAPH = (
    "Privacy Policy\n\nHow Can You Contact Us?\n\n"
    "If you have any questions, email us at [privacy@example.com](mailto:privacy@example.com) or write us at:\n\n"
    "The Example Times Company  \n620 Eighth Avenue  \nNew York, N.Y. 10018  \nAttn.: Privacy Counsel\n\n"
    "We can also be reached by phone at 1-800-EXAMPLE, and our local numbers outside the United States "
    "are listed on our help pages.\n\n"
    "The Example Times Company is referred to in this Privacy Policy as the Times, we or our.\n\n"
    "Changes to This Policy\n\n"
    "We may change this policy from time to time and will tell you about any material change before it applies.\n"
)
_REMARK_IN_PARENTHESES = (
    "Privacy Policy\n\nHow Can You Contact Us?\n\n"
    "We collect the information you give us when you create an account or subscribe.\n\n"
    "(Social media platforms include Facebook. Third-party services include Google.)\n\n"
    "You can link your social media account to your account with us at any time.\n\n"
    "Changes to This Policy\n\nWe use the information to provide the services you ask for.\n"
)


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("policy.md", _ADDRESS_IN_ONE_PARAGRAPH),
        ("policy.txt", _ADDRESS_IN_ONE_PARAGRAPH),
        ("policy.txt", _REMARK_IN_PARENTHESES),
    ],
    ids=["address-in-one-markdown-paragraph", "address-as-lines-of-raw-text", "remark-in-parentheses"],
)
def test_lines_that_belong_to_the_text_are_no_headings(tmp_path: Path, name: str, text: str) -> None:
    """An address given as lines of one Markdown paragraph (hard line breaks: "The Example
    Times Company", "New York, N.Y. 10018") or as short lines of raw text under a line
    leading up to it ("... or write us at:"), and a line in parentheses (a remark on the
    text before it, "(Social media platforms include Facebook.)") are body text, not titles."""
    sections = draft_of_text(tmp_path, name, text).segmentation.sections
    assert [s.title for s in sections] == ["How Can You Contact Us?", "Changes to This Policy"]
    assert "New York, N.Y. 10018" in sections[0].body_text or "(Social media" in sections[0].body_text


@pytest.mark.skipif(not CORPUS.is_dir(), reason="needs ../shared/corpus")
def test_lines_of_one_markdown_paragraph_are_no_headings() -> None:
    """The New York Times and Roblox give postal addresses as lines of one Markdown
    paragraph (hard line breaks): "The New York Times Company", "New York, N.Y. 10018" or
    "Write to us at:" are lines of it, not headings; a heading is a paragraph of its own."""
    nyt = [s.title for s in draft_of(CORPUS / "en--the-new-york-times--privacy-policy.md").segmentation.sections]
    assert "How Can You Contact Us? Who Is the Controller of Your Personal Information?" in nyt
    assert not {"The New York Times Company", "New York, N.Y. 10018", "Wirecutter, Inc"} & set(nyt)
    roblox = [s.title for s in draft_of(CORPUS / "en--roblox--privacy-policy.md").segmentation.sections]
    assert not {"Write to us at", "Roblox Corporation", "San Mateo, California, 94403", "DP-Dock GmbH"} & set(roblox)


_FOOTER = "Exemple Santé, S.A au capital de 1 000 000 € – RCS Paris 123 456 789 – TVA FR 12 123456789"
_PDF_TEXT = "\n\n".join(
    [
        "Politique de protection des données à",
        "caractère personnel",
        "Le respect de la vie privée est un droit fondamental et l'une des valeurs essentielles d'ExempleSanté.",
        "ExempleSanté s'engage à respecter la réglementation française et européenne sur la protection des",
        "données personnelles, en particulier le Règlement général sur la protection des données (RGPD).",
        _FOOTER,
        "1. Les données que nous collectons",
        "Nous collectons les données que vous nous donnez lorsque vous créez un compte sur le site et",
        "lorsque vous prenez rendez-vous avec un professionnel de santé. ExempleSanté ne vend aucune de",
        "vos données à des tiers et ne les utilise pas à des fins publicitaires, quelles qu'elles soient.",
        _FOOTER,
        "2. Durées de conservation",
        "Les données de votre compte sont conservées pendant toute la durée de votre inscription, puis",
        "10 ans À compter de la clôture",
        "du compte ou de la relation commerciale, conformément à nos obligations légales d'archivage.",
        _FOOTER,
        "3. Vos droits",
        "Vous pouvez accéder à vos données, les rectifier ou les effacer en écrivant à notre délégué à",
        "la protection des données, qui vous répond dans un délai d'un mois à compter de la demande.",
    ]
)


def test_text_from_a_pdf_keeps_its_headings_and_nothing_else(tmp_path: Path) -> None:
    """Text copied out of a PDF (Doctolib's, BoursoBank's policies): every line wrapped at the
    page width, a blank line after each, the company's footer on every page. A line that
    fills the width or whose sentence runs on into the next line is no heading, nor is a
    figure opening a line ("10 ans À compter de ..."), a footer repeated on every page
    ("Exemple Santé, S" out of "S.A"), or a name written in camel case ("ExempleSanté")."""
    draft = draft_of_text(tmp_path, "politique.txt", _PDF_TEXT + "\n")
    assert draft.front.title == "Politique de protection des données à caractère personnel"  # wrapped too
    assert [s.title for s in draft.segmentation.sections] == [
        "1. Les données que nous collectons",
        "2. Durées de conservation",
        "3. Vos droits",
    ]
    assert "".join(draft.segmentation.pieces()) == draft.segmentation.text


@pytest.mark.skipif(not CORPUS.is_dir(), reason="needs ../shared/corpus")
def test_real_pdf_texts_are_cut_at_their_headings() -> None:
    """The corpus's two policies copied out of a PDF: their numbered chapters are sections,
    their running lines and page footers are not."""
    bourso = [s.title for s in draft_of(CORPUS / "fr--boursobank--privacy-policy.md").segmentation.sections]
    assert bourso[:3] == [
        "1. Le champ d’application et responsable du traitement",
        "2. Les Données qui font l’objet d’un traitement",
        "3. Les bases légales utilisées pour réaliser nos traitements",
    ]
    assert "9. L’exercice de vos droits" in bourso
    assert not any(t.startswith(("Boursorama, S", "La présente Politique", "et la protection")) for t in bourso)
    doctolib = [s.title for s in draft_of(CORPUS / "fr--doctolib--privacy-policy.md").segmentation.sections]
    assert {"DÉFINITIONS", "EXERCER SES DROITS", "SÉCURITÉ", "NOUS CONTACTER - COORDONNÉES DU DPO"} <= set(doctolib)
    assert not any(t.startswith(("Doctolib s’engage", "Les données sont stockées", "Nos hébergeurs")) for t in doctolib)


@pytest.mark.skipif(not CORPUS.is_dir(), reason="needs ../shared/corpus")
def test_the_lines_of_a_postal_address_are_no_headings() -> None:
    """Instagram's and Shein's policies give addresses line by line under "... write to:":
    "Merrion Road", "Dublin 4" and "Quai du Grand Canal" were sections of their own."""
    instagram = [s.title for s in draft_of(CORPUS / "en--instagram--privacy-policy.md").segmentation.sections]
    assert not {"Meta Platforms Ireland Limited", "Merrion Road", "Dublin 4", "D04 X2K5, Ireland"} & set(instagram)
    shein = [s.title for s in draft_of(CORPUS / "fr--shein--privacy-policy.md").segmentation.sections]
    assert not {"Infinite Styles Services Co. Limitée", "Quai du Grand Canal"} & set(shein)
    assert len(instagram) > 20 and len(shein) > 20


def test_folding_sections_scraped_as_a_list_are_sections(tmp_path: Path) -> None:
    """A page of folding sections (an accordion) scrapes to a list whose items are the
    titles and whose indented paragraphs are the text: each item is a section under the
    page's heading. A list of short items, or of items with no indented text, is a list."""
    text = (
        "Datenschutzerklärung\n--------------------\n\n"
        "* Grundsatz\n    \n    Die Beispiel GmbH nimmt den Schutz Ihrer persönlichen Daten sehr ernst und "
        "behandelt sie vertraulich.\n    \n"
        "* Cookies\n    \n    Unsere Internetseiten verwenden teilweise so genannte Cookies, die auf Ihrem "
        "Rechner abgelegt werden.\n    \n    Sie können Ihren Browser so einstellen, dass Sie über das Setzen "
        "von Cookies informiert werden.\n    \n"
        "Wir erheben folgende Daten:\n\n* Name\n* E-Mail-Adresse\n* IP-Adresse\n\n"
        "* Rechte der betroffenen Person\n    \n    Sie haben das Recht, Auskunft über die zu Ihrer Person "
        "gespeicherten Daten zu verlangen.\n"
    )
    draft = draft_of_text(tmp_path, "datenschutz.md", text)
    assert draft.front.title == "Datenschutzerklärung"
    titles = ["Grundsatz", "Cookies", "Rechte der betroffenen Person"]
    assert [(s.level, s.title) for s in draft.segmentation.sections] == [(1, t) for t in titles]
    assert [b.text for b in draft.segmentation.sections[1].blocks][-3:] == [
        "* Name",
        "* E-Mail-Adresse",
        "* IP-Adresse",
    ]
    # below an imprint, the page's heading is a section, and the folding ones are under it
    imprint = (
        "**Beispiel.de ist ein Service von**  \nBeispiel GmbH  \nMusterstr. 1  \n10178 Berlin\n\n"
        "Ust-Id: DE123456789  \nAmtsgericht Charlottenburg - HRB: 123456 B\n\nWeb: https://www.beispiel.example\n\n"
        "Kontaktiere uns jederzeit:  \nE-Mail: info@beispiel.example\n\n"
    )
    sections = draft_of_text(tmp_path, "datenschutz.md", imprint + text).segmentation.sections
    assert [(s.level, s.title) for s in sections] == [(1, "Datenschutzerklärung")] + [(2, t) for t in titles]


def test_an_abbreviation_is_no_run_in_heading(tmp_path: Path) -> None:
    """ "Zoom complies with the EU-U.S. Data Privacy Framework" starts like a run-in heading
    glued to its body ("Label.Body"), but a label ending in a lone capital is an
    abbreviation cut at its first dot; "Cookies.We use ..." is still a run-in heading."""
    text = (
        "Example Privacy Policy\n\n"
        "Transfers.We transfer personal data to the United States under safeguards.\n\n"
        "Zoom complies with the EU-U.S. Data Privacy Framework as set forth by the Department.\n\n"
        "Cookies.We use cookies to remember your settings and to measure use.\n"
    )
    titles = [s.title for s in draft_of_text(tmp_path, "policy.txt", text).segmentation.sections]
    assert titles == ["Transfers", "Cookies"]


def test_bold_titles_in_markdown_with_headings_are_headings(tmp_path: Path) -> None:
    """Zoom's Markdown sets its headings as "**Title**" underlined by "-----" (a bold title,
    not a list item), and its sub-headings as a bold line over their text ("**Data
    Rights**"). A bold lead-in to a list ("**... such information as:**"), a change log's
    bold date and a bold line over a company's name are not headings."""
    text = (
        "Example Privacy Statement\n=========================\n\n"
        "This statement describes the personal data we collect and how we use it.\n\n"
        "**What Personal Data Do We Receive?**\n-------------------------------------\n\n"
        "We receive the data you give us when you create an account and use the services.\n\n"
        "**As a result, you might supply us with such information as:**\n\n"
        "*   identifying information such as your name;\n*   payment information.\n\n"
        "**Privacy Rights and Choices**\n----------------------------\n\n"
        "You can change what we collect in the settings of your account at any time.\n\n"
        "**Data Rights**\n\n"
        "At your request, and as required by law, we will give you a copy of your data.\n\n"
        "**Changes**\n-----------\n\n"
        "We change this statement from time to time and tell you when we do.\n\n"
        "**September 29, 2024**\n\n"
        "*   Section 3 updated to describe the new default period for deleting accounts.\n\n"
        "**A service of**\n\nExample Inc.\n"
    )
    sections = draft_of_text(tmp_path, "policy.md", text).segmentation.sections
    assert [(s.level, s.title) for s in sections] == [
        (1, "What Personal Data Do We Receive?"),
        (1, "Privacy Rights and Choices"),
        (2, "Data Rights"),
        (1, "Changes"),
    ]


def test_a_line_opening_with_emphasis_is_a_paragraph_not_a_list_item() -> None:
    """Proton opens paragraphs with a bold label ("**2.1 Visiting proton.me:** We employ...");
    its first asterisk is no list mark, so the page shows the line whole, as a paragraph.
    A real item ("* item", "•item") stays one."""
    seed, _ = read_seed(
        "# Privacy policy\n\n## Data we collect\n\n**2.1 Visiting our website:** We employ analytics.\n\n"
        "*2.2 Accounts:* You may create an account.\n\n* an item of a list\n\n•a glued bullet\n".encode(),
        "seeds/p.md",
        "p.md",
    )
    assert seed is not None
    blocks = analyse(seed).segmentation.sections[0].blocks
    assert [(b.kind, b.text) for b in blocks] == [
        ("p", "**2.1 Visiting our website:** We employ analytics."),
        ("p", "*2.2 Accounts:* You may create an account."),
        ("li", "* an item of a list"),
        ("li", "•a glued bullet"),
    ]
