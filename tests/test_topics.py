"""Topic tagging rules that hold in every language, run through the real pipeline."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT, require_corpus
from policy_atlas.datafiles import load_data_file
from policy_atlas.lexicon import lexicon
from policy_atlas.model import OPENING_ID
from policy_atlas.organisations import organisation_key
from policy_atlas.pipeline import analyse, place_policy
from policy_atlas.reader import read_seed
from policy_atlas.topics import topic_scores

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def _draft(text: str, name: str = "policy.txt"):  # type: ignore[no-untyped-def]
    seed, problems = read_seed(text.encode("utf-8"), f"seeds/{name}", name)
    assert seed is not None, problems
    return analyse(seed)


def _tags_by_title(draft) -> dict[str, tuple[str, ...]]:  # type: ignore[no-untyped-def]
    """Each section's topics, by its title."""
    return dict(zip((s.title for s in draft.segmentation.sections), draft.section_topics, strict=True))


def _corpus_third_parties(name: str) -> tuple[str, ...]:
    """The third parties the real pipeline finds in a policy of ../shared/corpus."""
    path = require_corpus() / name
    seed, problems = read_seed(path.read_bytes(), f"corpus/{name}", name)
    assert seed is not None, problems
    _, policy = place_policy(analyse(seed), "p", None)
    assert policy.facts is not None
    return policy.facts.third_parties


def _seed(prefix: str):  # type: ignore[no-untyped-def]
    path = next(SEEDS.glob(f"{prefix}_*"))
    seed, _ = read_seed(path.read_bytes(), f"seeds/{path.name}", path.name)
    assert seed is not None
    return analyse(seed)


GERMAN = """Datenschutzerklärung

Muster GmbH

Die Muster GmbH betreibt diese Website. Der Schutz Ihrer Daten ist uns ein Anliegen, und wir
behandeln sie vertraulich und nach den gesetzlichen Vorschriften.

Welche Daten wir erheben

Wir erheben Ihren Namen, Ihre E-Mail-Adresse und Ihre IP-Adresse, wenn Sie sich registrieren.
Diese Daten werden automatisch beim Besuch der Website erfasst.

Fragen zum Datenschutz

Schreiben Sie an datenschutz@muster.example, wenn Sie Fragen haben.
"""


def test_the_opening_section_is_the_introduction() -> None:
    draft = _draft(GERMAN)
    titles = [s.title for s in draft.segmentation.sections]
    assert titles == ["Muster GmbH", "Welche Daten wir erheben", "Fragen zum Datenschutz"]
    assert "scope" in draft.section_topics[0]  # no cue in its words: its place says it
    assert "scope" not in draft.section_topics[1]  # only the opening section


def test_no_introduction_rule_after_a_preamble_or_under_a_topical_heading() -> None:
    # seed 004 opens with two paragraphs of introduction before its first heading
    webprom = _seed("004")
    assert sum(len(b.text.split()) for b in webprom.segmentation.preamble) >= 40
    assert "scope" not in webprom.section_topics[0]
    # seed 000's first heading ("log files") names a topic of its own
    civen = _seed("000")
    assert "scope" not in civen.section_topics[0] and "collection" in civen.section_topics[0]


def test_an_email_address_makes_a_contact_section_in_any_language() -> None:
    draft = _draft(GERMAN)
    assert "contact" in draft.section_topics[2]
    assert all("contact" not in topics for topics in draft.section_topics[:2])
    # an address hidden by e-mail obfuscation counts too (seed 003, Czech)
    hidden = _seed("003")
    with_placeholder = [
        topics
        for section, topics in zip(hidden.segmentation.sections, hidden.section_topics, strict=True)
        if "[email protected]" in section.body_text
    ]
    assert with_placeholder and all("contact" in topics for topics in with_placeholder)


def test_topic_anchor_lands_on_the_section_mainly_about_it() -> None:
    # seed 004: "Mbrojtja e Informacionit tuaj" (security) mentions storing data, before
    # the section "Ruajtje" (retention) itself
    draft = _seed("004")
    _, policy = place_policy(draft, "webprom", None)
    leads = {p.id: p.lead_topic for p in policy.sections}
    protecting = next(p for p in policy.sections if p.section.title == "Mbrojtja e Informacionit tuaj")
    assert leads[protecting.id] == "security"
    assert policy.topic_anchors["retention"] == "ruajtje" and leads["ruajtje"] == "retention"
    assert policy.topic_anchors["security"] == protecting.id
    # every anchor points at a part tagged with its topic (the opening first), in reading order
    topics_of = {OPENING_ID: policy.opening_topics} | {p.id: p.topics for p in policy.sections}
    order = list(topics_of)
    for topic, sid in policy.topic_anchors.items():
        assert topic in topics_of[sid]
    assert list(policy.topic_anchors.values()) == sorted(policy.topic_anchors.values(), key=order.index)


def test_topic_anchor_prefers_the_section_whose_heading_names_the_topic() -> None:
    """Of the sections mainly about a topic, the first whose own heading names it and
    nothing else: Civen's sharing lands on "Si i ndajmë informacionin tuaj personal" (how we
    share your personal information), not on "Përmbajtja e krijuar nga përdoruesi" (user
    content) before it; where no heading names the topic, the first section mainly about
    it, as before ("Our principles")."""
    _, civen = place_policy(_seed("000"), "civen", None)
    assert civen.topic_anchors["sharing"] == "si-i-ndajme-informacionin-tuaj-personal"
    _, policy = place_policy(
        _draft(
            "# Privacy Policy\n\n## Our principles\n\n"
            "We keep and store your data only as long as needed and delete it when your account is deleted.\n\n"
            "## How long we keep your data\n\n"
            "We keep and store your data for 2 years after your last visit, then delete it.\n",
            "policy.md",
        ),
        "p",
        None,
    )
    leads = {p.section.title: p.lead_topic for p in policy.sections}
    assert leads["Our principles"] == leads["How long we keep your data"] == "retention"
    assert policy.topic_anchors["retention"] == "how-long-we-keep-your-data"


def test_a_chapter_heading_without_text_leaves_topics_to_its_subsections() -> None:
    draft = _draft(
        "Datenschutzerklärung\n\n1. Ihre Rechte\n\n1.1 Auskunft\n\n"
        "Sie haben das Recht auf Auskunft über die Daten, die wir über Sie speichern.\n\n"
        "1.2 Löschung\n\nSie können die Löschung Ihrer Daten verlangen und Widerspruch einlegen.\n"
    )
    sections = draft.segmentation.sections
    assert [s.title for s in sections] == ["1. Ihre Rechte", "1.1 Auskunft", "1.2 Löschung"]
    assert sections[0].body_text.strip() == ""
    assert draft.section_topics[0] == () and draft.section_tags[0].lead is None
    assert all("rights" in topics for topics in draft.section_topics[1:])


def test_a_section_whose_words_name_no_topic_takes_its_chapters() -> None:
    draft = _draft(
        "# Politique de confidentialité\n\n"
        "## 13. Utilisation des cookies\n\nNous déposons des cookies sur votre terminal.\n\n"
        "## 13.6. Comment paramétrer le dépôt des cookies ?\n\n"
        "## 13.6.1. Votre logiciel de navigation\n\n"
        "Chaque logiciel est différent : son menu d'aide vous dit comment faire.\n\n"
        "## 13.6.2. Les traceurs\n\nUn cookie est un petit fichier texte.\n\n"
        "## 14. Votre logiciel\n\nChaque logiciel est différent : son menu d'aide vous dit comment faire.\n",
        "policy.md",
    )
    tags = {s.title: topics for s, topics in zip(draft.segmentation.sections, draft.section_topics, strict=True)}
    # no cue in its text: the topics its chapter's heading names (13.6, not 13)
    assert tags["13.6.1. Votre logiciel de navigation"] == ("cookies", "choices")
    assert draft.section_tags[2].lead == "cookies"
    # words of its own: its own topics only
    assert tags["13.6.2. Les traceurs"] == ("cookies",)
    # a chapter of its own, with no heading over it naming a topic: none
    assert tags["14. Votre logiciel"] == ()
    # without numbers, the chapter is the nearest heading of a higher level
    draft = _draft(
        "# Datenschutzerklärung\n\n## Wie lange wir Ihre Daten speichern\n\n### Kundenkonto\n\n"
        "Solange Ihr Kundenkonto besteht.\n\n## Kundenkonto\n\nSolange Ihr Kundenkonto besteht.\n",
        "policy.md",
    )
    assert draft.section_topics == ((), ("retention",), ())


def test_a_subsection_of_a_real_policy_takes_the_topics_of_its_chapter() -> None:
    path = require_corpus() / "fr--la-redoute--privacy-policy.md"
    seed, problems = read_seed(path.read_bytes(), f"corpus/{path.name}", path.name)
    assert seed is not None, problems
    draft = analyse(seed)
    tags = {s.title: topics for s, topics in zip(draft.segmentation.sections, draft.section_topics, strict=True)}
    assert tags["13.6.2. Paramétrage de votre logiciel de navigation"] == ("cookies", "choices")


def _facts(text: str):  # type: ignore[no-untyped-def]
    _, policy = place_policy(_draft(text), "p", None)
    assert policy.facts is not None
    return policy.facts.as_json()


def test_countries_in_postal_addresses_or_where_users_live_are_not_destinations() -> None:
    facts = _facts(
        "Datenschutzerklärung\n\nÜbermittlung in Drittländer\n\n"
        "Die Daten werden an einen Server von Google in den USA übertragen und dort gespeichert. "
        "Die Zahlung wickelt die PayPal (Europe) S.à r.l., 22-24 Boulevard Royal, L-2449 Luxembourg ab. "
        "Für Benutzer in der EU, im EWR und in der Schweiz gelten besondere Regeln für die Übermittlung. "
        "Wenn Sie sich in Österreich aufhalten, übermitteln wir Ihre Daten nach Kanada.\n"
    )
    # Luxembourg is an address, Switzerland and Austria are where users are; Canada is a
    # destination even though a clause about where the user is comes first
    assert facts["transfer_countries"] == ["US", "CA"]
    czech = _facts(
        "Zásady ochrany osobních údajů\n\nPředávání do zahraničí\n\n"
        "Pokud se nacházíte v Německu, předáváme údaje do Kanady na základě standardních smluvních doložek.\n"
    )
    assert czech["transfer_countries"] == ["CA"]
    # a postcode and town before the country: where a representative sits, not a destination
    # (Telegram's EU representative in Brussels); an inflected name is still a country
    telegram = _facts(
        "Datenschutzerklärung\n\nÜbermittlung in Drittländer\n\n"
        "Dein Vertreter in der EU ist EDPO, Avenue Huart Hamoir 71, 1030 Brüssel, Belgien. "
        "Wir übermitteln Daten an unsere Muttergesellschaft mit Sitz auf den Britischen Jungferninseln "
        "und an Server in den Vereinigten Arabischen Emiraten.\n"
    )
    assert telegram["transfer_countries"] == ["VG", "AE"]


def test_an_age_is_not_a_retention_period() -> None:
    facts = _facts(
        "Politica de confidențialitate\n\nCopii\n\n"
        "Dacă aveți mai puțin de 13 ani, vă rugăm să ne contactați pentru ștergerea datelor. "
        "Păstrăm datele contului timp de 2 ani după închiderea acestuia, apoi le ștergem.\n"
    )
    assert facts["retention"] == ["P2Y"] and facts["min_age"] == 13


def test_retention_periods_in_a_table_under_a_retention_header() -> None:
    """GDPR policies give their periods in a table whose column header says what they are
    ("Durée de conservation"), the cells only "3 ans à compter de ...". Only a cell's first
    sentence is read with the header: what follows in the cell stands on its own ("an
    account inactive for 6 months is deactivated" is not a period of keeping), and a
    column about something else gives nothing ("un journal" is not "un jour")."""
    facts = _facts(
        "Politique de confidentialité\n\nQuelles données traitons-nous ?\n\n"
        "|     |     |     |\n| --- | --- | --- |\n"
        "| **Finalités** | **Base légale** | **Durée de conservation** |\n"
        "| Gestion du compte | Contrat | 3 ans à compter de la dernière connexion<br>Un compte inactif "
        "pendant 6 mois est désactivé. |\n"
        "| Formation des équipes | Intérêt légitime | 6 mois à compter de l’appel |\n"
        "| Prospection, si votre nom figure dans un journal local | Consentement | 3 ans |\n"
    )
    assert facts["retention"] == ["P3Y", "P6M"]
    by_row = _facts(
        "Privacy Policy\n\nRetention\n\n| Topic | Detail |\n| --- | --- |\n| Retention period | 3 years |\n"
        "| Logs \\| fraud checks | Server logs are deleted after 30 days |\n"
    )
    assert by_row["retention"] == ["P3Y", "P30D"]  # the row's first cell is its header
    evidence = dict((k, v) for k, v in _evidence(facts))
    assert [e["quote"] for e in evidence["retention"]] == [
        "3 ans à compter de la dernière connexion",
        "6 mois à compter de l’appel",
    ]


