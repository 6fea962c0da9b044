Listen () => (int socket);
fluxClose (int socket) => ();
source Listen => fluxClose;
