/*
 * A multiplayer game of tag over UDP, after the game server of the Flux paper (gameserver.c).
 *
 * Two sources. ReceiveMessage waits for the next datagram from any client and starts a
 * Message flow in that player's session (PlayerSession returns the player id, which the
 * source assigns per client address): datagrams are independent, so several messages of one
 * player can be in flight at once, and the session constraint player(session) serialises
 * them while messages of different players run in parallel. The timer Tick (an abstract
 * source, like the paper's DataTimer) wakes every tick, drops idle players and copies the
 * table of clients; its Broadcast flow steps the world and sends every client a snapshot.
 *
 * Constraints: clients protects the table of players (membership), player(session) one
 * player's own record, world the shared game state (positions, who is "it", the tick).
 * Canonical order is clients < player < world and every flow takes them in that order, so no
 * constraint needs elevating. The C nodes check the constraints as they run (two writers at
 * once, a reader beside a writer) and report any violation to WHO.
 *
 * User types (player_id, datagram, game_message, client_list, world_snapshot) come from
 * gameserver.h. Expected diagnostics: none.
 */

/** Waits in recvfrom(2) for the next datagram; the player id is its sender's (0 until it joins with a token). */
ReceiveMessage () => (player_id player, datagram *packet);

/** Decodes the text command; fails on a malformed one (unknown commands pass, for newer clients). */
Decode (player_id player, datagram *packet) => (player_id player, game_message *msg);

/** Adds the player to the table and the world at a spawn point and answers WELCOME. */
Join (player_id player, game_message *msg) => (player_id player, game_message *msg);

/** Checks a move (the player has joined, moves at most one cell each way) and counts it; fails if not. */
ValidateMove (player_id player, game_message *msg) => (player_id player, game_message *msg);

/** Moves the player's avatar (the world wraps around) and tags whoever "it" lands on. */
ApplyMove (player_id player, game_message *msg) => (player_id player, game_message *msg);

/** Relays a chat line, signed with the player's name, to every player. */
Chat (player_id player, game_message *msg) => (player_id player, game_message *msg);

/** Removes the player from the table and the world and answers BYE. */
Leave (player_id player, game_message *msg) => (player_id player, game_message *msg);

/** Answers WHO with the player's own record and the count of constraint violations seen. */
Query (player_id player, game_message *msg) => (player_id player, game_message *msg);

/** Frees the decoded message. */
FreeMessage (player_id player, game_message *msg) => ();

/** Sleeps until the next tick (clock_nanosleep with TIMER_ABSTIME). */
WaitForTick () => (uint64_t tick);

/** Drops players idle too long, then copies the table of clients: who this frame goes to. */
GetClients (uint64_t tick) => (uint64_t tick, client_list *clients);

/** Advances the world by one tick: a new "it" when the last one left. */
StepWorld (uint64_t tick, client_list *clients) => (uint64_t tick, client_list *clients);

/** Copies the state the clients need into a snapshot datagram. */
Snapshot (
    uint64_t tick,
    client_list *clients
) => (
    uint64_t tick,
    client_list *clients,
    world_snapshot *snap
);

/** Sends the snapshot to every client of the list (non-blocking; a full socket drops it). */
SendToAll (
    uint64_t tick,
    client_list *clients,
    world_snapshot *snap
) => (
    client_list *clients,
    world_snapshot *snap
);

/** Frees the snapshot and the copy of the client table. */
FreeFrame (client_list *clients, world_snapshot *snap) => ();

source ReceiveMessage {session: PlayerSession} => Message; // uint64_t PlayerSession(Message_in *in)
source Tick => Broadcast;

/** One message from one player. */
Message = Decode -> Handle -> FreeMessage;

typedef join IsJoin;   // bool IsJoin(game_message *msg)
typedef move IsMove;   // bool IsMove(game_message *msg)
typedef chat IsChat;   // bool IsChat(game_message *msg)
typedef leave IsLeave; // bool IsLeave(game_message *msg)
typedef query IsQuery; // bool IsQuery(game_message *msg)

Handle:[_, join] = Join;
Handle:[_, move] = Move;
Handle:[_, chat] = Chat;
Handle:[_, leave] = Leave;
Handle:[_, query] = Query;
Handle:[_, _] = ; // other message types are ignored (newer clients)

/** A move is validated and applied without another message of the player in between. */
Move = ValidateMove -> ApplyMove;

/** The timer source: each tick starts a frame for the clients connected at that time. */
Tick = WaitForTick -> GetClients;

/** One frame: step the world, then send everybody a snapshot of it. */
Broadcast = StepWorld -> Snapshot -> SendToAll -> FreeFrame;

handle error Decode => ProtocolError; // void ProtocolError(Decode_in *in, int err): ERROR, drop
handle error Move => RejectMove;      // void RejectMove(Move_in *in, int err): REJECT
handle error Handle => Refuse;        // void Refuse(Handle_in *in, int err): not joined, full

atomic Join:{clients, player(session), world};
atomic Move:{clients?, player(session)};
atomic ValidateMove:{player(session)}; // re-entered: Move already holds player
atomic ApplyMove:{world};
atomic Chat:{clients?, player?(session)};
atomic Leave:{clients, player(session), world};
atomic Query:{clients?, player?(session), world?};
atomic GetClients:{clients, world};
atomic StepWorld:{world};
atomic Snapshot:{world?};
