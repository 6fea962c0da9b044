Listen () => (int socket);
Close (int socket) => ();
Orphan (int socket) => (); // warning[FLX105]
source Listen => Close;
