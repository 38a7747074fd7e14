"""Topic tagging by cue phrases from the per-language data files.

A cue matches at the start of a word (so a stem such as "ruaj" also matches "ruajmë"),
case- and accent-insensitively; in languages written without spaces it matches
anywhere. The same code serves every language; only the data differs.
"""

from __future__ import annotations

import re
from functools import cache

from .lexicon import TOPIC_IDS, Lexicon
from .text import EMAIL_RE, HIDDEN_EMAIL_RE, fold, has_no_space_script


@cache
def _cue_index(lex: Lexicon, spaced: bool) -> tuple[re.Pattern[str] | None, dict[str, tuple[str, ...]]]:
    """One regex over the cues of every topic (longest first), and cue -> its topics."""
    topics_of: dict[str, list[str]] = {}
    for topic in TOPIC_IDS:
        for cue in lex.topic_cues(topic):
            topics_of.setdefault(cue, []).append(topic)
    if not topics_of:
        return None, {}
    alternation = "|".join(re.escape(c) for c in sorted(topics_of, key=lambda c: (-len(c), c)))
    regex = re.compile(rf"(?<!\w)(?:{alternation})" if spaced else f"(?:{alternation})")
    return regex, {cue: tuple(topics) for cue, topics in topics_of.items()}


def topic_scores(text: str, lex: Lexicon) -> dict[str, float]:
    """Score of each topic in `text`: distinct cues found, long cues weigh more."""
    spaced = not has_no_space_script(text)
    regex, topics_of = _cue_index(lex, spaced)
    if regex is None:
        return {}
    scores: dict[str, float] = {}
    for cue in set(regex.findall(fold(text))):
        weight = 1.0 + min(cue.count(" ") + 1, 3) * 0.5
        for topic in topics_of[cue]:
            scores[topic] = scores.get(topic, 0.0) + weight
    return scores


# A section is tagged with every topic scoring at least TAG_SCORE and at least
# TAG_RATIO of its best topic; cues in the title weigh TITLE_WEIGHT times more.
TAG_SCORE = 3.0
TAG_RATIO = 0.4
TITLE_WEIGHT = 3.0


def _tagged(scores: dict[str, float]) -> set[str]:
    if not scores:
        return set()
    best = max(scores.values())
    return {t for t, v in scores.items() if v >= max(TAG_SCORE, TAG_RATIO * best)}


def tag_section(title: str, body: str, lex: Lexicon) -> tuple[str, ...]:
    """The topics of one section, in the fixed topic order.

    Language-independent evidence counts too: an e-mail address (or the placeholder an
    obfuscated one leaves) is contact details, so the section is about `contact`.
    """
    head = topic_scores(title, lex)
    text = topic_scores(body, lex)
    combined = {t: TITLE_WEIGHT * head.get(t, 0.0) + text.get(t, 0.0) for t in set(head) | set(text)}
    topics = _tagged(combined)
    if EMAIL_RE.search(body) or HIDDEN_EMAIL_RE.search(body):
        topics.add("contact")
    return tuple(t for t in TOPIC_IDS if t in topics)
