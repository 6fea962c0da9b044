Listen () => (int socket)  // error[FLX001]
Serve (int socket) => ();
source Listen => Serve;
