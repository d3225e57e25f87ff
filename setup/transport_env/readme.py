"""``make readme``: each addon's README.rst, generated from its manifest and
``readme/*.md`` fragments, as OCA generates theirs (never edited by hand)."""

import ast
import re

from .console import say
from .paths import ADDONS, REPO

SECTIONS = (
    ("DESCRIPTION.md", None),
    ("CONFIGURE.md", "Configuration"),
    ("USAGE.md", "Usage"),
    ("CONTRIBUTORS.md", "Contributors"),
)
HEADING = re.compile(r"^(#+)\s+(.*)$")
UNDERLINES = {1: "~", 2: "^", 3: '"'}


def markdown_to_rst(text):
    """Enough of Markdown for our fragments: headings, paragraphs, lists, code."""
    lines = []
    for line in text.splitlines():
        heading = HEADING.match(line)
        if heading:
            title = heading.group(2).strip()
            lines += [title, UNDERLINES.get(len(heading.group(1)), '"') * len(title)]
        else:
            lines.append(re.sub(r"(?<!`)`([^`]+)`(?!`)", r"``\1``", line))
    return "\n".join(lines).strip() + "\n"


def render(addon):
    manifest = ast.literal_eval((REPO / addon / "__manifest__.py").read_text())
    title = manifest["name"]
    parts = [
        "=" * len(title),
        title,
        "=" * len(title),
        "",
        "..",
        "   This file is generated from __manifest__.py and readme/*.md by",
        "   `make readme`; edit those instead.",
        "",
        f"*{manifest['summary']}*",
        "",
        f":Version: {manifest['version']}",
        f":License: {manifest['license']}",
        f":Maturity: {manifest['development_status']}",
        f":Depends on: {', '.join(manifest['depends'])}",
        "",
        "**Table of contents**",
        "",
        ".. contents::",
        "   :local:",
        "",
    ]
    for fragment, heading in SECTIONS:
        path = REPO / addon / "readme" / fragment
        if not path.exists():
            continue
        if heading:
            parts += [heading, "=" * len(heading), ""]
        parts.append(markdown_to_rst(path.read_text()))
    parts += ["Maintainers", "=" * len("Maintainers"), ""]
    parts.append(
        f"This module is maintained by {manifest['author']}: "
        + ", ".join(manifest["maintainers"])
        + "."
    )
    return "\n".join(parts).rstrip() + "\n"


def stale_readmes():
    return [addon for addon in ADDONS if _read(addon) != render(addon)]


def _read(addon):
    path = REPO / addon / "README.rst"
    return path.read_text() if path.exists() else None


def main():
    for addon in ADDONS:
        (REPO / addon / "README.rst").write_text(render(addon))
        say(f"Wrote {addon}/README.rst")
    return 0
