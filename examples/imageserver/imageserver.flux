/*
 * The image server of the Flux paper (Burns et al., USENIX ATC 2006, Figure 2), complete
 * and runnable (imageserver.c).
 *
 * A client asks over HTTP for an image at a scale: GET /NAME.png?scale=K serves the image
 * NAME.ppm of the image directory reduced K times (K = 1, 2, 4 or 8) as a PNG. The server
 * answers from a cache of rendered images, or reads the raw image from disk, scales it,
 * compresses it (zlib, the PNG codec) and stores it in the cache. One flow per request; a
 * kept-alive connection goes back to Listen's poll set.
 *
 * User types (connection, image_tag, image) come from imageserver.h. Expected diagnostics:
 * none.
 */

/** Waits in epoll_wait(2) for a new connection or a kept-alive one with input. */
Listen () => (connection *conn);

/** Reads and parses one request: the image's name and scale; fails with 400, 404 or 405. */
ReadRequest (connection *conn) => (connection *conn, image_tag *request);

/** Looks the rendered image up in the cache; on a hit it takes a reference in request->png. */
CheckCache (connection *conn, image_tag *request) => (connection *conn, image_tag *request);

/** Reads the raw RGB pixels of the image from disk (binary PPM); fails when it does not exist. */
ReadInFromDisk (
    connection *conn,
    image_tag *request
) => (
    connection *conn,
    image_tag *request,
    image *raw
);

/** Reduces the image by the requested scale (box filter) and frees the original. */
Scale (
    connection *conn,
    image_tag *request,
    image *raw
) => (
    connection *conn,
    image_tag *request,
    image *scaled
);

/** Compresses the pixels to PNG (zlib) into request->png and frees them. */
Compress (
    connection *conn,
    image_tag *request,
    image *scaled
) => (
    connection *conn,
    image_tag *request
);

/** Inserts the rendered image into the cache, evicting the least frequently used ones. */
StoreInCache (connection *conn, image_tag *request) => (connection *conn, image_tag *request);

/** Writes the HTTP response with the PNG. */
Write (connection *conn, image_tag *request) => (connection *conn, image_tag *request);

/** Drops the request's reference to the PNG; keeps the connection alive or closes it. */
Complete (connection *conn, image_tag *request) => ();

/** One request, from a connection with input to the response. */
Image (connection *conn) => ();
Handler (connection *conn, image_tag *request) => (connection *conn, image_tag *request);

source Listen => Image; // each request starts a flow
Image = ReadRequest -> CheckCache -> Handler -> Write -> Complete;

typedef hit TestInCache; // bool TestInCache(image_tag *request)
Handler:[_, hit] = ;     // cache hit: nothing to render
Handler:[_, _] = ReadInFromDisk -> Scale -> Compress -> StoreInCache;

handle error ReadRequest => BadRequest;  // more input to come, or 400/404/405
handle error ReadInFromDisk => NotFound; // void NotFound(ReadInFromDisk_in *in, int err)
handle error Image => Drop;              // anything else (the client went away)

atomic CheckCache:{cache?};  // reader
atomic StoreInCache:{cache}; // writer (the default)
