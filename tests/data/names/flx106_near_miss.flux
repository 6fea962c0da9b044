// An input and an output may share a name: they are fields of different structs.
Listen () => (int socket, int port);
Check (int socket, int port) => (int socket);
Close (int socket) => ();
Serve = Check -> Close;
source Listen => Serve;
