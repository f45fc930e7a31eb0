"""Briefings and comparisons on our sample corpus (extractive mode)."""

from __future__ import annotations

SECTIONS = ["Bottom line up front", "Key signals", "Concerns and issues", "Technologies", "Behaviours", "10-year implications", "Open questions"]


def test_briefing_has_every_section_and_cites_only_retrieved_articles(desk):
    answer = desk.ask("Draft a briefing on H5N1 bird flu in dairy cattle")
    for heading in SECTIONS:
        assert f"### {heading}" in answer.markdown, heading
    cited = {c.article_id for c in answer.citations}
    assert "20240402a-h5n1-dairy-cattle" in cited
    assert cited == {r.article_id for r in answer.records}
    assert {t.title for t in answer.tables} >= {"Signals", "Concerns"}
    assert "from 1 article, dated 2024-04-02 bear on" in answer.markdown  # one day, not "2024-04-02 to 2024-04-02"
    assert "The main issue is" in answer.markdown  # an issue leads the concerns and issues, named as an issue


def test_briefing_restricted_to_kinds_says_what_it_left_out(desk):
    answer = desk.ask("Draft a briefing on H5N1 bird flu, citing the signals and concerns")
    assert {r.kind for r in answer.records} <= {"signal", "concern"}
    assert "_Not included: the question asked for signals and concerns only._" in answer.markdown
    assert "### 10-year implications" in answer.markdown and "Driven by:" in answer.markdown


def test_a_briefings_bottom_line_says_how_much_is_about_what_was_asked(desk):
    placed = desk.ask("Draft a briefing on heat pumps in Estonia").markdown
    assert "No record or article names Estonia with “heat pumps”, so these are the matches on “heat pumps”." in placed
    assert "Baltic States Aligning Border Plans" not in placed  # the Estonian record on borders is no evidence on heat pumps
    parts = desk.ask("Draft a briefing on ransomware in schools").markdown
    assert "Only **3** of these speak to every part of the question; the others speak to part of it." in parts
    assert "(“ransomware”: ransomware; “schools”: schools, students)" in parts
    whole = desk.ask("Draft a briefing on H5N1 bird flu in dairy cattle").markdown
    assert "every part of the question" not in whole  # every record speaks to bird flu in cattle
    assert "**2** of these mention H5N1 directly, 12 come from articles that do." in whole


def test_a_briefing_on_two_things_searches_each_in_every_section(desk):
    answer = desk.ask("Summarize H5N1 bird flu as well as GPS jamming")
    assert desk.plan("Summarize H5N1 bird flu as well as GPS jamming").aspects == ["H5N1 bird flu", "GPS jamming"]
    cited = {c.article_id for c in answer.citations}
    assert "20240402a-h5n1-dairy-cattle" in cited and any("gps" in a for a in cited)  # both things, not what joins them
    from assistant.briefing import gather

    _, ranked = gather(desk.plan("Summarize H5N1 bird flu as well as GPS jamming"), desk.index, desk.settings.retrieval, 8)
    assert {h.aspect for h in ranked.hits} == {0, 1}  # each section's records tagged with the thing they answer


def test_a_briefings_weaker_matches_alternate_between_the_sections(desk):
    from assistant.briefing import gather

    plan = desk.plan("Draft a briefing on H5N1 bird flu, citing the signals and concerns")
    _, ranked = gather(plan, desk.index, desk.settings.retrieval, 4)
    kinds = [h.record.kind for h in ranked.more[:4]]
    assert kinds[0::2] == ["signal", "signal"] and set(kinds[1::2]) <= {"concern", "issue"}  # every section goes on
    assert len({h.record.id for h in ranked.more}) == len(ranked.more)


def test_comparison_has_two_labelled_sides_and_no_record_on_the_wrong_one(desk):
    answer = desk.ask("How do signals about AI tutors compare with signals about students using AI to cheat?")
    sides = {r.side for r in answer.records}
    assert sides == {"A: AI tutors", "B: students using AI to cheat"}
    tutors = {r.article_id for r in answer.records if r.side.startswith("A")}
    cheating = {r.article_id for r in answer.records if r.side.startswith("B")}
    assert "20250902c-ai-tutors-schools" in tutors and "20230523-students-ai-cheating" in cheating
    vectors = [desk.index.embed_query(s) for s in ("AI tutors", "students using AI to cheat")]
    for record in answer.records:
        closeness = [float(desk.index.vector_of(record.id) @ v) for v in vectors]
        assert closeness[0 if record.side.startswith("A") else 1] >= max(closeness)
    titles = [t.title for t in answer.tables]
    assert "Signals side by side" in titles and "Relevancy and date spread" in titles
    assert "### Shared and distinct" in answer.markdown


def test_a_comparison_without_clear_sides_falls_back_to_a_lookup(desk):
    answer = desk.ask("how do heat pumps differ")
    assert answer.records and all(r.side is None for r in answer.records)


def test_a_comparisons_weaker_matches_alternate_between_the_sides(desk):
    from assistant.compare import gather_sides

    plan = desk.plan("compare coral reef restoration with heat pumps")
    _, ranked = gather_sides(plan, desk.index, desk.settings.retrieval, 4)
    vectors = [desk.index.embed_query(s) for s in plan.sides]
    nearer = [max(range(2), key=lambda n: float(desk.index.vector_of(h.record.id) @ vectors[n])) for h in ranked.more[:4]]
    assert nearer == [0, 1, 0, 1]  # both sides go on, not one side then the other
