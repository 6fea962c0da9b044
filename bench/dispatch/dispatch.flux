/*
 * Per-node dispatch overhead: every flow is a chain of 20 empty nodes (each copies its
 * input to its output and returns 0). bench/dispatch_bench.py runs it in each runtime
 * against baseline.c, a plain C loop calling the same functions in the same order.
 */

/** Issues flows 0, 1, … (at most a fixed number in flight) until the count asked for. */
Gen () => (long i);
N01 (long i) => (long i);
N02 (long i) => (long i);
N03 (long i) => (long i);
N04 (long i) => (long i);
N05 (long i) => (long i);
N06 (long i) => (long i);
N07 (long i) => (long i);
N08 (long i) => (long i);
N09 (long i) => (long i);
N10 (long i) => (long i);
N11 (long i) => (long i);
N12 (long i) => (long i);
N13 (long i) => (long i);
N14 (long i) => (long i);
N15 (long i) => (long i);
N16 (long i) => (long i);
N17 (long i) => (long i);
N18 (long i) => (long i);
N19 (long i) => (long i);
N20 (long i) => (long i);
End (long i) => ();

source Gen => Chain;
Chain = N01
    -> N02
    -> N03
    -> N04
    -> N05
    -> N06
    -> N07
    -> N08
    -> N09
    -> N10
    -> N11
    -> N12
    -> N13
    -> N14
    -> N15
    -> N16
    -> N17
    -> N18
    -> N19
    -> N20
    -> End;
