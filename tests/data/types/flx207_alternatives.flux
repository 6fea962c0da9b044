Listen () => (int socket);
Close (int socket) => ();
CloseLong (long socket) => ();
source Listen => Serve;
typedef odd IsOdd;
Serve:[odd] = Close;
Serve:[_] = CloseLong; // error[FLX207]
