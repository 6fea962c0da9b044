Listen () => (int socket);
Close (int socket) => ();
Inner = Close;
Serve:[odd] = Inner;
Serve:[_] = Close;
typedef odd IsOdd;
source Listen => Serve;
