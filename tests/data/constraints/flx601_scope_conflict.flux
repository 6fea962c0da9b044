Listen () => (int socket);
Read (int socket) => (int socket);
Close (int socket) => ();
Serve = Read -> Close;
source Listen {session: Who} => Serve;
atomic Read:{state(session)};
atomic Close:{state(program)}; // error[FLX601]
