Listen () => (int socket);
Close (int socket) => ();
Serve (int socket) => ();
Serve = Close;
source Listen => Serve;
