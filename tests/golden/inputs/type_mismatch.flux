// A flow whose steps do not fit: Parse produces (int, char *) but Reply takes (int).
Listen () => (int socket);
Parse (int socket) => (int socket, char *line);
Reply (int socket) => ();

source Listen => Serve;
Serve = Parse -> Reply; // error[FLX201]
