Listen () => (int socket);
Read (int socket) => (int socket);
source Listen => Read; // warning[FLX210]
