Listen () => (int socket);
Close (int socket) => ();
Orphan (int socket) => (); // warning[FLX105]
source Listen => Close;
handle error Orphan => OnError; // warning[FLX501]
