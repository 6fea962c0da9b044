/*
 * The deadlock example of the Flux paper (§3.1.1) and docs/language.md#elevation, made a complete
 * program:
 *
 *     A = B;  C = D;  atomic A:{x};  atomic B:{y};  atomic C:{y};  atomic D:{x};
 *
 * A request goes through A or through C, chosen by dispatch. On the path through A the flow
 * holds x and takes y for B: canonical (byte) order, fine. On the path through C it holds y
 * and would take x for D, against the order. Run concurrently, the two paths could
 * deadlock: one flow in A holding x waiting for y, one in C holding y waiting for x.
 *
 * What the checker must report: exactly one diagnostic, the warning FLX603 "x elevated to
 * C", on the step where C enters D (marked below), after which the effective sets are
 * A = {x}, B = {y}, C = {x, y}, D = {x}. Nothing else, and no error.
 */

/** Accepts a connection and reads the request. */
Accept () => (int socket, request *req);

/** Runs inside A, needs y. */
B (int socket, request *req) => (int socket, request *req);

/** Runs inside C, needs x. */
D (int socket, request *req) => (int socket, request *req);

/** Writes the reply and closes the connection. */
Reply (int socket, request *req) => ();

source Accept => Serve;
Serve = Route -> Reply;

typedef via_a TakesPathA; // bool TakesPathA(request *req)
Route:[_, via_a] = A;
Route:[_, _] = C;

A = B;
C = D; // warning[FLX603]: x elevated to C

atomic A:{x};
atomic B:{y};
atomic C:{y};
atomic D:{x};
