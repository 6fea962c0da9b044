Listen () => (int socket);
Close (int socket) => ();
Pass (int socket) => (int socket);
Pass = ;
Serve = Pass -> Close;
source Listen => Serve;
