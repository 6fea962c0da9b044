Listen () => (int socket);
Read (int socket) => (int socket);
Close (int socket) => ();
Serve (int socket) => ();
Serve = Close -> Read; // error[FLX203] error[FLX201]
source Listen => Serve;
