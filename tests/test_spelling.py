"""Run-together words read in the corpus's own spelling, on our sample corpus in a real index."""

from __future__ import annotations

from assistant.spelling import respelled, spelled_apart


def test_a_run_together_word_is_read_as_the_corpus_writes_it(desk):
    assert spelled_apart("heatpumps", desk.index) == "heat pumps"
    assert respelled("heatpumps replacing gasboilers", desk.index) == "heat pumps replacing gas boilers"
    # a word the corpus knows, a short one, or one whose split it never writes is left alone
    assert spelled_apart("ransomware", desk.index) is None and spelled_apart("krill", desk.index) is None
    assert spelled_apart("coralreefs", desk.index) is None  # no two sample records write "coral reefs"


def test_the_question_is_answered_in_the_corpus_words(desk):
    answer = desk.ask("heatpumps")
    assert answer.plan["query"] == "heat pumps"
    assert any(r.strong and r.article_id == "20231128-heat-pumps-gas-boilers" for r in answer.records)


def test_a_word_is_read_in_the_spelling_the_corpus_writes_far_more_often(desk):
    from assistant.spelling import spelled_as_corpus

    # our sample writes "defence" (British) and "behavior" (American)
    assert respelled("civil defense", desk.index) == "civil defence"
    assert spelled_as_corpus("Behaviours", desk.index) == "Behaviors"
    assert spelled_as_corpus("center", desk.index) is None  # "centre": too few nodes to say
    assert spelled_as_corpus("defence", desk.index) is None and spelled_as_corpus("rise", desk.index) is None
    assert spelled_as_corpus("does", desk.index) is None  # a stop word the index does not count is no British spelling
    assert desk.ask("What signals are there on civil defense?").plan["query"] == "civil defence"
    assert respelled("Behaviours of the Defense Innovation Unit", desk.index) == "Behaviors of the Defense Innovation Unit"  # a name keeps its spelling


def test_a_name_that_opens_the_text_keeps_its_spelling(desk):
    # "Defense" alone is read as the corpus's "defence"; as the name the question asks about it is kept
    assert respelled("Defense", desk.index) == "Defence"
    assert respelled("Defense", desk.index, ["Defense Innovation Unit"]) == "Defense"


def test_a_slip_of_the_keyboard_is_read_as_the_word_the_corpus_writes(desk):
    from assistant.spelling import spelled_right

    assert spelled_right("dornes", desk.index) == "drones"  # two letters swapped
    assert spelled_right("teachrs", desk.index) == "teachers"  # one left out ("concerns re: facial recogntion")
    assert spelled_right("gorvernment", desk.index) == "government"  # one too many
    assert respelled("signals about dornes", desk.index) == "signals about drones"
    assert desk.ask("signals about dornes").plan["query"] == "drones"
    # a word the corpus knows, a short one, or one whose only neighbours are other slips is left alone
    assert spelled_right("drones", desk.index) is None and spelled_right("krill", desk.index) is None
    assert spelled_right("qwxyzz", desk.index) is None
    assert respelled("Dornes", desk.index, ["Dornes"]) == "Dornes"  # a name keeps its spelling


class _Counts:
    """How often a corpus writes each word and phrase: what `spelled_apart` reads of an index."""

    def __init__(self, words: dict[str, int], phrases: dict[str, int]):
        self.words, self.phrases = words, phrases

    def document_frequency(self, word: str) -> int:
        return self.words.get(word.lower(), 0)

    def phrase_records(self, phrase: str) -> int:
        return self.phrases.get(phrase.lower(), 0)


def test_a_known_word_is_read_apart_when_the_corpus_writes_it_apart_far_more_often():
    heat = _Counts({"heatwaves": 10, "heatwave": 10, "heat": 900, "waves": 80, "wave": 80}, {"heat waves": 51, "heat wave": 11})
    assert spelled_apart("heatwaves", heat) == "heat waves"  # 62 apart against 10 together
    assert spelled_apart("heatwave", heat) == "heat wave"  # its singular, either way
    cyber = _Counts({"cyberattacks": 194, "cyber": 600, "attacks": 900}, {"cyber attacks": 180, "cyber attack": 23})
    assert spelled_apart("cyberattacks", cyber) is None  # as common together as apart


class _Written(_Counts):
    """...and which records write a pair of words, hyphenated or apart: what `spelled_together` reads."""

    def mentioning(self, phrases, pattern, flt):
        return {f"{phrases[0]}{n}" for n in range(self.phrases.get(phrases[0].lower(), 0))}


def test_a_hyphenated_pair_is_read_as_the_one_word_the_corpus_writes_far_more_often():
    from assistant.spelling import spelled_together

    corpus = _Written({"secondhand": 33, "coworking": 17, "ecommerce": 4}, {"second-hand": 10, "co-working": 6, "e-commerce": 85})
    assert spelled_together("second", "hand", corpus) == "secondhand"  # 33 nodes against 10 records
    assert spelled_together("co", "working", corpus) is None  # 17 against 6: the six would be lost
    assert spelled_together("e", "commerce", corpus) is None
    assert respelled("Trends in second-hand clothing", corpus) == "Trends in secondhand clothing"
    assert respelled("Second-hand clothing", corpus) == "Secondhand clothing"
    assert respelled("Signals on Second-Hand Ltd", corpus) == "Signals on Second-Hand Ltd"  # capitalised within: a name's
