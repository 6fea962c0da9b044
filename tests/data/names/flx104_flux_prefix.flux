Listen () => (int socket);
flux_close (int socket) => (); // error[FLX104]
source Listen => Serve;
Serve = flux_close;
