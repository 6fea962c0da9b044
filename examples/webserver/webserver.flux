/*
 * A static-file HTTP/1.1 web server with an in-memory file cache (webserver.c).
 *
 * One flow per request, as in the paper's web server. Listen waits in epoll_wait(2) on the
 * listening socket and on every idle keep-alive connection and returns the next connection
 * with input; the flow reads and parses the request head, checks it, dispatches on the method
 * (GET and HEAD are served, anything else gets 405) and on the path (a directory is served by
 * its index.html), looks the file up in the cache under a reader constraint, on a miss reads it
 * and inserts it under a writer constraint, writes the response, and hands a persistent
 * connection back to Listen's poll set (Recycle) or closes it. No flow loops and no thread
 * waits on an idle connection.
 *
 * Nodes fail with the HTTP status to answer; each error handler writes that response.
 * User types (connection, http_request, cache_entry, file_data) come from webserver.h.
 * Expected diagnostics: none.
 */

/** Waits in epoll_wait(2) for a new connection or a kept-alive one with input, and returns it. */
Listen () => (connection *conn);

/** Reads what the socket has until the buffer holds a whole request head (at most 8 KiB). */
ReadRequest (connection *conn) => (connection *conn, http_request *req);

/** Parses the request line and the headers; fails with 400 (or 505) when they are malformed. */
ParseRequest (connection *conn, http_request *req) => (connection *conn, http_request *req);

/** Fails with 414 when the request-target is longer than the server accepts. */
CheckUriLength (connection *conn, http_request *req) => (connection *conn, http_request *req);

/** Fails with 405 for every method the server does not implement. */
RejectMethod (connection *conn, http_request *req) => (connection *conn, http_request *req);

/** Decodes the request-target into a path under the document root; refuses (403) one that escapes it. */
ResolvePath (connection *conn, http_request *req) => (connection *conn, http_request *req);

/** Appends "index.html" to a directory path. */
AddIndexFile (connection *conn, http_request *req) => (connection *conn, http_request *req);

/** Finds the path in the file cache and takes a reference; entry is NULL on a miss. */
LookupCache (
    connection *conn,
    http_request *req
) => (
    connection *conn,
    http_request *req,
    cache_entry *entry
);

/** Opens the file beneath the document root and reads it; fails with 404 (or 403). */
ReadFile (
    connection *conn,
    http_request *req,
    cache_entry *entry
) => (
    connection *conn,
    http_request *req,
    file_data *file
);

/** Inserts the file into the cache (or takes the entry another flow inserted first). */
InsertCache (
    connection *conn,
    http_request *req,
    file_data *file
) => (
    connection *conn,
    http_request *req,
    cache_entry *entry
);

/** Writes the status line, the headers and (except for HEAD) the body; drops the reference. */
WriteResponse (
    connection *conn,
    http_request *req,
    cache_entry *entry
) => (
    connection *conn,
    http_request *req
);

/** Hands a persistent connection back to Listen's poll set. */
Recycle (connection *conn, http_request *req) => ();

/** Closes the connection. */
Close (connection *conn, http_request *req) => ();

/** One request on a connection. */
Request = ReadRequest -> ParseRequest -> CheckUriLength -> Route -> Finish;

source Listen => Request;

typedef get_or_head IsGetOrHead; // bool IsGetOrHead(http_request *req)
typedef directory IsDirectory;   // bool IsDirectory(http_request *req): path ends with '/'
typedef cached IsCached;         // bool IsCached(cache_entry *entry): entry != NULL
typedef keep_alive IsKeepAlive;  // bool IsKeepAlive(http_request *req)

Route:[_, get_or_head] = ServeFile;
Route:[_, _] = RejectMethod;

/** Serves one file, from the cache when it can. */
ServeFile = ResolvePath -> Index -> LookupCache -> Fill -> WriteResponse;

Index:[_, directory] = AddIndexFile;
Index:[_, _] = ;

Fill:[_, _, cached] = ; // cache hit: nothing to read
Fill:[_, _, _] = ReadFile -> InsertCache;

Finish:[_, keep_alive] = Recycle;
Finish:[_, _] = Close;

// Each handler answers with the status its node failed with (the error code), then keeps the
// connection (404, 405, 403 on a persistent connection) or closes it.
handle error ReadRequest => ReadFailed;        // more input to come: back to the poll set; 414/431: answer and close
handle error ParseRequest => BadRequest;       // 400 Bad Request, 505
handle error CheckUriLength => UriTooLong;     // 414 URI Too Long
handle error RejectMethod => MethodNotAllowed; // 405 Method Not Allowed, with an Allow header
handle error ResolvePath => Forbidden;         // 403 Forbidden, 400 for a bad %-escape
handle error ReadFile => NotFound;             // 404 Not Found, 403
handle error Request => CloseConnection;       // anything else (the client went away): close

atomic LookupCache:{file_cache?}; // readers look up concurrently
atomic InsertCache:{file_cache};  // a writer inserts and evicts alone
