"""Unit tests of the core functions, without MkDocs."""

from __future__ import annotations

import pytest
from conftest import ROOT
from policy_atlas.dates import parse_date
from policy_atlas.localize import format_policy_date, language_name
from policy_atlas.model import DateValue
from policy_atlas.reader import decode, normalize_text, read_seed
from policy_atlas.render import md_text
from policy_atlas.slugs import number_id, policy_slug, section_id


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Të drejtat dhe zgjedhjet tuaja", "te-drejtat-dhe-zgjedhjet-tuaja"),
        ("Jak chráníme vaše informace", "jak-chranime-vase-informace"),
        ("Политика конфиденциальности", "politika-konfidentsialnosti"),
        ("Πολιτική απορρήτου", "politiki-aporritoy"),
        ("隐私政策", "yinsizhengce"),
        ("", "section"),
        ("!!!", "section"),
        ("2024 changes", "n-2024-changes"),
        ("Topic retention", "x-topic-retention"),
    ],
)
def test_section_ids(title: str, expected: str) -> None:
    assert section_id(title) == expected


def test_section_ids_are_cut_at_a_word_boundary_and_never_reserved() -> None:
    long = section_id("Baza ligjore për përpunimin e informacionit tuaj personal (vetëm vizitorët/klientët e EEA))")
    assert long == "baza-ligjore-per-perpunimin-e-informacionit-tuaj-personal"
    assert len(section_id("x" * 200)) <= 60
    assert section_id("topic-retention").startswith("x-")  # #topic-<id> is reserved for topics
    # the page's own anchors: its title, its opening (the text before the first heading)
    assert section_id("Policy title") == "x-policy-title" and section_id("Policy opening") == "x-policy-opening"
    assert number_id("5.2") == "s-5-2" and number_id("IV") == "s-iv"


def test_policy_slugs() -> None:
    assert policy_slug(["WebProm", "Privacy Policy WebProm"], "004_x") == "webprom"
    assert policy_slug([None, None], "002_2c17a0862c804fc4") == "002-2c17a0862c804fc4"
    assert policy_slug(["!!!", None], "a b") == "a-b"


@pytest.mark.parametrize(
    ("text", "lang", "iso"),
    [
        ("Qershor, 30,2023", "sq", "2023-06-30"),
        ("29. prosince 2023", "cs", "2023-12-29"),
        ("2024til Permanent", "nb", "2024"),
        ("3 mars 2020", "fr", "2020-03-03"),
        ("März 2021", "de", "2021-03"),
        ("2020年3月1日", "zh", "2020-03-01"),
        ("12.05.2022", "de", "2022-05-12"),
        # the order of day and month is CLDR's: month first in (US) English only
        ("08/12/2026", "en", "2026-08-12"),
        ("08/12/2026", "fr", "2026-12-08"),
        ("25/05/2018", "en", "2018-05-25"),
        ("06-03-26", "en", "2026-06-03"),
        ("06-03-26", "nb", "2026-03-06"),
        ("2019-08-15", "sv", "2019-08-15"),
        ("no date here", "en", None),
    ],
)
def test_dates_in_any_language(text: str, lang: str, iso: str | None) -> None:
    assert parse_date(text, lang) == iso


def test_localized_dates_and_language_names() -> None:
    date = DateValue("2023-12-29", "", 1)
    assert format_policy_date(date, "en") == "December 29, 2023"
    assert format_policy_date(date, "cs") == "29. prosince 2023"
    assert format_policy_date(date, "sq") == "29 dhjetor 2023"
    assert format_policy_date(DateValue("2024", "", 1), "cs") == "2024"
    assert language_name("sq", "cs") == "albánština"
    assert language_name("nb", "en") == "Norwegian Bokmål"


def test_markdown_syntax_in_text_stays_text() -> None:
    import markdown

    hostile = (
        '# not a heading | a | b | {: onclick="x"} <script>alert(1)</script> [x](javascript:alert(1)) {{ config }}'
    )
    html = markdown.markdown(md_text(hostile), extensions=["attr_list", "md_in_html", "tables", "toc"])
    assert (
        html.startswith("<p>")
        and "<script" not in html
        and "<a " not in html
        and "onclick=" not in html.replace("&quot;", "")
    )
    for start in ("- item", "+ item", "1. item", "2) item", "> quote", "    code", "===", "---"):
        rendered = markdown.markdown(md_text(start.strip()))
        assert rendered.startswith("<p>"), (start, rendered)


