Listen () => (int socket, int socket); // error[FLX106]
Close (int socket, int port) => ();
source Listen => Close;
