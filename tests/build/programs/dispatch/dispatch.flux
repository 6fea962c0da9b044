/*
 * Dispatch order, handlers and shutdown, driven by standard input: one number per line.
 *
 *   0 <= n < 10   small         (first match: even small numbers are small, not even)
 *   even n        even
 *   n < 0         Fail fails with 7; its own handler runs (after Route's x is released)
 *   n == 1000     slow: sleeps, so a shutdown has a flow to wait for
 *   odd n >= 10   no alternative matches: FLUX_ENOMATCH, handled by Job's handler
 *   not a number  Read fails: its handler runs, no flow starts
 */

/** Reads one line of standard input; at end of input asks the runtime to stop. */
Read () => (long n);
SmallPath (long n) => (long n);
EvenPath (long n) => (long n);
SlowPath (long n) => (long n);
Fail (long n) => (long n);
Done (long n) => ();

source Read => Job;
Job = Route -> Done;

typedef small IsSmall;
typedef even IsEven;
typedef negative IsNegative;
typedef slow IsSlow;

Route:[slow] = SlowPath;
Route:[small] = SmallPath;
Route:[even] = EvenPath;
Route:[negative] = Fail;

handle error Read => BadLine;
handle error Job => Failed;
handle error Fail => FailHandler;

atomic Route:{x};
atomic SmallPath:{y?};
