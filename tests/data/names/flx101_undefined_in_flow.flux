Listen () => (int socket);
Close (int socket) => ();
source Listen => Serve;
Serve = Reed -> Close; // error[FLX101]
