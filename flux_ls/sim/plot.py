"""The prediction as a figure (matplotlib, the optional extra ``flux-ls[plot]``).

Two panels against the load (clients or arrival rate): throughput and p99 latency, one line
per CPU count; measured points (``--measured``) drawn as unjoined markers in the same colour.
``render_plot`` returns the bytes of an SVG or PNG; it imports matplotlib (Agg backend) only
when called, and raises ``PlotError`` when it is not installed.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from .engine import Point
from .report import Run


class PlotError(Exception):
    pass


def _load(p: Point) -> float:
    return float(p.clients) if p.clients is not None else float(p.rate or 0)


def render_plot(run: Run, fmt: str, measured: Sequence[Point] = ()) -> bytes:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        raise PlotError("--plot needs matplotlib: pip install 'flux-ls[plot]'") from None
    figure, (top, bottom) = plt.subplots(2, 1, figsize=(7, 7), sharex=True)
    colours = plt.rcParams["axes.prop_cycle"].by_key()["color"]
    for i, cpus in enumerate(sorted({p.cpus for p in run.points})):
        colour = colours[i % len(colours)]
        mine = sorted((p for p in run.points if p.cpus == cpus), key=_load)
        loads = [_load(p) for p in mine]
        top.plot(loads, [p.throughput for p in mine], "-o", color=colour,
                 label=f"{cpus} CPU{'s' if cpus > 1 else ''} (predicted)")
        bottom.plot(loads, [p.p99_ms for p in mine], "-o", color=colour)
        real = sorted((p for p in measured if p.cpus == cpus), key=_load)
        if real:
            top.plot([_load(p) for p in real], [p.throughput for p in real], "x",
                     color=colour, markersize=9, label=f"{cpus} CPU{'s' if cpus > 1 else ''} "
                     "(measured)")
            bottom.plot([_load(p) for p in real], [p.p99_ms for p in real], "x",
                        color=colour, markersize=9)
    closed = run.workload == "closed"
    top.set_ylabel("throughput (flows/s)")
    bottom.set_ylabel("p99 latency (ms)")
    bottom.set_xlabel("closed-loop clients" if closed else "arrivals per second")
    if closed and len({_load(p) for p in run.points}) > 2:
        bottom.set_xscale("log", base=2)
    top.set_title(f"{run.program}: predicted by flux simulate ({run.costs})", fontsize=9)
    top.legend(fontsize=8)
    for axis in (top, bottom):
        axis.grid(True, alpha=0.3)
        axis.set_ylim(bottom=0)
    figure.tight_layout()
    out = io.BytesIO()
    figure.savefig(out, format=fmt, metadata={"Date": None} if fmt == "svg" else None)
    plt.close(figure)
    return out.getvalue()
