"""The simulated server's resources: constraints, the runtime's threads, and the CPUs.

- ``Lock``: a FIFO reader/writer lock like ``runtime/locks.c`` (once a flow waits, later
  arrivals queue behind it), with the time it is busy.
- ``Threads``: the threads that run nodes (event threads, pool workers), at most ``count``
  busy at once, granted from two FIFO queues: flows already started (a continuation, a flow
  resumed after a constraint) before new ones — every ``fair_every``-th grant takes a new
  flow first, as ``runtime/event.c`` does so that new flows are never starved.
- ``Cpus``: N CPUs shared by the threads that want one, as the kernel time-slices runnable
  threads: **processor sharing** (n runnable threads each progress at min(1, N/n) of a CPU).
  With at most N threads running it is N independent CPUs.

Pure SimPy: no IO.
"""

from __future__ import annotations

import heapq
from collections import deque

import simpy

#: work left below this many seconds counts as done (floating-point slack)
EPSILON = 1e-12


class Lock:
    """A FIFO reader/writer lock owned by flows, with its busy time measured."""

    def __init__(self, env: simpy.Environment) -> None:
        self.env = env
        self.readers = 0
        self.writer = False
        self.queue: deque[tuple[simpy.Event, bool]] = deque()
        self.busy = 0.0         # time write-held, or read-held with a flow waiting
        self.last = 0.0

    def tick(self) -> None:
        now = self.env.now
        if self.writer or (self.readers and self.queue):
            self.busy += now - self.last
        self.last = now

    def _free(self, write: bool) -> bool:
        return not self.writer and (not write or self.readers == 0)

    def _take(self, write: bool) -> None:
        if write:
            self.writer = True
        else:
            self.readers += 1

    def acquire(self, write: bool) -> simpy.Event:
        """An event that fires when the lock is held (already triggered if it was free)."""
        self.tick()
        event = self.env.event()
        if not self.queue and self._free(write):
            self._take(write)
            event.succeed()
        else:
            self.queue.append((event, write))
        return event

    def release(self, write: bool) -> None:
        self.tick()
        if write:
            self.writer = False
        else:
            self.readers -= 1
        while self.queue and self._free(self.queue[0][1]):
            event, w = self.queue.popleft()
            self._take(w)
            event.succeed()


class Threads:
    """At most ``count`` threads busy (``None``: as many as asked); started flows first."""

    def __init__(self, env: simpy.Environment, count: int | None, fair_every: int = 0,
                 resumed_first: bool = False) -> None:
        self.env = env
        self.count = count
        self.fair_every = fair_every          # 0: never prefer a new flow
        self.resumed_first = resumed_first    # started flows queue LIFO (pool.c's head)
        self.busy = 0
        self.started: deque[simpy.Event] = deque()
        self.new: deque[simpy.Event] = deque()
        self.grants = 0

    def request(self, started: bool) -> simpy.Event:
        event = self.env.event()
        if self.count is None or (self.busy < self.count and not self.started
                                  and not self.new):
            self.busy += 1
            if not started:  # an idle thread woke for it (a started flow's next node runs
                self.grants += 1  # in place when nothing waits: runtime/event.c counts no pick)
            event.succeed()
        elif not started:
            self.new.append(event)
        elif self.resumed_first:
            self.started.appendleft(event)
        else:
            self.started.append(event)
        return event

    def again(self) -> simpy.Event:
        """The holder's next node: its continuation queues behind the started flows that
        wait (``runtime/event.c`` pushes it to the ring, then picks), and it keeps its
        thread at once when nothing waits (it runs in place)."""
        event = self.env.event()
        if not self.started and not self.new:
            event.succeed()
            return event
        self.started.append(event)
        self.release()
        return event

    def release(self) -> None:
        self.busy -= 1
        while (self.count is None or self.busy < self.count) and (self.started or self.new):
            self.grants += 1
            fair = self.fair_every and self.grants % self.fair_every == 0
            queue = self.new if (fair and self.new) or not self.started else self.started
            self.busy += 1
            queue.popleft().succeed()


class Cpus:
    """``cpus`` CPUs under processor sharing; ``run(seconds)`` fires when the work is done.

    Every runnable thread attains service at the same rate, min(1, cpus/n), so the model
    keeps one clock of attained service (``attained``) and each job's finishing value of it
    in a heap; CPU-seconds used inside ``window`` are counted in ``busy``."""

    def __init__(self, env: simpy.Environment, cpus: int) -> None:
        self.env = env
        self.cpus = cpus
        self.attained = 0.0
        self.last = 0.0
        self.jobs: list[tuple[float, int, simpy.Event]] = []
        self.seq = 0
        self.generation = 0
        self.window = (0.0, 0.0)
        self.busy = 0.0

    def settle(self) -> None:
        """Bring the attained service and ``busy`` up to now."""
        now, n = self.env.now, len(self.jobs)
        if n and now > self.last:
            self.attained += (now - self.last) * min(1.0, self.cpus / n)
            overlap = min(now, self.window[1]) - max(self.last, self.window[0])
            if overlap > 0:
                self.busy += overlap * min(n, self.cpus)
        self.last = now

    def run(self, seconds: float) -> simpy.Event:
        self.settle()
        done = self.env.event()
        self.seq += 1
        heapq.heappush(self.jobs, (self.attained + seconds, self.seq, done))
        self._schedule()
        return done

    def _schedule(self) -> None:
        self.generation += 1
        if not self.jobs:
            return
        rate = min(1.0, self.cpus / len(self.jobs))
        left = max(0.0, self.jobs[0][0] - self.attained)
        generation = self.generation
        timer = self.env.timeout(left / rate)
        timer.callbacks.append(lambda _event: self._expire(generation))

    def _expire(self, generation: int) -> None:
        if generation != self.generation:  # an arrival or departure rescheduled since
            return
        self.settle()
        while self.jobs and self.jobs[0][0] <= self.attained + EPSILON:
            heapq.heappop(self.jobs)[2].succeed()
        self._schedule()
