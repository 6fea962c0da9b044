/* Elevation also walks through abstract nodes without constraints of their own. */
Listen () => (int v);
Work (int v) => ();
source Listen => Outer;
Outer = Middle; // warning[FLX603]: then from Middle up to Outer
Middle = Work;  // warning[FLX603]
atomic Outer:{z};
atomic Work:{a};
