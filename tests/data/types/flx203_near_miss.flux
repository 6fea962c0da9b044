Listen () => (int socket);
Read (int socket) => (int socket);
Close (int socket) => ();
Serve (int socket) => ();
Serve = Read -> Close;
source Listen => Serve;
