"""Prints every setting as a Markdown table (``python -m ensemble.settings_doc``); the README's
table is this output, and a test keeps the two in step."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from ensemble.settings import Settings


def _rows(model: type[BaseModel], prefix: str) -> list[tuple[str, str, str]]:
    rows = []
    for name, field in model.model_fields.items():
        ann = field.annotation
        if isinstance(ann, type) and issubclass(ann, BaseModel):
            rows += _rows(ann, f"{prefix}{name.upper()}__")
            continue
        alias = field.validation_alias
        env = " / ".join(alias.choices) if alias is not None and hasattr(alias, "choices") else f"{prefix}{name.upper()}"
        default: Any = field.get_default(call_default_factory=True)
        shown = "(unset)" if default is None else f"`{default}`" if default != {} else "`{}`"
        rows.append((f"`{env}`", shown, (field.description or "").replace("|", "\\|")))
    return rows


def table() -> str:
    lines = ["| variable | default | meaning |", "|---|---|---|"]
    lines += [f"| {env} | {default} | {desc} |" for env, default, desc in _rows(Settings, "ENSEMBLE_")]
    return "\n".join(lines)


if __name__ == "__main__":
    print(table())
