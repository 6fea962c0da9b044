Listen () => (int socket);
Close (int socket) => ();
source Listen => Serve;
typedef odd IsOdd;
Serve:[_] = Close;
Serve:[odd] = Close; // warning[FLX301]
