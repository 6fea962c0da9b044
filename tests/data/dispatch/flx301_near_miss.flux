Listen () => (int socket);
Close (int socket) => ();
source Listen => Serve;
typedef odd IsOdd;
Serve:[odd] = Close;
Serve:[_] = Close;
