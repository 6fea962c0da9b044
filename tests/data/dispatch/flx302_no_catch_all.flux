Listen () => (int socket);
Close (int socket) => ();
source Listen => Serve;
typedef odd IsOdd;
typedef even IsEven;
Serve:[odd] = Close;
Serve:[even] = Close; // warning[FLX302]
