Listen () => (int socket);
Close (int socket) => ();
source Listen => Close;
handle error Clsoe => Oops; // error[FLX101]
atomic Closed:{x};          // error[FLX101]