def test_a_line_asking_how_long_data_is_kept_is_read_with_the_sentence_under_it() -> None:
    """A label on a line of its own ("Combien de temps les données sont-elles conservées
    par VALIUZ ?", Decathlon's policy) says what the first sentence under it is about, as a
    table's header does for its cells: "un historique de 3 ans maximum" is a period of
    keeping though its sentence has no word for keeping. Only the first sentence: the next
    stands on its own ("un compte inactif pendant 6 mois": not one). A renewal is no period
    of keeping, under such a label or not ("Votre consentement est renouvelé tous les 6
    mois"), and a line that is a sentence labels nothing."""
    facts = _facts(
        "Politique de confidentialité\n\nVALIUZ\n\n"
        "Combien de temps les données sont-elles conservées par VALIUZ ?\n\n"
        "Les données utilisées par VALIUZ reposent sur un historique de 3 ans maximum. "
        "Un compte inactif pendant 6 mois est désactivé.\n\n"
        "Durées de conservation\n\n"
        "Votre consentement est renouvelé tous les 6 mois. Les données de navigation sont "
        "conservées pour une durée de 24 mois.\n\n"
        "Nous conservons vos données avec soin.\n\n"
        "Les alertes sont envoyées 2 jours avant l’échéance.\n"
    )
    assert facts["retention"] == ["P3Y", "P24M"]
    evidence = dict(_evidence(facts))
    assert evidence["retention"][0]["quote"].endswith("reposent sur un historique de 3 ans maximum.")
    english = _facts(
        "Privacy Policy\n\nRetention\n\nHow long do we keep your data?\n\n"
        "Your consent is renewed every 6 months. Server logs are kept for 30 days.\n\n"
        "Retention\n\nWe review these choices every 12 months.\n"
    )
    assert english["retention"] == ["P30D"]  # "every", like "per", makes a rate


def test_retention_periods_in_hours() -> None:
    """ "48 Stunden lang gespeichert" is PT48H. A sentence with no word about keeping gives
    no period, in hours as in days ("here to help 24 hours a day"); a decimal number is
    not two ("15.47 days")."""
    from policy_atlas.localize import duration_days, format_duration

    german = _facts(
        "Datenschutzerklärung\n\nSpeicherdauer\n\n"
        "Gelöschte Nachrichten werden 48 Stunden lang gespeichert und danach endgültig gelöscht. "
        "Kontodaten speichern wir bis zu 12 Monate nach der letzten Anmeldung.\n"
    )
    assert german["retention"] == ["PT48H", "P12M"]
    english = _facts(
        "Privacy Policy\n\nRetention\n\nCompleted uploads are deleted within 24 hours after download. "
        "Our support team is here to help 24 hours a day, 7 days a week. "
        "Deletion requests are answered within 15.47 days on average.\n"
    )
    assert english["retention"] == ["PT24H"]
    assert format_duration("PT48H", "de") == "48 Stunden" and format_duration("PT48H", "sq") == "48 orë"
    assert duration_days("PT48H") == 2 and duration_days("PT12H") == 0.5 and duration_days("P1Y") == 365


def _evidence(facts: dict[str, object]) -> list[tuple[str, list[dict[str, object]]]]:
    return list(facts["evidence"].items())  # type: ignore[attr-defined]


def test_a_table_of_contents_is_about_no_topic() -> None:
    """A list of links names every topic and is about none; the same words as text are."""
    toc = "".join(
        f"{n}. [{title}](https://example.com/privacy/#{n})\n"
        for n, title in enumerate(
            ["Information We Collect", "How We Share Information", "Cookies and Do Not Track", "Your Rights"], 1
        )
    )
    draft = _draft(
        "# Example Privacy Notice\n\n## About this notice\n\nThis notice applies to our website and apps.\n\n"
        "## Table of Contents\n\n" + toc + "\n## Information We Collect\n\n"
        "We collect the information you provide when you create an account, such as your name.\n",
        "policy.md",
    )
    titles = [s.title for s in draft.segmentation.sections]
    assert titles == ["About this notice", "Table of Contents", "Information We Collect"]
    assert draft.section_topics[1] == ()
    assert "collection" in draft.section_topics[2]
    as_text = _draft(
        "# Example Privacy Notice\n\n## Overview\n\n" + toc.replace("[", "").replace("](", " (") + "\n",
        "policy.md",
    )
    assert "cookies" in as_text.section_topics[0]


def test_markdown_underscores_do_not_hide_a_cue() -> None:
    """ "_Einstellungen_" (Markdown emphasis) is the word "Einstellungen"."""
    from policy_atlas.lexicon import lexicon
    from policy_atlas.topics import topic_scores

    de = lexicon("de")
    assert de is not None
    plain = topic_scores("Du kannst das jederzeit in den Einstellungen ändern.", de)
    assert plain and topic_scores("Du kannst das jederzeit in den _Einstellungen_ ändern.", de) == plain


def test_a_latin_word_beside_chinese_or_japanese_matches_with_or_without_a_space() -> None:
    """zh.yaml writes "ip 地址" and ja.yaml "クリア gif"; texts write "IP地址" as often as
    "IP 地址". A phrase of the data files matches both."""
    zh, ja = lexicon("zh"), lexicon("ja")
    assert "ip 地址" in zh.topic_cues("collection") and "クリア gif" in ja.topic_cues("cookies")
    for text in ("我们处理您设备的IP地址。", "我们处理您设备的IP 地址。"):
        assert "collection" in topic_scores(text, zh)
    for text in ("当社はクリアGIFを使用します。", "当社はクリア GIFを使用します。"):
        assert "cookies" in topic_scores(text, ja)


def test_apostrophes_in_text_and_cue_lists_are_one_form() -> None:
    """fr.yaml writes "exécution d un contrat" and "hors de l union": the text has "d'un",
    "d’un", "l’Union". Any apostrophe matches the space the linguist wrote."""
    from policy_atlas.lexicon import lexicon
    from policy_atlas.topics import topic_scores

    fr = lexicon("fr")
    assert fr is not None and "execution d un contrat" in fr.topic_cues("legal-basis")
    spaced = topic_scores("Le traitement est nécessaire à l exécution d un contrat avec vous.", fr)
    for apostrophe in ("'", "’", "ʼ"):
        text = f"Le traitement est nécessaire à l{apostrophe}exécution d{apostrophe}un contrat avec vous."
        assert topic_scores(text, fr) == spaced
    # a four-word cue weighs 2.5, the three-word stem "exécution du" cannot stand in for it
    assert spaced["legal-basis"] >= 2.5


def test_a_country_where_users_live_is_not_where_their_data_goes() -> None:
    """A country named as where users live is that throughout its sentence ("from the EEA
    or Switzerland" is where data comes from); lists of places reach over long region
    names; in Japanese the users follow the country."""
    english = _facts(
        "Privacy Policy\n\nInternational transfers\n\n"
        "If you are a resident of the EEA or Switzerland, we use standard contractual clauses to transfer "
        "your personal information from the EEA or Switzerland to the United States.\n"
    )
    assert english["transfer_countries"] == ["US"]
    portuguese = _facts(
        "Política de Privacidade\n\nTransferências internacionais\n\n"
        "Para usuários da União Europeia, do Espaço Econômico Europeu, da Suíça e da Califórnia, consulte aqui. "
        "Transferimos os seus dados para os Estados Unidos.\n"
    )
    assert portuguese["transfer_countries"] == ["US"]
    japanese = _facts(
        "プライバシーポリシー\n\n国際的な移転\n\n"
        "欧州連合（EU）、欧州経済地域（EEA）、スイスのユーザの皆様は、こちらで詳細情報をご覧ください。"
        "お客様の情報は米国に移転されます。\n"
    )
    assert japanese["transfer_countries"] == ["US"]
    # "users in" is a phrase of its own, not the start of "users instruct"
    instruct = _facts(
        "Privacy Policy\n\nInternational transfers\n\nOur users instruct us to transfer their data to Canada.\n"
    )
    assert instruct["transfer_countries"] == ["CA"]


def test_company_names_addresses_and_rows_per_country_name_no_destination() -> None:
    facts = _facts(
        "Privacy Policy\n\nInternational transfers\n\n"
        "We use reCAPTCHA, a service of Google Ireland Limited, to protect our forms. "
        "You may write to our EU representative at Ametros Ltd, Cork, Ireland, gdpr@ametros.example. "
        "Our affiliates are Example GmbH (Germany) and Example LLC (United Arab Emirates).\n\n"
        "| Country | Entity |\n| --- | --- |\n"
        "| Albania | PayPal (Europe) S.a.r.l. et Cie, S.C.A., 22-24 Boulevard Royal, Luxembourg |\n\n"
        "| Processor | Service | Location |\n| --- | --- | --- |\n"
        "| Dolist | E-mail delivery | France and Switzerland |\n"
    )
    assert facts["transfer_countries"] == ["FR", "CH"]


def test_a_country_alone_on_its_line_is_an_address_unless_a_line_leads_up_to_it() -> None:
    """The last line of a postal address ("Amsterdam" / "Netherlands") is where a company
    sits; under "Our servers are located in:", or as an item of a list, a country alone
    on its line is where data goes."""
    text = (
        "# Privacy Policy\n\n## International transfers\n\nOur servers are located in:\n\nUnited States\n\n"
        "We also use processors in:\n\n* France\n* Japan\n\n"
        "For questions about these transfers, write to our representative:\n\n"
        "Example B.V.  \nKeizersgracht 1  \nAmsterdam  \nNetherlands\n\n"
        "## Spain\n\nIf you live in Spain, you may also write to our office there.\n"
    )
    _, policy = place_policy(_draft(text, "policy.md"), "p", None)
    assert policy.facts is not None
    assert policy.facts.as_json()["transfer_countries"] == ["US", "FR", "JP"]


def test_an_address_spelled_out_is_an_address_and_an_obfuscated_one_stays_hidden() -> None:
    """GitHub writes "privacy\\[at\\]github\\[dot\\]com": the text gives the address whole.
    The "[email protected]" a page's obfuscation leaves gives nothing to read."""
    facts = _facts(
        "Privacy Statement\n\nContact\n\nPlease send an email to privacy\\[at\\]github\\[dot\\]com, or write to our "
        "Data Protection Officer at dpo (at) example.co.uk. You may also use [email protected] or "
        "contact@example.org.\n"
    )
    assert facts["emails"] == ["privacy@github.com", "dpo@example.co.uk", "contact@example.org"]
    # and a section that spells one out gives contact details, like one that writes it
    spelled = _draft("Privacy Statement\n\nOur office\n\nIt is reached at privacy\\[at\\]github\\[dot\\]com.\n")
    assert "contact" in spelled.section_topics[0]
    assert facts["hidden_emails"] == 1
    # in Markdown the placeholder's brackets come escaped (Decathlon)
    escaped = _facts(
        "Politique de confidentialité\n\nVos droits\n\nPar courriel : "
        "[\\[email protected\\]](https://www.example.fr/cdn-cgi/l/email-protection).\n"
    )
    assert escaped["hidden_emails"] == 1 and escaped["emails"] == []


def test_long_periods_and_periods_running_from_a_termination_are_retention() -> None:
    """Orange keeps logs "pendant 370 jours" (more than a hundred of a unit is a period
    still), and unpaid bills "jusqu'à 56 mois après la résiliation": the termination is
    what the period runs from, not a deadline to cancel. A period to cancel is not one."""
    facts = _facts(
        "Politique de confidentialité\n\nDurées de conservation\n\n"
        "Les données de logs sont conservées pendant 370 jours. En cas de non-paiement, les informations "
        "sont conservées jusqu'à 56 mois après la résiliation. Vous pouvez demander la résiliation de votre "
        "abonnement avec un préavis de 10 jours.\n"
    )
    assert facts["retention"] == ["P370D", "P56M"]


def test_where_data_comes_from_is_not_where_it_goes() -> None:
    """GitHub: "We transfer Personal Data from the European Union, the United Kingdom, and
    Switzerland to countries ..."; "personal data received from Switzerland". A country
    after "to" still counts, even behind a "from": "from the EEA to the United States"."""
    facts = _facts(
        "Privacy Statement\n\nInternational data transfers\n\n"
        "We transfer Personal Data from the European Union, the United Kingdom, and Switzerland to "
        "countries that have no adequacy decision. We comply with the Swiss-U.S. Data Privacy Framework "
        "for personal data received from Switzerland. We transfer personal data from the EEA to the "
        "United States and into Japan.\n"
    )
    assert facts["transfer_countries"] == ["US", "JP"]


def test_the_addendum_of_a_country_is_for_data_leaving_it() -> None:
    """Malt relies on "l'addendum sur le transfert international de données du Royaume-Uni",
    the United Kingdom's instrument for data leaving it, not a sign that data goes there."""
    facts = _facts(
        "Politique de confidentialité\n\nTransferts internationaux\n\n"
        "Nous pouvons transférer vos données vers d'autres pays. Nous nous appuyons sur les clauses "
        "contractuelles types et l'addendum sur le transfert international de données du Royaume-Uni. "
        "Vos données sont hébergées aux États-Unis.\n"
    )
    assert facts["transfer_countries"] == ["US"]


