"""Prints every setting as a Markdown table (``python -m ensemble.settings_doc``; ``--write README.md``
updates the README in place); a test keeps the README's table and the settings in step."""

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
        if isinstance(default, dict) and default:  # a long text per key: name the keys, settings.py has the texts
            shown = "keys " + ", ".join(f"`{k}`" for k in default)
        else:
            shown = "(unset)" if default is None else f"`{default}`" if default != {} else "`{}`"
        rows.append((f"`{env}`", shown, (field.description or "").replace("|", "\\|")))
    return rows


def table() -> str:
    lines = ["| variable | default | meaning |", "|---|---|---|"]
    lines += [f"| {env} | {default} | {desc} |" for env, default, desc in _rows(Settings, "ENSEMBLE_")]
    return "\n".join(lines)


def write(readme: str) -> None:
    """Replace the table between the settings markers in `readme`."""
    from pathlib import Path

    path = Path(readme)
    text = path.read_text()
    head, rest = text.split("<!-- settings:start -->\n", 1)
    _, tail = rest.split("\n<!-- settings:end -->", 1)
    path.write_text(f"{head}<!-- settings:start -->\n{table()}\n<!-- settings:end -->{tail}")


if __name__ == "__main__":
    import sys

    if sys.argv[1:2] == ["--write"]:
        write(sys.argv[2] if len(sys.argv) > 2 else "README.md")
    else:
        print(table())
