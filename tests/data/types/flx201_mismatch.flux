Listen () => (int socket);
Read (int socket) => (int socket, char *line);
Close (int socket) => ();
source Listen => Serve;
Serve = Read -> Close; // error[FLX201]
