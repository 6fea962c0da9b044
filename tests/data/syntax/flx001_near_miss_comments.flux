/* a block comment */ Listen () => (int socket); // trailing
/** Doc comment. */
Serve (int socket) => ();
source Listen => Serve;
