/* Sharing a node between two flows is not a cycle. */
Listen () => (int socket);
Close (int socket) => ();
Pass (int socket) => (int socket);
source Listen => A;
A = B -> C -> Close;
B = Pass;
C = B;
