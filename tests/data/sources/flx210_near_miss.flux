Listen () => (int socket);
Read (int socket) => ();
source Listen => Read;
