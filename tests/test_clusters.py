"""Near-duplicate clusters: pairs need similarity, shared name words and two articles; centroids
stop chaining; the index keeps them current; answers share one row per cluster."""

from __future__ import annotations

import numpy as np
import pytest

from index import Settings, ingest
from index.catalog import Catalog
from index.clusters import Rows, candidate_pairs, merge, name_tokens


def unit(*values):
    v = np.array(values, dtype=np.float32)
    return v / np.linalg.norm(v)


def rows(names, articles, vectors):
    return Rows(ids=[f"r{i}" for i in range(len(names))], articles=articles, names=names, vectors=np.vstack(vectors))


def test_name_tokens_drop_stopwords_and_plural_s():
    assert name_tokens("The Rise of Heat Pumps") == {"rise", "heat", "pump"}


def test_same_name_in_two_articles_clusters_but_not_within_one_article():
    r = rows(["Generative AI Search", "Generative AI Search", "Generative AI Search"], ["a", "b", "a"], [unit(1, 0)] * 3)
    labels = merge(r, candidate_pairs(r, [0, 1, 2]))
    assert set(labels) == {0, 1, 2} and len(set(labels.values())) == 1


def test_similar_vectors_without_shared_name_words_stay_apart():
    r = rows(["Heat Pumps", "Boiler Bans"], ["a", "b"], [unit(1, 0), unit(1, 0.01)])
    assert candidate_pairs(r, [0, 1]) == []


def test_shared_words_without_similar_meaning_stay_apart():
    r = rows(["Data Privacy", "Data Centres"], ["a", "b"], [unit(1, 0), unit(0, 1)])
    assert candidate_pairs(r, [0, 1]) == []


def test_centroid_check_stops_a_chain_from_drifting():
    # a~b and b~c are close, a and c are not: a chain would glue a and c together.
    r = rows(
        ["Drone Defence Radar", "Drone Defence Radar Net", "Drone Defence Net"],
        ["x", "y", "z"],
        [unit(1, 0), unit(1, 0.62), unit(1, 1.4)],
    )
    labels = merge(r, candidate_pairs(r, [0, 1, 2]))
    assert not (0 in labels and 2 in labels and labels[0] == labels[2])


def test_ingest_keeps_clusters_current(tmp_path, embedder):
    src = tmp_path / "src"
    src.mkdir()
    doc = "# __{t}__, (from page [2025010{n}](https://p/2025010{n}).)\n\n## Signals\n\n| name | description |\n|---|---|\n| Generative AI Reshapes Search | Chatbots answer questions that search engines used to. |\n| {other} | Something else entirely about {t}. |\n"
    for n, (title, other) in enumerate([("Search", "Ad Revenue Falls"), ("Browsers", "Tabs Vanish"), ("Media", "Paywalls Rise")], 1):
        (src / f"a{n}.md").write_text(doc.format(t=title, n=n, other=other), encoding="utf-8")
    settings = Settings(index_dir=tmp_path / "idx")
    report = ingest([str(src)], settings, embedder=embedder)
    assert report.clusters == 1
    catalog = Catalog(tmp_path / "idx")
    assert len(catalog.cluster_labels()) == 3

    (src / "a3.md").write_text(doc.format(t="Media", n=3, other="Paywalls Rise").replace("Generative AI Reshapes Search", "Podcasts Boom"), encoding="utf-8")
    report = ingest([str(src / "a3.md")], settings, embedder=embedder)
    assert report.clusters == 1 and len(Catalog(tmp_path / "idx").cluster_labels()) == 2

    (src / "a2.md").unlink()
    (src / "a1.md").write_text(doc.format(t="Search", n=1, other="Ad Revenue Falls").replace("Generative AI Reshapes Search", "Voice Search"), encoding="utf-8")
    report = ingest([str(src / "a1.md")], settings, embedder=embedder)
    assert report.clusters == 0  # one member left across articles is no cluster


def test_answers_share_one_row_per_cluster_unless_told_not_to(tmp_path, embedder):
    from assistant import Assistant
    from index.search import SearchIndex

    src = tmp_path / "src"
    src.mkdir()
    row = "| Generative AI Reshapes Search | Chatbots answer questions that search engines used to. |"
    for n in range(1, 4):
        (src / f"a{n}.md").write_text(
            f"# __Article {n}__, (from page [2025010{n}](https://p/2025010{n}).)\n\n## Signals\n\n| name | description |\n|---|---|\n{row}\n",
            encoding="utf-8",
        )
    settings = Settings(index_dir=tmp_path / "idx")
    ingest([str(src)], settings, embedder=embedder)
    desk = Assistant(settings, index=SearchIndex(settings, embedder=embedder))
    grouped = desk.ask("generative AI and search")
    (table,) = grouped.tables
    assert len(table.rows) == 1 and "Seen in" in table.columns
    assert table.rows[0][table.columns.index("Seen in")] == "3 articles, 2025"
    assert table.rows[0][-1] == "[1, 2, 3]"
    raw = desk.ask("generative AI and search", clusters=False)
    assert len(raw.tables[0].rows) == 3