def test_normalization() -> None:
    assert normalize_text("a\r\nb\rc\n\n\n\nd  \n") == "a\nb\nc\n\nd"
    assert normalize_text("\ufeffe\u0301") == "é"


def test_decoding_reports_guesses() -> None:
    assert decode("čeština".encode()).guessed is False
    text = "Zásady ochrany osobních údajů. Pokud třetí strana požádá o vaše osobní údaje, odmítneme je sdílet."
    guessed = decode(text.encode("cp1250"))
    assert guessed.text == text and guessed.guessed
    mojibake = decode("Të dhënat e grumbulluara. Fëmijët. Përditësuar.".encode().decode("cp1252").encode())
    assert mojibake.text == "Të dhënat e grumbulluara. Fëmijët. Përditësuar." and "mojibake" in mojibake.note
    assert decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR").text is None


def test_front_matter_is_validated() -> None:
    seed, problems = read_seed(
        b"---\nlang: 42\nslug: ../../etc\ncolour: red\ntitle: Ok\n---\nText.\n", "seeds/a.txt", "a.txt"
    )
    assert seed is not None and seed.get("title") == "Ok" and seed.get("slug") is None
    messages = " ".join(p.message for p in problems)
    assert "colour" in messages and "lang" in messages and "slug" in messages
    seed, problems = read_seed(b"---\ntitle: [unclosed\n---\nText\n", "seeds/b.txt", "b.txt")
    assert seed is None and problems[0].line == 2 and "YAML" in problems[0].message


def test_a_last_updated_sentence_ending_the_text_is_the_update_date() -> None:
    from policy_atlas.pipeline import analyse

    text = (
        "Декларация за поверителност\n\nНие обработваме Вашите лични данни само за целите, описани тук, "
        "и ги изтриваме, когато вече не са необходими.\n\nТази декларация за поверителност подлежи на "
        "промяна. Последна актуализация: 15 март 2021 г.\n"
    )
    seed, _ = read_seed(text.encode("utf-8"), "seeds/bg.txt", "bg.txt")
    assert seed is not None
    date = analyse(seed).date("updated")
    assert date is not None and date.iso == "2021-03-15" and date.quote.startswith("Последна актуализация")
    # a label inside a long sentence is not a date line
    long = text.replace("Последна актуализация: 15 март 2021 г.", "Последна актуализация на " + "текста " * 20)
    seed, _ = read_seed(long.encode("utf-8"), "seeds/bg.txt", "bg.txt")
    assert seed is not None and analyse(seed).date("updated") is None


def _dates(text: str, name: str = "en.txt") -> tuple[object, object]:
    from policy_atlas.pipeline import analyse

    seed, _ = read_seed(text.encode("utf-8"), f"seeds/{name}", name)
    assert seed is not None
    draft = analyse(seed)
    return draft.date("updated"), draft.date("effective")


_BODY = (
    "We collect the information you give us when you create an account, and we use it to run "
    "the service. We keep it for as long as your account is open and delete it afterwards.\n\n"
    "## Your rights\n\nYou may ask us for a copy of your data or ask us to correct or delete it.\n\n"
    "## Security\n\nWe encrypt your data in transit and at rest.\n\n"
    "## Children\n\nOur service is not meant for children under 16.\n\n"
    "## Contact\n\nWrite to our data protection officer at the address on our website.\n"
)


def test_a_date_line_with_more_on_it_dates_the_policy() -> None:
    """Scraped pages put a link or a second sentence after the date ("View the prior
    version"); the date line still counts, and its quote is the date's own words."""
    updated, _ = _dates(
        "# Example Privacy Notice\n\n**Last updated: December 31, 2025.** View the "
        "[prior version](https://example.com/privacy/2024) of this Privacy Notice to see what changed.\n\n" + _BODY
    )
    assert updated is not None and updated.iso == "2025-12-31"  # type: ignore[attr-defined]
    assert updated.quote == "Last updated: December 31, 2025"  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("name", "title"),
    [("en.md", "**Example Privacy Notice**\n============================"), ("en.txt", "Example Privacy Notice")],
)
def test_a_date_line_above_the_title_dates_the_policy(name: str, title: str) -> None:
    """The date line, though it names the "Privacy Notice" in a link, is not the title."""
    from policy_atlas.pipeline import analyse

    text = (
        "Last modified on 08/12/2026 [See prior versions of Privacy Notice](https://example.com/archive)\n\n"
        f"{title}\n\n" + _BODY
    )
    updated, _ = _dates(text, name)
    assert updated is not None and updated.iso == "2026-08-12"  # type: ignore[attr-defined]
    assert updated.quote == "Last modified on 08/12/2026"  # type: ignore[attr-defined]
    seed, _ = read_seed(text.encode("utf-8"), f"seeds/{name}", name)
    assert seed is not None and analyse(seed).front.title == "Example Privacy Notice"