def test_what_data_goes_outside_of_is_not_where_it_goes() -> None:
    """Zoom: "transferred to or stored in the United States ..., as well as in other countries
    outside of the EEA, Switzerland, and the UK". The same in French and German; a country
    after a word naming destinations ("including", "notamment", "insbesondere") counts."""
    english = _facts(
        "Privacy Statement\n\nInternational data transfers\n\n"
        "Your personal data may be transferred to or stored in the United States, as well as in other "
        "countries outside of the EEA, Switzerland, and the UK. We may transfer data outside the EEA, "
        "including to Japan.\n"
    )
    assert english["transfer_countries"] == ["US", "JP"]
    french = _facts(
        "Politique de confidentialité\n\nTransferts\n\n"
        "Vos données peuvent être transférées en dehors de l'Union européenne, de la Suisse et du "
        "Royaume-Uni, notamment en Chine.\n"
    )
    assert french["transfer_countries"] == ["CN"]
    german = _facts(
        "Datenschutzerklärung\n\nÜbermittlung in Drittländer\n\n"
        "Wir übermitteln Daten außerhalb der EU und der Schweiz, insbesondere in die USA.\n"
    )
    assert german["transfer_countries"] == ["US"]


def test_a_country_starting_a_name_is_not_where_data_goes() -> None:
    """A capital after a country's name makes it part of a name ("the UK Extension to the
    EU-U.S. DPF", "the Gibraltar Regulatory Authority", "LinkedIn Ireland Unlimited
    Company"), except in German, which writes every noun with a capital."""
    english = _facts(
        "Privacy Statement\n\nInternational data transfers\n\n"
        "Zoom complies with the UK Extension to the EU-U.S. DPF and cooperates with the Gibraltar "
        "Regulatory Authority. Your data is stored in the United States.\n"
    )
    assert english["transfer_countries"] == ["US"]
    german = _facts(
        "Datenschutzerklärung\n\nÜbermittlung in Drittländer\n\n"
        "Ihre Daten werden in den USA Dienstleistern zugänglich gemacht.\n"
    )
    assert german["transfer_countries"] == ["US"]


def test_a_framework_for_transfers_names_its_country() -> None:
    """Amazon never names the United States, but relies on the EU-US Data Privacy
    Framework (data/transfer_frameworks.yaml); its "UK Extension" is no destination."""
    facts = _facts(
        "Privacy Notice\n\nEU-US Data Privacy Framework\n\n"
        "Amazon.com, Inc. participates in the EU-US Data Privacy Framework, the UK Extension to the "
        "EU-US Data Privacy Framework, and the Swiss-US Data Privacy Framework.\n"
    )
    assert facts["transfer_countries"] == ["US"]
    assert "Data Privacy Framework" in facts["evidence"]["transfer_countries"][0]["quote"]


def test_third_parties_are_organisations_other_than_the_policys_own() -> None:
    """A product counts as the organisation it belongs to ("Google Analytics" and
    "DoubleClick": Google, once; data/organisations.yaml `part_of`), with the product's
    name kept in the quote; the organisation the policy's title names is its own."""
    facts = _facts(
        "Zoom Privacy Statement\n\nThird parties\n\n"
        "Zoom shares usage data with Google Analytics and DoubleClick. Payments are handled by Stripe "
        "and PayPal. Zoom does not sell data.\n"
    )
    assert facts["third_parties"] == ["Google", "Stripe", "PayPal"]
    assert "Google Analytics" in facts["evidence"]["third_parties"][0]["quote"]


def test_a_table_of_processors_lists_organisations_and_one_of_categories_none() -> None:
    """Malt lists its processors in a table headed "Sous-traitant": each row's first cell is
    an organisation, whatever its name (legal form dropped, a known name as listed). A table
    of categories ("Service providers", "Partenaires publicitaires") names none."""
    facts = _facts(
        "Politique de confidentialité\n\nMalt Community GmbH explique ici comment elle traite vos données.\n\n"
        "Annexe 1 : Liste des Partenaires Tiers\n\n"
        "|     |     |\n| --- | --- |\n| Sous-traitant | Objet(s) |\n"
        "| MangoPay | Ouverture d'un compte de paiement |\n| **Billie GmbH** | Financement |\n"
        "| Google Ireland Ltd. | Espace de travail |\n| Atlassian, Jira | Gestion du support client |\n"
        "| Partenaires publicitaires | Publicité |\n"
    )
    assert facts["third_parties"] == ["Mangopay", "Billie", "Google", "Atlassian"]
    categories = _facts(
        "Privacy Policy\n\nSharing\n\n| Service provider | Purpose |\n| --- | --- |\n"
        "| Payment partners | To take payments |\n| Advertising partners | To show ads |\n"
    )
    assert categories["third_parties"] == []


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "Política de privacidad\n\nEjemplo Viajes S.L. trata sus datos como se explica aquí.\n\n"
            "Encargados del tratamiento\n\n"
            "| Encargado del tratamiento | Finalidad |\n| --- | --- |\n"
            "| Mailjet SAS | Envío de correos |\n| Proveedores de pago | Cobros |\n",
            ["Mailjet"],
        ),
        (
            "プライバシーポリシー\n\n委託先\n\n| 業務委託先 | 委託する業務 |\n| --- | --- |\n"
            "| Zendesk | お問い合わせ対応 |\n| Sakura Internet | サーバーの運用 |\n",
            ["Zendesk", "Sakura Internet"],
        ),
    ],
    ids=["es", "ja"],
)
def test_a_table_of_processors_names_organisations_in_other_languages(text: str, names: list[str]) -> None:
    """Every language's data file says which table headers head a list of processors
    (`recipient_headers`); in Japanese, written without spaces, the cue may stand anywhere
    in the header ("業務委託先")."""
    assert _facts(text)["third_parties"] == names


def test_a_link_to_an_organisations_privacy_notice_names_a_third_party() -> None:
    """Mozilla's notices link to the notices of those they share data with: a link whose
    text is the name of its site, to a page about privacy, names an organisation. A link
    to a site's home page, or whose text is not the site's name, does not."""
    facts = _facts(
        "Websites Privacy Notice\n\nShared data\n\n"
        "We use [Acoustic](https://acoustic.com/privacy-notice/) to send e-mails and "
        "[Send in Blue](https://www.sendinblue.com/legal/privacypolicy/) for newsletters. "
        "Jobs run on [Greenhouse](https://www.greenhouse.io/). "
        "See [their terms](https://khoros.com/policies/privacy).\n"
    )
    assert facts["third_parties"] == ["Acoustic", "Brevo"]  # Sendinblue's name since 2023


def test_a_brand_in_the_title_makes_its_publisher_the_policys_own() -> None:
    """ "Firefox OS Privacy Notice" is Mozilla's own notice (data/organisations.yaml
    `brands`); a brand named in the text is no third party of anyone."""
    own = _facts(
        "Firefox OS Privacy Notice\n\nSharing\n\n"
        "Mozilla shares crash reports with Google Analytics. Mozilla does not sell data.\n"
    )
    assert own["third_parties"] == ["Google"]
    other = _facts("Privacy Policy\n\nCookies\n\nYou can block cookies in Firefox or in Chrome.\n")
    assert other["third_parties"] == []
    # a German title joins the brand to the rest with hyphens ("Common-Voice-Datenschutzerklärung")
    hyphened = _facts(
        "Common-Voice-Datenschutzerklärung\n\nDatenschutz\n\n"
        "Wenn Mozilla (also wir) Daten von Ihnen erhält, gilt unsere Mozilla-Datenschutzerklärung. "
        "Wir verwenden Google Analytics, um besser zu verstehen, wie Sie die Website nutzen.\n"
    )
    assert hyphened["third_parties"] == ["Google"]


def test_a_sentence_wrapped_over_two_lines_is_one_sentence() -> None:
    facts = _facts(
        "Privacyverklaring\n\nHoe lang bewaren wij persoonsgegevens?\n\n"
        "In de regel worden zij 12 maanden bewaard voor\n"
        "beveiligingsdoeleinden met uitloop van vijf jaar indien een incident heeft plaatsgevonden.\n"
    )
    assert facts["retention"] == ["P12M", "P5Y"]


def test_within_alone_does_not_make_a_period_a_reply_deadline() -> None:
    facts = _facts(
        "Aviso de privacidad\n\nConservación\n\n"
        "Si no creas una cuenta, eliminaremos tu dirección de correo electrónico dentro de las dos semanas "
        "posteriores a la finalización de cada programa de prueba. "
        "Responderemos a tu solicitud dentro de un mes.\n"
    )
    assert facts["retention"] == ["P2W"]


def test_an_address_with_a_word_glued_before_it_is_the_same_address() -> None:
    facts = _facts(
        "Politica de confidențialitate\n\nContact\n\n"
        "Operatorul poate fi contactat la e-mail: contact@avoteca.example. "
        "Pentru a ne transmite o solicitare, vă rugăm sa ne trimiteți un email lacontact@avoteca.example.\n"
    )
    assert facts["emails"] == ["contact@avoteca.example"]
    assert [e["value"] for e in facts["evidence"]["emails"]] == ["contact@avoteca.example"]


def test_an_address_with_a_word_glued_after_it_is_the_same_address() -> None:
    """Back Market's French policy: "écrire en ligne à legal@backmarket.comou par courrier"
    (the space before "ou" lost), beside "legal@backmarket.com" written properly."""
    facts = _facts(
        "Politique de confidentialité\n\nVos droits\n\n"
        "Écrivez à notre délégué à la protection des données : legal@backmarket.example. "
        "Il vous suffit de nous écrire en ligne à legal@backmarket.exampleou par courrier à notre siège.\n"
    )
    assert facts["emails"] == ["legal@backmarket.example"]
    assert [e["value"] for e in facts["evidence"]["emails"]] == ["legal@backmarket.example"]


def test_an_update_date_in_the_last_sentence_of_running_text() -> None:
    german = _draft(
        "Datenschutzerklärung\n\nIhre Rechte\n\nSie haben das Recht auf Auskunft über Ihre Daten.\n\n"
        "Diese Datenschutzerklärung ist aktuell gültig und hat den Stand Mai 2018.\n"
    )
    updated = german.date("updated")
    assert updated is not None and updated.iso == "2018-05" and "Stand Mai 2018" in updated.quote
    # a law's date in running text is not the policy's effective date
    french = _draft(
        "Politique de confidentialité\n\nDéfinitions\n\n"
        "« RGPD » : désigne le Règlement Général sur la Protection des Données n°2016/679 du 27 avril 2016 "
        "applicable à partir du 25 mai 2018 ou toute loi qui viendrait à le remplacer.\n"
    )
    assert french.date("effective") is None and french.date("updated") is None


def test_the_minimum_age_comes_from_the_section_about_children() -> None:
    facts = _facts(
        "Privacy Policy\n\nLegal bases\n\n"
        "If you are under the age of majority (under 18 in most countries), we may be unable to rely on a "
        "contract with you and process your data on the basis of our legitimate interests instead.\n\n"
        "Children\n\nOur service is not directed at children. You must be at least 13 years old to use it, "
        "and we delete the accounts of children under 13 when we learn of them.\n"
    )
    assert facts["min_age"] == 13
    # "If you are under 18, you may use it only with a parent": the first age the section
    # about children sets (Amazon), before the one under which it collects nothing
    amazon = _facts(
        "Privacy Notice\n\nChildren\n\nWe do not sell products for purchase by children. We sell "
        "children's products for purchase by adults. If you are under 18, you may use our services only "
        "with the involvement of a parent or guardian. We do not knowingly collect personal information "
        "from children under the age of 13 without the consent of the child's parent.\n"
    )
    assert amazon["min_age"] == 18


def test_a_long_section_without_headings_is_tagged_with_each_topic_it_treats() -> None:
    """A long single section covers several topics: one it treats in a paragraph of its
    own is tagged even though another dominates; in a short section it would not be."""
    from policy_atlas.lexicon import lexicon
    from policy_atlas.topics import _section_topics

    en = lexicon("en")
    assert en is not None
    collection = (
        "We collect your name, your email address and your IP address when you register. "
        "We collect information you provide to us and information we receive from your device, "
        "such as usage data, device identifiers and log data. "
    )
    # collection scores 15, retention 3 ("delete", "anonymise"): under 30 % of 15 in a short section
    retention = "When the project ends we delete or anonymise the recordings. "
    filler = "The project helps people build an open voice dataset in many languages together. "
    short = collection * 3 + retention
    assert "retention" not in _section_topics("", short, en)[0]
    long = collection * 3 + retention + filler * 60
    assert {"collection", "retention"} <= _section_topics("", long, en)[0]


def test_inactivity_is_what_a_period_runs_from_not_a_period_of_its_own() -> None:
    facts = _facts(
        "Politique de confidentialité\n\nDurée de conservation\n\n"
        "Un compte inactif pendant une période de 6 mois est automatiquement désactivé. "
        "Nous utilisons vos données pendant 5 ans à partir du moment où votre compte devient inactif.\n"
    )
    assert facts["retention"] == ["P5Y"]


def test_countries_a_phone_number_may_come_from_are_not_destinations() -> None:
    facts = _facts(
        "Datenschutzerklärung\n\nRegistrierung\n\n"
        "Zur Bestätigung senden wir Ihnen eine SMS. Es können ausschließlich Mobilfunknummern aus den "
        "Ländern Deutschland, Österreich, Schweiz verwendet werden.\n\n"
        "Übermittlung in Drittländer\n\nDie Daten werden an einen Server in den USA übertragen.\n"
    )
    assert facts["transfer_countries"] == ["US"]


