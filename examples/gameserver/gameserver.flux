/*
 * A multiplayer game server, after the game server of the Flux paper.
 *
 * Two sources: ReceiveMessage returns the next complete message from any client and starts
 * a Message flow in that player's session (PlayerSession returns the player id), and the
 * timer Tick (an abstract source, like the paper's DataTimer) wakes up every 50 ms and
 * starts a Broadcast flow that steps the world and sends a snapshot to every client.
 *
 * Constraints: player(session) protects one player's state, so messages of different
 * players run in parallel; world protects the shared world state (the tick's step and every
 * move write it, the snapshot only reads it); clients protects the table of connections.
 * Canonical order is clients < player < world, and every flow takes them in that order,
 * so no constraint needs elevating.
 *
 * User types (player_id, game_message, client_list, world_snapshot) come from the user's
 * header. Expected diagnostics: none.
 */

/** Waits in epoll_wait(2), accepting new clients, until some client has sent a complete message. */
ReceiveMessage () => (player_id player, int socket, char *data, size_t length);

/** Decodes the wire format; fails on a truncated or unknown message. */
Decode (player_id player, int socket, char *data, size_t length) => (player_id player, int socket, game_message *msg);

/** Adds the player to the world at a spawn point and to the client table. */
Join (player_id player, int socket, game_message *msg) => (player_id player, int socket, game_message *msg);

/** Checks a move against the player's position, speed and cool-downs; fails if illegal. */
ValidateMove (player_id player, int socket, game_message *msg) => (player_id player, int socket, game_message *msg);

/** Moves the player's avatar in the world and resolves collisions. */
ApplyMove (player_id player, int socket, game_message *msg) => (player_id player, int socket, game_message *msg);

/** Relays a chat line, signed with the player's name, to every connected client. */
Chat (player_id player, int socket, game_message *msg) => (player_id player, int socket, game_message *msg);

/** Removes the player from the world and the client table and closes the socket. */
Leave (player_id player, int socket, game_message *msg) => (player_id player, int socket, game_message *msg);

/** Frees the decoded message. */
FreeMessage (player_id player, int socket, game_message *msg) => ();

/** Sleeps until the next tick (clock_nanosleep with TIMER_ABSTIME). */
WaitForTick () => (uint64_t tick);

/** Copies the table of connected clients: the sockets this frame goes to. */
GetClients (uint64_t tick) => (uint64_t tick, client_list *clients);

/** Advances the simulation by one tick: projectiles, pick-ups, respawns. */
StepWorld (uint64_t tick, client_list *clients) => (uint64_t tick, client_list *clients);

/** Copies the world state the clients need into a snapshot. */
Snapshot (uint64_t tick, client_list *clients) => (uint64_t tick, client_list *clients, world_snapshot *snap);

/** Sends the snapshot to every client of the list (non-blocking; slow clients skip a frame). */
SendToAll (uint64_t tick, client_list *clients, world_snapshot *snap) => (client_list *clients, world_snapshot *snap);

/** Frees the snapshot and the copy of the client table. */
FreeFrame (client_list *clients, world_snapshot *snap) => ();

source ReceiveMessage {session: PlayerSession} => Message;   // uint64_t PlayerSession(Message_in *in)
source Tick => Broadcast;

/** One message from one player. */
Message = Decode -> Handle -> FreeMessage;

typedef join IsJoin;                      // bool IsJoin(game_message *msg)
typedef move IsMove;                      // bool IsMove(game_message *msg)
typedef chat IsChat;                      // bool IsChat(game_message *msg)
typedef leave IsLeave;                    // bool IsLeave(game_message *msg)

Handle:[_, _, join]  = Join;
Handle:[_, _, move]  = Move;
Handle:[_, _, chat]  = Chat;
Handle:[_, _, leave] = Leave;
Handle:[_, _, _]     = ;                  // other message types are ignored (newer clients)

/** A move is validated and applied without another message of the player in between. */
Move = ValidateMove -> ApplyMove;

/** The timer source: each tick starts a frame for the clients connected at that time. */
Tick = WaitForTick -> GetClients;

/** One frame: step the world, then send everybody a snapshot of it. */
Broadcast = StepWorld -> Snapshot -> SendToAll -> FreeFrame;

handle error Decode => ProtocolError;     // void ProtocolError(Decode_in *in, int err): drops the client
handle error Move   => RejectMove;        // void RejectMove(Move_in *in, int err): tells the client

atomic Join:{clients, player(session), world};
atomic Move:{player(session)};
atomic ValidateMove:{player?(session)};   // re-entered: Move already holds player
atomic ApplyMove:{world};
atomic Chat:{clients?, player?(session)};
atomic Leave:{clients, player(session), world};
atomic StepWorld:{world};
atomic Snapshot:{world?};
atomic GetClients:{clients?};
