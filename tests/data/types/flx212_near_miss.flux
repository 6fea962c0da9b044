// `Skip` declares its signature; `Pass` infers its types from its non-empty alternative.
Listen () => (int socket);
Check (int socket) => (int socket);
Close (int socket) => ();
typedef open IsOpen;
Skip (int socket) => (int socket);
Serve = Check -> Skip -> Pass -> Close;
Skip:[open] = ;
Skip:[_] = ;
Pass:[open] = ;
Pass:[_] = Check;
source Listen => Serve;
