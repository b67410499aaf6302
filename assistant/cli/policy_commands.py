"""`tillit policy check|validate`: try the handoff/crisis policy on a message, or validate a policy file."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Annotated

import typer

from assistant.cli.errors import UsageFailure


def _office(office_file: Path | None):  # -> OfficeConfig | None
    from assistant.settings import get_settings
    from guardrails.office import OfficeConfigError, load_office

    path = office_file or get_settings().office_file
    if path is None:
        return None
    try:
        return load_office(path)
    except OfficeConfigError as exc:
        raise UsageFailure(str(exc)) from None


def _policy(policy_file: Path | None, office_file: Path | None):  # -> Policy
    from assistant.settings import get_settings
    from guardrails.policy import PolicyError, load_policy

    path = policy_file or get_settings().policy_file
    try:
        return load_policy(path, office=_office(office_file))
    except PolicyError as exc:
        raise UsageFailure(str(exc)) from None


def _vectors_for(policy):  # -> Callable[[str], MessageVectors | None]
    """Embed messages for the policy's intent model with the configured encoder (None: rules only)."""
    if policy.semantic is None:
        return lambda text: None
    from assistant.pipeline.stages import QueryVectors, message_vectors
    from assistant.settings import get_settings
    from knowledge import get_embedder

    embedder = get_embedder(get_settings().embedding_model)
    if str(embedder.name) != policy.semantic.model.encoder:
        typer.echo(
            f"varning: intentmodellen är tränad med {policy.semantic.model.encoder}, inte {embedder.name}: "
            "bara reglerna används (kör `tillit policy train`)",
            err=True,
        )
        return lambda text: None
    cache = QueryVectors(size=0)
    return lambda text: message_vectors(embedder, text, cache)


def _safety(policy):  # -> SafetyOpinion | None
    """The model's safety opinion when the settings turn it on (TILLIT_SAFETY_MODEL), else None."""
    from assistant.settings import get_settings

    settings = get_settings()
    if settings.safety_model == "off":
        return None
    from assistant.pipeline.safety_opinion import build_safety_opinion
    from guardrails.office import load_office

    office = load_office(settings.office_file)
    try:
        return build_safety_opinion(settings, policy, office.office.name)
    except ValueError as exc:
        raise UsageFailure(str(exc)) from None


def _read_jsonl(path: Path) -> list[dict[str, str]]:
    rows = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageFailure(f"{path}: kan inte läsas ({exc})") from None
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            row = json.loads(line)
        except ValueError:
            raise UsageFailure(f"{path}:{number}: inte giltig JSON") from None
        message = row.get("message", row.get("question", row.get("text"))) if isinstance(row, dict) else None
        if not isinstance(message, str) or not message.strip():
            raise UsageFailure(f"{path}:{number}: fältet message saknas eller är tomt")
        rows.append({"id": str(row.get("id", number)), "message": message})
    return rows


