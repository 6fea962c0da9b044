"""``flux profile report`` and ``flux profile diff``: what a profile says, as tables.

``summary(profile, top)`` computes the figures (hot paths by time and by count, the node
table, the constraint waits, one headline sentence); ``diff(a, b, top)`` compares two
profiles of the same program graph. Each renders as text (aligned tables for a terminal),
markdown or JSON (``render``). Pure: no IO.

Shares of time are shares of the flows' total latency (sum over finished flows of the time
from the end of the source phase to EXIT/ERROR). Source nodes run before that (a source
blocks waiting for work), so they get no share. An abstract node's figures are those of
the nodes inside it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from .schema import NodeStat, PathStat, Profile, ProfileError, percentile

FORMATS = ("text", "json", "markdown")


def duration(ns: float | None) -> str:
    if ns is None:
        return "—"
    if ns < 1_000:
        return f"{ns:.0f} ns"
    if ns < 1_000_000:
        return f"{ns / 1e3:.1f} µs"
    if ns < 1_000_000_000:
        return f"{ns / 1e6:.2f} ms"
    return f"{ns / 1e9:.2f} s"


def percent(part: float, whole: float) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "—"


def path_text(path: PathStat) -> str:
    return " → ".join(path.nodes) + (" → ERROR" if path.end == "error" else "")


@dataclass
class Table:
    title: str
    header: tuple[str, ...]
    rows: list[tuple[str, ...]] = field(default_factory=list)
    data: list[dict[str, Any]] = field(default_factory=list)   # the same rows, for JSON
    left: int = 1        # the first `left` columns are text (left-aligned); the rest numbers
    text_last: bool = False   # … except the last one
    note: str = ""


@dataclass
class Report:
    title: str
    lines: list[str]
    tables: list[Table]
    data: dict[str, Any]


# -- report ---------------------------------------------------------------------------

def _path_row(rank: int, p: PathStat, profile: Profile) -> tuple[tuple[str, ...], dict[str, Any]]:
    total, flows = profile.flow_ns, sum(x.count for x in profile.paths)
    p99 = percentile(p.histogram, 0.99)
    row = (str(rank), percent(p.total_ns, total), f"{p.count:,}", percent(p.count, flows),
           duration(p.mean_ns), duration(p99), path_text(p))
    data = {"id": p.id, "nodes": list(p.nodes), "end": p.end, "count": p.count,
            "total_ns": p.total_ns, "mean_ns": p.mean_ns, "p50_ns": percentile(p.histogram, .5),
            "p90_ns": percentile(p.histogram, .9), "p99_ns": p99,
            "share_of_time": p.total_ns / total if total else None,
            "share_of_flows": p.count / flows if flows else None}
    return row, data


def _paths_table(title: str, paths: list[PathStat], profile: Profile) -> Table:
    table = Table(title, ("#", "time", "flows", "of flows", "mean", "p99", "path"), left=0)
    for rank, p in enumerate(paths, 1):
        row, data = _path_row(rank, p, profile)
        table.rows.append(row)
        table.data.append(data)
    return table


def _failures(node: NodeStat) -> str:
    if not node.failed:
        return ""
    codes = ", ".join(f"{n:,}×{code}" for code, n in node.failures[:3])
    more = len(node.failures) > 3 or node.failures_other
    return f"{node.failed:,} ({codes}{', …' if more else ''})"


def _nodes_table(profile: Profile) -> Table:
    total = profile.flow_ns
    table = Table("Nodes", ("node", "kind", "calls", "time", "mean wall", "mean CPU",
                            "failures"), left=2, text_last=True)
    nodes = sorted(profile.nodes, key=lambda n: (n.kind == "source", -n.wall_ns, n.name))
    for n in nodes:
        if n.count == 0:
            continue
        share = "—" if n.kind == "source" else percent(n.wall_ns, total)
        mean = n.wall_ns / n.count
        cpu = n.cpu_ns / n.count if n.cpu_samples or n.kind == "abstract" else None
        table.rows.append((n.name, n.kind, f"{n.count:,}", share, duration(mean),
                           duration(cpu), _failures(n)))
        table.data.append({"name": n.name, "kind": n.kind, "count": n.count,
                           "wall_ns": n.wall_ns, "cpu_ns": n.cpu_ns,
                           "share_of_time": None if n.kind == "source" or not total
                           else n.wall_ns / total,
                           "mean_wall_ns": mean, "mean_cpu_ns": cpu,
                           "p99_ns": percentile(n.histogram, .99),
                           "failures": {str(c): k for c, k in n.failures},
                           "failures_other": n.failures_other})
    table.note = ("a source's time is spent waiting for work, before its flow starts; an "
                  "abstract node's figures are those of the nodes inside it")
    if profile.wall_sample_every > 1:
        table.note += (f"; wall time and latency timed on the first 8 calls and then one in "
                       f"{profile.wall_sample_every} per node and thread, and scaled")
    if profile.cpu_sample_every > 1:
        table.note += (f"; CPU time read on the first 8 calls and then one in "
                       f"{profile.cpu_sample_every} per node and thread, and scaled")
    return table


def _constraints_table(profile: Profile) -> Table:
    total = profile.flow_ns
    table = Table("Constraints (time flows waited to acquire them)",
                  ("constraint", "mode", "acquired", "waited", "wait total", "mean wait",
                   "of flow time"), left=2)
    for c in profile.constraints:
        for mode, w in (("reader", c.read), ("writer", c.write)):
            if not w.acquired:
                continue
            name = c.name + (" (session)" if c.scope == "session" else "")
            mean = w.wait_ns / w.waited if w.waited else None
            table.rows.append((name, mode, f"{w.acquired:,}",
                               f"{w.waited:,} ({percent(w.waited, w.acquired)})",
                               duration(w.wait_ns), duration(mean), percent(w.wait_ns, total)))
            table.data.append({"name": c.name, "scope": c.scope, "mode": mode,
                               "acquired": w.acquired, "waited": w.waited,
                               "wait_ns": w.wait_ns, "mean_wait_ns": mean,
                               "share_of_time": w.wait_ns / total if total else None})
    return table


def _headline(profile: Profile, by_time: list[PathStat]) -> list[str]:
    total = profile.flow_ns
    flows = sum(p.count for p in profile.paths)
    if not by_time or not total:
        return ["no flow has finished yet"]
    top = by_time[0]
    lines = [f"hottest path: {path_text(top)} — {percent(top.total_ns, total)} of the time "
             f"({top.count:,} flows, {percent(top.count, flows)}), mean {duration(top.mean_ns)}"]
    inner = [profile.node(name) for name in dict.fromkeys(top.nodes)]
    steps = [n for n in inner if n is not None and n.kind != "source" and n.count]
    if steps:
        slow = max(steps, key=lambda n: n.wall_ns / n.count)
        lines.append(f"its slowest step: {slow.name} (mean {duration(slow.wall_ns / slow.count)})")
    calls = sum(v.wall_ns for v in profile.vertices
                if v.kind in ("concrete", "handler", "unknown"))
    waited = sum(c.read.wait_ns + c.write.wait_ns for c in profile.constraints)
    rest = max(0, total - calls - waited)
    lines.append(f"where the flows' time went: {percent(calls, total)} inside node calls, "
                 f"{percent(waited, total)} waiting for constraints, {percent(rest, total)} "
                 "waiting for a thread (queued between nodes)")
    waits = [(w.wait_ns, c.name, mode) for c in profile.constraints
             for mode, w in (("reader", c.read), ("writer", c.write))]
    if waits:
        wait, name, mode = max(waits)
        if wait > 0.01 * total:
            lines.append(f"flows spent {percent(wait, total)} of their time waiting for "
                         f"`{name}` ({mode})")
    return lines


def summary(profile: Profile, top: int = 10) -> Report:
    by_time = sorted(profile.paths, key=lambda p: (-p.total_ns, -p.count, p.id))
    by_count = sorted(profile.paths, key=lambda p: (-p.count, -p.total_ns, p.id))
    flows = sum(p.count for p in profile.paths)
    title = (f"Profile of {profile.program} ({profile.file}): {profile.runtime} runtime, "
             f"{profile.threads} threads, {duration(profile.wall_ns)}")
    lines = [f"{flows:,} flows finished ({profile.flows:,} launched and ended, "
             f"{profile.source_failures:,} source failures), {duration(profile.flow_ns)} in "
             f"flows; {len(profile.paths)} of {profile.path_count:,} paths taken"]
    if not profile.complete:
        lines.append("a snapshot taken while the server ran (SIGUSR1): flows still running "
                     "are not counted")
    if profile.dropped_paths:
        lines.append(f"{profile.dropped_paths:,} flows took paths beyond the profiler's table "
                     "and are not in the path tables")
    lines += _headline(profile, by_time)
    tables = [_paths_table(f"Hot paths by time (top {top})", by_time[:top], profile),
              _paths_table(f"Hot paths by count (top {top})", by_count[:top], profile),
              _nodes_table(profile), _constraints_table(profile)]
    data = {"schema": "flux-profile-report/1", "program": profile.program,
            "file": profile.file, "graph_hash": profile.graph_hash,
            "runtime": profile.runtime, "threads": profile.threads,
            "complete": profile.complete, "wall_ns": profile.wall_ns, "flows": flows,
            "flow_ns": profile.flow_ns, "headline": lines,
            "time_in_calls_ns": sum(v.wall_ns for v in profile.vertices
                                    if v.kind in ("concrete", "handler", "unknown")),
            "time_waiting_for_constraints_ns": sum(c.read.wait_ns + c.write.wait_ns
                                                   for c in profile.constraints),
            "paths_by_time": tables[0].data, "paths_by_count": tables[1].data,
            "nodes": tables[2].data, "constraints": tables[3].data}
    return Report(title, lines, tables, data)


# -- diff -----------------------------------------------------------------------------

def _ratio(a: float | None, b: float | None) -> str:
    if not a or b is None:
        return "new" if b else "—"
    return f"{b / a:.2f}x"


def diff(a: Profile, b: Profile, top: int = 10) -> Report:
    if a.graph_hash != b.graph_hash:
        raise ProfileError("the two profiles are of different program graphs "
                           f"({a.graph_hash[:19]}… and {b.graph_hash[:19]}…): the program "
                           "changed between the runs, so their paths and nodes do not match")
    ta, tb = a.flow_ns, b.flow_ns
    pa, pb = {p.id: p for p in a.paths}, {p.id: p for p in b.paths}
    paths = Table("Paths (largest change in share of time first)",
                  ("time A", "time B", "flows A", "flows B", "mean A", "mean B", "mean B/A",
                   "path"), left=0)
    rows = []
    for pid in set(pa) | set(pb):
        x, y = pa.get(pid), pb.get(pid)
        sa = x.total_ns / ta if x and ta else 0.0
        sb = y.total_ns / tb if y and tb else 0.0
        rows.append((abs(sb - sa), pid, x, y, sa, sb))
    rows.sort(key=lambda r: (-r[0], r[1]))
    for _, pid, x, y, sa, sb in rows[:top]:
        shown = y or x
        assert shown is not None
        paths.rows.append((f"{100 * sa:.1f}%", f"{100 * sb:.1f}%", f"{x.count if x else 0:,}",
                           f"{y.count if y else 0:,}", duration(x.mean_ns if x else None),
                           duration(y.mean_ns if y else None),
                           _ratio(x.mean_ns if x else None, y.mean_ns if y else None),
                           path_text(shown)))
        paths.data.append({"id": pid, "nodes": list(shown.nodes), "share_a": sa, "share_b": sb,
                           "count_a": x.count if x else 0, "count_b": y.count if y else 0,
                           "mean_ns_a": x.mean_ns if x else None,
                           "mean_ns_b": y.mean_ns if y else None})
    nodes = Table("Nodes (largest change in share of time first)",
                  ("node", "time A", "time B", "calls A", "calls B", "mean A", "mean B",
                   "mean B/A"), left=1)
    na, nb = {n.name: n for n in a.nodes}, {n.name: n for n in b.nodes}
    node_rows = []
    for name in set(na) | set(nb):
        x2, y2 = na.get(name), nb.get(name)
        either = y2 or x2
        if either is None or either.kind == "source":
            continue
        sa = x2.wall_ns / ta if x2 and ta else 0.0
        sb = y2.wall_ns / tb if y2 and tb else 0.0
        node_rows.append((abs(sb - sa), name, x2, y2, sa, sb))
    node_rows.sort(key=lambda r: (-r[0], r[1]))
    for _, name, x2, y2, sa, sb in node_rows[:top]:
        ma = x2.wall_ns / x2.count if x2 and x2.count else None
        mb = y2.wall_ns / y2.count if y2 and y2.count else None
        nodes.rows.append((name, f"{100 * sa:.1f}%", f"{100 * sb:.1f}%",
                           f"{x2.count if x2 else 0:,}", f"{y2.count if y2 else 0:,}",
                           duration(ma), duration(mb), _ratio(ma, mb)))
        nodes.data.append({"name": name, "share_a": sa, "share_b": sb,
                           "count_a": x2.count if x2 else 0, "count_b": y2.count if y2 else 0,
                           "mean_wall_ns_a": ma, "mean_wall_ns_b": mb})
    fa, fb = sum(p.count for p in a.paths), sum(p.count for p in b.paths)
    lines = [f"A: {fa:,} flows, {a.runtime} runtime, {a.threads} threads, mean latency "
             f"{duration(ta / fa if fa else None)}",
             f"B: {fb:,} flows, {b.runtime} runtime, {b.threads} threads, mean latency "
             f"{duration(tb / fb if fb else None)}"]
    slower = [r for r in nodes.data if r["mean_wall_ns_a"] and r["mean_wall_ns_b"]
              and r["mean_wall_ns_b"] > 1.2 * r["mean_wall_ns_a"]
              and max(r["share_a"], r["share_b"]) >= 0.01]
    if slower:
        lines.append("slower in B (mean > 1.2x): " + ", ".join(r["name"] for r in slower))
    hotter = [r for r in nodes.data if r["share_b"] - r["share_a"] > 0.05]
    if hotter:
        lines.append("hotter in B (share of time up > 5 points): "
                     + ", ".join(r["name"] for r in hotter))
    data = {"schema": "flux-profile-diff/1", "program": b.program, "graph_hash": b.graph_hash,
            "summary": lines, "paths": paths.data, "nodes": nodes.data}
    return Report(f"Profile diff of {b.program}: A → B", lines, [paths, nodes], data)


# -- rendering ------------------------------------------------------------------------

def _text_table(table: Table) -> list[str]:
    if not table.rows:
        return [table.title, "  (none)"]
    widths = [max(len(r[i]) for r in (table.header, *table.rows))
              for i in range(len(table.header))]
    last = len(table.header) - 1

    def line(cells: tuple[str, ...]) -> str:
        out = []
        for i, cell in enumerate(cells):
            text_col = i < table.left or i == last and (table.left == 0 or table.text_last)
            if i == last:
                out.append(cell)
            else:
                out.append(cell.ljust(widths[i]) if text_col else cell.rjust(widths[i]))
        return "  " + "  ".join(out).rstrip()

    rule = "  " + "  ".join("─" * w for w in widths[:-1]) + "  " + "─" * min(widths[-1], 40)
    out = [table.title, line(table.header), rule, *(line(r) for r in table.rows)]
    if table.note:
        out.append(f"  ({table.note})")
    return out


def _markdown_table(table: Table) -> list[str]:
    out = [f"### {table.title}", ""]
    if not table.rows:
        return [*out, "(none)"]
    last = len(table.header) - 1
    align = ["---" if i < table.left or i == last and (table.left == 0 or table.text_last)
             else "---:" for i in range(len(table.header))]
    out.append("| " + " | ".join(table.header) + " |")
    out.append("|" + "|".join(align) + "|")
    for row in table.rows:
        out.append("| " + " | ".join(c.replace("|", "\\|") for c in row) + " |")
    if table.note:
        out += ["", f"({table.note})"]
    return out


def render(report: Report, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(report.data, indent=2, ensure_ascii=False) + "\n"
    if fmt == "markdown":
        out = [f"## {report.title}", "", *(f"- {line}" for line in report.lines)]
        for table in report.tables:
            out += ["", *_markdown_table(table)]
        return "\n".join(out) + "\n"
    out = [report.title, *(f"  {line}" for line in report.lines)]
    for table in report.tables:
        out += ["", *_text_table(table)]
    return "\n".join(out) + "\n"
