Listen () => (int socket, bool close);
Close (int socket, bool close) => ();
source Listen => Serve;
typedef odd IsOdd;
Serve:[odd, _] = Close;
Serve:[_, _] = Close;
