"""Topic tagging by cue phrases from the per-language data files.

A cue matches at the start of a word (so a stem such as "ruaj" also matches "ruajmë"),
case- and accent-insensitively; in languages written without spaces it matches
anywhere. The same code serves every language; only the data differs.
"""

from __future__ import annotations

import re
from functools import cache

from .lexicon import TOPIC_IDS, Lexicon
from .text import fold, has_no_space_script

# A paragraph is tagged with a topic when its cues score at least this much.
MIN_SCORE = 2.0


@cache
def _cue_regex(lex: Lexicon, topic: str, spaced: bool) -> re.Pattern[str] | None:
    cues = lex.topic_cues(topic)
    if not cues:
        return None
    alternation = "|".join(re.escape(c) for c in cues)
    return re.compile(rf"(?<!\w)(?:{alternation})" if spaced else f"(?:{alternation})")


def topic_scores(text: str, lex: Lexicon) -> dict[str, float]:
    """Score of each topic in `text`: distinct cues found, long cues weigh more."""
    folded = fold(text)
    spaced = not has_no_space_script(text)
    scores: dict[str, float] = {}
    for topic in TOPIC_IDS:
        regex = _cue_regex(lex, topic, spaced)
        if regex is None:
            continue
        hits = {m.group(0) for m in regex.finditer(folded)}
        if hits:
            scores[topic] = sum(1.0 + min(len(h.split()), 3) * 0.5 for h in hits)
    return scores


def best_topic(text: str, lex: Lexicon, min_score: float = MIN_SCORE) -> str | None:
    scores = topic_scores(text, lex)
    if not scores:
        return None
    topic, score = max(scores.items(), key=lambda item: (item[1], -TOPIC_IDS.index(item[0])))
    return topic if score >= min_score else None


# A section is tagged with every topic scoring at least TAG_SCORE and at least
# TAG_RATIO of its best topic; cues in the title weigh TITLE_WEIGHT times more.
TAG_SCORE = 3.0
TAG_RATIO = 0.4
TITLE_WEIGHT = 3.0


def tag_section(title: str, body: str, lex: Lexicon) -> tuple[str, ...]:
    """The topics of one section, in the fixed topic order."""
    head = topic_scores(title, lex)
    text = topic_scores(body, lex)
    combined = {t: TITLE_WEIGHT * head.get(t, 0.0) + text.get(t, 0.0) for t in set(head) | set(text)}
    if not combined:
        return ()
    best = max(combined.values())
    return tuple(t for t in TOPIC_IDS if combined.get(t, 0.0) >= max(TAG_SCORE, TAG_RATIO * best))
