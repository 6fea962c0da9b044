// A concrete source with a session constraint: reported once, as FLX605 (not FLX602).
Accept () => (int socket);
Serve (int socket) => ();
source Accept => Serve;
atomic Accept:{player(session)}; // error[FLX605]
