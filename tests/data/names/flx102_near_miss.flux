Listen () => (int socket);
Close (int socket) => ();
source Listen => Serve;
Serve:[odd] = Close;
Serve:[*] = Close;
typedef odd IsOdd;
