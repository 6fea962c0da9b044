/* An abstract source whose flow starts with a no-input node. */
Accept () => (int socket);
Tag (int socket) => (int socket);
Close (int socket) => ();
Listen = Accept -> Tag;
source Listen => Close;