def test_a_menu_item_above_the_title_is_not_the_title() -> None:
    """A breadcrumb ends with the page's own name ("* Politique de confidentialité") above the
    real title: the title is the heading, and a bullet is never a title."""
    from policy_atlas.front import read_front
    from policy_atlas.lexicon import lexicon

    lex = lexicon("fr")
    text = (
        "*   [Blog](https://blog.example.fr/)\n*   [Qui sommes-nous ?](https://example.fr/about/)\n"
        "*   Politique de confidentialité\n\nPolitique de confidentialité\n============================\n\n"
        "Exemple SAS attache une grande importance à la protection de vos données personnelles.\n"
    )
    front = read_front(text, lex, "fr", markdown=True)
    assert front.title == "Politique de confidentialité"
    only_bullets = "* Welcome to the Example Privacy Policy\n* Your choices\n\nWe collect your e-mail address.\n"
    assert read_front(only_bullets, lexicon("en"), "en", markdown=True).title is None


def test_a_date_line_below_an_introduction_dates_the_policy() -> None:
    """ "EFFECTIVE DATE: May 25, 2018" standing on its own after a first section (OkCupid).
    There, a year alone is not enough: "Effective from 2018" may be about a law."""
    intro = (
        "OUR COMMITMENT TO YOU\n---------------------\n\nAt Example, your privacy is a top priority, "
        "and we design our products with it in mind.\n\nPRIVACY POLICY\n--------------\n\n"
        "Welcome to our Privacy Policy. Thank you for taking the time to read it.\n\n"
    )
    _, effective = _dates(intro + "EFFECTIVE DATE: May 25, 2018\n\n" + _BODY)
    assert effective is not None and effective.iso == "2018-05-25"  # type: ignore[attr-defined]
    _, effective = _dates(intro + "Effective from 2018\n\n" + _BODY)
    assert effective is None


def test_date_lines_and_what_is_not_one() -> None:
    """What stands around a date keeps its place: a title that opens with a date word stays
    the title, a date line above a Markdown title leaves it a title, running text after a
    date stays in the policy, a date in running prose is not the policy's, and a quote ends
    with its date."""
    from policy_atlas.pipeline import analyse

    def draft(text: str, name: str = "en.txt"):  # type: ignore[no-untyped-def]
        seed, _ = read_seed(text.encode("utf-8"), f"seeds/{name}", name)
        assert seed is not None
        return analyse(seed)

    kept = draft("Updated Privacy Policy (2021)\n\n" + _BODY)
    assert kept.front.title == "Updated Privacy Policy (2021)"
    atx = draft("Last updated: 1 May 2025\n\n# Example Privacy Policy\n\n" + _BODY, "en.md")
    assert atx.front.title == "Example Privacy Policy" and atx.date("updated").iso == "2025-05-01"
    running = draft(
        "# Example Privacy Policy\n\nLast updated: 1 May 2025. Version 2 replaces the first one, and this "
        "policy explains what we collect, why we collect it and how long we keep it.\n\n" + _BODY,
        "en.md",
    )
    assert running.date("updated").quote == "Last updated: 1 May 2025"
    assert any("Version 2 replaces" in b.text for b in running.segmentation.preamble)
    weekday = draft(
        "# Example Privacy Policy\n\nLast updated on Wednesday, September 30, 2025. View the "
        "[prior version](https://example.com/privacy/2024) of this policy.\n\n" + _BODY,
        "en.md",
    )
    assert weekday.date("updated").iso == "2025-09-30"
    prose = draft(
        "# Example Privacy Policy\n\n## Cookies\n\nEffective January 1, 2020, the law requires that we ask "
        "for your consent before we set cookies that are not strictly necessary.\n\n" + _BODY,
        "en.md",
    )
    assert prose.date("effective") is None


