Listen () => (int socket);
Listen () => (int fd); // error[FLX103]
Close (int socket) => ();
source Listen => Close;
