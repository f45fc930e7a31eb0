"""The reliability suites (eval/reliability) in CI: every deterministic case of every suite, on the
session's sample index, hostile index and canary; docs/reliability.md has the figures and commands.
The browser part of auth-xss runs in tests/test_browser.py (skipped where Chromium is absent)."""

from __future__ import annotations

import pytest

from eval.reliability import SUITES, Env, run_suite

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def env(tmp_path_factory, embedder, sample_index, hostile_index, canary):
    return Env(workdir=tmp_path_factory.mktemp("reliability"), embedder=embedder, sample_index=sample_index,
               hostile_index=hostile_index, canary=canary, browser=False)


@pytest.mark.parametrize("suite", SUITES)
def test_every_case_of_the_suite_holds(env, suite):
    result = run_suite(suite, env)
    assert result.cases, "no case ran"
    assert not result.failures, "\n".join(f"{c.name}: {c.detail}" for c in result.failures)
