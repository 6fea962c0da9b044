"""``flux simulate``: predict a server's throughput and latency from its program graph.

Reads the program (a .flux file or a project directory), its costs (``--estimates FILE``,
``--profile FILE``, or the project's ``estimates.toml``), runs the SimPy model
(``flux_ls.sim``) for every CPU count × load and prints a table, markdown or the
``flux-sim/1`` JSON. Exit status: 0 done, 1 the program has errors, 2 usage or input
problems (each one line, located). The simulator is imported in ``run``.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..graph import Graph
    from ..sim.costs import Costs

DEFAULT_ESTIMATES = "estimates.toml"

DESCRIPTION = """\
Predict a Flux server's throughput and latency under load, and on other hardware, before
running it: a discrete-event simulation (SimPy) of the checked program graph. Each node
computes for its CPU time on a thread of the runtime (--runtime event|pool|thread, scheduled
as that runtime does) and waits out the rest of its wall time; the threads share --cpus
CPUs as the kernel time-slices them; atomicity constraints are reader/writer locks held
exactly as the runtime holds them; dispatch branches and failures follow their
probabilities.

Costs come from an estimates file (TOML; see docs/simulate.md):
  [node.Compress]            CPU and wall time of one call, in milliseconds
  cpu_ms = 2.0
  wall_ms = 2.5              (default: cpu_ms; the rest is I/O holding no CPU)
  fail = 0.01                (probability that a call fails)
  [dispatch.Handler]
  weights = [0.8, 0.2]       (per alternative, in the order written; default: equal)
or from a profile written by `flux run --profile` (--profile).
Without either, PROGRAM's directory's estimates.toml is used.

The load is closed-loop clients (each sends a request, waits for the answer, thinks
--think ms, sends the next: what wrk does) or open Poisson arrivals (--rate). Each output
row is one CPU count and load: flows finished per second, latency (mean, p50, p99), CPU
utilisation, and the bottleneck (the constraint or "cpu" busy most; "none" when nothing is
busy half the time). The same --seed gives the same numbers.

exit status: 0 done, 1 the program has errors, 2 usage or input problem.

examples:
  flux simulate examples/imageserver --cpus 1,2,4 --clients 1,8,32   (its estimates.toml)
  flux simulate app.flux --estimates costs.toml --rate 100,200,400 --cpus 2
  flux simulate app.flux --estimates costs.toml --speedup Compress=2     (what if 2x faster?)
  flux simulate app.flux --profile profile.json --runtime pool --threads 8
  flux simulate app.flux --estimates costs.toml --format json > prediction.json
"""

FORMATS = ("text", "json", "markdown")
#: seconds before a progress line appears (on a terminal only); FLUX_PROGRESS_AFTER overrides
PROGRESS_AFTER = 1.5


def _ints(text: str) -> tuple[int, ...]:
    try:
        values = tuple(int(x) for x in text.split(",") if x.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected whole numbers like 1,2,4, not {text!r}"
                                         ) from None
    if not values or any(v < 1 for v in values):
        raise argparse.ArgumentTypeError(f"expected numbers ≥ 1 like 1,2,4, not {text!r}")
    return values


def _rates(text: str) -> tuple[float, ...]:
    try:
        values = tuple(float(x) for x in text.split(",") if x.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected rates like 100,200, not {text!r}") from None
    if not values or any(not 0 < v < float("inf") for v in values):
        raise argparse.ArgumentTypeError(f"expected rates > 0 like 100,200, not {text!r}")
    return values


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if not 0 <= value <= 1024:
        raise argparse.ArgumentTypeError(f"expected a number from 0 to 1024, not {text!r}")
    return value


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = -1
    if not 0 <= value < float("inf"):
        raise argparse.ArgumentTypeError(f"expected a number ≥ 0, not {text!r}")
    return value


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "simulate", help="predict throughput and latency under load (discrete-event model)",
        description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("program", metavar="PROGRAM",
                        help="a .flux file, or a project directory (with flux.toml)")
    costs = parser.add_mutually_exclusive_group()
    costs.add_argument("--estimates", metavar="FILE", help="node costs, a TOML file")
    costs.add_argument("--profile", metavar="FILE",
                       help="a profile written by `flux run --profile` (flux-profile/1)")
    parser.add_argument("--cpus", type=_ints, default=(1, 2, 4, 8), metavar="N,…",
                        help="CPU counts to predict (default: 1,2,4,8)")
    load = parser.add_mutually_exclusive_group()
    load.add_argument("--clients", type=_ints, metavar="N,…",
                      help="closed-loop clients (default: 1,8,32,128)")
    load.add_argument("--rate", type=_rates, metavar="R,…",
                      help="open arrivals per second (Poisson) instead of clients")
    parser.add_argument("--think", type=_seconds, default=0.0, metavar="MS",
                        help="mean think time of a closed-loop client, ms (default 0)")
    parser.add_argument("--client-cpu", type=_seconds, default=0.0, metavar="MS",
                        help="the load generator's CPU time per request when it runs on the "
                        "simulated CPUs (one thread; part of --think), ms (default 0)")
    parser.add_argument("--duration", type=_seconds, default=10.0, metavar="S",
                        help="simulated seconds measured per point (default 10)")
    parser.add_argument("--warmup", type=_seconds, default=1.0, metavar="S",
                        help="simulated seconds before measuring (default 1)")
    parser.add_argument("--speedup", action="append", default=[], metavar="NODE=FACTOR",
                        help="what if NODE were FACTOR times faster (repeatable)")
    parser.add_argument("--source", metavar="NAME",
                        help="the source whose flows the load drives (default: the first)")
    parser.add_argument("--global-sessions", action="store_true",
                        help="one instance of each session constraint for all sessions "
                        "(the paper's model) instead of one per client")
    parser.add_argument("--runtime", choices=("event", "pool", "thread"),
                        help="the runtime to model: how nodes are scheduled on threads "
                        "(default: the profile's, else event)")
    parser.add_argument("--threads", type=_count, default=0, metavar="N",
                        help="its event threads or pool workers, as --flux-threads "
                        "(default 0: one per CPU)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--format", choices=FORMATS, default="text",
                        help="output format (default: text)")
    parser.add_argument("--plot", metavar="FILE.svg|.png",
                        help="also draw throughput and p99 against the load, one line per "
                        "CPU count (needs matplotlib: pip install 'flux-ls[plot]')")
    parser.add_argument("--measured", metavar="FILE",
                        help="measured points (JSON {\"points\": [{cpus, clients|rate, "
                        "throughput, p99_ms}]}) to show beside the prediction, with the error")
    parser.set_defaults(run=run)


class _Progress:
    """A one-line progress bar on stderr, on a terminal only, after a second or two."""

    def __init__(self) -> None:
        try:
            self.after = float(os.environ.get("FLUX_PROGRESS_AFTER", PROGRESS_AFTER))
        except ValueError:
            self.after = PROGRESS_AFTER
        self.started = time.monotonic()
        self.shown = False
        self.enabled = sys.stderr.isatty()

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled or time.monotonic() - self.started < self.after:
            return
        width = 30
        filled = width * done // max(total, 1)
        sys.stderr.write(f"\rsimulating [{'#' * filled}{'.' * (width - filled)}] "
                         f"{100 * done // max(total, 1):3d}%")
        sys.stderr.flush()
        self.shown = True

    def close(self) -> None:
        if self.shown:
            sys.stderr.write("\r\033[K")
            sys.stderr.flush()


def program_file(target: str) -> Path:
    """The .flux file named by PROGRAM: itself, or its project's (``OSError``-free)."""
    path = Path(target)
    if path.is_dir():
        manifest = path / "flux.toml"
        if manifest.is_file():
            from ..build.manifest import load
            return load(manifest, sources_must_exist=False).flux
        found = sorted(path.glob("*.flux"))
        if len(found) != 1:
            raise ValueError(f"{path}: expected one .flux file or a flux.toml, found "
                             f"{len(found)} .flux files")
        return found[0]
    return path


