/*
 * Session isolation. Each input line "SESSION N" starts a flow in session SESSION (the
 * session function returns it) that runs Hold under the session constraint s. A flow with
 * N = 1 keeps s until a flow of *another* session has been through Hold (or 10 s pass):
 * if sessions were not isolated, that flow could never get in. A flow of the *same* session
 * must not get in meanwhile (it would print its N negated). The line "wait" holds the
 * following lines back until a flow waits inside Hold.
 */

/** Reads "SESSION N" lines (or "wait") from standard input; stops at the end of the input. */
Read () => (long sid, long n);
Hold (long sid, long n) => (long sid, long n);
Print (long sid, long n) => ();

source Read {session: SessionOf} => Job;
Job = Hold -> Print;

atomic Hold:{s(session)};
