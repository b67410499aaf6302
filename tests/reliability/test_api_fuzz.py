"""Fuzzing the HTTP API from its own OpenAPI schema (schemathesis): valid and invalid requests to
every citizen and staff operation, with a staff key. No 5xx, and every response matches the
schema (documented status, content type, body).

The operations are driven through schemathesis's strategies and hypothesis directly (its pytest
parametrisation does not run on pytest 9); every failure of every operation is collected first,
so one run lists them all.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig
from schemathesis.generation.modes import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.reliability.conftest import copy_data_dir

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
EXAMPLES = {GenerationMode.POSITIVE: 10, GenerationMode.NEGATIVE: 10}


@pytest.fixture(scope="module")
def fuzz_target(base_data_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    from assistant.api import create_app
    from assistant.settings import Settings
    from assistant.storage import Database, Store

    data_dir = copy_data_dir(base_data_dir, tmp_path_factory.mktemp("fuzz") / "data")
    settings = Settings(data_dir=data_dir, rate_limit_enabled=False)
    db = Database(settings.db_url)
    key = Store(db).add_api_key("staff", "Fuzz").key
    db.dispose()
    app = create_app(settings)
    yield {"app": app, "key": key}
    app.state.assistant.close()


@pytest.mark.timeout(2400)
def test_api_holds_under_fuzzing(fuzz_target: dict[str, Any]) -> None:
    config = SchemathesisConfig.from_dict({"generation": {"with-security-parameters": False}})
    schema = schemathesis.openapi.from_asgi("/openapi.json", fuzz_target["app"], config=config)
    headers = {"Authorization": f"Bearer {fuzz_target['key']}"}
    failures: dict[str, str] = {}
    tried: list[str] = []
    for result in schema.get_all_operations():
        operation = result.ok()
        if not operation.path.startswith("/api/"):
            continue
        for mode, examples in EXAMPLES.items():
            label = f"{operation.label} [{mode.value}]"
            tried.append(label)

            @given(case=operation.as_strategy(generation_mode=mode))
            @settings(
                max_examples=examples,
                deadline=None,
                derandomize=True,
                database=None,
                suppress_health_check=list(HealthCheck),
            )
            def run(case: Any) -> None:
                response = case.call(headers=headers)
                case.validate_response(response, checks=CHECKS)

            try:
                run()
            except Unsatisfiable:
                continue  # nothing to negate in this operation (no parameters or body)
            # Collect every operation's failure, then report them together (schemathesis raises
            # a group of failures, which is a BaseExceptionGroup).
            except (Exception, BaseExceptionGroup) as exc:
                failures[label] = f"{type(exc).__name__}: {str(exc)[:1500]}"
    assert any("/api/chat" in t for t in tried) and any("/api/drafts" in t for t in tried), tried
    assert not failures, "\n\n".join(f"{k}\n{v}" for k, v in failures.items())
