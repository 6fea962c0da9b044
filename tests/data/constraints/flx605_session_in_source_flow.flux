// `Tag` runs in the source's own flow, before the session function has chosen a session.
Accept () => (int socket);
Tag (int socket) => (int socket);
Serve (int socket) => ();
Listen = Accept -> Tag;
source Listen {session: PlayerOf} => Serve;
atomic Tag:{player(session)}; // error[FLX605]
