"""The three runtimes keep the semantics of docs/language.md#runtimes, checked by real servers.

Every test runs a program of ``tests/build/programs`` whose C nodes observe the runtime (their
own counters, ``flux_held_count()``, blocking calls) and print what they saw: first-match
dispatch, handlers running after the flow's constraints are released, reader/writer and session
constraints under many concurrent flows, the deadlock-prone nestings of
docs/language.md#elevation finishing under load (a watchdog fails a hang), a blocked node not
stalling the event runtime, orderly shutdown on SIGTERM/SIGINT, and clean sanitizer runs.
"""

from __future__ import annotations

import signal
import subprocess
from pathlib import Path

import pytest
from build_support import RUNTIMES, WATCHDOG, Builder, run, tsan_works

DISPATCH_INPUT = "4\n12\n13\n-1\nwait\n3\nx\n"
DISPATCH_OUTPUT = [
    "4 small held=2 x=-1",            # 4 is small and even: the first match (small) wins
    "4 done held=0",
    "12 even held=1",                 # Route holds x around its whole sub-flow
    "12 done held=0",
    "13 failed err=-1001 held=0",     # no alternative: FLUX_ENOMATCH to Job's handler
    "-1 fail held=1",
    "-1 fail-handled err=7 released=1",  # a later flow took x while the handler ran
    "3 small held=2 x=-1",
    "3 done held=0",
    "bad line err=22 held=0",         # the source failed: its handler, no flow
]


@pytest.mark.parametrize(("runtime", "threads"),
                         [("thread", 2), ("pool", 2), ("event", 1), ("event", 2)])
def test_dispatch_is_first_match_and_handlers_run_after_release(
        built: Builder, runtime: str, threads: int) -> None:
    binary = built("dispatch").binary
    done = run(binary, f"--flux-runtime={runtime}", f"--flux-threads={threads}",
               stdin=DISPATCH_INPUT)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert sorted(lines[:-1]) == sorted(DISPATCH_OUTPUT)
    assert lines[-1] == "shutdown 0 0 0"
    for number in ("4", "12", "3"):  # within one flow, nodes run in flow order
        assert lines.index(f"{number} done held=0") > next(
            i for i, line in enumerate(lines) if line.startswith(f"{number} "))
    assert "flux:" not in done.stderr  # the handled source failure is not logged


def test_a_source_failing_while_stopping_ends_quietly(built: Builder) -> None:
    done = run(built("stress").binary, "0")  # no flows: Gen stops at once, then fails
    assert done.returncode == 0
    assert done.stderr == ""


@pytest.mark.parametrize("runtime", RUNTIMES)
@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT])
def test_stop_signal_lets_running_flows_finish_then_calls_flux_shutdown(
        built: Builder, runtime: str, stop: signal.Signals) -> None:
    binary = built("dispatch").binary
    server = subprocess.Popen([str(binary), f"--flux-runtime={runtime}"], text=True,
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE)
    try:
        assert server.stdin is not None and server.stdout is not None
        server.stdin.write("1000\n")
        server.stdin.flush()
        assert server.stdout.readline() == "1000 slow-start\n"
        server.send_signal(stop)  # the source is blocked reading stdin, a flow is running
        out, err = server.communicate(timeout=WATCHDOG)
    finally:
        server.kill()
    assert server.returncode == 0, err
    assert out.splitlines() == ["1000 slow-done", "1000 done held=0", "shutdown 0 0 0"]
    assert err == ""


def test_runtime_options_are_checked_and_removed_from_argv(built: Builder) -> None:
    binary = built("dispatch").binary
    bad = run(binary, "--flux-runtime=fibers")
    assert bad.returncode == 2
    assert "unknown runtime 'fibers'" in bad.stderr
    bad = run(binary, "--flux-threads", "many")
    assert bad.returncode == 2
    ok = run(binary, "--flux-runtime", "pool", "--flux-threads=3", stdin="5\n")
    assert ok.returncode == 0
    assert ok.stdout.splitlines()[0] == "5 small held=2 x=-1"


@pytest.mark.parametrize("runtime", RUNTIMES)
def test_constraints_hold_under_many_concurrent_flows(built: Builder, runtime: str) -> None:
    binary = built("stress").binary
    done = run(binary, "20000", "256", f"--flux-runtime={runtime}")
    assert done.returncode == 0, done.stderr
    # 20000 flows: 409 of them fail in W (their handler sees no constraint held).
    assert done.stdout.strip() == ("flows=19591 violations=0 failed=409/409 held_bad=0 "
                                   "sessions=0")


@pytest.mark.parametrize("runtime", RUNTIMES)
def test_deadlock_prone_nestings_finish_under_load(built: Builder, runtime: str) -> None:
    binary = built("deadlock").binary
    done = run(binary, "20000", f"--flux-runtime={runtime}")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ended=40000 violations=0"


@pytest.mark.parametrize("runtime", RUNTIMES)
def test_sessions_are_isolated_and_freed(built: Builder, runtime: str) -> None:
    binary = built("sessions").binary
    # 7-1 holds s(session 7) until a flow of another session gets through (else it prints
    # -100); 7-3 must wait for it (else it prints -3).
    done = run(binary, f"--flux-runtime={runtime}", "--flux-threads=2",
               stdin="7 1\nwait\n7 3\n8 2\n")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert sorted(lines[:-1]) == ["session 7: 100", "session 7: 3", "session 8: 2"]
    assert lines[-1] == "sessions alive: 0"


@pytest.mark.parametrize("mode", ["poll", "spin"])
def test_event_runtime_does_not_stall_behind_a_blocked_node(built: Builder, mode: str) -> None:
    binary = built("sleepy").binary  # one event thread (flux.toml)
    # poll: the node blocks in poll(2); spin: it computes (runnable) until the others end.
    done = run(binary, "2000", mode, "--flux-runtime=event")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == ("sleeper: the other flows ran while it blocked; "
                                   "flows done: 2001")


SANITIZER_REPORTS = ("ERROR: AddressSanitizer", "runtime error:", "ERROR: LeakSanitizer",
                     "WARNING: ThreadSanitizer", "ThreadSanitizer: reported")


@pytest.mark.parametrize("sanitize", [("address", "undefined"), ("thread",)],
                         ids=["asan+ubsan", "tsan"])
def test_sanitizers_report_nothing_on_the_stress_program(
        built: Builder, sanitize: tuple[str, ...], tmp_path: Path) -> None:
    if sanitize == ("thread",) and not tsan_works(tmp_path):
        pytest.skip("ThreadSanitizer does not run with this toolchain or kernel")
    binary = built("stress", sanitize).binary
    env = {"TSAN_OPTIONS": "halt_on_error=1", "ASAN_OPTIONS": "detect_leaks=0",
           "UBSAN_OPTIONS": "halt_on_error=1 print_stacktrace=1"}
    for runtime in RUNTIMES:
        done = run(binary, "3000", "64", f"--flux-runtime={runtime}", env=env)
        assert not any(report in done.stderr for report in SANITIZER_REPORTS), done.stderr
        assert done.returncode == 0, done.stderr
        assert "violations=0" in done.stdout