def test_close_languages_read_each_others_words() -> None:
    """Croatian and Serbian (in Latin script) are so close that the detector gives one for
    the other (or Bosnian, read as Croatian): each language's file names the other under
    `close_languages`, and a text detected as either is read with the phrases of both."""
    from policy_atlas.datafiles import load_yaml
    from policy_atlas.lexicon import TOPIC_IDS, lexicon
    from policy_atlas.text import cue_form

    data = ROOT / "plugins" / "policy_atlas" / "data" / "lang"
    for lang, other in (("hr", "sr"), ("sr", "hr")):
        merged = lexicon(lang)
        assert merged is not None and merged.lang == lang
        own = load_yaml((data / f"{other}.yaml").read_text(encoding="utf-8"))["topics"]
        for topic in TOPIC_IDS:
            assert {cue_form(str(c)).strip() for c in own.get(topic) or []} <= set(merged.topic_cues(topic)), topic
    assert lexicon("bs") == lexicon("hr")
    # Serbian (ekavian) words that only the Serbian file has are now read in a text
    # detected as Croatian: "bezbednost" (Croatian "sigurnost") is security.
    text = (
        "Politika privatnosti\n\nBezbednost podataka\n\n"
        "Preduzimamo tehničke i organizacione mere bezbednosti kako bismo zaštitili vaše podatke o ličnosti "
        "od neovlašćenog pristupa, gubitka ili uništenja. Bezbednosne mere redovno proveravamo i unapređujemo.\n"
    )
    seed, _ = read_seed(text.encode(), "sr.txt", "sr.txt")
    assert seed is not None
    draft = analyse(seed)
    assert draft.lang in ("hr", "bs")  # detected as Croatian: only the merge brings the Serbian word
    assert "security" in draft.section_topics[0]


# "Changes to this policy are published on this page": publishing the policy is not sharing data.
PUBLISHED_CHANGES = {
    "sv": "Ändringar i denna policy publiceras på denna sida och offentliggörs i appen.",
    "fi": "Tämän käytännön muutokset julkaistaan tällä sivulla.",
    "nb": "Endringer i denne erklæringen publiseres på denne siden og offentliggjøres i appen.",
    "nn": "Endringar i denne erklæringa vert publiserast på denne sida og offentleggjort i appen.",
    "ro": "Modificările acestei politici vor fi publicate pe această pagină.",
    "sq": "Ndryshimet e kësaj politike publikohen në këtë faqe.",
    "sk": "Zmeny týchto zásad zverejníme na tejto stránke.",
    "et": "Käesoleva teatise muudatused avaldatakse sellel lehel.",
    "ja": "本ポリシーの変更は本ページに公開されます。",
    "lv": "Šīs politikas izmaiņas tiks publicētas šajā lapā.",
    "id": "Perubahan kebijakan ini akan dipublikasikan di halaman ini.",
    "da": "Ændringer i denne politik offentliggøres på denne side.",
    "sl": "Spremembe tega pravilnika bomo javno objavili na tej strani.",
    "hr": "Izmjene ovih pravila javno objavljujemo na ovoj stranici.",
    "el": "Οι αλλαγές της πολιτικής δημοσιοποιούνται σε αυτή τη σελίδα.",
    "bg": "Промените в политиката се оповестяват на тази страница.",
}
# "If you wish to know more, contact us": a wish to read on is not a choice about one's data.
IF_YOU_WISH = {
    "id": "Jika Anda ingin mengetahui lebih lanjut, hubungi kami.",
    "tr": "Daha fazla bilgi almak isterseniz bizimle iletişime geçin.",
    "ms": "Jika anda ingin mengetahui lebih lanjut, hubungi kami.",
    "de": "Wenn Sie möchten, können Sie uns eine Nachricht schreiben.",
    "fr": "Si vous le souhaitez, vous pouvez nous écrire.",
    "es": "Si lo desea, puede escribirnos.",
    "it": "Se lo desidera, può scriverci.",
    "nl": "Als u dat wilt, kunt u ons schrijven.",
    "hu": "Ha szeretné, írjon nekünk.",
    "ro": "Dacă doriți, ne puteți scrie.",
    "bg": "Ако желаете, можете да ни пишете.",
}


@pytest.mark.parametrize("lang", sorted(PUBLISHED_CHANGES))
def test_publishing_the_policy_is_not_sharing(lang: str) -> None:
    lex = lexicon(lang)
    assert lex is not None
    assert "sharing" not in topic_scores(PUBLISHED_CHANGES[lang], lex)


@pytest.mark.parametrize("lang", sorted(IF_YOU_WISH))
def test_if_you_wish_is_not_a_choice(lang: str) -> None:
    lex = lexicon(lang)
    assert lex is not None
    assert "choices" not in topic_scores(IF_YOU_WISH[lang], lex)


def test_no_cue_matches_the_name_a_policy_gives_itself() -> None:
    """Every policy names itself ("informativa sulla riservatezza", "kebijakan kerahasiaan",
    "gizlilik sözleşmesi"), so a cue matching those words would tag its topic everywhere
    (Italian "riservatezza" as security, Turkish "sözleşme" as legal basis). Cookies may
    match ("privacy and cookie policy" is about cookies too)."""
    from policy_atlas.lexicon import available_languages

    for lang in available_languages():
        lex = lexicon(lang)
        if lex is None or not lex.has_topics:
            continue
        for phrase in lex.title_phrases:
            assert set(topic_scores(phrase, lex)) <= {"scope", "changes", "cookies"}, (lang, phrase)


def test_the_site_a_policy_links_to_most_is_its_own() -> None:
    """Mozilla's websites notice has no publisher line and a title without its name, but
    names Mozilla first and links to mozilla.org far more than to any other site: Mozilla
    is its own organisation. A site linked about as often as another says nothing, nor
    does one the policy's opening does not name (a small app linking to Google's opt-out
    pages). One name written two ways ("MailChimp", the listed "Mailchimp") is one
    organisation."""
    links = " ".join(f"[page {n}](https://www.mozilla.org/page{n}/)" for n in range(4))
    own = _facts(
        "Websites, Communications and Cookies Privacy Notice\n\nThings you should know\n\n"
        f"Mozilla runs these sites: {links}. Mozilla uses Mailchimp for e-mail; see the "
        "[MailChimp](https://mailchimp.com/legal/privacy/) notice. Payments go through "
        "[Stripe](https://stripe.com/privacy).\n"
    )
    assert own["third_parties"] == ["Mailchimp", "Stripe"]
    even = " ".join(f"[a{n}](https://www.mozilla.org/{n}/) [b{n}](https://www.google.com/{n}/)" for n in range(3))
    other = _facts(f"Privacy Notice\n\nSharing\n\nSee {even}. Mozilla and Google receive data.\n")
    assert other["third_parties"] == ["Mozilla", "Google"]
    opt_out = " ".join(f"[opt out {n}](https://policies.google.com/technologies/{n})" for n in range(3))
    app = _facts(
        "Privacy Policy\n\nAbout us\n\nTinyApp is a to-do list for your phone.\n\n"
        f"Analytics\n\nWe use Google Analytics to count visits. See {opt_out}.\n"
    )
    assert app["third_parties"] == ["Google"]


@pytest.mark.parametrize(
    ("text", "periods"),
    [
        (
            "Declarație de confidențialitate\n\nStocarea datelor\n\n"
            "Cheile se generează pentru câte o zi și se păstrează timp de 14 zile pe telefon.\n",
            ["P14D"],
        ),
        (
            "Privacy Policy\n\nRetention\n\nA backup is made once per 7 days and kept for 2 years.\n",
            ["P2Y"],
        ),
        (
            "Datenschutzerklärung\n\nSpeicherdauer\n\nWir prüfen alle 12 Monate, ob wir Daten löschen. "
            "Protokolle werden nach 30 Tagen gelöscht.\n",
            ["P30D"],
        ),
        (
            "Privacybeleid\n\nBewaartermijn\n\nWe controleren elke 12 maanden of we gegevens verwijderen. "
            "Logbestanden worden na 30 dagen verwijderd.\n",
            ["P30D"],
        ),
        (
            "Política de privacidad\n\nConservación\n\nRevisamos cada 12 meses si eliminamos datos. "
            "Los registros se eliminan tras 30 días.\n",
            ["P30D"],
        ),
    ],
    ids=["ro", "en", "de", "nl", "es"],
)
def test_a_period_after_a_rate_word_is_a_rate_not_retention(text: str, periods: list[str]) -> None:
    """A rate word right before a number (data files' `rate_words`: ro "câte", en "per" and
    "every", de "alle", nl "elke", es "cada") makes it how often, not how long (a backup
    once per 7 days): CoronaMelder's keys are made "câte o zi" (one day each) and kept 14
    days."""
    assert _facts(text)["retention"] == periods


def test_the_organisation_list_names_each_organisation_once() -> None:
    """data/organisations.yaml, reviewed by hand: no organisation twice (case, accents and
    punctuation aside), every product belongs to a listed organisation, and none of the
    names found to be ordinary words in some language came back (French "tableau",
    German "Sage", Lithuanian "visa", Swedish "mapp", Spanish "miro", ...), but for those
    listed all the same that the language with the word names among its
    `organisation_lookalikes` (German "Sofort", English "Sift")."""
    data = load_data_file("organisations.yaml")
    listed = {str(n) for n in data["organisations"]}
    keys = [organisation_key(n) for n in listed]
    assert len(keys) == len(set(keys)), sorted(k for k in keys if keys.count(k) > 1)
    assert {str(v) for v in data["part_of"].values()} <= listed
    # a product is named otherwise than any listed organisation, but for the case of its
    # letters ("OPPO": Oppo, matching being case-sensitive)
    for product, owner in data["part_of"].items():
        assert organisation_key(product) not in keys or organisation_key(product) == organisation_key(owner), product
    # a brand's owner is an organisation, not a brand again (a policy's own is found through one step)
    assert not set(data["brands"].values()) & set(data["brands"])
    ordinary = {"Convert", "Fathom", "Visa", "DPD", "Signal", "Square", "Impact", "Orange", "Tableau", "Sage"}
    ordinary |= {"Mapp", "Miro", "VWO", "NTT", "Plaid", "GoTo", "Sucuri", "Swan"}
    assert not (listed | set(data["part_of"])) & ordinary
    names = listed | set(data["part_of"])
    for lang, word in (("de", "Sofort"), ("en", "Sift")):
        lex = lexicon(lang)
        assert word in names and lex is not None and word in lex.facts.organisation_lookalikes


def test_a_name_in_capitals_is_the_organisation_but_not_in_a_sentence_all_in_capitals() -> None:
    """La Redoute writes its processors in capitals ("AFFILAE", "OGONE ou MONEXT"): they are
    the listed organisations (Ogone as Worldline, which owns it). In a disclaimer written
    all in capitals, a capitalised word is no name."""
    facts = _facts(
        "Politique de confidentialité\n\nPaiement\n\n"
        "Vos données bancaires sont enregistrées chez les prestataires de paiement OGONE ou MONEXT. "
        "AFFILAE reçoit les informations de vos achats.\n\n"
        "Limitation\n\nTHE SERVICE IS PROVIDED AS IS AND WE MAY SEGMENT OR SLACK OFF AT ANY TIME.\n"
    )
    assert facts["third_parties"] == ["Worldline", "Monext", "Affilae"]
    listed = _facts(
        "Politique de confidentialité\n\nPrestataires\n\nPrestataires : OGONE, MONEXT.\n\n"
        "Limitation\n\nWE PROCESS DATA IN LINE WITH APPLICABLE LAW.\n\n"
        "Assistance\n\nUnser Livechat speichert Ihre Fragen.\n"
    )
    assert listed["third_parties"] == ["Worldline", "Monext"]  # not LINE, not LiveChat


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "Politique de confidentialité\n\nCookies\n\n"
            "Nos partenaires sont Amplitude, Hubspot, Typeform et Youtube.\n",
            ["Amplitude", "HubSpot", "Typeform", "YouTube"],
        ),
        (
            "プライバシーに関する通知\n\n支払い\n\n寄付の処理にはStripeを使用し、コードはGitHubで公開しています。\n",
            ["Stripe", "GitHub"],
        ),
        ("개인정보 처리방침\n\n결제\n\n결제는 Stripe를 통해 처리됩니다.\n", ["Stripe"]),
    ],
    ids=["small-capital", "ja", "ko"],
)
def test_an_organisation_written_otherwise_or_joined_to_words_without_spaces(text: str, names: list[str]) -> None:
    """Legalstart writes "Hubspot" and "Youtube": a name with a capital inside is also
    matched with that letter small. In Japanese a name touches the words around it, and
    in Korean the particle after it ("Stripe를"): neither makes it part of a longer word."""
    assert _facts(text)["third_parties"] == names


