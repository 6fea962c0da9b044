/*
 * A local source (local.c): every runtime thread accepts and polls its own connections
 * (SO_REUSEPORT) and runs their flows itself. A request is one line: `fast` is answered at
 * once; `block` blocks its flow in read(2) on a FIFO until the test writes to it; `spin`
 * computes until every fast request has been served. The tests check that fast requests are
 * served while a slow flow holds the thread of their place. With --count-fds 1 it also says
 * how many descriptors are open when it says it is ready (the end of flux_init).
 * Expected diagnostics: none.
 */

/** Waits with flux_poll_wait for a connection of this thread's place with input. */
Accept () => (conn *c);

/** Answers one request line and hands the connection back to its place's poll set. */
Handle (conn *c) => ();

source Accept => Handle;

handle error Accept => AcceptFailed; // must never run for FLUX_NOTHING
