"""The workflows as Markdown tables, generated from the declarations so docs cannot drift."""

from __future__ import annotations

from workflows import workflows


def markdown() -> str:
    """One table per workflow: trigger, from, to, roles, guards, data, deadlines."""
    lines: list[str] = []
    for wf in workflows().values():
        d = wf.describe()
        lines += [f"### {d['name'].capitalize()}", "",
                  "States: " + ", ".join(f"`{s}`" for s in d["states"]), "",
                  "| trigger | from | to | roles | guards | data | starts | stops |",
                  "|---|---|---|---|---|---|---|---|"]
        for t in d["triggers"]:
            for x in t["transitions"]:
                data = ", ".join(f["name"] + ("" if f["required"] else "?") for f in t["fields"])
                lines.append(
                    f"| `{t['trigger']}` | {', '.join(x['source'])} | {x['dest'] or '(same)'} "
                    f"| {', '.join(t['roles'])} | {', '.join(x['guards']) or '—'} "
                    f"| {data or '—'} | {', '.join(t['starts']) or '—'} "
                    f"| {', '.join(t['stops']) or '—'} |")
        lines.append("")
    return "\n".join(lines)