def test_a_label_line_inside_a_section_weighs_as_a_title() -> None:
    """Decathlon describes each processing activity under the same labels, each a short line
    with its text after it ("Responsable du traitement", "Durées de conservation"): a
    label's cues weigh as a heading's, so the activity is tagged with who is responsible
    (`scope`) as well. The same words in a sentence of the text weigh as text."""
    activity = (
        "Les données que vous nous confiez sont traitées par Exemple SAS, 4 boulevard de Mons, 59650 Villeneuve.\n"
        "Données personnelles traitées\n"
        "Nous traitons votre nom, prénom, email et historique d'achat pour la gestion du marketing direct.\n"
        "Finalités\n"
        "Ce traitement vise à vous envoyer des communications commerciales personnalisées.\n"
    )
    labelled = _draft(
        "# Politique de confidentialité\n\n## Introduction\n\nExemple explique ici comment elle traite vos données.\n\n"
        f"## LE MARKETING DIRECT\n\nResponsable du traitement\n{activity}",
        "policy.md",
    )
    assert "scope" in labelled.section_topics[1]
    in_a_sentence = _draft(
        "# Politique de confidentialité\n\n## Introduction\n\nExemple explique ici comment elle traite vos données.\n\n"
        f"## LE MARKETING DIRECT\n\nLe responsable du traitement est Exemple SAS.\n{activity}",
        "policy.md",
    )
    assert "scope" not in in_a_sentence.section_topics[1]


def test_countries_in_a_section_about_rights_are_where_rights_apply() -> None:
    """LoveScout24's rights section: "In certain countries, including the EEA and the United
    Kingdom, you may lodge a complaint": where rights apply, not where data goes. In a
    section mainly about rights or contact that is not about transfers too, a country is
    no destination; in a section about transfers it is."""
    rights = _facts(
        "Datenschutzerklärung\n\nIhre Rechte\n\n"
        "Sie haben das Recht auf Auskunft, Berichtigung und Löschung Ihrer Daten. In bestimmten Ländern, "
        "darunter im Europäischen Wirtschaftsraum und im Vereinigten Königreich, haben Sie das Recht auf "
        "gerichtliche Abhilfe und das Recht, eine Beschwerde bei der zuständigen Datenschutzbehörde "
        "einzureichen.\n\n"
        "Grenzüberschreitender Datentransfer\n\n"
        "Wir übermitteln Ihre Daten in die USA.\n"
    )
    assert rights["transfer_countries"] == ["US"]


def test_a_policy_in_one_section_is_about_all_it_speaks_of() -> None:
    """Common Voice's notice is one section: data collected, its public release, cookies,
    opting out and deleting the account. Every topic it scores for is tagged, not only
    those near its best; the same text as one of several sections keeps the usual bar, but
    for cookies, tagged wherever a section speaks of them enough."""
    body = (
        "We collect information you provide, such as your name, date of birth and e-mail address, and "
        "device information, your IP address, log data, usage data and location data. Recordings are "
        "published in a public dataset. We use cookies for tracking visits. We retain recordings until "
        "you delete them.\n"
    )
    alone = _draft(f"Privacy Notice\n\nPrivacy\n\n{body}")
    among = _draft(f"Privacy Notice\n\nPrivacy\n\n{body}\nChanges\n\nWe may change this notice.\n")
    assert {"collection", "cookies", "retention"} <= set(alone.section_topics[0])
    assert "retention" not in among.section_topics[0]
    assert "cookies" in among.section_topics[0]  # tagged in passing (TAGGED_IN_PASSING)


def test_a_word_of_the_language_spelt_as_an_organisation_is_none() -> None:
    """Maltese opens sentences with "Meta" (when): the data file lists it among the words
    spelt as an organisation (`organisation_lookalikes`), so "Meta" opening a Maltese
    sentence is no organisation, while inside one it is; German lists "Kakao" (cocoa),
    a noun, capitalised anywhere. In English the same "Meta" is Meta."""
    maltese = _facts(
        "Avviż ta' Privatezza\n\nData\n\nMeta tirreġistra, nużaw Google Analytics biex nifhmu kif tintuża s-sit. "
        "Ir-reklami tagħna jidhru fuq Facebook, li huwa ta' Meta.\n"
    )
    assert maltese["third_parties"] == ["Google", "Facebook", "Meta"]  # Meta opening no sentence is Meta
    german = _facts("Datenschutzerklärung\n\nBestellungen\n\nWir verkaufen Kakao und Kaffee über Stripe.\n")
    assert german["third_parties"] == ["Stripe"]  # a German noun has its capital anywhere
    english = _facts("Privacy Notice\n\nSharing\n\nWe share data with Meta and Google.\n")
    assert english["third_parties"] == ["Meta", "Google"]


def test_an_abbreviation_of_one_letter_ends_no_sentence() -> None:
    """The quote given as evidence is the whole sentence: "z. B." (for example) and "d. h."
    (that is) do not end one, as LoveScout24's "(z. B. Facebook, Google oder Apple)" did;
    a sentence ending in a word of one letter ("Anlage A.") still ends there."""
    facts = _facts(
        "---\npublisher: Beispiel GmbH\n---\nDatenschutzerklärung\n\nZahlungen\n\n"
        "Zahlungen wickeln Dienstleister (z. B. PayPal oder Stripe) ab, d. h. sie erhalten Ihre Bestelldaten.\n"
    )
    assert facts["third_parties"] == ["PayPal", "Stripe"]
    quotes = {e["value"]: e["quote"] for e in facts["evidence"]["third_parties"]}
    whole = "Zahlungen wickeln Dienstleister (z. B. PayPal oder Stripe) ab, d. h. sie erhalten Ihre Bestelldaten."
    assert quotes == {"PayPal": whole, "Stripe": whole}
    # a sentence ending in a word of one letter still ends there
    annex = _facts(
        "---\npublisher: Beispiel GmbH\n---\nDatenschutzerklärung\n\nZahlungen\n\n"
        "Die Einzelheiten stehen in Anlage A. Zahlungen wickelt Stripe ab.\n"
    )
    assert [e["quote"] for e in annex["evidence"]["third_parties"]] == ["Zahlungen wickelt Stripe ab."]


def test_a_postal_address_to_write_to_instead_of_an_e_mail_names_no_third_party() -> None:
    """Mozilla's notices give their data protection officer's postal address (Bird & Bird
    DPO Services) and LoveScout24 its Swiss representative's (Prighter), each under a line
    giving an e-mail address and leading up to it: someone to write to, not an organisation
    receiving data. A processor named with its address under a line without an e-mail
    address stays one."""
    contact = _facts(
        "---\npublisher: Beispiel GmbH\n---\nDatenschutzerklärung\n\nWenn Sie in der Schweiz wohnen\n\n"
        "Sie können unseren Schweizer Vertreter unter rep@example.ch oder per Post unter folgender Adresse kontaktieren:\n\n"
        "Prighter CH GmbH  \nObergrundstrasse 17  \n6002 Luzern,  \nSchweiz\n"
    )
    assert contact["third_parties"] == []
    hosting = _facts(
        "---\npublisher: Beispiel GmbH\n---\nDatenschutzerklärung\n\nHosting\n\nUnsere Website wird gehostet bei:\n\n"
        "Amazon Web Services EMEA SARL  \n38 Avenue John F. Kennedy  \nL-1855 Luxemburg\n"
    )
    assert hosting["third_parties"] == ["Amazon Web Services"]


def test_an_organisation_data_comes_from_is_no_third_party() -> None:
    """An organisation named only where a sentence says data comes from it (the data
    file's `source_cues`: "we may receive", "sign in with") and not that it goes anywhere
    (the `sharing` cues) is a source, not a recipient. Named once more where data goes
    to it, it is a third party again."""
    sources = _facts(
        "---\npublisher: Example Shop\n---\nPrivacy Notice\n\nSocial media\n\n"
        "If you interact with our accounts on social media platforms such as Facebook, we may receive "
        "personal information about you. You can sign in with your Apple account. "
        "Payments are processed by Stripe.\n"
    )
    assert sources["third_parties"] == ["Stripe"]
    both = _facts(
        "---\npublisher: Example Shop\n---\nPrivacy Notice\n\nSocial media\n\n"
        "You can sign in with your Apple account. We share your order history with Apple to provide "
        "the service. We may receive reports from Stripe and disclose your order to Stripe.\n"
    )
    assert both["third_parties"] == ["Apple", "Stripe"]


def test_a_sharing_word_inside_a_source_phrase_does_not_make_a_recipient() -> None:
    """ "Daten von Dritten" (data from third parties) and "an uns weitergeben" (pass on to
    us) say data comes to us, though "Dritte" and "weitergeben" alone are sharing cues:
    only a sharing cue outside the source phrase makes the organisations recipients."""
    sources = _facts(
        "---\npublisher: Beispiel GmbH\n---\nDatenschutzerklärung\n\nVon uns erhobene Daten\n\n"
        "Wir erheben auch Daten von Dritten, zum Beispiel, wenn Sie über ein Konto bei Google "
        "oder Apple auf den Dienst zugreifen. Sie können Daten über Ihr Konto bei Spotify an uns "
        "weitergeben. Zahlungen wickelt Stripe ab.\n"
    )
    assert sources["third_parties"] == ["Stripe"]
    shared = _facts(
        "---\npublisher: Beispiel GmbH\n---\nDatenschutzerklärung\n\nVon uns erhobene Daten\n\n"
        "Wir erheben Daten von Dritten wie Google und übermitteln sie an Apple.\n"
    )
    assert shared["third_parties"] == ["Google", "Apple"]


def test_a_name_glued_to_the_word_before_it_is_still_found() -> None:
    """Text copied from a page loses the space before a link: "such asFacebook Login",
    "precumGoogle Analytics". A listed name in capitals glued to a word in small letters is
    found; a name inside a word written in capitals within ("HowToContactMeta", an anchor
    name) or the start of a longer word ("asMetallica") is not."""
    glued = _facts(
        "Privacy Policy\n\nSharing\n\nWe share your profile with partners such asFacebook and "
        "with our payment processor viaStripe.\n"
    )
    assert glued["third_parties"] == ["Facebook", "Stripe"]
    inside = _facts(
        "Privacy Policy\n\nSharing\n\nWe share your profile with partners, see HowToContactMeta and "
        "the band asMetallica.\n"
    )
    assert inside["third_parties"] == []


def test_the_other_names_of_a_list_of_organisations_are_organisations() -> None:
    """A sentence on sharing that lists mostly listed organisations names organisations in
    the rest of its list too ("Firearc", "Netilum"); not a category ("Werbepartner"), a
    legal form or words in small letters, and not in a sentence that is no list of them."""
    partners = _facts(
        "Politique de confidentialité\n\nPartenaires\n\n"
        "Nos partenaires sont Amplitude, Cloudflare, Firearc, Hotjar, Hubspot, Netilum, Typeform.\n"
    )
    assert set(partners["third_parties"]) == {
        "Amplitude",
        "Cloudflare",
        "Firearc",
        "Hotjar",
        "HubSpot",
        "Netilum",
        "Typeform",
    }
    categories = _facts(
        "---\npublisher: Beispiel GmbH\n---\nDatenschutzerklärung\n\nEmpfänger\n\n"
        "Wir geben Daten weiter an Google, Facebook, Stripe, Werbepartner, Inc, alle anderen.\n"
    )
    assert categories["third_parties"] == ["Google", "Facebook", "Stripe"]
    no_list = _facts("Privacy Policy\n\nAbout us\n\nMeta owns Facebook, Instagram, WhatsApp, Messenger and Threads.\n")
    assert "Messenger" not in no_list["third_parties"]


def test_unlisted_partners_in_a_published_list_are_found() -> None:
    """Legalstart names its partners in one sentence, most of them listed organisations."""
    parties = set(_corpus_third_parties("fr--legalstart--privacy-policy.md"))
    assert {"Firearc", "Netilum", "Revcontent"} <= parties


def test_a_glued_name_in_a_published_policy_is_found() -> None:
    """OkCupid: "You may be able to use your social media login (such asFacebook Login)"."""
    assert "Facebook" in _corpus_third_parties("en--okcupid--privacy-policy.md")


def test_platforms_people_sign_in_through_are_no_third_parties_in_the_corpus() -> None:
    """LoveScout24 collects data from the platforms people sign in or upload photos through
    (Google, Apple, Instagram, Spotify); Facebook stays, as its tools are named among the
    partners data goes to."""
    parties = set(_corpus_third_parties("de--lovescout24--privacy-policy.md"))
    assert not parties & {"Google", "Apple", "Instagram", "Spotify"}
    assert "Facebook" in parties


def test_social_networks_data_comes_from_are_no_third_parties_in_the_corpus() -> None:
    """Mozilla's notice on its web sites says that it may receive personal information from
    X and Facebook when people interact with its accounts there; its processors stay."""
    for lang in ("cs", "el", "ja"):
        name = f"{lang}--mozilla-websites--privacy-notice.md"
        parties = set(_corpus_third_parties(name))
        assert not parties & {"Facebook", "Twitter"}, name
        assert {"Google", "PayPal", "Stripe", "GitHub"} <= parties, name


def test_representatives_and_outside_officers_are_no_third_parties_in_the_corpus() -> None:
    """The same on the published notices, in every language of the corpus they are in."""
    corpus = require_corpus()
    names = sorted(p.name for p in corpus.glob("*--mozilla-accounts--privacy-notice.md"))
    assert len(names) >= 10
    for name in [*names, "de--lovescout24--privacy-policy.md"]:
        parties = {organisation_key(p) for p in _corpus_third_parties(name)}
        assert not parties & {organisation_key("Bird & Bird"), organisation_key("Prighter")}, name


