Listen () => (int socket);
Close (int socket) => ();
Serve (long socket) => ();
Serve = Close;          // error[FLX202]
source Listen => Serve; // error[FLX205]
