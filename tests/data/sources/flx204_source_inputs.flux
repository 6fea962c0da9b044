Listen (int port) => (int socket);
Close (int socket) => ();
source Listen => Close; // error[FLX204]
