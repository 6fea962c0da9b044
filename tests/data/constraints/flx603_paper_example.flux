/* docs/language.md#elevation: the path through C holds y and enters D needing x < y. */
Listen () => (int v);
Sink (int v) => ();
B (int v) => (int v);
D (int v) => (int v);
source Listen => Serve;
Serve = Pick -> Sink;
typedef odd IsOdd;
Pick:[odd] = A;
Pick:[_] = C;
A = B;
C = D; // warning[FLX603]
atomic A:{x};
atomic B:{y};
atomic C:{y};
atomic D:{x};
