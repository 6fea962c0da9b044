Listen () => (int socket);
Read (int socket) => (int socket);
Close (int socket) => ();
Serve = Read -> Close;
source Listen {session: PlayerOf} => Serve;
atomic Read:{player(session)};
