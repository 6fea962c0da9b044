Listen () => (int socket);
Close (int socket) => ();
Drop (int fd) => ();
source Listen => Serve;
typedef odd IsOdd;
Serve:[odd] = Close;
Serve:[_] = Drop;