def test_an_ingest_interrupted_before_clustering_clusters_its_records_on_the_rerun(tmp_path, embedder, monkeypatch):
    src = tmp_path / "src"
    src.mkdir()
    row = "| Generative AI Reshapes Search | Chatbots answer questions that search engines used to. |"
    for n in range(1, 4):
        (src / f"a{n}.md").write_text(
            f"# __Article {n}__, (from page [2025010{n}](https://p/2025010{n}).)\n\n## Signals\n\n| name | description |\n|---|---|\n{row}\n",
            encoding="utf-8",
        )
    settings = Settings(index_dir=tmp_path / "idx")
    ingest([str(src / "a1.md"), str(src / "a2.md")], settings, embedder=embedder)
    assert len(Catalog(tmp_path / "idx").cluster_labels()) == 2

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("index.pipeline.recluster_changed", interrupted)
    with pytest.raises(KeyboardInterrupt):
        ingest([str(src / "a3.md")], settings, embedder=embedder)
    monkeypatch.undo()
    again = ingest([str(src / "a3.md")], settings, embedder=embedder)  # nothing new to embed
    assert again.embedded == 0 and len(Catalog(tmp_path / "idx").cluster_labels()) == 3


COMMON = "| Generative AI Reshapes Search | Chatbots answer questions that search engines used to{}. |"
PAIR = "| Heat Pumps Replace Boilers | Households swap gas boilers for heat pumps. |"


def _desk_over(tmp_path, embedder, articles: list[list[str]]):
    """A desk over one small index: article n holds the signal rows articles[n - 1]."""
    from assistant import Assistant
    from index.search import SearchIndex

    src = tmp_path / "src"
    src.mkdir()
    for n, rows in enumerate(articles, start=1):
        (src / f"a{n}.md").write_text(
            f"# __Article {n}__, (from page [2025010{n}](https://p/2025010{n}).)\n\n## Signals\n\n| name | description |\n|---|---|\n"
            + "\n".join(rows) + "\n",
            encoding="utf-8",
        )
    settings = Settings(index_dir=tmp_path / "idx")
    ingest([str(src)], settings, embedder=embedder)
    return Assistant(settings, index=SearchIndex(settings, embedder=embedder))


def test_the_most_common_records_are_the_clusters_most_articles_state(tmp_path, embedder):
    common = COMMON.format("")
    lone = ["| Tidal Power Stalls | Tidal turbines wait for grid connections. |", "| Sleeper Trains Return | Night trains link capitals again. |"]
    desk = _desk_over(tmp_path, embedder, [[common, PAIR], [common, PAIR], [common, lone[0]], [common, lone[1]]])
    answer = desk.ask("What are the most common signals?")
    assert answer.plan["intent"] == "recurring"
    assert [r.name for r in answer.records] == ["Generative AI Reshapes Search", "Heat Pumps Replace Boilers"]  # 4 articles, then 2
    (table,) = answer.tables
    assert [row[table.columns.index("Seen in")] for row in table.rows] == ["4 articles, 2025", "2 articles, 2025"]
    assert answer.markdown.startswith("**2 signals**")
    alone = desk.ask("recurring signals about tidal power")  # a topic whose records no other article states
    assert alone.plan["intent"] == "lookup" and alone.markdown.startswith("_Nothing recurs:")


def test_a_statement_recurs_on_a_topic_only_as_often_as_the_topic_holds_it(tmp_path, embedder):
    trains = "| Sleeper Trains Return | Night trains link capitals again. |"
    on_heat_pumps = COMMON.format(", even on heat pumps")
    common = COMMON.format("")
    desk = _desk_over(tmp_path, embedder, [[on_heat_pumps, PAIR], [common, PAIR], [common, trains], [common, trains]])
    answer = desk.ask("What are the most common signals about heat pumps?")
    # four articles state the search statement, but only one of them on heat pumps
    assert [r.name for r in answer.records if r.strong] == ["Heat Pumps Replace Boilers"]
    assert desk.ask("What are the most common signals?").records[0].name == "Generative AI Reshapes Search"
