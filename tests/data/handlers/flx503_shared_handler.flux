Listen () => (int socket);
Read (int socket) => (char *line);
Close (char *line) => ();
Serve = Read -> Close;
source Listen => Serve;
handle error Read => OnError;
handle error Close => OnError; // error[FLX503]