def run(args: argparse.Namespace) -> int:
    from ..build.errors import BuildError
    from ..sim.costs import CostError
    from ..sim.engine import SimError

    progress = _Progress()
    try:
        text = _predict(args, progress)
    except (CostError, SimError, BuildError, ValueError) as error:
        progress.close()
        status = 1 if isinstance(error, SimError) and "error(s)" in str(error) else 2
        print(f"flux: error: {error}", file=sys.stderr)
        return status
    progress.close()
    from .files import write_stdout
    write_stdout(text.encode())
    return 0


def _read(path: Path, what: str) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ValueError(f"{path}: no such {what}") from None
    except (OSError, UnicodeDecodeError) as error:
        raise ValueError(f"cannot read {path}: {getattr(error, 'strerror', None) or error}"
                         ) from None


def _predict(args: argparse.Namespace, progress: _Progress) -> str:
    from ..analysis import analyze
    from ..sim.costs import parse_speedups
    from ..sim.predict import Settings, model_of, predict
    from ..sim.report import load_measured, render

    flux = program_file(args.program)
    analysis = analyze(_read(flux, "Flux program"), str(flux))
    plan = model_of(analysis)
    costs = _costs(args, flux, plan.graph)
    speedup = parse_speedups(args.speedup, plan.graph)
    clients = args.clients if args.rate is None else None
    if clients is None and args.rate is None:
        clients = (1, 8, 32, 128)
    if args.duration <= 0:
        raise ValueError("--duration must be more than 0 seconds")
    plot = Path(args.plot) if args.plot else None
    if plot is not None and plot.suffix.lower() not in (".svg", ".png"):
        raise ValueError(f"--plot {args.plot}: the file must end in .svg or .png")
    measured = load_measured(args.measured, _read(Path(args.measured), "file")) \
        if args.measured else ()
    settings = Settings(cpus=args.cpus, clients=clients, rates=args.rate,
                        think_ms=args.think, client_cpu_ms=args.client_cpu,
                        duration_s=args.duration,
                        warmup_s=args.warmup, seed=args.seed,
                        speedup=tuple(speedup.items()), global_sessions=args.global_sessions,
                        source=args.source, runtime=args.runtime, threads=args.threads)
    result = predict(plan, costs, settings, os.path.basename(flux), progress)
    result = dataclasses.replace(result, measured=measured)
    if plot is not None:
        from ..sim.plot import PlotError, render_plot
        from .files import write_atomic
        try:
            write_atomic(str(plot), render_plot(result, plot.suffix.lower()[1:], measured))
        except PlotError as error:
            raise ValueError(str(error)) from None
        except OSError as error:
            raise ValueError(f"cannot write {plot}: {error.strerror or error}") from None
    return render(result, args.format)


def _costs(args: argparse.Namespace, flux: Path, graph: Graph) -> Costs:
    from ..sim.costs import parse_estimates

    if args.profile:
        from ..sim.profile_costs import costs_of_profile
        return costs_of_profile(args.profile, _read(Path(args.profile), "profile"), graph)
    path = Path(args.estimates) if args.estimates else flux.parent / DEFAULT_ESTIMATES
    if not args.estimates and not path.is_file():
        raise ValueError(f"no costs: give --estimates FILE or --profile FILE (or write "
                         f"{path}; see `flux simulate --help`)")
    return parse_estimates(str(path), _read(path, "estimates file"), graph)