def register(app: typer.Typer) -> None:
    """Add the `policy` command group."""
    group = typer.Typer(help="Handoff-, kris- och säkerhetspolicyn.", no_args_is_help=True)

    @group.command("check")
    def check(
        message: Annotated[
            str | None, typer.Argument(help="Meddelandet (redan maskerat, t.ex. [PERSONNUMMER_1]).")
        ] = None,
        jsonl: Annotated[
            Path | None,
            typer.Option("--jsonl", help='Fil med rader {"id", "message"}; ett beslut per rad ut som JSON.'),
        ] = None,
        as_json: Annotated[bool, typer.Option("--json", help="Skriv beslutet som JSON.")] = False,
        handed_off: Annotated[bool, typer.Option("--handed-off", help="Redan överlämnat.")] = False,
        unanswered: Annotated[int, typer.Option("--unanswered", min=0, help="Obesvarade turer i rad.")] = 0,
        language: Annotated[str | None, typer.Option("--language", help="Svarets språk.")] = None,
        redact_first: Annotated[bool, typer.Option("--redact", help="Maskera först.")] = False,
        policy_file: Annotated[Path | None, typer.Option("--policy", help="Policyfil.")] = None,
        office_file: Annotated[Path | None, typer.Option("--office", help="Kontorsfil.")] = None,
    ) -> None:
        """Visa vilket beslut policyn fattar för ett meddelande och vilken regel som slog till."""
        from guardrails.policy import ConversationState, assess

        if (message is None) == (jsonl is None):
            raise UsageFailure("ange antingen ett meddelande eller --jsonl FIL")
        rows = _read_jsonl(jsonl) if jsonl is not None else [{"id": "", "message": message or ""}]
        if not rows[0]["message"].strip():
            raise UsageFailure("meddelandet är tomt")
        policy = _policy(policy_file, office_file)
        vectors_for = _vectors_for(policy)
        safety = _safety(policy)
        state = ConversationState(handed_off=handed_off, unanswered_streak=unanswered)
        opinions: list[str] = []

        def decide(text: str):  # -> Decision
            from guardrails import redact

            masked = redact_first or jsonl is not None
            if masked:
                # A file of messages is raw text: redact it as the pipeline would.
                text = redact(text).text
            decision = assess(text, state, policy=policy, language=language, vectors=vectors_for(text))
            if safety is not None:
                # The model sees masked text only, whatever was typed; it may escalate, never soften.
                decision, opinion = safety.review(text if masked else redact(text).text, decision, state)
                opinions.append(f"{opinion.outcome} ({opinion.label or '–'})")
            return decision

        if jsonl is not None:
            for row in rows:
                decision = decide(row["message"])
                out = {
                    "id": row["id"],
                    "action": decision.action,
                    "reason": decision.reason,
                    "rule": decision.rule,
                    "matched": decision.matched,
                    "queue": decision.queue,
                    "urgency": decision.urgency,
                    "language": decision.language,
                    "message": decision.message,
                }
                if opinions:
                    out["safety_model"] = opinions[-1]
                typer.echo(json.dumps(out, ensure_ascii=False))
            return
        decision = decide(rows[0]["message"])
        if as_json:
            payload = asdict(decision)
            payload["policy_version"] = policy.version
            if opinions:
                payload["safety_model"] = opinions[-1]
            typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))
            return
        typer.echo(f"åtgärd:   {decision.action}")
        typer.echo(f"regel:    {decision.rule}")
        typer.echo(f"orsak:    {decision.reason}")
        typer.echo(f"träff:    {decision.matched or '–'}")
        if opinions:
            typer.echo(f"säkerhetsmodell: {opinions[-1]}")
        typer.echo(f"kö:       {decision.queue or '–'}")
        typer.echo(f"brådska:  {decision.urgency}")
        typer.echo(f"svara också: {'ja' if decision.also_answer else 'nej'}")
        typer.echo(f"språk:    {decision.language}")
        if decision.message:
            typer.echo(f"meddelande: {decision.message}")
        for notice in decision.notices:
            typer.echo(f"notis:    {notice}")
        for item in decision.prepare:
            typer.echo(f"ha redo:  {item}")

    @group.command("train")
    def train(
        policy_file: Annotated[Path | None, typer.Option("--policy", help="Policyfil.")] = None,
        office_file: Annotated[Path | None, typer.Option("--office", help="Kontorsfil.")] = None,
    ) -> None:
        """Träna intentmodellen från exempelfilerna och kalibrera trösklarna (skrivs bredvid policyn)."""
        import yaml

        from assistant.settings import get_settings
        from guardrails.policy import DEFAULT_POLICY_FILE, PolicyError
        from guardrails.policy.rules import semantic_paths
        from guardrails.policy.training import ExampleError, examples_digest, load_examples
        from guardrails.policy.training import train as fit
        from knowledge import embed_queries_array, get_embedder

        source = policy_file or get_settings().policy_file or DEFAULT_POLICY_FILE
        try:
            paths = semantic_paths(Path(source))
        except PolicyError as exc:
            raise UsageFailure(str(exc)) from None
        if paths is None:
            raise UsageFailure(f"{source}: policyn har ingen semantic-del att träna")
        try:
            examples = load_examples(paths.examples)
        except ExampleError as exc:
            raise UsageFailure(str(exc)) from None
        embedder = get_embedder(get_settings().embedding_model)
        typer.echo(f"{len(examples)} exempel från {paths.examples}, kodare {embedder.name}", err=True)
        model, calibration = fit(
            examples,
            lambda texts: embed_queries_array(embedder, texts),
            str(embedder.name),
            examples_digest(paths.examples),
        )
        model.save(paths.model)
        report = {
            "encoder": model.encoder,
            "examples_digest": model.examples_digest,
            "thresholds": calibration.thresholds,
            "vetoes": calibration.vetoes,
            "figures": calibration.figures,
        }
        paths.calibration.write_text(
            "# Written by `tillit policy train`: thresholds calibrated on out-of-fold predictions.\n"
            + yaml.safe_dump(report, allow_unicode=True, sort_keys=False),
            encoding="utf-8",
        )
        _policy(Path(source), office_file)  # the policy loads with the new model
        typer.echo(json.dumps(report, ensure_ascii=False, indent=2))

    @group.command("validate")
    def validate(
        file: Annotated[Path | None, typer.Argument(help="Policyfil (standard: den som används).")] = None,
        office_file: Annotated[Path | None, typer.Option("--office", help="Kontorsfil.")] = None,
    ) -> None:
        """Kontrollera en policyfil: regler, köer, reguljära uttryck, meddelanden och platshållare."""
        policy = _policy(file, office_file)
        typer.echo(
            f"OK: {policy.source}: {policy.name} version {policy.version}, {len(policy.rules)} regler, "
            f"{len(policy.queues)} köer, {len(policy.messages)} meddelanden"
        )

    app.add_typer(group, name="policy")
