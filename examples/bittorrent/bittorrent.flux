/*
 * A BitTorrent peer (BEP 3) after the paper's (mbittorrent): five sources, one flow per
 * peer-wire message, constraints on the shared state (bittorrent.c).
 *
 * Sources: TrackerTimer announces to the HTTP tracker (started, then every interval,
 * completed once the download is done); ChokeTimer re-picks who is unchoked (tit-for-tat plus
 * an optimistic unchoke); Connect opens an outgoing connection to a peer the tracker named and
 * sends our handshake; Listen waits in epoll_wait(2) on the listening socket and on every
 * idle peer connection and starts one Message flow per message received (a local source:
 * bittorrent.c declares it in flux_init, so each runtime thread polls its own connections
 * and runs their flows itself); KeepAliveTimer sends keep-alives and drops silent peers.
 *
 * A Message flow reads one message (the handshake first), dispatches on its type, sends the
 * blocks the peer asked for once no other message of the peer is buffered (so a cancel in
 * the same batch removes its request) and hands the connection back to Listen. A peer's messages are in one session (PeerSession is the
 * peer's slot), and conn(session) keeps them in order. A piece message that completes a piece
 * runs VerifyPiece (SHA-1) and then writes and announces the piece, or drops it and counts the
 * sender (banned after three bad pieces).
 *
 * Constraints, in canonical order: conn(session) one peer's connection; files the files on
 * disk; peers the peer table (who is connected, choked, interested); pieces the piece map
 * (what we have, what is being downloaded from whom). Every flow takes them in that order.
 *
 * User types (peer, message, announce) come from bittorrent.h. Expected diagnostics: none.
 */

/** Waits in epoll_wait(2) for a new connection (accepted here) or a peer with input. */
Listen () => (peer *p);

/** Reads one message into the peer's buffer; its type is closed at the end of input, on a
 * read error or on a protocol violation (oversize length, bad handshake), none while the rest
 * of the message has not arrived. */
ReadMessage (peer *p) => (peer *p, message *m);

/** Checks the handshake (protocol, info-hash, not ourselves); answers it on incoming
 * connections; the peer joins the table. Fails on a wrong info-hash. */
Handshake (peer *p, message *m) => (peer *p, message *m);

/** Sends our bitfield when we have any piece. */
SendBitfield (peer *p, message *m) => (peer *p, message *m);

/** The peer choked us: its outstanding requests are dropped and its pieces given back. */
Choke (peer *p, message *m) => (peer *p, message *m);

/** The peer unchoked us. */
Unchoke (peer *p, message *m) => (peer *p, message *m);

/** The peer is interested: unchoked at once while an upload slot is free. */
Interested (peer *p, message *m) => (peer *p, message *m);

/** The peer is no longer interested. */
Uninterested (peer *p, message *m) => (peer *p, message *m);

/** The peer has one more piece. */
Have (peer *p, message *m) => (peer *p, message *m);

/** The peer's pieces; fails when the length or the spare bits are wrong. */
Bitfield (peer *p, message *m) => (peer *p, message *m);

/** Queues the block asked for, when the peer is unchoked and we have it. */
Request (peer *p, message *m) => (peer *p, message *m);

/** Removes the block from the peer's queue of requests (sent blocks cannot be recalled). */
Cancel (peer *p, message *m) => (peer *p, message *m);

/** Sends the queued blocks (sendfile from the files) once no other message is buffered. */
SendBlocks (peer *p, message *m) => (peer *p, message *m);

/** Stores a block we asked for in its piece and cancels the same request at other peers
 * (endgame); a piece with every block is complete. */
Piece (peer *p, message *m) => (peer *p, message *m);

/** Checks the complete piece's SHA-1 against the metainfo. */
VerifyPiece (peer *p, message *m) => (peer *p, message *m);

/** Writes the verified piece to the files. */
WritePiece (peer *p, message *m) => (peer *p, message *m);

/** Marks the piece had and tells every peer (have); after the last piece, not interested. */
SendHave (peer *p, message *m) => (peer *p, message *m);

/** Drops a piece with a bad hash (it is requested again) and counts the sender. */
RejectPiece (peer *p, message *m) => (peer *p, message *m);

/** Updates our interest and fills the request pipeline (16 KiB blocks) while unchoked; in the
 * endgame it also asks for blocks other peers were asked for. */
SendRequest (peer *p, message *m) => (peer *p, message *m);

/** Removes the peer from the table, gives its pieces back and closes the connection. */
Disconnect (peer *p, message *m) => (peer *p, message *m);

/** Consumes the message and hands the connection back to Listen (unless it was closed). */
MessageDone (peer *p, message *m) => ();

