Listen () => (int socket);
Close (int socket) => ();
source Listen => Serve;
Serve:[odd] = Close; // error[FLX102]
Serve:[_] = Close;
