/*
 * An HTTP/1.1 web server with an in-memory file cache (webserver.c) and PHP (php.c): the
 * paper's web server.
 *
 * One flow per request, as in the paper's web server. Listen waits in epoll_wait(2) on the
 * listening socket and on every idle keep-alive connection and returns the next connection
 * with input; the flow reads and parses the request head, checks it, resolves the path, and
 * dispatches on the kind of resource: a .php script (with --php-fpm) is run by php-fpm over
 * FastCGI; for a static file, GET and HEAD are served and anything else gets 405. A directory
 * is served by its index.html; the file is looked up in the cache under a reader constraint,
 * on a miss read and inserted under a writer constraint; then the flow writes the response,
 * and hands a persistent connection back to Listen's poll set (Recycle) or closes it. No flow
 * loops and no thread waits on an idle connection.
 *
 * Nodes fail with the HTTP status to answer; each error handler writes that response.
 * User types (connection, http_request, cache_entry, file_data, php_call) come from webserver.h.
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

/** Fails with 404 unless the path names a regular file beneath the document root (403 if it escapes). */
CheckScript (connection *conn, http_request *req) => (connection *conn, http_request *req);

/** Sends the CGI variables and the request body to php-fpm (blocks on its socket); 502 when unreachable. */
SendToPhp (
    connection *conn,
    http_request *req
) => (
    connection *conn,
    http_request *req,
    php_call *call
);

/** Reads the script's output, logs its stderr, and answers (whole, or streamed); 502, 504 on failure. */
RelayPhp (
    connection *conn,
    http_request *req,
    php_call *call
) => (
    connection *conn,
    http_request *req
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
Request = ReadRequest -> ParseRequest -> CheckUriLength -> ResolvePath -> Route -> Finish;

source Listen => Request;

typedef php IsPhp;               // bool IsPhp(http_request *req): --php-fpm given, path ends in ".php"
typedef get_or_head IsGetOrHead; // bool IsGetOrHead(http_request *req)
typedef directory IsDirectory;   // bool IsDirectory(http_request *req): path ends with '/'
typedef cached IsCached;         // bool IsCached(cache_entry *entry): entry != NULL
typedef keep_alive IsKeepAlive;  // bool IsKeepAlive(http_request *req)

Route:[_, php] = ServePhp;
Route:[_, get_or_head] = ServeFile;
Route:[_, _] = RejectMethod;

/** Serves one file, from the cache when it can. */
ServeFile = Index -> LookupCache -> Fill -> WriteResponse;

/** Runs a PHP script through FastCGI (php.c). */
ServePhp = CheckScript -> SendToPhp -> RelayPhp;

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
handle error CheckScript => ScriptRefused;     // 404 Not Found, 403: never handed to PHP
handle error SendToPhp => PhpUnavailable;      // 502 Bad Gateway, 504, 411, 413, 408
handle error RelayPhp => PhpFailed;            // 502, 504 before the answer began; else close
handle error Request => CloseConnection;       // anything else (the client went away): close

atomic LookupCache:{file_cache?}; // readers look up concurrently
atomic InsertCache:{file_cache};  // a writer inserts and evicts alone
