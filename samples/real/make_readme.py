"""Write samples/real/README.md: where each notice of the corpus came from and what makes it hard.

    .venv/bin/python samples/real/make_readme.py

Made from notices/*.json, lists/*.json and the truth files, so the index never drifts from the
corpus. Which notices are held out is decided by the hash rule in samples/accuracy.py.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from accuracy import is_held_out  # noqa: E402

INTRO = """# The real-notice corpus

Task tables from notices published by {bodies} different bodies ({levels}) in {provinces} provinces,
{years}. Each was found on a public web page (the stored copy the search tool holds) and
transcribed as printed — only the rows the page really shows, merged cells marked — into
`notices/<id>.json`; its expected records were written by hand into `<id>.truth.json` under the
conventions of [FORMAT.md](FORMAT.md) (never with this tool). `render.py` makes each notice into a
text export, a Word file and a PDF with varied layouts (page sizes, fonts, column widths down to
4 characters, header repeated or not, rows split by pages or kept whole); the tests and
`make accuracy` read those files.

**Held out:** the notices marked ✱ (a fifth, chosen by a hash of their ids in
`samples/accuracy.py`) are never studied while writing rules: `make accuracy` reports them on a
line of their own and lists no mismatches for them; the tests check only the others.

`lists/` holds notices whose tasks are numbered paragraphs with responsibility labels instead of
a table (see "Tasks written as numbered paragraphs" in the project README), rendered to the same
formats; those with a `lists/<id>.truth.json` are measured by `make accuracy` too.

Punctuation is as the stored pages have it: several sites serve half-width `, : ( )` in Chinese
text, and the transcriptions keep that rather than guess the original.

| | id | issuer | level | province | year | topic | tasks | what makes it hard |
|---|---|---|---|---|---|---|---|---|
"""


def main() -> None:
    rows, bodies, provinces, levels, years = [], set(), set(), set(), []
    for path in sorted((HERE / "notices").glob("*.json")):
        n = json.loads(path.read_text(encoding="utf-8"))
        truth = json.loads((HERE / f"{n['id']}.truth.json").read_text(encoding="utf-8"))
        tasks = sum(len(t.get("tasks", [])) for t in truth["tables"])
        bodies.add(n.get("issuer"))
        provinces.add(n.get("province"))
        levels.add(n.get("level"))
        if n.get("year"):
            years.append(n["year"])
        hard = " ".join(str(n.get("hard", "")).split()).replace("|", "/")
        rows.append(f"| {'✱' if is_held_out(n['id']) else ''} | [{n['id']}]({n['url']}) | {n.get('issuer')} | "
                    f"{n.get('level')} | {n.get('province')} | {n.get('year') or '—'} | {n.get('topic')} | {tasks} | "
                    f"{hard} |")
    lists = [json.loads(p.read_text(encoding="utf-8")) for p in sorted((HERE / "lists").glob("*.json"))
             if not p.name.endswith(".truth.json")]
    text = INTRO.format(bodies=len(bodies), levels="、".join(sorted(filter(None, levels))),
                        provinces=len(provinces - {None}),
                        years=f"{min(years)}–{max(years)}" if years else "years unknown")
    text += "\n".join(rows) + "\n\n## Paragraph-style notices (`lists/`)\n\n"
    text += "\n".join(f"- {'✱ ' if is_held_out(n['id']) else ''}[{n['id']}]({n['url']}) — {n.get('issuer')}, "
                      f"{n.get('province')}, {n.get('year') or '—'}"
                      f"{'' if (HERE / 'lists' / (n['id'] + '.truth.json')).exists() else ' (no truth yet)'}: "
                      f"{' '.join(str(n.get('hard', '')).split())}" for n in lists) + "\n"
    (HERE / "README.md").write_text(text, encoding="utf-8")
    print(f"README.md: {len(rows)} notices from {len(bodies)} bodies, {len(lists)} lists")


if __name__ == "__main__":
    main()