def test_a_policy_that_names_itself_before_its_date_label_dates_itself() -> None:
    """LoveScout24 opens "Diese Datenschutzbestimmungen gelten ab 01.02.2026 Bis dahin gilt
    die bisherige Version": the policy's own name, a label and a date, in a long line. A
    law or another document named before the label does not date the policy."""
    intro = (
        "Hallo! Willkommen bei unseren Datenschutzbestimmungen. Uns ist bewusst, dass das Lesen nicht "
        "unbedingt Spaß macht, aber schauen Sie sie sich bitte trotzdem an, es lohnt sich wirklich.\n\n"
    )
    body = (
        "## Welche Daten wir erheben\n\nWir erheben die Daten, die Sie uns bei der Registrierung geben.\n\n"
        "## Ihre Rechte\n\nSie können Auskunft über Ihre Daten verlangen und ihre Löschung fordern.\n"
    )
    _, effective = _dates(
        "# DATENSCHUTZBESTIMMUNGEN\n\n" + intro + "Diese Datenschutzbestimmungen gelten ab 01.02.2026 Bis dahin "
        "gilt die bisherige Version, die Sie hier finden, und die wir Ihnen auf Wunsch gern zusenden.\n\n" + body,
        "de.md",
    )
    assert effective is not None and effective.iso == "2026-02-01"  # type: ignore[attr-defined]
    assert effective.quote == "Diese Datenschutzbestimmungen gelten ab 01.02.2026"  # type: ignore[attr-defined]
    _, law = _dates(
        "# DATENSCHUTZBESTIMMUNGEN\n\n" + intro + "Die Datenschutz-Grundverordnung der Europäischen Union gilt "
        "ab 25.05.2018 in allen Mitgliedstaaten, und wir haben unsere Verfahren darauf eingestellt.\n\n" + body,
        "de.md",
    )
    assert law is None


def test_the_latest_entry_of_a_change_log_is_the_update_date() -> None:
    """Telegram states no update date but logs its changes under date lines; the latest
    of them is when the policy was last updated. A list of links to archived versions
    is not a change log, and numbered headings ("3.2.10 Other sources") are not dates."""
    body = (
        "Wir erheben die Daten, die du uns bei der Registrierung gibst, und nutzen sie, um den Dienst "
        "bereitzustellen. Wir speichern sie, solange dein Konto besteht, und löschen sie danach.\n\n"
        "## Deine Rechte\n\nDu kannst Auskunft über deine Daten verlangen und ihre Löschung fordern.\n\n"
    )
    log = (
        "## Änderungen dieser Datenschutzerklärung\n\nWesentliche Änderungen teilen wir in der App mit.\n\n"
        "**25\\. März 2019**\n\n*   Abschnitt 5 überarbeitet.\n\n"
        "**21\\. August 2026**\n\n*   Werbung erläutert.\n\n"
        "**24\\. März 2021**\n\n*   Abschnitt 8 ergänzt.\n"
    )
    updated, _ = _dates("# Datenschutzerklärung\n\n" + body + log, "de.md")
    assert updated is not None and updated.iso == "2026-08-21"  # type: ignore[attr-defined]
    assert updated.quote == "21. August 2026"  # type: ignore[attr-defined]
    stated, _ = _dates("# Datenschutzerklärung\n\nStand: 1. Mai 2025\n\n" + body + log, "de.md")
    assert stated is not None and stated.iso == "2025-05-01"  # type: ignore[attr-defined]
    archive = "## Earlier versions\n\n*   [25 March 2019](https://example.com/2019)\n*   [24 March 2021](https://example.com/2021)\n"
    assert _dates("# Example Privacy Policy\n\n" + _BODY + archive, "en.md") == (None, None)
    numbered = "### 3.2.10 Other sources\n\nPartners.\n\n### 3.4.10 Other recipients\n\nBanks.\n"
    assert _dates("# Example Privacy Policy\n\n" + _BODY + numbered, "en.md") == (None, None)
    single = "## Changes\n\n**21 August 2026**\n\n*   Advertising explained.\n"
    assert _dates("# Example Privacy Policy\n\n" + _BODY + single, "en.md") == (None, None)


