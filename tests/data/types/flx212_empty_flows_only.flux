// Every flow of `Skip` is empty and it has no signature: nothing gives its types.
Listen () => (int socket);
Check (int socket) => (int socket);
Close (int socket) => ();
typedef open IsOpen;
Serve = Check -> Skip -> Close;
Skip:[open] = ; // error[FLX212]
Skip:[_] = ;
source Listen => Serve;
