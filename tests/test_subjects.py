"""The bare verb after a question's subject is no topic ("does generative AI offer to ..."), the
subject's own words are (sample index)."""

from __future__ import annotations

import pytest

from assistant.plan import plan
from assistant.subjects import without_verb


@pytest.mark.parametrize(
    ("question", "topics"),
    [
        ("What does the heat pump change for gas boilers?", ["heat pump", "gas boilers"]),  # "pump change" is never written
        ("How does the heat pump raise bills?", ["heat pump raise bills"]),  # a verb with an object says what is asked
        ("What does the heat pump in Finland do for homes?", ["heat pump", "homes"]),  # "heat pump" is written: no verb in it
        ("What do delivery riders say about heat?", ["delivery riders", "heat"]),  # an inflected word is no bare verb
        ("How will the heat pump change homes in Finland?", ["heat pump", "homes"]),  # what one does to the other, as "changing" says it
        ("How could delivery riders affect heat?", ["delivery riders", "heat"]),
        ("What does the heat pump mean for gas boilers?", ["heat pump", "gas boilers"]),  # what one means for another is asked (plan._ASKED_OF)
        ("What does the rise of the heat pump change for homes?", ["heat pump", "homes"]),  # after framing words ("the rise of")
        ("Heat pump mean temperatures", ["Heat pump mean temperatures"]),  # no auxiliary, no subject to read
    ],
)
def test_the_bare_verb_after_the_subject_leaves_the_topics(desk, question, topics):
    planned = plan(question)
    found = without_verb(planned, desk.index)
    assert [t for t in found.topics if t not in {e.name for e in planned.entities}] == topics
    assert all(word in planned.query.split() for word in found.query.split())
