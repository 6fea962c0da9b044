Listen () => (int socket, char *name);
Close (int socket, char *name) => ();
source Listen => Serve;
typedef small IsSmall;
typedef tiny IsSmall;
Serve:[small, _] = Close;
Serve:[_, tiny] = Close; // error[FLX209]
Serve:[_, _] = Close;
