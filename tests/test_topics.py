"""Topic tagging rules that hold in every language, run through the real pipeline."""

from __future__ import annotations

from pathlib import Path

from policy_atlas.pipeline import analyse, place_policy
from policy_atlas.reader import read_seed

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def _draft(text: str, name: str = "policy.txt"):  # type: ignore[no-untyped-def]
    seed, problems = read_seed(text.encode("utf-8"), f"seeds/{name}", name)
    assert seed is not None, problems
    return analyse(seed)


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
    # every anchor points at a section tagged with its topic, first in reading order
    ids = [p.id for p in policy.sections]
    for topic, sid in policy.topic_anchors.items():
        assert topic in policy.sections[ids.index(sid)].topics
    assert list(policy.topic_anchors.values()) == sorted(policy.topic_anchors.values(), key=ids.index)


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


def test_an_age_is_not_a_retention_period() -> None:
    facts = _facts(
        "Politica de confidențialitate\n\nCopii\n\n"
        "Dacă aveți mai puțin de 13 ani, vă rugăm să ne contactați pentru ștergerea datelor. "
        "Păstrăm datele contului timp de 2 ani după închiderea acestuia, apoi le ștergem.\n"
    )
    assert facts["retention"] == ["P2Y"] and facts["min_age"] == 13


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
