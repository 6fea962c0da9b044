/*
 * A node that blocks in a system call must not stall the other events (event runtime).
 * The first flow's Sleeper blocks in poll(2) until the last of the other flows writes to a
 * pipe (or 10 s pass); the others only go through Fast. Run with one event thread: if the
 * blocked node held the only thread, the others could never run and the sleeper would
 * time out. With the argument `spin` the sleeper computes instead (a long node).
 */

/** Issues flow 0 (the sleeper), then the fast flows, then stops once all have ended. */
Gen () => (long i);
Sleeper (long i) => (long i);
Fast (long i) => (long i);
Done (long i) => ();

source Gen => Work;
Work = Pick -> Done;

typedef first IsFirst;
Pick:[first] = Sleeper;
Pick:[_] = Fast;
