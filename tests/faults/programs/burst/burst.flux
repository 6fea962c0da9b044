/*
 * Running out of memory for a flow, or of threads (tests/faults/test_runtime_exhaustion.py).
 * Gen issues flows as fast as the runtime takes them; each flow carries a 1 MiB block by value
 * (so a flow takes a MiB of memory) and its Work node blocks for a few milliseconds (so flows
 * pile up, and in the thread runtime each holds a thread). Run under a small RLIMIT_AS, the
 * runtime runs out of memory for new flows or of threads: it must wait and say so, not abort,
 * and every flow must still run. Gen stops the server once all have ended.
 */

/** Issues flow i with its block, until all are issued; then waits for them and stops. */
Gen () => (long i, block data);

/** Checks the block and blocks in nanosleep(2) for a few milliseconds. */
Work (long i, block data) => (long i);

/** Counts the flow as done. */
Done (long i) => ();

source Gen => Flow;

Flow = Work -> Done;
