/* A signature plus a flow, and several alternatives, are not conflicts. */
Listen () => (int socket);
Close (int socket) => ();
Serve (int socket) => ();
Serve:[odd] = Close;
Serve:[_] = Close;
typedef odd IsOdd;
source Listen => Serve;