/** Sleeps until the next announce is due (or the download completed). */
TrackerTimer () => (announce *a);

/** Sends the announce (HTTP GET) and reads the response. */
SendRequestToTracker (announce *a) => (announce *a);

/** Parses the response (bencode, compact or dictionary peers) and queues new peers. */
GetTrackerResponse (announce *a) => ();

/** Sleeps until the next choke round. */
ChokeTimer () => (uint64_t round);

/** Picks the unchoked peers: the fastest interested ones, plus a rotating optimistic one. */
PickChoked (uint64_t round) => (uint64_t round);

/** Sends choke and unchoke to the peers whose state changed. */
SendChokeUnchoke (uint64_t round) => ();

/** Connects to the next queued peer and sends our handshake. */
Connect () => (peer *p);

/** Adds the connection to Listen's poll set; the handshake answer arrives as a message. */
AddPeer (peer *p) => ();

/** Sleeps until the next keep-alive round. */
KeepAliveTimer () => (uint64_t round);

/** Sends a keep-alive to every peer and shuts down the ones silent for too long. */
SendKeepAlives (uint64_t round) => ();

source TrackerTimer => CheckinWithTracker;
source ChokeTimer => UpdateChokeList;
source Connect => AddPeer;
source Listen {session: PeerSession} => Message; // uint64_t PeerSession(Message_in *in)
source KeepAliveTimer => SendKeepAlives;

/** One message of one peer. */
Message = ReadMessage -> HandleMessage -> Upload -> MessageDone;

CheckinWithTracker = SendRequestToTracker -> GetTrackerResponse;
UpdateChokeList = PickChoked -> SendChokeUnchoke;

typedef handshake IsHandshake;         // bool IsHandshake(message *m)
typedef choke IsChoke;                 // bool IsChoke(message *m)
typedef unchoke IsUnchoke;             // bool IsUnchoke(message *m)
typedef interested IsInterested;       // bool IsInterested(message *m)
typedef uninterested IsUninterested;   // bool IsUninterested(message *m)
typedef have IsHave;                   // bool IsHave(message *m)
typedef bitfield IsBitfield;           // bool IsBitfield(message *m)
typedef request IsRequest;             // bool IsRequest(message *m)
typedef cancel IsCancel;               // bool IsCancel(message *m)
typedef piece IsPiece;                 // bool IsPiece(message *m)
typedef closed IsClosed;               // bool IsClosed(message *m)
typedef piececomplete IsPieceComplete; // bool IsPieceComplete(message *m)
typedef verified IsVerified;           // bool IsVerified(message *m)
typedef uploaddue IsUploadDue;         // bool IsUploadDue(message *m)

HandleMessage:[_, handshake] = Handshake -> SendBitfield;
HandleMessage:[_, choke] = Choke;
HandleMessage:[_, unchoke] = Unchoke -> SendRequest;
HandleMessage:[_, interested] = Interested;
HandleMessage:[_, uninterested] = Uninterested;
HandleMessage:[_, have] = Have -> SendRequest;
HandleMessage:[_, bitfield] = Bitfield -> SendRequest;
HandleMessage:[_, request] = Request;
HandleMessage:[_, cancel] = Cancel;
HandleMessage:[_, piece] = Piece -> CompletePiece -> SendRequest;
HandleMessage:[_, closed] = Disconnect;
HandleMessage:[_, _] = ; // keep-alive, port, extensions, a message not complete yet

CompletePiece:[_, piececomplete] = VerifyPiece -> StorePiece;
CompletePiece:[_, _] = ;

StorePiece:[_, verified] = WritePiece -> SendHave;
StorePiece:[_, _] = RejectPiece;

Upload:[_, uploaddue] = SendBlocks;
Upload:[_, _] = ;

handle error HandleMessage => MessageFailed;      // void MessageFailed(HandleMessage_in *in, int err): shut down, Disconnect follows
handle error Connect => ConnectFailed;            // void ConnectFailed(int err)
handle error CheckinWithTracker => TrackerFailed; // void TrackerFailed(CheckinWithTracker_in *in, int err): logged, retried

atomic Message:{conn(session)};
atomic Handshake:{peers};
atomic Choke:{pieces};
atomic Interested:{peers};
atomic Uninterested:{peers};
atomic Have:{pieces};
atomic Bitfield:{pieces};
atomic SendBlocks:{files?};
atomic Piece:{pieces};
atomic WritePiece:{files};
atomic SendHave:{peers?, pieces};
atomic RejectPiece:{peers, pieces};
atomic SendRequest:{pieces};
atomic Disconnect:{peers, pieces};
atomic AddPeer:{peers};
atomic UpdateChokeList:{peers};
atomic SendKeepAlives:{peers?};
