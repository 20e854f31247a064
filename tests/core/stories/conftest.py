from __future__ import annotations

import pytest

from maatmonitor.core.stories import StoryInput, StoryPipeline, StoryResult


@pytest.fixture(scope="session")
def pipeline() -> StoryPipeline:
    return StoryPipeline()


@pytest.fixture(scope="session")
def run(pipeline: StoryPipeline):
    def _run(text: str, audience: str = "client") -> StoryResult:
        return pipeline.process_batch([StoryInput("t", audience, text)])[0]

    return _run
