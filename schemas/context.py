"""A question's ``context`` as the flat string map the Question schema carries.

Frontends write business facts the way their own data looks: nested objects
(``{"pricing": {"adult": "$65 per guest"}}``), lists, numbers, camelCase keys. The schema's
``context`` is ``map<string, string>``, so ``flatten_context`` turns any JSON object into that
map without losing a fact:

- a nested object becomes one entry per field, keyed ``parent.child``, whose text starts with
  the child's name ("adult: $65 per guest"), so the field name still says what the value is;
- a list becomes its items joined with "; " (items ending in ".", "!", "?" or ";" with a space);
  an object in a list becomes one item, its fields joined with ", " ("band: 21-40 mi, fee: $50"),
  so that a record's fields stay in one clause;
- numbers and booleans become their text; ``null`` drops the entry;
- a string holding a JSON object or list (``"{\"filet\": \"7\"}"``) is read as that object or list;
- a ``business`` object's ``name`` (with ``region``, ``city`` or ``location``) becomes the
  ``business`` entry.

A map whose values are already strings comes back unchanged. The JSON questions topic and the
critic's knowledge file both go through this function.
"""

from __future__ import annotations

import json
import re
from typing import Mapping, Optional


def human_key(key: str) -> str:
    """"free_radius" and "freeRadius" read as "free radius"."""
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", str(key)).replace("_", " ").strip().lower()


def key_name(key: str) -> str:
    """The readable name of a flattened key's last field: "pricing.pricePerAdult" reads "price per adult"."""
    return human_key(str(key).rsplit(".", 1)[-1])


def _json_text(value: object) -> object:
    """A string that holds a JSON object or list ("{\"filet\": \"7\"}", as some frontends send
    nested facts) is read as that object or list."""
    if isinstance(value, str) and value.lstrip()[:1] in ("{", "["):
        try:
            parsed = json.loads(value)
        except ValueError:
            return value
        return parsed if isinstance(parsed, (dict, list)) else value
    return value


def _text(value: object) -> Optional[str]:
    value = _json_text(value)
    if isinstance(value, (list, tuple)):
        parts = [t.strip() for t in (_text(v) for v in value) if t and t.strip()]
        return "".join(p + ("" if i == len(parts) - 1 else " " if p[-1] in ".!?;" else "; ")
                       for i, p in enumerate(parts)) if parts else None
    if isinstance(value, dict):
        return ", ".join(f"{human_key(k)}: {t}" for k, v in value.items() if (t := _text(v)))
    if isinstance(value, bool):
        return "yes" if value else "no"
    return None if value is None else str(value)


def flatten_context(facts: Mapping[str, object]) -> dict[str, str]:
    """``facts`` as a flat ``{key: text}`` map (see the module docstring)."""
    out: dict[str, str] = {}

    def walk(key: str, value: object) -> None:
        value = _json_text(value)
        if isinstance(value, dict):
            if key == "business" and isinstance(value.get("name"), str):
                where = value.get("region") or value.get("city") or value.get("location")
                out["business"] = value["name"] + (f" ({where})" if isinstance(where, str) else "")
                value = {k: v for k, v in value.items() if k not in ("name", "region", "city", "location")}
            for sub, v in value.items():
                v = _json_text(v)
                if isinstance(v, dict):
                    walk(f"{key}.{sub}", v)
                elif (t := _text(v)) is not None:
                    out[f"{key}.{sub}"] = f"{human_key(sub)}: {t}"
        elif (t := _text(value)) is not None:
            out[key] = t

    for key, value in facts.items():
        walk(str(key), value)
    return out
