"""Word lists and the language detector load once per process, also when the first messages
arrive together (each concurrent first caller used to load its own copy, stalling a new server)."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from tests.conftest import REPO


def test_concurrent_first_callers_share_one_load() -> None:
    script = textwrap.dedent(
        """
        from concurrent.futures import ThreadPoolExecutor
        from guardrails.recognizers.names import gazetteer
        from guardrails.recognizers.swedish_words import _lexicon
        from knowledge.language import _detector

        for load in (gazetteer, _lexicon, _detector):
            with ThreadPoolExecutor(max_workers=8) as pool:
                ids = {id(x) for x in pool.map(lambda _: load(), range(8))}
            print(load.__name__, len(ids))
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["gazetteer", "1", "_lexicon", "1", "_detector", "1"]
