Listen () => (int socket, bool close);
Close (int socket, bool close) => ();
source Listen => Serve;
typedef odd IsOdd;
Serve:[odd] = Close; // error[FLX206]
Serve:[_, _] = Close;
