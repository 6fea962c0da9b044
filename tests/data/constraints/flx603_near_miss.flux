/* Acquiring in canonical order, or re-entering a held constraint, needs no elevation. */
Listen () => (int v);
B (int v) => (int v);
D (int v) => ();
source Listen => Serve;
Serve = A -> C;
A = B;
C = D;
atomic A:{x};
atomic B:{y};
atomic C:{y};
atomic D:{y?};
