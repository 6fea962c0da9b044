/*
 * A static-file HTTP/1.1 web server with an in-memory file cache.
 *
 * One flow per request: read the request head, parse it, check the request-target, dispatch
 * on the method (GET and HEAD are served, anything else gets 405) and on the path (a
 * directory is served by its index.html), look the file up in the cache under a reader
 * constraint, on a miss read it from disk and insert it under a writer constraint, write the
 * response, then keep the connection alive or close it.
 *
 * Keep-alive without loops: a flow never loops back. Recycle hands the socket back to the
 * listener's epoll set and Listen returns it again when the next request arrives.
 *
 * User types (http_request, cache_entry) come from the user's header. Expected
 * diagnostics: none.
 */

/** Waits in epoll_wait(2) for a new connection or a kept-alive one with data to read. */
Listen () => (int socket);

/** Reads the request head (up to the blank line) into a buffer; fails on EOF or timeout. */
ReadRequest (int socket) => (int socket, char *head, size_t length);

/** Parses the request line and headers; fails (400) when the head is malformed. */
ParseRequest (int socket, char *head, size_t length) => (int socket, http_request *request);

/** Fails (414) when the request-target is longer than the server accepts. */
CheckUriLength (int socket, http_request *request) => (int socket, http_request *request);

/** Fails (405) for every method the server does not implement. */
RejectMethod (int socket, http_request *request) => (int socket, http_request *request);

/** Maps the request-target to a path under the document root, with dot segments removed. */
ResolvePath (int socket, http_request *request) => (int socket, http_request *request, const char *path);

/** Appends "index.html" to a directory path. */
AddIndexFile (int socket, http_request *request, const char *path) => (int socket, http_request *request, const char *path);

/** Finds the path in the file cache and takes a reference; entry is NULL on a miss. */
LookupCache (int socket, http_request *request, const char *path) => (int socket, http_request *request, const char *path, cache_entry *entry);

/** Opens the file and stats it; fails (404) when it does not exist or is not a regular file. */
OpenFile (int socket, http_request *request, const char *path, cache_entry *entry) => (int socket, http_request *request, const char *path, int fd, struct stat *info);

/** Reads the whole file into memory and closes fd. */
ReadFile (int socket, http_request *request, const char *path, int fd, struct stat *info) => (int socket, http_request *request, const char *path, char *body, size_t length, time_t modified);

/** Inserts the file into the cache (or takes the entry another flow inserted first). */
InsertCache (int socket, http_request *request, const char *path, char *body, size_t length, time_t modified) => (int socket, http_request *request, const char *path, cache_entry *entry);

/** Writes the status line, headers and (except for HEAD) the body; drops the cache reference. */
WriteResponse (int socket, http_request *request, const char *path, cache_entry *entry) => (int socket, http_request *request);

/** Hands a persistent connection back to the listener and frees the request. */
Recycle (int socket, http_request *request) => ();

/** Closes the connection and frees the request. */
Close (int socket, http_request *request) => ();

/** One request on a connection. */
Request (int socket) => ();
Request = ReadRequest -> ParseRequest -> CheckUriLength -> Route -> Finish;

source Listen => Request;

typedef get_or_head IsGetOrHead;          // bool IsGetOrHead(http_request *request)
typedef directory IsDirectory;            // bool IsDirectory(const char *path): ends with '/'
typedef cached IsCached;                  // bool IsCached(cache_entry *entry): entry != NULL
typedef keep_alive IsKeepAlive;           // bool IsKeepAlive(http_request *request)

Route:[_, get_or_head] = ServeFile;
Route:[_, _]           = RejectMethod;

/** Serves one file, from the cache when it can. */
ServeFile = ResolvePath -> Index -> LookupCache -> Fill -> WriteResponse;

Index:[_, _, directory] = AddIndexFile;
Index:[_, _, _]         = ;

Fill:[_, _, _, cached] = ;                // cache hit: nothing to read
Fill:[_, _, _, _]      = OpenFile -> ReadFile -> InsertCache;

Finish:[_, keep_alive] = Recycle;
Finish:[_, _]          = Close;

// Every handler writes its error response, then closes the connection.
handle error Request        => CloseConnection;   // any other failure: void CloseConnection(Request_in *in, int err)
handle error ParseRequest   => BadRequest;        // 400 Bad Request
handle error OpenFile       => NotFound;          // 404 Not Found
handle error RejectMethod   => MethodNotAllowed;  // 405 Method Not Allowed, with an Allow header
handle error CheckUriLength => UriTooLong;        // 414 URI Too Long

atomic LookupCache:{file_cache?};         // readers look up concurrently
atomic InsertCache:{file_cache};          // a writer inserts and evicts alone
