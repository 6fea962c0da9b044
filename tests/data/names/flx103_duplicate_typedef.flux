Listen () => (int socket);
Close (int socket) => ();
source Listen => Serve;
typedef odd IsOdd;
typedef odd IsEven; // error[FLX103]
Serve:[odd] = Close;
Serve:[_] = Close;
