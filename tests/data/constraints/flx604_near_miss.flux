Listen () => (int v);
Update (int v) => ();
source Listen => Serve;
Serve = Update;
atomic Serve:{cache};
atomic Update:{cache?};
