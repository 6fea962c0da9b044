// A flow that names a node nobody declared.
Listen () => (int socket);
Close (int socket) => ();

source Listen => Serve;
Serve = Authenticate -> Close; // error[FLX101]: `Authenticate` is not declared
