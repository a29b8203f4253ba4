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
- numbers and booleans become their text; ``null`` drops the entry; a bare number in a nested field
  reads with the unit its path names ("pricing.adult": 62.5 is "adult: $62.5",
  "gratuity.suggested_percent": 18 is "18%"; counts, miles, days and currency-named keys stay bare);
- a string holding YAML-like "key: value" lines nested by indentation is read as that object
  ("# comments" kept in parentheses);
- a string holding a JSON object or list (``"{\"filet\": \"7\"}"``) is read as that object or list;
- a ``business`` object's ``name`` (with ``region``, ``city`` or ``location``) becomes the
  ``business`` entry.

A map whose values are already strings comes back unchanged. The JSON questions topic and the
critic's knowledge file both go through this function.
"""

from __future__ import annotations

import html
import json
import re
from functools import lru_cache
from typing import Mapping, Optional


@lru_cache(maxsize=4096)  # a business's keys are read again for every answer
def human_key(key: str) -> str:
    """"free_radius" and "freeRadius" read as "free radius"."""
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", str(key)).replace("_", " ").strip().lower()


def key_name(key: str) -> str:
    """The readable name of a flattened key's last field: "pricing.pricePerAdult" reads "price per adult"."""
    return human_key(str(key).rsplit(".", 1)[-1])


_BLOCK_TAG = re.compile(r"</?(?:p|div|h[1-6]|li|ul|ol|tr|table|section|br|hr)\b[^>]*>", re.I)
_TAG = re.compile(r"</?[a-z][a-z0-9]*\b[^>]*>", re.I)


def _unhtml(text: str) -> str:
    """An HTML page's text: "<h3>Deposits</h3><p>Non-refundable.</p>" reads "Deposits\nNon-refundable."."""
    text = re.sub(r"</t[dh]>", " | ", text, flags=re.I)  # table cells stay apart: "Classic | $50"
    text = html.unescape(_TAG.sub("", _BLOCK_TAG.sub("\n", text))).replace("\u2011", "-").replace("\xa0", " ")
    return "\n".join(ln.strip() for ln in text.splitlines() if ln.strip())


_ENTITY = re.compile(r"&(?:[a-z]{2,8}|#\d{2,5}|#x[0-9a-f]{2,4});", re.I)
_SUPERSEDED = re.compile(r"\b(?:superseded|outdated|obsolete|deprecated|archived|expired|do not (?:quote|use)|"
                         r"no longer (?:valid|current|in effect|applies|offered))\b", re.I)


_GONE = re.compile(r"deleted|archived|discontinued|inactive|retired|removed", re.I)


def _gone(record: dict) -> bool:
    """A catalog record its own system marks as gone: {"is_deleted": true}, {"status": "archived"}, {"active": false}
    (not one that is only sold out or hidden: {"available": false})."""
    return any(v is True and re.fullmatch(r"(?:is_?)?(?:deleted|archived|discontinued|removed)", str(k), re.I) or
               v is False and re.fullmatch(r"(?:is_?)?active", str(k), re.I) or
               isinstance(v, str) and re.fullmatch(r"status|state", str(k), re.I) and _GONE.fullmatch(v.strip())
               for k, v in record.items())


def _current(value: object) -> object:
    """Facts without the ones their own source marks as out of date: a retrieved chunk from
    "price_sheet_2022.pdf (SUPERSEDED - do not quote)" is no fact, in a list or in a "---"-separated text;
    nor is a catalog record marked deleted or archived."""
    if isinstance(value, list):
        return [v for v in value if not (isinstance(v, dict) and (any(isinstance(x, str) and _SUPERSEDED.search(x) for x in v.values())
                                                                  or _gone(v)))]
    if isinstance(value, str) and "\n---" in value and _SUPERSEDED.search(value):
        return "\n---\n".join(b for b in re.split(r"\n-{3,}\n", value) if not _SUPERSEDED.search(b))
    return value


