"""Acronyms as the corpus defines them, and what they add to a question."""

from __future__ import annotations

from index.acronyms import defined, reworded, spell

TEXTS = [
    "Signal Basic income pilots. Cities test a universal basic income (UBI) for artists.",
    "Concern Funding. Who pays for universal basic income (UBI) once the pilots end?",
    "Technology Brain-Computer Interfaces (BCIs). Implants that read neural signals.",
    "Issue Implant safety. Brain-computer interfaces (BCI) need new medical rules.",
    "Signal Reactors. Small modular reactors (SMRs) for data centres.",  # defined once only
    "Signal Cars. Electric vehicles (EV) sell well.",  # two letters: defined too rarely
    "Signal Cars again. Electric vehicles (EV) sell even better.",
    "Behavior Plain brackets. Drivers (mostly young) switch lanes.",
]


def test_the_corpus_defines_an_acronym_when_it_spells_it_out_often_enough():
    table = defined(TEXTS)
    assert table == {"UBI": "universal basic income", "BCI": "brain computer interfaces"}


def test_a_question_gains_the_other_form_of_what_it_says():
    table = defined(TEXTS)
    spelled = spell("universal basic income pilots", table)
    assert spelled.terms == ("ubi",) and spelled.pairs == (("UBI", "universal basic income", False),)
    spelled = spell("BCIs privacy", table)  # in capitals, plural too
    assert spelled.terms == ("brain", "comput", "interfac") and spelled.pairs == (("BCI", "brain computer interfaces", True),)
    # the acronym's plural too: the stemmer keeps "BCIs" as "bcis"
    assert spell("brain-computer interfaces", table).terms == ("bci", "bcis")
    assert spell("ubi in lower case is a word", table).terms == ()
    assert spell("basic income", table).terms == ()  # part of the phrase is not the phrase
    # ...but its head is, where the acronym is no common word of the corpus: a universal basic income is a basic income
    assert spell("guaranteed basic income", table, rare=lambda acronym: True).terms == ("ubi",)
    assert spell("basic income", table, rare=lambda acronym: False).terms == ()
    assert spell("income", table, rare=lambda acronym: True).terms == ()  # one word of it is not its head


def test_a_question_reworded_in_the_other_forms():
    pairs = [("UBI", "universal basic income", False), ("BCI", "brain computer interfaces", True)]
    assert reworded("Universal Basic Income and BCIs", pairs) == "UBI and brain computer interfaces"
    assert reworded("brain-computer interface rules", [("BCI", "brain computer interfaces", False)]) == "BCI rules"


REACTORS = """# __Tech Companies Sign Deals for Small Reactors__, (from page [20260301a](https://signal-desk.example/p/20260301a).)

## Summary

Cloud companies are signing contracts for small modular reactors (SMRs) to power data centres.

## Signals

| name | description | change | 10-year | driving-force | relevancy |
|:--|:--|:--|:--|:--|--:|
| Reactor Deals | Cloud firms sign power contracts for small modular reactors (SMRs). | From grid power to own reactors. | Data centres may run on SMRs. | Demand for power. | 5 |
| Factory-Built Reactors | Small modular reactors (SMRs) are built in factories and shipped whole. | From one-off plants to series. | Reactors may be ordered like aircraft. | Cost. | 4 |
| Reactor Licensing Queue | Regulators face a queue of SMR licence requests. | From rare to frequent licensing. | Licensing may speed up. | Demand. | 4 |

## Concerns

| name | description |
|:--|:--|
| Nuclear Waste | The new SMRs still leave spent fuel to store. |
| Supplier Bottlenecks | Few suppliers can forge the vessels small modular reactors need. |
| Heat Pump Noise | Neighbours complain about the hum of outdoor units. |
"""


def _indexed(tmp_path, embedder, name: str, text: str):
    """The settings and index of a corpus of one article."""
    from index import Settings, ingest
    from index.search import SearchIndex

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / name).write_text(text, encoding="utf-8")
    settings = Settings(index_dir=tmp_path / "index")
    assert ingest([str(corpus)], settings, embedder=embedder).ok
    return settings, SearchIndex(settings, embedder=embedder)