def test_a_name_inflected_as_the_language_does_is_the_name() -> None:
    """Croatian, Finnish, Hungarian and German glue case endings to a name ("Twittera",
    "Googlen", "GitHubot", "Facebooks"): the data file lists them (`name_endings`), so the
    name is found; a word that merely starts with a name is not, nor is an ending that
    language does not have."""
    croatian = _facts(
        "Pravila o privatnosti\n\nDruštveni mediji\n\n"
        "Podatke o oglasima dijelimo s partnerima, poput Twittera ili Facebooka. "
        "Plaćanja obrađujemo PayPalom.\n"
    )
    assert croatian["third_parties"] == ["Twitter", "Facebook", "PayPal"]
    finnish = _facts(
        "Tietosuojaseloste\n\nAnalytiikka\n\nKäytämme Googlen palvelua ja tallennamme tietoja GitHubissa.\n"
    )
    assert finnish["third_parties"] == ["Google", "GitHub"]
    hungarian = _facts(
        "Adatvédelmi tájékoztató\n\nFejlesztés\n\nA forráskódot a GitHubon tároljuk, a GitHubot használjuk.\n"
    )
    assert hungarian["third_parties"] == ["GitHub"]
    german = _facts("Datenschutzerklärung\n\nSoziale Netzwerke\n\nEs gelten die Nutzungsbedingungen Facebooks.\n")
    assert german["third_parties"] == ["Facebook"]
    english = _facts("Privacy Notice\n\nSharing\n\nWe share data with Twittera and Facebookers, not with Stripe.\n")
    assert english["third_parties"] == ["Stripe"]


def test_a_service_of_the_policys_own_organisation_is_no_third_party() -> None:
    """Google's privacy policy (YouTube's too) names YouTube among Google's own services:
    organisations.yaml lists YouTube as a brand of Google, so it is no third party there,
    while a policy of anyone else embedding YouTube videos has it as one."""
    google = _facts(
        "Google Privacy Policy\n\nOur services\n\n"
        "Our services include Google apps, sites, and devices, like Search, YouTube, and Google Home. "
        "We share information with Stripe to process payments.\n"
    )
    assert google["third_parties"] == ["Stripe"]
    other = _facts(
        "Example Privacy Policy\n\nEmbedded content\n\nOur pages embed videos from YouTube and collect payments through Stripe.\n"
    )
    assert other["third_parties"] == ["YouTube", "Stripe"]


def test_a_country_ending_an_address_broken_by_br_in_a_table_is_no_destination() -> None:
    """Airbnb's French policy lists its entities in a table whose address cells are broken
    with <br>: the country on the address's last line is where the entity sits, while La
    Redoute's cell of countries broken the same way names destinations."""
    facts = _facts(
        "Politique de confidentialité\n\nTransferts internationaux\n\n"
        "Nous transférons vos données aux entités suivantes et hors de l'Union européenne.\n\n"
        "| Entité | Adresse |\n|---|---|\n"
        "| Airbnb Ireland UC | 25 North Wall Quay<br><br>Dublin 1, D01 H104<br><br>Irlande |\n"
        "| Airbnb Payments Luxembourg SA | 2 Rue Edward Steichen L-2540<br><br>Luxembourg, Luxembourg |\n\n"
        "| Activité | Pays de destination |\n|---|---|\n"
        "| Relation client | Maroc<br><br>Madagascar<br><br>Côte d’Ivoire |\n"
    )
    assert facts["transfer_countries"] == ["MA", "MG", "CI"]


def test_names_that_are_words_count_where_the_language_does_not_use_them_so() -> None:
    """ "Sift" (fraud prevention) is an English verb and "Sofort" (Klarna's bank transfer) a
    German adverb: listed, with the words in the languages' organisation_lookalikes, an
    English sentence opening with the verb names no organisation and German never does,
    while "Sofortüberweisung" is Klarna's."""
    english = _facts(
        "Privacy Policy\n\nFraud prevention\n\n"
        "Sift through your settings to choose what we keep. We share device data with Sift to prevent fraud.\n"
    )
    assert english["third_parties"] == ["Sift"]
    # "Adjust your settings" (Meta's, X's policies), a verb too; the mobile measurement company inside a sentence
    adjust = _facts(
        "Privacy Policy\n\nYour settings\n\n[Adjust your settings](https://example.org/settings) at any time.\n\n"
        "* Adjust some of your account settings to match across your accounts.\n\n"
        "We measure app installs with Adjust and AppsFlyer.\n"
    )
    assert adjust["third_parties"] == ["Adjust", "AppsFlyer"]
    assert adjust["evidence"]["third_parties"][0]["quote"].startswith("We measure app installs")
    assert english["evidence"]["third_parties"][0]["quote"].startswith("We share device data with Sift")
    german = _facts(
        "Datenschutzerklärung\n\nZahlung\n\nSofort nach der Bestellung leiten wir Ihre Zahlung an Sofortüberweisung weiter.\n"
    )
    assert german["third_parties"] == ["Klarna"]


def test_a_section_naming_third_parties_is_about_sharing() -> None:
    """A heading that is a third party's name ("Google Analytics", as in the German policy
    of lass-andere-scheiben.de) or a text naming the companies that take payments speaks
    of sharing, in any language and without a sharing cue: each third party counts as a
    one-word cue. The policy's own organisation is no third party, and the names do not
    raise the bar the other topics must reach."""
    text = (
        "Spotify Datenschutzerklärung\n\nSpotify AB\n\n"
        "Die Spotify AB betreibt diesen Dienst. Der Schutz Ihrer Daten ist uns ein Anliegen.\n\n"
        "Google Analytics\n\nWir werten die Nutzung der Website aus, um das Angebot zu verbessern.\n\n"
        "Bezahlung\n\nIhre Zahlung wickeln Stripe und PayPal ab.\n\n"
        "Spotify Premium\n\nMit Spotify Premium hören Sie Musik ohne Werbung. Spotify Family ist unser Familienabo.\n\n"
        "Cookies\n\nWir setzen Cookies und ähnliche Technologien ein, die Sie in den Cookie-Einstellungen "
        "ablehnen können; Statistik-Cookies von Hotjar, Matomo Cloud und Mixpanel setzen wir nur mit Einwilligung.\n"
    )
    draft = _draft(text)
    tags = _tags_by_title(draft)
    assert "sharing" in tags["Google Analytics"]
    assert "sharing" in tags["Bezahlung"]
    assert "sharing" not in tags["Spotify Premium"]
    assert {"cookies", "sharing"} <= set(tags["Cookies"])
    # six processors make sharing the section's best topic by far, and retention, named
    # twice (3.0, under 30% of what sharing scores with the names), stays tagged: the
    # names lift sharing, not the bar; and a table of contents that links to sections
    # named after processors is about none of them
    payments = _draft(
        "Privacy Policy\n\nContents\n\n* [Stripe](#stripe)\n* [PayPal](#paypal)\n\n"
        "Payments\n\nWe share your order with Stripe, PayPal, Adyen, Klarna, DHL and UPS, who take your "
        "payment and deliver it. We retain the order and delete it later.\n"
    )
    assert payments.section_topics[0] == ("scope",)
    assert set(payments.section_topics[1]) == {"sharing", "retention"}


def test_a_section_stating_a_retention_period_is_about_retention() -> None:
    """A period the retention fact reads makes its section one about retention, however
    much more the section says of something else: the matrix links the period there."""
    text = (
        "Privacy Policy\n\nSecurity\n\n"
        "We protect your information with encryption, access controls, firewalls and regular security "
        "audits, and our security team watches for unauthorized access. Server logs are deleted after 30 days.\n\n"
        "Updates\n\nWe may update this policy and will post the new version here.\n"
    )
    draft = _draft(text)
    tags = _tags_by_title(draft)
    assert {"security", "retention"} <= set(tags["Security"])
    assert "retention" not in tags["Updates"]
    facts = _facts(text)
    assert facts["retention"] == ["P30D"]
    assert facts["evidence"]["retention"][0]["section"] == "security"


def test_a_section_stating_an_age_is_about_children() -> None:
    """An age the min_age fact reads makes its section one about children, however much
    more the section says of something else; an age in a line that is only a link (a
    table of contents) does not."""
    text = (
        "Privacy Policy\n\nContents\n\n[Users under 13](https://example.com/privacy#kids)\n\n"
        "Advertising\n\nWe show ads and work with advertising partners, who measure how ads perform "
        "and may use cookies to show you relevant offers. Users under 18 years old see only "
        "non-personalised ads.\n\n"
        "Updates\n\nWe may update this policy and will post the new version here.\n"
    )
    draft = _draft(text)
    tags = _tags_by_title(draft)
    assert "children" in tags["Advertising"]
    assert "children" not in tags["Contents"] and "children" not in tags["Updates"]
    facts = _facts(text)
    assert facts["min_age"] == 18
    assert facts["evidence"]["min_age"][0]["section"] == "advertising"
    german = _draft(
        "Datenschutzerklärung\n\nWerbung\n\nWir zeigen Werbung und arbeiten mit Werbepartnern, die Cookies "
        "setzen und messen, wie Anzeigen wirken. Nutzer unter 16 Jahren sehen keine personalisierte Werbung.\n"
    )
    assert "children" in german.section_topics[0]


def test_a_tables_header_names_what_its_cells_are_about() -> None:
    """A column headed "Finalité du traitement" makes its section about purposes, though the
    cells name none ("Déployer et opérer les réseaux"). A list of cookies, headed "Nom du
    cookie | Finalité | Durée", is about cookies only; a table used for layout, a paragraph
    in its one cell, names nothing by its header."""
    draft = _draft(
        "Politique de confidentialité\n\n"
        "2.1 Exécution du contrat et intérêt légitime\n\n"
        "| Finalité du traitement | Description | Base(s) légale(s) applicable(s) |\n| --- | --- | --- |\n"
        "| Déployer et opérer les réseaux | Construire, exploiter et optimiser les réseaux | Exécution du contrat |\n"
        "| Traiter les résiliations | Gérer la résiliation à l’initiative du client | Exécution du contrat |\n\n"
        "13.5 Liste des cookies essentiels\n\n"
        "| Nom du cookie | Emetteur | Finalité | Durée |\n| --- | --- | --- | --- |\n"
        "| session_id | Exemple | Maintenir la session | 13 mois |\n\n"
        "Présentation\n\n"
        "| Finalité, durée et base légale : cette déclaration explique comment Exemple recueille les données "
        "de ses clients dans le monde. |\n| --- |\n| Elle s’applique à tous les utilisateurs. |\n",
        "policy.md",
    )
    tags = _tags_by_title(draft)
    assert {"purposes", "legal-basis"} <= set(tags["2.1 Exécution du contrat et intérêt légitime"])
    assert "cookies" in tags["13.5 Liste des cookies essentiels"]
    assert "purposes" not in tags["13.5 Liste des cookies essentiels"]
    assert "purposes" not in tags["Présentation"] and "legal-basis" not in tags["Présentation"]


def test_a_section_giving_a_postal_address_is_about_contact() -> None:
    """A postal address (a country's name on a line of its own under a street or a
    postcode) is contact details, as an e-mail address is; a country under a line leading
    up to it is where data goes."""
    draft = _draft(
        "# Datenschutzerklärung\n\n## Verantwortliche Stelle\n\n"
        "Verantwortlich für die Verarbeitung personenbezogener Daten auf dieser Website ist:\n\n"
        "Muster GmbH & Co. KG  \nKehrwieder 11  \n20457 Hamburg  \nDeutschland\n\n"
        "## Speicherort\n\nWir betreiben 2 Rechenzentren. Ihre Daten werden gespeichert in:\n\nDeutschland\n",
        "policy.md",
    )
    tags = _tags_by_title(draft)
    assert "contact" in tags["Verantwortliche Stelle"]
    assert "contact" not in tags["Speicherort"]


def test_a_country_name_holding_the_word_country_is_no_cue_of_transfers() -> None:
    """French "pays" (country) is a cue of transfers, and part of "Pays-Bas": CoronaMelder's
    French and Spanish statements told where to find one's health service "if you have no
    address in the Netherlands", and gave the Netherlands as a destination, unlike their
    nine sibling translations. A sentence that speaks of sending data there still does."""
    address = _facts(
        "Déclaration de confidentialité\n\nQui est responsable ?\n\n"
        "Si vous n’avez pas d’adresse aux Pays-Bas, vous pouvez saisir le code postal de votre lieu de résidence.\n"
    )
    assert address["transfer_countries"] == []
    sent = _facts(
        "Déclaration de confidentialité\n\nQui est responsable ?\n\n"
        "Vos données sont envoyées vers un pays tiers, les Pays-Bas, où elles sont hébergées.\n"
    )
    assert sent["transfer_countries"] == ["NL"]


def test_free_software_a_site_runs_itself_is_no_third_party() -> None:
    """Matomo is software a site most often runs on its own servers (Open Terms Archive's
    and Tchap's policies): naming it says no data leaves. Its hosted service, Matomo Cloud,
    is InnoCraft's."""
    self_hosted = _facts(
        "Politique de confidentialité\n\nMesure d'audience\n\n"
        "Le logiciel de suivi que nous utilisons, Matomo, est open-source et autogéré.\n"
    )
    assert self_hosted["third_parties"] == []
    hosted = _facts("Privacy Policy\n\nAnalytics\n\nWe measure visits with Matomo Cloud.\n")
    assert hosted["third_parties"] == ["InnoCraft"]