def _json_text(value: object) -> object:
    """A string that holds a JSON object or list ("{\"filet\": \"7\"}", as some frontends send
    nested facts) is read as that object or list; an HTML fragment as its text."""
    if isinstance(value, str) and "</" in value and len(_TAG.findall(value)) >= 2:
        value = _unhtml(value)
    elif isinstance(value, str) and len(_ENTITY.findall(value)) >= 2:  # scraped text without tags: "We don&rsquo;t accept cash"
        value = html.unescape(value).replace("\u2011", "-").replace("\xa0", " ").replace("\u2019", "'")
    value = _current(value)
    if isinstance(value, str) and value.lstrip()[:1] in ("{", "["):
        try:
            parsed = json.loads(value)
        except ValueError:
            return value
        return _current(parsed) if isinstance(parsed, (dict, list)) else value
    if isinstance(value, str) and value.count("\n") >= 2 and ":" in value:
        return _yaml_text(value)
    return value


_YAML_LINE = re.compile(r"^(\s*)(?:-\s+)?([^\s:#][^:#]*?):(?:\s+(.*?))?\s*$")
_YAML_ITEM = re.compile(r"^(\s*)-\s+(.*?)\s*$")
_COMMENT = re.compile(r"\s+#\s*(.*)$")


def _yaml_text(value: str) -> object:
    """A string holding YAML-like "key: value" lines with nesting by indentation (as some frontends
    paste a profile) is read as that object: "pricing:\\n  adult: 62.50  # ages 13+" is
    ``{"pricing": {"adult": "62.50 (ages 13+)"}}``. Anything else comes back unchanged."""
    lines = [ln for ln in value.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    if len(lines) < 3 or sum(bool(_YAML_LINE.match(ln) or _YAML_ITEM.match(ln)) for ln in lines) < 0.9 * len(lines):
        return value
    if not any(_YAML_LINE.match(a) and not _YAML_LINE.match(a).group(3) and len(b) - len(b.lstrip()) > len(a) - len(a.lstrip())
               for a, b in zip(lines, lines[1:])):
        return value  # flat "Q: ... / A: ..." text or prose with colons: no nesting, nothing to gain
    root: dict = {}
    stack: list[tuple[int, object]] = [(-1, root)]
    last_key: Optional[tuple[dict, str]] = None
    for ln in lines:
        indent = len(ln) - len(ln.lstrip())
        item = _YAML_ITEM.match(ln)
        pair = _YAML_LINE.match(ln) if not item or ":" in item.group(2) and not item.group(2).startswith(("'", '"')) else None
        while len(stack) > 1 and stack[-1][0] >= indent:
            stack.pop()
        parent = stack[-1][1]
        if pair and not item:
            k, v = pair.group(2).strip(), _scalar(pair.group(3) or "")
            if not isinstance(parent, dict):
                return value
            if isinstance(v, str) and v.startswith("#"):  # "pricing:   # USD per person": the section's unit
                k, v = f"{k} ({v.lstrip('#').strip()})", ""
            if v == "":
                parent[k] = {}
                stack.append((indent, parent[k]))
                last_key = (parent, k)
            else:
                parent[k] = v
        elif item:
            if last_key is None:
                return value
            owner, k = last_key
            if not isinstance(owner[k], list):
                if owner[k]:
                    return value
                owner[k] = []
                stack[-1] = (stack[-1][0], owner[k])
            owner[k].append(_scalar(item.group(2)))
        else:
            return value
    return root


def _scalar(text: str) -> object:
    comment = _COMMENT.search(text) if not text.lstrip().startswith(("'", '"')) else None
    body = text[:comment.start()] if comment else text
    body = body.strip().strip("\"'")
    if body.startswith("{") and body.endswith("}") and ":" in body:  # "flat_fee: {Boulder City: 75, Pahrump: 150}"
        pairs = [x.split(":", 1) for x in body[1:-1].split(",") if ":" in x]
        return {a.strip().strip("\"'"): b.strip().strip("\"'") for a, b in pairs}
    if body.startswith("[") and body.endswith("]"):
        items = [x.strip().strip("\"'") for x in body[1:-1].split(",") if x.strip()]
        return items + ([f"({comment.group(1)})"] if comment else [])
    return f"{body} ({comment.group(1).strip()})" if comment and body else body


def _text(value: object, path: str = "") -> Optional[str]:
    value = _json_text(value)
    if isinstance(value, (list, tuple)):
        parts = [t.strip() for t in (_text(v, path) for v in value) if t and t.strip()]
        return "".join(p + ("" if i == len(parts) - 1 else " " if p[-1] in ".!?;" else "; ")
                       for i, p in enumerate(parts)) if parts else None
    if isinstance(value, dict):
        if (money := _money_object(value, path)) is not None:
            return money
        fields = {k: _typed(f"{path}.{k}", t) for k, v in value.items() if (t := _text(v, f"{path}.{k}"))}
        fields = {k: (m.group(1) if (m := _ONLY_VARIATION.fullmatch(t) or isinstance(value[k], (dict, list)) and _WRAPPED.fullmatch(t))
                      else t) for k, t in fields.items()}
        return _record(fields) or ", ".join(f"{_named(k)}: {t}" for k, t in fields.items())
    if isinstance(value, bool):
        return "yes" if value else "no"
    return None if value is None else str(value)


_MONEY_PATH = re.compile(r"pric|fee|cost|amount|deposit|minimum|upgrade|add_?ons?|addon|extras?\b|surcharge|usd|charge|rate|tarif|prix|preis",
                         re.I)
_NOT_MONEY = re.compile(r"mile|\bkm|radius|day|hour|minute|percent|pct|count|protein|\bages?\b|year|week|(?<!per_)(?:guests|adults|kids|children|persons)\b|"
                        r"headcount|(?<!per_)orders?\b|guests_per|max_guests|"
                        r"min_guests|capacity|people|\bmax\b|\bmin\b|_max|_min(?!imum)", re.I)
_BARE_NUMBER = re.compile(r"(\d+(?:\.\d+)?)(\s+\(.*\))?")


_PER_HEAD_PATH = re.compile(r"per[ _]?(?:person|guest|head|pax)|\bpp\b|_pp\b|\bpp_", re.I)
_PER_DOLLAR = re.compile(r"^\$\s?/\s?(mile|mi|km|hour|hr|person|guest)\b", re.I)
_CENTS = re.compile(r"(?:^|_|\b)cents$|(?<=[a-z])Cents$|_in_cents$")


_ABBREVIATIONS = {"ppp": "price per person", "pp": "per person", "dep": "deposit", "pct": "percent", "mi": "miles",
                  "hr": "hours", "hrs": "hours", "svc": "service", "ot": "overtime", "incl": "included", "upg": "upgrades",
                  "bev": "beverages", "prot": "proteins", "biz": "business", "loc": "location", "amt": "amount", "qty": "quantity"}
_MONEY_ABBREVIATED = re.compile(r"\b(?:ppp|pp|dep|upg|ot|amt)\b")  # not "hr", "mi": "hr_rate" is a rate
_ABBREVIATED = re.compile(r"\b(" + "|".join(_ABBREVIATIONS) + r")\b")


def cents_as_dollars(cents: str) -> str:
    """An amount in cents ("6500") written in dollars ("$65.00")."""
    return f"${int(cents) / 100:,.2f}"


def _named(key: str) -> str:
    """A field's readable name; "fee_cents" reads "fee" (its value is written in dollars), CRM
    abbreviations read in full ("kid_ppp" is "kid price per person", "dep_pct" "deposit percent")."""
    named = _ABBREVIATED.sub(lambda m: _ABBREVIATIONS[m.group()], human_key(_CENTS.sub("", str(key)) or key))
    return re.sub(r"\bper (mile|hour)s\b", r"per \1", named)


def _record(fields: dict[str, str]) -> Optional[str]:
    """A catalog record with a name and one amount reads as the item's price: {"sku": "HIB-STD",
    "name": "Hibachi Dinner", "price_cents": 6500, "unit": "per_guest"} is "Hibachi Dinner: $65.00 per
    guest (sku: HIB-STD)"."""
    name = next((k for k in fields if re.fullmatch(r"name|item|product|title|dish", k, re.I)), None)
    money = [k for k, t in fields.items() if re.fullmatch(r"\$\d[\d,]*(?:\.\d+)?", t)]
    if name is None or len(money) != 1:
        return None
    unit = next((k for k in fields if re.fullmatch(r"unit|per|basis|uom", k, re.I)), None)
    per = fields[unit].replace("_", " ").strip() if unit else ""
    per = f" {per}" if not per or re.match(r"per\b|/|each\b|a\b|flat\b", per, re.I) else f" per {per}"  # "per": "event"
    rest = [f"{_named(k)}: {t}" for k, t in fields.items() if k not in (name, money[0], unit) and t.strip()]
    return f"{fields[name]}: {fields[money[0]]}{per}" + (f" ({', '.join(rest)})" if rest else "")


def _typed(path: str, text: str) -> str:
    """A bare number in a nested field reads with its unit when the field's path names one:
    "pricing.adult: 62.50" is "$62.50", "gratuity.suggested_percent: 18" is "18%"; an amount in
    cents ("price_cents": 6500) is "$65.00"."""
    m = _BARE_NUMBER.fullmatch(text)
    leaf = path.rsplit(".", 1)[-1]
    if m and _CENTS.search(leaf) and "." not in m.group(1):
        return f"{cents_as_dollars(m.group(1))}{m.group(2) or ''}"
    if not m or "." not in path:
        return text
    if _MONEY_ABBREVIATED.search(human_key(path)):  # "upg_pp.wagyu_a5": 65 is an upgrade per person
        path = ".".join(_named(p) for p in path.split("."))
        leaf = path.rsplit(".", 1)[-1]
    if (per := _PER_DOLLAR.match(leaf)):  # "$/mile after included miles": 3.0
        return f"${m.group(1)} per {per.group(1)}{m.group(2) or ''}"
    if re.search(r"\((?:[^)]*,\s*)?(?:usd|cad|aud|gbp|eur|\$)\)", leaf, re.I) and not re.search(r"%|percent|pct", leaf, re.I):
        return f"${m.group(1)}{m.group(2) or ''}"  # "Price per person (adult, USD)": "75"
    if re.search(r"usd|cad|aud|gbp|eur", leaf, re.I):  # "child_6_12_usd": the critic reads a currency key itself
        return text
    if re.search(r"percent|pct|%", leaf, re.I):
        return f"{m.group(1)}%{m.group(2) or ''}"
    if re.search(r"rate|share|fraction", leaf, re.I) and float(m.group(1)) <= 1:  # "deposit.rate": 0.25 is 25%
        return f"{float(m.group(1)) * 100:g}%{m.group(2) or ''}"
    if (per := re.search(r"\bper (mile|mi|km|hour|hr)\b", human_key(leaf))) and re.search(r"travel|overtime|extra|fee|rate|charge", path, re.I) \
            and not re.search(r"\b(?:free|included|incl|max|min|limit|fee|price|cost|charge|rate)\b", human_key(leaf)):
        return f"${m.group(1)} per {'mile' if per.group(1) == 'mi' else 'hour' if per.group(1) == 'hr' else per.group(1)}{m.group(2) or ''}"
    if re.fullmatch(r"adults|kids|children|teens|seniors", leaf, re.I) and "." in path and \
            re.search(r"pric|cost|rate|tarif|prix|preis", path.rsplit(".", 1)[0], re.I):
        return f"${m.group(1)}{m.group(2) or ''}"  # {"pricing": {"adult": 60, "kids": 30}}: the kids' price, not a count of kids
    spaced = re.sub(r"\bper (?:mile|mi|km|guest|person|head|hour|adult|child|kid|order)\b", "", human_key(leaf))  # a unit, not a count
    if _NOT_MONEY.search(spaced) or _NOT_MONEY.search(spaced.replace(" ", "_")) or re.search(r"\b(?:under|up to|free|over)\b", spaced):
        return text  # "travel_fee_free_radius_miles", "free_under", "min_guests_for_fee_waiver": no amount
    if re.search(r"fee|pric|cost|charge|amount", leaf, re.I):
        return f"${m.group(1)}{m.group(2) or ''}"
    if _MONEY_PATH.search(path):
        per = " per person" if _PER_HEAD_PATH.search(path.rsplit(".", 1)[0]) and not m.group(2) else ""
        return f"${m.group(1)}{per}{m.group(2) or ''}"  # "upgrades (per person).filet": 10 is "$10 per person"
    return text


#: a catalog item's one unnamed variation ("variations": [{"item_variation_data": {"name": "Regular", "price_money": …}}])
#: is the item's own price
_ONLY_VARIATION = re.compile(r"(?:[\w ]{1,30}: )?(?:regular|default|standard|base|single|one size)\s*:\s*(\$[\d,]+(?:\.\d+)?)\s*(?:\([^()]*\))?\s*", re.I)


_WRAPPED = re.compile(r"(?:[\w ]{1,30}: )?(\$[\d,]+(?:\.\d+)?)\s*")  # "variations": [{"item_variation_data": …}] that is one amount


_ZERO_DECIMAL = {"BIF", "CLP", "DJF", "GNF", "JPY", "KMF", "KRW", "MGA", "PYG", "RWF", "UGX", "VND", "VUV", "XAF", "XOF", "XPF"}


def _money_object(value: dict, path: str) -> Optional[str]:
    """A payment API's money object, in the currency's minor unit: {"amount": 12900, "currency": "AUD"}
    under "price_money" (Square) or {"unit_amount": 6500, "currency": "usd"} (Stripe) is "$129.00"."""
    keys = {str(k).lower() for k in value}
    amount = value.get("unit_amount", value.get("amount"))
    if not ({"currency"} <= keys <= {"amount", "unit_amount", "currency", "precision"}) or isinstance(amount, bool) or \
            not isinstance(amount, int) or not ("unit_amount" in keys or re.search(r"money$", path.rsplit(".", 1)[-1], re.I)):
        return None
    if str(value.get("currency", "")).upper() in _ZERO_DECIMAL:  # {"amount": 15000, "currency": "JPY"} is ¥15,000
        return f"${amount:,}"
    return cents_as_dollars(str(amount))


_LABEL_KEYS = ("label", "name", "field", "title", "key", "k")
_VALUE_KEYS = ("value", "v", "val")


def _fields(value: object) -> object:
    """A list of field records ("[{"k": "ppp", "label": "Price per person (USD)", "v": "75"}, …]", as CRMs
    export) is the object it describes: ``{"Price per person (USD)": "75", …}``."""
    if not isinstance(value, list) or len(value) < 2 or not all(isinstance(x, dict) for x in value):
        return value
    out = {}
    for rec in value:
        name = next((rec[k] for k in _LABEL_KEYS if isinstance(rec.get(k), str) and rec[k].strip()), None)
        val = next((k for k in _VALUE_KEYS if k in rec), None)
        if name is None or val is None or len(rec) > 4:
            return value
        out[name.replace(".", " ")] = rec[val]
    return out


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
                v = _fields(_json_text(v))
                if isinstance(v, dict):
                    walk(f"{key}.{sub}", v)
                elif (t := _text(v, f"{key}.{sub}")) is not None:
                    out[f"{key}.{sub}"] = f"{_named(sub)}: {_typed(f'{key}.{sub}', t)}"
        elif (t := _text(value, key)) is not None:
            out[key] = _typed(key, t) if _CENTS.search(key) else t
            if _ABBREVIATED.search(human_key(key)) and _BARE_NUMBER.fullmatch(t) and not re.search(r"pct|percent", key, re.I):
                out[key] = f"{_named(key)}: {_typed(f'.{key}', t)}"  # "ppp": 75 is "price per person: $75"

    for key, value in facts.items():
        walk(str(key), _fields(_json_text(value)))
    return out
