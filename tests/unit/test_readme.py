"""The README's settings table is the generated one, so no setting goes undocumented."""

from pathlib import Path

from ensemble.settings_doc import table

README = Path(__file__).resolve().parents[2] / "README.md"


def test_readme_lists_every_setting():
    text = README.read_text()
    block = text.split("<!-- settings:start -->\n", 1)[1].split("\n<!-- settings:end -->", 1)[0]
    assert block == table(), "README settings table is stale: regenerate with `python -m ensemble.settings_doc`"
