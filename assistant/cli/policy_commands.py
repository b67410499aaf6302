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


def register(app: typer.Typer) -> None:
    """Add the `policy` command group."""
    group = typer.Typer(help="Handoff-, kris- och säkerhetspolicyn.", no_args_is_help=True)

    @group.command("check")
    def check(
        message: Annotated[str, typer.Argument(help="Meddelandet (redan maskerat, t.ex. [PERSONNUMMER_1]).")],
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

        if not message.strip():
            raise UsageFailure("meddelandet är tomt")
        policy = _policy(policy_file, office_file)
        if redact_first:
            from guardrails import redact

            message = redact(message).text
        state = ConversationState(handed_off=handed_off, unanswered_streak=unanswered)
        decision = assess(message, state, policy=policy, language=language)
        if as_json:
            payload = asdict(decision)
            payload["policy_version"] = policy.version
            typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))
            return
        typer.echo(f"åtgärd:   {decision.action}")
        typer.echo(f"regel:    {decision.rule}")
        typer.echo(f"orsak:    {decision.reason}")
        typer.echo(f"träff:    {decision.matched or '–'}")
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
