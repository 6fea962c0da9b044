/*
 * Constraints under load. Many concurrent flows take reader and writer constraints, program-
 * and session-scoped, nested through abstract nodes, including the deadlock-prone nesting of
 * docs/language.md#elevation (A = B; C = D with x and y crossed: the checker elevates x to C).
 * The C nodes check with counters of their own that the runtime keeps every constraint: never
 * two writers, never a reader beside a writer, per session for session constraints. Every flow
 * must finish (a hang is a deadlock) and no violation may be seen.
 */

/** Issues flow i of session i % 8 (sid), with at most a fixed number in flight. */
Gen () => (long i, long sid);
W (long i, long sid) => (long i, long sid);
R (long i, long sid) => (long i, long sid);
B (long i, long sid) => (long i, long sid);
D (long i, long sid) => (long i, long sid);
S (long i, long sid) => (long i, long sid);
SR (long i, long sid) => (long i, long sid);
N1 (long i, long sid) => (long i, long sid);
N2 (long i, long sid) => (long i, long sid);
Finish (long i, long sid) => ();

source Gen {session: SessionOf} => Work;
Work = Pick -> Finish;

typedef k0 Is0;
typedef k1 Is1;
typedef k2 Is2;
typedef k3 Is3;
typedef k4 Is4;
typedef k5 Is5;

Pick:[k0, _] = W;
Pick:[k1, _] = R;
Pick:[k2, _] = A;
Pick:[k3, _] = C;
Pick:[k4, _] = S;
Pick:[k5, _] = SR;
Pick:[_, _] = Nest;

A = B;
C = D;
Nest = N1 -> N2;

handle error W => WFailed;

atomic W:{x};
atomic R:{x?};
atomic A:{x};
atomic B:{y};
atomic C:{y};
atomic D:{x};
atomic S:{s(session)};
atomic SR:{s?(session), x?};
atomic Nest:{y};
atomic N1:{x?};
atomic N2:{x, z};
