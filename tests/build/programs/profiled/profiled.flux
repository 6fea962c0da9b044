/*
 * The path profiler's test program: Gen issues N flows (default 1000; N = 0: until stopped)
 * whose numbers take the three branches of Route in known proportions, 7 : 2 : 1.
 *
 *   i % 10 < 7   Fast     (writer of `counter`: flows queue for it)
 *   i % 10 < 9   Sleepy   (sleeps 1 ms; a reader of `counter`)
 *   otherwise    Busy     (computes 0.5 ms of CPU time), then Fails: error 5, to Recover
 */

/** Issues the flows, then stops the server once every flow has ended. */
Gen () => (long i);
Work (long i) => (long i);
Fast (long i) => (long i);
Sleepy (long i) => (long i);
Busy (long i) => (long i);
Fails (long i) => (long i);
Done (long i) => ();

source Gen => Job;
Job = Work -> Route -> Done;

typedef fast IsFast;
typedef sleepy IsSleepy;

Route:[fast] = Fast;
Route:[sleepy] = Sleepy;
Route:[_] = Busy -> Fails;

handle error Fails => Recover;

atomic Fast:{counter};
atomic Sleepy:{counter?};