def test_tracing_apps_are_no_tracking_technology() -> None:
    """Spanish "rastreo" is tracking and contact tracing alike: CoronaMelder's "aplicaciones
    de rastreo del coronavirus" say nothing of cookies, "tecnologías de rastreo" do."""
    tracing = _facts(
        "Declaración de privacidad\n\nInteroperabilidad\n\n"
        "La Comisión Europea ha puesto en marcha una infraestructura para facilitar la colaboración "
        "entre las aplicaciones de rastreo del coronavirus de los diferentes países.\n"
    )
    assert tracing["cookies"] is False
    tracking = _facts(
        "Declaración de privacidad\n\nPublicidad\n\nUtilizamos tecnologías de rastreo para medir la publicidad.\n"
    )
    assert tracking["cookies"] is True


def test_a_name_after_an_arabic_conjunction_is_the_name() -> None:
    """Arabic joins "and" (و) to the word after it, a Latin name too: Mozilla's Arabic
    websites notice lists "Braintree، وPayPal، وBitPay، وStripe". Third parties need no
    language data, so an Arabic policy has them as any other."""
    facts = _facts(
        "# إشعار الخصوصية\n\n## المدفوعات\n\n"
        "نستخدم مزودي خدمات الدفع (على سبيل المثال، Braintree، وPayPal، وBitPay، وStripe).\n"
    )
    assert facts["third_parties"] == ["Braintree", "PayPal", "BitPay", "Stripe"]


def test_a_country_in_the_genitive_is_what_belongs_to_it_not_a_destination() -> None:
    """ "Brazil's Data Protection Authority Standard Contractual Clauses", "Ireland's lead
    supervisory authority" (Bluesky, Meta): the apostrophe's genitive names the country's
    authority or law, not where data goes; the United States, where it does go, counts."""
    facts = _facts(
        "Privacy Notice\n\nInternational transfers\n\n"
        "We transfer personal information to the United States based on safeguards like Brazil’s Data "
        "Protection Authority Standard Contractual Clauses, and Ireland's lead supervisory authority oversees us.\n"
    )
    assert facts["transfer_countries"] == ["US"]


def test_a_country_where_users_of_the_service_are_is_where_they_live() -> None:
    """Bluesky: "If you are a user of Bluesky App Services in Brazil, the below additional
    terms apply": Brazil is where those users are, not where their data goes."""
    facts = _facts(
        "Privacy Notice\n\nInternational transfers\n\n"
        "If you are a user of Bluesky App Services in Brazil, the below additional terms apply. "
        "We transfer personal information to the United States.\n"
    )
    assert facts["transfer_countries"] == ["US"]


def test_an_initialism_does_not_end_a_sentence() -> None:
    """ "U.S. States" heads Bluesky's notes for American states, and "these U.S. State
    Privacy Disclosures" is one sentence, not two: the country starts a name there, and
    cut after "U.S." it stood alone as if data went there."""
    facts = _facts(
        "Privacy Notice\n\nInternational transfers\n\n"
        "We transfer personal information to Ireland. These U.S. State Privacy Disclosures supplement "
        "the information in this notice.\n"
    )
    assert facts["transfer_countries"] == ["IE"]


def test_a_country_named_with_its_article_is_found() -> None:
    """WhatsApp: "The providers we currently use are located in Sweden, the Netherlands, the
    UK and the United States". The data file's form "the netherlands" starts with the
    article, which is written in small letters; the name still has its capital."""
    facts = _facts(
        "Privacy Notice\n\nInternational transfers\n\n"
        "The providers we currently use to store your data are located in Sweden and the Netherlands.\n"
    )
    assert facts["transfer_countries"] == ["SE", "NL"]


def test_countries_naming_laws_collection_or_pages_are_not_destinations() -> None:
    """Where data goes, not the country whose laws are compared (Reddit: "may not be
    equivalent to the laws of Brazil"; Roblox: "Brazilian data protection laws"), whose
    clauses have an equivalent (TikTok: "their approved equivalent for the UK and
    Switzerland"), where data is collected (Apple: "collectées dans l'EEE, au Royaume-Uni
    et en Suisse"), the page a link names (Airbnb: "[Supplément de confidentialité pour la
    Chine](...)"), users of a country (Reddit: "United Kingdom users may contact us"), or a
    company's seat in parentheses after its legal form without dots (Malt: "Malt Community
    SL (Espagne)")."""
    english = _facts(
        "Privacy Notice\n\nInternational transfers\n\n"
        "We transfer personal information to the United States. Data protection laws there may not be "
        "equivalent to the laws of Brazil or as comprehensive as Brazilian data protection laws. "
        "We use standard contractual clauses (and their approved equivalent for the UK and Switzerland) "
        "for these transfers. United Kingdom users may contact us about transfers at any time.\n"
    )
    assert english["transfer_countries"] == ["US"]
    french = _facts(
        "Politique de confidentialité\n\nTransferts internationaux\n\n"
        "Le transfert international de données personnelles collectées dans l’Espace économique européen, "
        "au Royaume-Uni et en Suisse vers les États-Unis est régi par des clauses contractuelles types. "
        "Si vous résidez en Chine, consultez notre page « [Supplément de confidentialité pour la Chine]"
        "(https://example.com/chine) » sur les transferts. "
        "Nos filiales Malt Community SL (Espagne) et Malt Community BV (Pays-Bas) sont hébergées par nous.\n"
    )
    assert french["transfer_countries"] == ["US"]


def test_a_country_followed_by_its_laws_is_no_destination() -> None:
    """PayPal: "the Luxembourg laws to which PayPal's handling of user Personal Information
    is subject", Twitch: "to comply with U.S. state and federal laws", Google: "If ...
    United Kingdom data protection law applies": whose law, not where data goes; a word
    that only starts as a law cue does not count ("to the United States lawfully")."""
    facts = _facts(
        "Privacy Notice\n\nInternational transfers\n\n"
        "The Luxembourg laws to which our transfers are subject require transparency. "
        "We may transfer data to comply with U.S. state and federal laws. "
        "If United Kingdom data protection law applies to a transfer, you can object. "
        "We transfer personal information to Canada lawfully.\n"
    )
    assert facts["transfer_countries"] == ["CA"]


def test_a_postal_address_with_letters_in_its_postcode_is_no_destination() -> None:
    """Booking: "Oosterdokskade 163, 1011 DL, Amsterdam, The Netherlands", Bluesky's UK
    representative "..., Hereford, England, HR2 6JT": addresses, however their postcodes
    are written; data goes to the United States."""
    facts = _facts(
        "Privacy Notice\n\nInternational transfers\n\n"
        "We transfer personal information to the United States. Our controller is Booking.com B.V., "
        "Oosterdokskade 163, 1011 DL, Amsterdam, The Netherlands. You may contact our UK Representative "
        "about transfers at Ametros Group Ltd, Lakeside Offices, Hereford, England, HR2 6JT.\n"
    )
    assert facts["transfer_countries"] == ["US"]


def _titled_topics(draft) -> dict[str, tuple[str, ...]]:  # type: ignore[no-untyped-def]
    return {s.title: t for s, t in zip(draft.segmentation.sections, draft.section_topics, strict=True)}


def test_a_heading_that_states_what_data_is_used_for_is_about_purposes() -> None:
    """A heading that names no topic but opens with one of its language's
    `purpose_openers` ("To ...", "Para ...") states a purpose, however its text (a list of
    uses with no cue) reads; a heading naming a topic is read by its cues alone, and a
    word that opens as many other headings (French "Pour") is no opener."""
    english = _titled_topics(
        _draft(
            "Privacy Policy\n\nHow we use your information\n\nWe use it as follows.\n\n"
            "To help you connect with other users\n\n"
            "* Analyze your profile and that of other users to recommend meaningful connections\n"
            "* Show users' profiles to one another\n\n"
            "To whom we disclose information\n\n"
            "* Service providers who host our servers\n"
        )
    )
    assert "purposes" in english["To help you connect with other users"]
    assert "purposes" not in english["To whom we disclose information"]
    french = _titled_topics(
        _draft(
            "Politique de confidentialité\n\nComment nous utilisons vos données\n\n"
            "Nous les utilisons comme suit, selon ce que vous faites.\n\n"
            "Pour plus d’informations sur votre compte\n\n"
            "* Rendez-vous dans les paramètres de l’application chaque semaine\n\n"
            "Afin de prévenir la fraude\n\n"
            "* Analyser les comportements inhabituels sur la plateforme\n"
        )
    )
    assert "purposes" not in french["Pour plus d’informations sur votre compte"]
    assert "purposes" in french["Afin de prévenir la fraude"]


def test_purpose_headings_of_a_published_policy_are_about_purposes() -> None:
    """OkCupid lists its uses of data under headings such as "To serve you relevant offers
    and ads", each over a list of uses in which no cue stands."""
    path = require_corpus() / "en--okcupid--privacy-policy.md"
    seed, problems = read_seed(path.read_bytes(), "corpus/okcupid.md", path.name)
    assert seed is not None, problems
    topics = _titled_topics(analyse(seed))
    for title in (
        "To help you connect with other users",
        "To ensure a consistent experience across your devices",
        "To serve you relevant offers and ads",
    ):
        assert "purposes" in topics[title], title


def _the_one_placed_section(draft):  # type: ignore[no-untyped-def]
    """A one-section policy's section as placed on its page, and its text as excerpts read it."""
    _, policy = place_policy(draft, "p", None)
    (placed,) = policy.sections
    return placed, " ".join(b.text for b in placed.section.blocks)


def test_where_a_section_speaks_most_of_each_topic() -> None:
    """Each topic a section is tagged with points to the sentence that speaks most of it,
    as an offset into the section's text that holds where folding changes the text's
    length ("Maßnahmen", "ﬁ"); an abbreviation ("z. B.") ends no sentence."""
    draft = _draft(
        "# Datenschutzerklärung\n\n## Cookies\n\n"
        "Wir treffen Maßnahmen für die Straße, z. B. Verschlüsselung der ﬁle. "
        "Sie können Cookies jederzeit in den Einstellungen Ihres Browsers deaktivieren und löschen.\n"
        "Wir setzen Cookies ein.\n",
        "policy.md",
    )
    placed, text = _the_one_placed_section(draft)
    passages = dict(placed.passages)
    assert placed.topics == ("cookies", "choices")
    assert text[passages["choices"] :].startswith("Sie können Cookies jederzeit")
    assert text[passages["cookies"] :].startswith("Sie können Cookies jederzeit")


def test_a_passage_in_a_long_sentence_starts_at_the_clause_that_names_the_topic() -> None:
    """Words on retention in the middle of a long sentence that opens on something else: the
    passage starts at the clause that names retention, so that an excerpt of 160 characters
    shows it. A clause too long for that starts a few words before the cue."""
    draft = _draft(
        "# Privacy Policy\n\n## Our principles\n\n"
        "We process personal data only for the situations described above and only where the law "
        "allows it to us, we look at every request that reaches us with care and we answer it in "
        "the order it came, we keep your data only as long as we need it for those purposes.\n",
        "policy.md",
    )
    placed, text = _the_one_placed_section(draft)
    start = dict(placed.passages)["retention"]
    assert text[start - 2 : start] == ", "
    assert "keep your data" in text[start : start + 160]
    draft = _draft(
        "# Privacy Policy\n\n## Our principles\n\n"
        "We think carefully about every kind of information that we need to run the service and "
        "about how we can do with less of it in every product that we build for you and keep data "
        "only as long as needed.\n",
        "policy.md",
    )
    placed, text = _the_one_placed_section(draft)
    start = dict(placed.passages)["retention"]
    assert 0 < start and text[start - 1] == " "
    assert text.index("keep data") - start <= 100


def test_a_passage_on_retention_or_minors_starts_at_the_period_or_age_stated() -> None:
    """A topic page compares what policies say: for retention, the period a section states
    comes first ("Obecně platí, že vaše údaje budeme uchovávat pro Dva roky" in the first
    Czech seed, "... pas 90 ditëve" in WebProm's "Ruajtje", not its closing sentence on
    usage statistics, which names more cues); for minors, the age."""
    for prefix, title, topic, words in (
        ("003", "Proč zpracováváme vaše údaje", "retention", "Dva roky"),
        ("004", "Ruajtje", "retention", "90 ditëve"),
        ("004", "Fëmijët", "children", "18 vjeç"),
    ):
        _, policy = place_policy(_seed(prefix), "p", None)
        (placed,) = [p for p in policy.sections if p.section.title == title]
        text = placed.section.body_text
        start = dict(placed.passages)[topic]
        assert words in text[start : start + 160], (prefix, title, text[start : start + 160])


