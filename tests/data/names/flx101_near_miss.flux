Listen () => (int socket);
Close (int socket) => ();
Serve = Read -> Close; // Read is declared after its use: order does not matter
Read (int socket) => (int socket);
source Listen => Serve;
handle error Close => Oops;
atomic Close:{x};
