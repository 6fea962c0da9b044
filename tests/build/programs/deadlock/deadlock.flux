/*
 * The deadlock test of the 2006 Flux distribution, with two sources running at once:
 * C holds x and enters E, which needs y and z; D holds z and enters F (y) then G (x), out
 * of canonical order. The checker elevates y, then x, to D (effective D = {x, y, z}), so
 * under any load every flow finishes. The C nodes check that each constraint has one
 * writer at a time.
 */

/** Issue flows numbered 0, 1, … until the count given on the command line. */
Gen1 () => (long i);
Gen2 () => (long i);
E (long i) => (long i);
F (long i) => (long i);
G (long i) => (long i);
H (long i) => (long i);
End1 (long i) => ();
End2 (long i) => ();

source Gen1 => P;
source Gen2 => Q;
P = C -> End1;
Q = D -> End2;
C = E;

typedef odd IsOdd;
D:[odd] = F -> G;
D:[_] = H;

atomic C:{x};
atomic E:{y, z};
atomic D:{z};
atomic F:{y};
atomic G:{x};
atomic H:{y?};
