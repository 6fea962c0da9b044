/*
 * A test server for the simulator's accuracy benchmark (bench/sim_accuracy.py): every
 * request spends --work-us microseconds of CPU in Work, then --locked-us in Update under the
 * writer constraint `state`, so its limit is the constraint or the CPUs, as the options say.
 */

/** Waits in epoll_wait(2) for a connection with input. */
Listen () => (connection *conn);

/** Reads one request head; fails when it is not complete yet or the client left. */
ReadRequest (connection *conn) => (connection *conn);

/** Spins for --work-us microseconds of CPU time. */
Work (connection *conn) => (connection *conn);

/** Spins for --locked-us microseconds of CPU time, alone (writer of `state`). */
Update (connection *conn) => (connection *conn);

/** Writes a 2-byte answer; keeps the connection alive. */
Reply (connection *conn) => ();

/** One request. */
Serve (connection *conn) => ();

source Listen => Serve;
Serve = ReadRequest -> Work -> Update -> Reply;

handle error ReadRequest => ReadFailed; // not complete: back to the poll set; gone: close
handle error Serve => Drop;             // the client went away while we wrote

atomic Update:{state};
