"""What an index holds at a glance (`SearchIndex.inventory()`), and browsing newest first."""

from __future__ import annotations

from index import NodeFilter


def test_the_sample_inventory(desk):
    inventory = desk.index.inventory()
    assert inventory.articles == 24 and inventory.records == 367 and inventory.titled_articles == 24
    assert inventory.by_kind == {"signal": 90, "concern": 75, "behavior": 68, "technology": 68, "issue": 66}
    assert sum(sum(levels.values()) for levels in inventory.relevancy.values()) == 367
    assert inventory.relevancy["signal"]["unrated"] == 4  # the hybrid and 2022-era files rate some signals, not all
    assert inventory.dated_articles == 23 and sum(inventory.per_month.values()) == 23
    assert str(inventory.first) == "2022-09-15" and list(inventory.per_month) == sorted(inventory.per_month)
    assert ("climate", 3) in inventory.themes and inventory.cluster_count == 0 and inventory.clusters == []
    assert desk.index.inventory() is inventory  # once per generation


def test_browse_newest_first(desk):
    ids = desk.index.browse(NodeFilter(kinds=("signal",)), newest=True)
    records = desk.index.records(ids)
    articles = desk.index.articles([records[i].article_id for i in ids])
    dates = [articles[records[i].article_id].date for i in ids]
    dated = [d for d in dates if d]
    assert dated == sorted(dated, reverse=True) and len(ids) == 90


def test_the_largest_clusters(tmp_path, embedder):
    from index import Settings, ingest
    from index.search import SearchIndex

    src = tmp_path / "src"
    src.mkdir()
    row = "| Generative AI Reshapes Search | Chatbots answer questions that search engines used to. |"
    others = ["| Ad Revenue Falls | Publishers lose clicks. |", "| Tabs Vanish | Browsers answer inline. |", "| Paywalls Rise | Media charge readers. |"]
    for n in range(1, 4):
        (src / f"a{n}.md").write_text(
            f"# __Article {n}__, (from page [2025010{n}](https://p/2025010{n}).)\n\n## Signals\n\n| name | description |\n|---|---|\n{row}\n"
            f"{others[n - 1]}\n",
            encoding="utf-8",
        )
    settings = Settings(index_dir=tmp_path / "idx")
    ingest([str(src)], settings, embedder=embedder)
    inventory = SearchIndex(settings, embedder=embedder).inventory()
    assert inventory.cluster_count == 1
    [cluster] = inventory.clusters
    assert (cluster.name, cluster.kind, cluster.records, cluster.articles) == ("Generative AI Reshapes Search", "signal", 3, 3)
    assert inventory.per_month == {"2025-01": 3} and inventory.relevancy["signal"]["unrated"] == 6