def _topics_of_the_one_section(text: str, lang: str) -> tuple[str, ...]:
    """The topics of a one-section policy in `lang`, its language detected as that."""
    draft = _draft(text, "policy.md")
    assert draft.lang == lang
    (topics,) = draft.section_topics
    return topics


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "# Privacy Policy\n\n## Newsletter\n\nWe send a newsletter to members who ask for it. "
            "You can unsubscribe at any time with the link in each issue.\n",
            "en",
        ),
        (
            "# Politique de confidentialité\n\n## Lettre d'information\n\nNous envoyons une lettre "
            "d'information aux membres qui la demandent. Vous pouvez vous désabonner à tout moment "
            "grâce au lien de chaque numéro.\n",
            "fr",
        ),
        (
            "# Zásady ochrany osobních údajů\n\n## Zpravodaj\n\nZpravodaj zasíláme členům, kteří o něj "
            "požádají. Odhlásit se můžete kdykoli pomocí odkazu v každém vydání.\n",
            "cs",
        ),
        (
            "# Политика за поверителност\n\n## Бюлетин\n\nИзпращаме бюлетин на членовете, които са го "
            "поискали. Можете да се отпишете по всяко време чрез връзката във всеки брой.\n",
            "bg",
        ),
    ],
    ids=["en", "fr", "cs", "bg"],
)
def test_something_the_user_may_do_at_any_time_is_a_choice(text: str, lang: str) -> None:
    """ "At any time" is a cue of `choices` in every language's data file, as German
    "jederzeit" and Polish "w każdej chwili" were before: one word for unsubscribing is not
    enough for the topic, with it the section says what the user may do when they like."""
    assert "choices" in _topics_of_the_one_section(text, lang)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("# Политика конфиденциальности\n\n## Прочее\n\nВы можете отозвать согласие в любое время.\n", "ru"),
        ("# Політика конфіденційності\n\n## Інше\n\nВи можете відкликати згоду у будь-який час.\n", "uk"),
        ("# Politika zasebnosti\n\n## Drugo\n\nPravico imate preklicati privolitev kadar koli.\n", "sl"),
        ("# Политика приватности\n\n## Остало\n\nУвек можете опозвати пристанак у било ком тренутку.\n", "sr"),
    ],
    ids=["ru", "uk", "sl", "sr"],
)
def test_withdrawing_consent_is_a_choice_in_every_language(text: str, lang: str) -> None:
    """Withdrawing consent is `choices` (the taxonomy's "consent and its withdrawal"). In
    Russian, Ukrainian, Slovenian and Serbian the phrase was a cue of `rights` only, and as
    the longest cue it hid the word for withdrawing that `choices` has: the same sentence
    was a choice in Polish or Czech and none here."""
    assert "choices" in _topics_of_the_one_section(text, lang)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "# Politika privatnosti\n\n## Zatvaranje računa\n\nKada zatvorite račun, izbrisat ćemo vaše podatke "
            "i uklonit ćemo vaš profil iz pretraživanja.\n",
            "hr",
        ),
        (
            "# Политика приватности\n\n## Затварање налога\n\nКада затворите налог, избрисаћемо ваше податке "
            "и уклонићемо ваш профил из претраге.\n",
            "sr",
        ),
        (
            "# Politika zasebnosti\n\n## Zaprtje računa\n\nKo zaprete račun, bomo izbrisali vaše podatke in "
            "bomo odstranili vaš profil iz iskanja.\n",
            "sl",
        ),
    ],
    ids=["hr", "sr", "sl"],
)
def test_what_the_publisher_will_delete_is_retention(text: str, lang: str) -> None:
    """The future of "we delete" ("izbrisat ćemo", "избрисаћемо", "bomo izbrisali") is a cue
    of `retention` as the present and the participle were: German "löschen wir", Russian
    "удалим" and Polish "usuniemy" already were."""
    assert "retention" in _topics_of_the_one_section(text, lang)


@pytest.mark.parametrize(
    ("lang", "wording", "topic"),
    [
        ("zh", "您的IP地址", "collection"),
        ("ja", "お客様のIPアドレス", "collection"),
        ("es", "información sobre su dispositivo", "collection"),
        ("it", "informazioni sul dispositivo", "collection"),
        ("sq", "informacion për pajisjen", "collection"),
        ("de", "im Falle einer Fusion", "sharing"),
        ("sv", "vid en fusion eller ett förvärv", "sharing"),
        ("nb", "ved en fusjon eller et oppkjøp", "sharing"),
        ("fi", "yrityskaupan yhteydessä", "sharing"),
        ("ga", "ar fhreastalaithe atá lonnaithe san Eoraip", "transfers"),
        ("ko", "독일에 위치한 서버", "transfers"),
        ("fi", "riittävyyspäätöksen perusteella", "transfers"),
        ("ru", "решение о достаточности", "transfers"),
        ("ms", "di luar EEA", "transfers"),
        ("et", "tehnilised ja korralduslikud meetmed", "security"),
        ("id", "langkah teknis dan organisasi", "security"),
        ("fi", "oikeus tulla unohdetuksi", "rights"),
        ("uk", "виконання юридичного зобов’язання", "legal-basis"),
        ("sv", "personanpassad reklam", "purposes"),
    ],
    ids=lambda value: value if len(value) <= 12 else None,
)
def test_concepts_with_an_english_cue_have_one_in_every_language(lang: str, wording: str, topic: str) -> None:
    """Concepts whose English cue had no counterpart in some languages' data files, found by
    checking each concept's usual wording in all 36 languages: device information, a merger
    or acquisition, servers located somewhere, an adequacy decision, "IP地址" written without a
    space, erasure, technical and organisational measures, a legal obligation, personalised
    advertising or content, "outside the EEA". Each wording, as policies in the language put
    it, speaks of the topic."""
    assert topic in topic_scores(wording, lexicon(lang))


@pytest.mark.parametrize(
    ("lang", "wording"),
    [
        ("en", "made available in our database for public use"),
        ("sk", "dostupné v databáze pre verejnú potrebu"),
        ("sl", "na voljo v podatkovni bazi za javno porabo"),
        ("de", "in einer Datenbank zur öffentlichen Nutzung"),
        ("sv", "i en databas för allmänt bruk"),
        ("ja", "公共の利用に供します"),
    ],
    ids=lambda value: value if len(value) <= 12 else None,
)
def test_data_made_available_for_public_use_is_shared(lang: str, wording: str) -> None:
    """Recordings or texts put in a database "for public use" are disclosed to anyone: the
    taxonomy's public disclosure, `sharing`, as "publicly available" already was in every
    language."""
    assert "sharing" in topic_scores(wording, lexicon(lang))


@pytest.mark.parametrize(
    ("lang", "wording", "topics"),
    [
        ("nl", "cookie-instellingen", {"cookies", "choices"}),
        ("sv", "cookieinställningar", {"cookies", "choices"}),
        ("fi", "evästeasetukset", {"cookies", "choices"}),
        ("et", "küpsiste seaded", {"cookies", "choices"}),
        ("id", "pengaturan cookie", {"cookies", "choices"}),
        ("en", "ad networks", {"sharing", "cookies"}),
        ("bg", "да оттеглите съгласието си", {"rights", "choices"}),
        ("uk", "право відкликати згоду", {"rights", "choices"}),
        ("en", "Do Not Sell or Share My Personal Information", {"sharing", "choices"}),
        ("de", "Name und Anschrift des Verantwortlichen", {"scope", "contact"}),
    ],
    ids=lambda value: value if isinstance(value, str) and len(value) <= 12 else None,
)
def test_a_longer_cue_keeps_the_topic_of_the_cue_it_holds(lang: str, wording: str, topics: set[str]) -> None:
    """Where cues overlap the longest wins, so a phrase holding a shorter cue of another
    topic counts for its own topics only. Cookie settings were `choices` alone in eight
    languages and hid the word for cookies; "ad networks" was `sharing` while "ad network"
    was `cookies`; withdrawing consent was `rights` alone in Bulgarian, Finnish and
    Ukrainian. A phrase that speaks of both topics is a cue of both."""
    assert topics <= set(topic_scores(wording, lexicon(lang)))


_KEEPING = (
    "# Privacy Policy\n\n## Who we are\n\nThis policy describes how Example Ltd handles personal data.\n\n"
    "## How long we keep your data\n\nWe keep your account data for as long as your account is active and "
    "delete it within 30 days after you close it. Server logs are retained for 90 days and then deleted. "
    "Backups are kept for 6 months and then erased. Invoices are stored for 10 years as tax law requires. "
    "After the retention period we anonymise or destroy the data. {last}\n"
)


def test_a_sentence_on_what_the_user_may_decide_makes_a_section_about_choices() -> None:
    """A section on keeping data that ends "You can opt out of marketing emails at any time"
    is about choices too: one sentence names them in several words (SENTENCE_BAR), though
    the section says so much more of retention that choices fall below the share of the
    best topic (TAG_RATIO). "At any time" alone, in a sentence saying nothing else of
    choices, does not do it."""
    opting = _draft(_KEEPING.format(last="You can opt out of marketing emails at any time."), "policy.md")
    asking = _draft(_KEEPING.format(last="You may ask us about this at any time."), "policy.md")
    assert opting.section_topics[1] == ("retention", "choices")
    assert asking.section_topics[1] == ("retention",)


def test_californias_shine_the_light_law_is_about_rights() -> None:
    """A section headed by California's "Shine the Light" law tells residents their right
    to ask what was disclosed to others for marketing (GitHub, Zoom, Bumble name it so)."""
    assert "rights" in topic_scores("California’s Shine the Light Law", lexicon("en"))


def test_the_opening_is_tagged_and_anchored_where_no_section_says_it() -> None:
    """Seed 003 says only in its opening lines, before any heading, that the policy may
    change and that users will be told ("Pokud dojde k výrazným změnám, necháme vás
    vědět"): the opening is an introduction (`scope`) about `changes`, and #topic-changes
    lands there, under an anchor of its own, while topics its sections treat still land on them."""
    draft = _seed("003")
    assert draft.opening_tags.topics == ("scope", "changes")
    assert draft.opening_tags.lead == "scope"
    _, policy = place_policy(draft, "cs", None)
    assert policy.opening is not None and policy.opening.text.startswith("Máme v úmyslu")
    assert policy.topic_anchors["changes"] == OPENING_ID
    assert policy.topic_anchors["rights"] == "vase-prava-tykajici-se-vasich-informaci"
    assert not any("changes" in p.topics for p in policy.sections)


def test_an_introduction_announcing_topics_is_about_scope_only() -> None:
    """An opening that names what the policy goes on to say, a word each, is an
    introduction; one sentence saying in several words what is collected makes it about
    `collection` too; a section whose heading names a topic keeps its #topic link."""
    announcing = _draft(
        "Privacy Policy\n\nThis policy explains how we collect, use and share your information, "
        "how we protect it and which rights you have.\n\n"
        "## Data we collect\n\nWe collect your name and email address when you register.\n\n"
        "## Changes to this policy\n\nWe may update this policy and will notify you of material changes.\n",
        "policy.md",
    )
    assert announcing.opening_tags.topics == ("scope",)
    _, policy = place_policy(announcing, "x", None)
    assert policy.topic_anchors["scope"] == OPENING_ID
    stating = _draft(
        "Privacy Policy\n\nWelcome to Example. We collect your precise location, the photos you upload "
        "and the personal data you provide in your profile.\n\n"
        "## Sharing\n\nWe share your data with our payment processor.\n\n"
        "## Data we collect\n\nWe collect your name and email address when you register.\n",
        "policy.md",
    )
    assert stating.opening_tags.topics == ("scope", "collection")
    _, policy = place_policy(stating, "x", None)
    assert policy.topic_anchors["collection"] == "data-we-collect"  # its heading names it
    short = _draft(
        "Privacy Policy\n\nLast updated: 1 May 2024\n\n## Sharing\n\nWe share your data with our processor.\n",
        "policy.md",
    )
    assert short.opening_tags.topics == ()


def test_a_table_of_contents_scraped_as_one_line_of_links_names_no_topic() -> None:
    """Booking's notice opens with its table of contents glued into one line of links
    ("[Personal data we collect](#collect)[Why we share personal data](#share)..."): like a
    line holding one link, it is navigation, about none of the topics it names."""
    toc = "".join(
        f"[{title}](#{anchor})"
        for title, anchor in [
            ("About this privacy notice", "about"),
            ("Personal data we collect and process", "collect"),
            ("Why we share personal data with third parties", "share"),
            ("How we use cookies and other tracking technologies", "cookies"),
            ("Your rights", "rights"),
        ]
    )
    draft = _draft(
        f"# Privacy notice\n\n{toc}\n\n## About this privacy notice\n\n"
        "This notice applies to everyone who books a stay through our website or apps.\n",
        "policy.md",
    )
    assert draft.opening_tags.topics == ()
    spaced = _draft(f"# Privacy notice\n\n{toc.replace('](', '] (')}\n\n## About\n\nText.\n", "policy.md")
    assert spaced.opening_tags.topics  # not links any more: the words count


def test_a_text_with_no_heading_after_its_opening_is_read_as_one_section() -> None:
    """Two paragraphs and no heading: the whole policy is its opening, about every topic it
    speaks of enough, as a policy under a single heading is, and no introduction; an
    opening of marks only ("---") is none."""
    draft = _draft(
        "We collect your name and email address when you register an account with us. You can withdraw "
        "your consent at any time and opt out of marketing emails in your settings.\n\n"
        "We keep your data for two years after your last login and then delete it.\n"
    )
    assert not draft.segmentation.sections
    assert draft.opening_tags.topics == ("collection", "retention", "choices")
    marks = _draft("# Privacy Policy\n\n---\n\n## Data we collect\n\nWe collect your name.\n", "policy.md")
    assert marks.opening == () and marks.opening_tags.topics == ()