def test_a_count_takes_the_records_that_say_only_the_other_form(tmp_path, embedder):
    from assistant import Assistant

    settings, index = _indexed(tmp_path, embedder, "20260301a-smr-deals.md", REACTORS)
    assert index.acronyms_in("small modular reactors").pairs == (("SMR", "small modular reactors", False),)
    # a record that says only the acronym holds the question's wording ("The new SMRs ...")
    from index import NodeFilter

    records = index.records(index.record_ids_of_articles(["20260301a-smr-deals"], NodeFilter()))
    held = index.coverage(list(records), "small modular reactors")
    assert {records[i].name: round(c, 2) for i, c in held.items() if records[i].kind == "concern"} == {
        "Nuclear Waste": 1.0,
        "Supplier Bottlenecks": 1.0,
        "Heat Pump Noise": 0.0,
    }
    held = index.coverage(list(records), "SMRs")  # and the reverse: a record that spells it out holds the acronym
    assert {records[i].name: round(c, 2) for i, c in held.items() if records[i].kind == "concern"} == {
        "Nuclear Waste": 1.0,
        "Supplier Bottlenecks": 1.0,
        "Heat Pump Noise": 0.0,
    }
    answer = Assistant(settings, index=index).ask("How many records mention small modular reactors?")
    assert "**5 records" in answer.markdown and "mention “small modular reactors” or “small modular reactor” or “SMR”" in answer.markdown
    reactors = {"Reactor Deals", "Factory-Built Reactors", "Reactor Licensing Queue", "Nuclear Waste", "Supplier Bottlenecks"}
    assert {r.name for r in answer.records if r.strong} == reactors
    # a name the corpus defines as an acronym is mentioned by its phrase too; a name that holds
    # one is not ("Acme SMRs" is no mention of every small modular reactor)
    from assistant.models import EntityRef
    from assistant.retrieve import anchoring

    named = anchoring([EntityRef(name="SMRs", type="name", aliases=["SMRs"]), EntityRef(name="Acme SMRs", type="name", aliases=["Acme SMRs"])], index)
    assert [e.aliases for e in named] == [["SMRs", "SMR", "small modular reactors"], ["Acme SMRs"]]
    answer = Assistant(settings, index=index).ask("How many concerns mention SMRs?")
    assert answer.plan["entities"] == [] and "mention “SMRs” or “small modular reactors”" in answer.markdown  # an acronym's plural is no name
    assert {r.name for r in answer.records if r.strong} == {"Nuclear Waste", "Supplier Bottlenecks"}


RULES = """# __Rules for Platforms and Incomes__, (from page [20260302a](https://signal-desk.example/p/20260302a).)

## Summary

The Digital Services Act (DSA) binds platforms; towns test a universal basic income (UBI).

## Signals

| name | description | change | 10-year | driving-force | relevancy |
|:--|:--|:--|:--|:--|--:|
| Platform Audits | Platforms audited under the Digital Services Act (DSA) publish their risks. | From self-rule to audits. | Audits may be routine. | Regulation. | 5 |
| Takedown Deadlines | The Digital Services Act sets deadlines for removing illegal posts. | From days to hours. | Faster takedowns. | Regulation. | 4 |
| Income Pilots | Towns pay a universal basic income (UBI) to every adult. | From benefits to a basic income. | Pilots may become law. | Automation. | 4 |
| Income Costs | Economists ask who pays for a universal basic income once pilots end. | From pilots to budgets. | Taxes may rise. | Budgets. | 3 |
| Artists Paid | Artists in the pilot spend their universal basic income on studio time. | From grants to an income. | More art. | Culture. | 4 |
| Audit Fees | Under the Digital Services Act, the largest platforms pay for their audits. | From free to paid. | Fees may grow. | Regulation. | 3 |
"""


def test_an_acronym_the_corpus_writes_in_lower_case_is_no_anchor(tmp_path, embedder, monkeypatch):
    """"UBI" is a kind of thing (the corpus writes "universal basic income"), not one body, as
    "EV" is: anchored on it, "a slowdown in EV adoption" was answered by the records that write
    "EV", and then without it. "DSA" stays a name: the corpus writes "the Digital Services Act"
    capitalised."""
    import assistant.retrieve as retrieve
    from assistant.models import EntityRef

    _, index = _indexed(tmp_path, embedder, "20260302a-rules.md", RULES)
    assert index.acronyms_in("UBI DSA").pairs == (("DSA", "digital services act", True), ("UBI", "universal basic income", True))
    monkeypatch.setattr(retrieve, "ANCHOR_SHARE", 0.9)  # on a corpus this small every name is in most records
    kept = retrieve.anchoring([EntityRef(name="UBI", type="name", aliases=["UBI"]), EntityRef(name="DSA", type="name", aliases=["DSA"])], index)
    assert [(e.name, e.aliases) for e in kept] == [("DSA", ["DSA", "digital services act"])]


def test_a_topic_in_the_other_form_keeps_its_other_words():
    """A count of "AI tutors" also counts "artificial intelligence tutors", not every record that
    says "artificial intelligence" (it said 33 concerns mention AI tutors, of which 7 do)."""
    from assistant.aggregate import _in_other_form

    assert _in_other_form("AI tutors", "AI", "artificial intelligence", True) == "artificial intelligence tutors"
    assert _in_other_form("UBI", "UBI", "universal basic income", True) == "universal basic income"
    assert _in_other_form("small modular reactors", "SMR", "small modular reactors", False) == "SMR"
    assert _in_other_form("universal basic income pilots", "UBI", "universal basic income", False) == "UBI pilots"
    assert _in_other_form("Brain-computer interfaces", "BCI", "brain computer interfaces", False) == "BCI"
    assert _in_other_form("pilots", "UBI", "universal basic income", True) == ""
