Listen () => (int socket);
Read (int socket) => (int socket);
Close (int socket) => ();
Serve = Read -> Close;
source Listen => Serve;
atomic Read:{player(session)}; // error[FLX602]
