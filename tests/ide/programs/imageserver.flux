/*
 * The image server of the Flux paper (Burns et al., USENIX ATC 2006, Figure 2) and of
 * examples/imageserver, complete: every node has a signature, the abstract ones included.
 *
 * A client asks for an image tile; the server answers from a cache of compressed images or
 * reads the raw image from disk, compresses it and stores it in the cache. User types
 * (image_tag) come from the user's header. Expected diagnostics: none.
 */

/** Blocks in accept(2) on the listening socket; each accepted connection starts a flow. */
Listen () => (int socket);

/** Reads one request from the connection and parses the tag of the image it names. */
ReadRequest (int socket) => (int socket, bool close, image_tag *request);

/** Looks the image up in the cache; on a hit it fills request->compressed. */
CheckCache (int socket, bool close, image_tag *request) => (int socket, bool close, image_tag *request);

/** Reads the raw RGB pixels of the image from disk; fails when the file does not exist. */
ReadInFromDisk (int socket, bool close, image_tag *request) => (int socket, bool close, image_tag *request, uint8_t *rgb);

/** Compresses the pixels to JPEG into request->compressed and frees them. */
Compress (int socket, bool close, image_tag *request, uint8_t *rgb) => (int socket, bool close, image_tag *request);

/** Inserts the compressed image into the cache, evicting the least recently used ones. */
StoreInCache (int socket, bool close, image_tag *request) => (int socket, bool close, image_tag *request);

/** Writes the HTTP response with the compressed image. */
Write (int socket, bool close, image_tag *request) => (int socket, bool close, image_tag *request);

/** Releases the request's cache reference and closes the connection if asked to. */
Complete (int socket, bool close, image_tag *request) => ();

/** One request, from the accepted connection to the response. */
Image (int socket) => ();
Handler (int socket, bool close, image_tag *request) => (int socket, bool close, image_tag *request);

source Listen => Image;                                  // each accepted connection starts a flow
Image = ReadRequest -> CheckCache -> Handler -> Write -> Complete;

typedef hit TestInCache;                                 // predicate type: bool TestInCache(image_tag *request)
Handler:[_, _, hit] = ;                                  // cache hit: nothing to do
Handler:[_, _, _]   = ReadInFromDisk -> Compress -> StoreInCache;

handle error ReadInFromDisk => NotFound;                 // void NotFound(ReadInFromDisk_in *in, int err)

atomic CheckCache:{cache?};                              // reader
atomic StoreInCache:{cache};                             // writer (the default)
atomic Complete:{cache};
