Listen () => (int socket);
Skip (int socket) => ();
Skip = ; // error[FLX208]
source Listen => Skip;
