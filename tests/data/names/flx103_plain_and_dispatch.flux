Listen () => (int socket);
Close (int socket) => ();
source Listen => Serve;
Serve = Close;
Serve:[_] = Close; // error[FLX103]
