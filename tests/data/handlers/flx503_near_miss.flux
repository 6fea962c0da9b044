Listen () => (int socket);
Read (int socket) => (int socket);
Close (int socket) => ();
Serve = Read -> Close;
source Listen => Serve;
handle error Read => OnError;
handle error Close => OnError;
