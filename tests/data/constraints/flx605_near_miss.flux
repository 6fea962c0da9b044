// The session constraint is on a node of the target's flow; the source's own flow takes a
// program-scoped one.
Accept () => (int socket);
Tag (int socket) => (int socket);
Play (int socket) => (int socket);
Close (int socket) => ();
Listen = Accept -> Tag;
Serve = Play -> Close;
source Listen {session: PlayerOf} => Serve;
atomic Tag:{accepting};
atomic Play:{player(session)};
