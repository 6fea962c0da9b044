// The lock-order example of docs/language.md#elevation: the path through C holds y and enters D,
// which needs x < y, so x is elevated to C (warning FLX603); the program stays deadlock-free.
Start () => (int v);
B (int v) => (int v);
D (int v) => (int v);
Finish (int v) => ();

source Start => Main;
Main = A -> C -> Finish;
A = B;
C = D; // warning[FLX603]: x elevated to C

atomic A:{x};
atomic B:{y};
atomic C:{y};
atomic D:{x};
