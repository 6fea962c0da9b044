Listen () => (int socket);
Serve (int socket) => ();
source Listen => Serve;
Flow = Serve -> -> Serve;  // error[FLX001]