def test_a_language_switcher_at_the_top_does_not_decide_the_language() -> None:
    """A scraped page often starts with its language switcher, one link per language
    ("* [Deutsch](…/de "Datenschutzrichtlinie")"); the English Wikimedia policy of the
    corpus was read as Bikol because of it. The links say nothing of the text's
    language: a seed (Czech) under such a menu is still Czech."""
    from policy_atlas.pipeline import analyse

    menu = "".join(
        f'*   [{name}](https://example.org/privacy/{code} "{title} ({n}% translated)")\n'
        for n, (name, code, title) in enumerate(
            [
                ("Avañe'ẽ", "gn", "Tekojepe'a hekorã"),
                ("Bahasa Indonesia", "id", "Kebijakan Privasi"),
                ("Bahasa Melayu", "ms", "Dasar privasi"),
                ("Cebuano", "ceb", "Palisiya sa pagkapribado"),
                ("Cymraeg", "cy", "Polisi preifatrwydd"),
                ("Deutsch", "de", "Datenschutzrichtlinie"),
                ("Esperanto", "eo", "Regularo pri privateco"),
                ("Hausa", "ha", "Tsarin Sirrin Tawa"),
                ("Ilokano", "ilo", "Annuroten ti kinapribado"),
                ("Bikol Central", "bcl", "Palakaw sa pribasidad"),
                ("Tagalog", "tl", "Patakaran sa pagkapribado"),
                ("Kiswahili", "sw", "Sera ya faragha"),
            ]
            * 30  # 360 lines, far more than the 6,000 characters sampled
        )
    )
    text = (ROOT / "seeds" / "003_2c31ca6f0ba12496.txt").read_text(encoding="utf-8")
    seed, _ = read_seed(("Other languages:\n\n" + menu + "\n" + text[:1500]).encode(), "menu.md", "menu.md")
    assert seed is not None
    assert analyse(seed).lang == "cs"


def test_only_navigation_is_skipped_when_detecting_the_language() -> None:
    """Links to places in the page itself (a table of contents) are the policy's own words
    and count; a text that is nothing but links is still given a language from them."""
    from policy_atlas.langdetect import _sample, detect_language

    toc = "1. [Welche Daten wir erheben](#daten)\n2. [Wie lange wir Daten speichern](#speicherdauer)\n"
    menu = '* [English](https://example.org/en "Privacy policy")\n'
    body = "Wir verarbeiten Ihre personenbezogenen Daten nur, soweit dies erforderlich ist.\n" * 5
    sample = _sample(menu + toc + body)
    assert "Welche Daten wir erheben" in sample and "Wie lange" in sample and "English" not in sample
    links = "".join(f"* [Datenschutzerklärung, Abschnitt {n}](https://example.de/datenschutz/{n})\n" for n in range(40))
    assert detect_language(links).lang == "de"


@pytest.mark.parametrize(
    ("title", "text_lang", "expected"),
    [
        ("Privacy Policy WebProm", "sq", "en"),  # seed 004
        ("Firefox OS Privacy Notice", "zu", "en"),  # the corpus's Zulu notice
        ("Privacyverklaring Common Voice", "nl", "nl"),  # a brand inside: still Dutch
        ("Zásady ochrany osobních údajů", "cs", "cs"),
        ("Personvernerklæring", "nb", "nb"),
        ("WebProm", "sq", "sq"),  # a name alone says nothing
        ("Politique de confidentialité", "de", "de"),  # no language but English is guessed
    ],
)
def test_the_title_is_in_the_texts_language_unless_it_is_english(title: str, text_lang: str, expected: str) -> None:
    from policy_atlas.langdetect import title_language

    assert title_language(title, text_lang) == expected


def test_update_dates_labelled_as_coronamelder_and_uber_label_them() -> None:
    """ "Most recent update: 15 March 2021" closes CoronaMelder's English statement, "Date de
    modification: 17/07/2024" opens Uber's French one: both are the update date (data
    files' `updated_labels`)."""
    updated, effective = _dates(
        "Privacy statement CoronaMelder\n\n" + _BODY + "\nThis privacy statement is subject to amendment.\n\n"
        "Most recent update: 15 March 2021\n"
    )
    assert updated is not None and updated.iso == "2021-03-15" and effective is None
    french = (
        "Date de modification: 17/07/2024\n\nDéclaration de confidentialité\n\n"
        "Nous collectons les données que vous nous fournissez lors de la création de votre compte, "
        "et nous les utilisons pour fournir nos services.\n\n## Vos droits\n\n"
        "Vous pouvez demander une copie de vos données ou leur suppression.\n"
    )
    updated, effective = _dates(french, "fr.txt")
    assert updated is not None and updated.iso == "2024-07-17" and effective is None
