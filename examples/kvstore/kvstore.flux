/*
 * A key-value store with a line protocol (kvstore.c), three sources and reader/writer
 * constraints.
 *
 * Clients (source Accept) send one command per line: GET key, SET key value, DEL key,
 * INCR key, QUIT. Each command is one flow; a kept-alive connection goes back to Accept's
 * poll set, so the commands of a connection run in order while connections run in parallel.
 * Operators (source AdminAccept, a second port) ask for STATS or FLUSH the store. A timer
 * (source SnapshotTimer) periodically writes the store to a snapshot file that the next start
 * loads.
 *
 * Constraint store: lookups, STATS and snapshots read (store?) and run together; SET, DEL,
 * INCR and FLUSH write (store) alone. The C nodes check this as they run and count any
 * violation in STATS. Every failure is answered by a handler: ERROR lines keep the connection,
 * an unreadable one is closed.
 *
 * User types (connection, command, snapshot_job) come from kvstore.h. Expected diagnostics:
 * none.
 */

/** Waits in epoll_wait(2) for a client connection with input (new or kept alive). */
Accept () => (connection *conn);

/** Waits in epoll_wait(2) for an operator connection with input, on the admin port. */
AdminAccept () => (connection *conn);

/** Reads one line; fails when it is not complete yet, the client left, or it is too long. */
ReadCommand (connection *conn) => (connection *conn, command *cmd);

/** Splits the line into verb, key and value; fails on a malformed command. */
ParseCommand (connection *conn, command *cmd) => (connection *conn, command *cmd);

/** GET: copies the value (or NOT_FOUND) into the reply. */
GetValue (connection *conn, command *cmd) => (connection *conn, command *cmd);

/** SET: stores the value. */
SetValue (connection *conn, command *cmd) => (connection *conn, command *cmd);

/** DEL: removes the key. */
DeleteValue (connection *conn, command *cmd) => (connection *conn, command *cmd);

/** INCR: adds one to a decimal value (a missing key counts as 0); fails when it is not a number. */
Increment (connection *conn, command *cmd) => (connection *conn, command *cmd);

/** STATS: counts keys and operations, and the constraint violations seen (0). */
Stats (connection *conn, command *cmd) => (connection *conn, command *cmd);

/** FLUSH: removes every key. */
Flush (connection *conn, command *cmd) => (connection *conn, command *cmd);

/** Fails: the verb is not one this port serves. */
Unknown (connection *conn, command *cmd) => (connection *conn, command *cmd);

/** Writes the reply. */
Reply (connection *conn, command *cmd) => (connection *conn, command *cmd);

/** Hands the connection back to its poll set, or closes it after QUIT. */
Done (connection *conn, command *cmd) => ();

/** Sleeps until the next snapshot is due. */
SnapshotTimer () => (snapshot_job *job);

/** Copies every key and value into the job's buffer, under the reader constraint. */
CopyStore (snapshot_job *job) => (snapshot_job *job);

/** Writes the copy to a temporary file of its own, fsyncs it, renames it over the snapshot. */
SaveSnapshot (snapshot_job *job) => ();

source Accept => Command;
source AdminAccept => Admin;
source SnapshotTimer => Snapshot;

/** One client command. */
Command = ReadCommand -> ParseCommand -> Execute -> Reply -> Done;

/** One operator command. */
Admin = ReadCommand -> ParseCommand -> AdminExecute -> Reply -> Done;

/** One snapshot: the store is read only while it is copied, not while the copy is written. */
Snapshot = CopyStore -> SaveSnapshot;

typedef get IsGet;     // bool IsGet(command *cmd)
typedef set IsSet;     // bool IsSet(command *cmd)
typedef del IsDel;     // bool IsDel(command *cmd)
typedef incr IsIncr;   // bool IsIncr(command *cmd)
typedef stats IsStats; // bool IsStats(command *cmd)
typedef flush IsFlush; // bool IsFlush(command *cmd)
typedef quit IsQuit;   // bool IsQuit(command *cmd)

Execute:[_, get] = GetValue;
Execute:[_, set] = SetValue;
Execute:[_, del] = DeleteValue;
Execute:[_, incr] = Increment;
Execute:[_, quit] = ; // the reply is BYE
Execute:[_, _] = Unknown;

AdminExecute:[_, stats] = Stats;
AdminExecute:[_, flush] = Flush;
AdminExecute:[_, quit] = ;
AdminExecute:[_, _] = Unknown;

handle error ReadCommand => ReadFailed;   // not complete: back to the poll set; gone: close; too long: ERROR, close
handle error ParseCommand => BadCommand;  // ERROR syntax
handle error Execute => CommandFailed;    // ERROR unknown command, not a number
handle error AdminExecute => AdminFailed; // ERROR unknown command
handle error Command => Hangup;           // the client went away while we wrote
handle error Admin => AdminHangup;
handle error Snapshot => SnapshotFailed; // logged; the previous snapshot stays

atomic GetValue:{store?};
atomic SetValue:{store};
atomic DeleteValue:{store};
atomic Increment:{store};
atomic Stats:{store?};
atomic Flush:{store};
atomic CopyStore:{store?};
