"""Prometheus metrics of the pipeline, the webhooks and the API. Labels are codes only, never text or ids.

The API serves the registry at /metrics, but the pipeline writes to it too: it lives beside
settings, below both, so nothing imports upwards (the pipeline importing assistant.api would also
run the app's imports, which import the pipeline)."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

REGISTRY = CollectorRegistry(auto_describe=True)

_BUCKETS = (
    0.001,
    0.0025,
    0.005,
    0.01,
    0.02,
    0.035,
    0.05,
    0.075,
    0.1,
    0.15,
    0.25,
    0.4,
    0.6,
    1.0,
    2.5,
    5.0,
    10.0,
)

STAGE_SECONDS = Histogram(
    "tillit_stage_seconds", "Tid per steg i svarskedjan.", ["stage"], buckets=_BUCKETS, registry=REGISTRY
)
TURN_SECONDS = Histogram(
    "tillit_turn_seconds", "Tid för en hel replik.", ["action"], buckets=_BUCKETS, registry=REGISTRY
)
HTTP_SECONDS = Histogram(
    "tillit_http_request_seconds",
    "Tid per HTTP-anrop.",
    ["route", "method", "status"],
    buckets=_BUCKETS,
    registry=REGISTRY,
)
HANDOFFS = Counter(
    "tillit_handoffs_total", "Överlämningar till en person.", ["reason", "urgency"], registry=REGISTRY
)
ANSWERS = Counter(
    "tillit_answers_total", "Svar per komponent och utfall.", ["composer", "outcome"], registry=REGISTRY
)
RATE_LIMITED = Counter(
    "tillit_rate_limited_total", "Anrop som stoppades av hastighetsgränsen.", registry=REGISTRY
)
STAFF_AUTH_FAILURES = Counter(
    "tillit_staff_auth_failures_total",
    "Personalanrop utan nyckel (missing) eller med fel nyckel (invalid).",
    ["reason"],
    registry=REGISTRY,
)
TURNS_WAITING = Gauge(
    "tillit_turns_waiting", "Repliker som väntar på en ledig plats i svarskedjan.", registry=REGISTRY
)
TURNS_REFUSED = Counter(
    "tillit_turns_refused_total",
    "Repliker som fick 503 för att kön till svarskedjan var full.",
    registry=REGISTRY,
)
SAFETY_OPINIONS = Counter(
    "tillit_safety_model_total",
    "Säkerhetsmodellens bedömningar per utfall (escalated, kept, skipped, timeout, error, garbled).",
    ["outcome"],
    registry=REGISTRY,
)
