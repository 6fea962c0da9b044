Listen () => (int socket);
Close (int socket) => ();
source Listen => A;
A = B -> Close;
B = A; // error[FLX401]
