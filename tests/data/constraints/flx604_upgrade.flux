Listen () => (int v);
Update (int v) => ();
source Listen => Serve;
Serve = Update;
atomic Serve:{cache?}; // warning[FLX604]
atomic Update:{cache};
