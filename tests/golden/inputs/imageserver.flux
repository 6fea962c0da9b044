/** An image server: reads a request, serves it from a cache or renders it. */
Listen () => (int socket);
ReadRequest (int socket) => (int socket, bool close, image_tag *request);
CheckCache (
    int socket,
    bool close,
    image_tag *request
) => (
    int socket,
    bool close,
    image_tag *request
);
ReadInFromDisk (
    int socket,
    bool close,
    image_tag *request
) => (
    int socket,
    bool close,
    image_tag *request,
    uint8_t *rgb
);
Compress (
    int socket,
    bool close,
    image_tag *request,
    uint8_t *rgb
) => (
    int socket,
    bool close,
    image_tag *request
);
StoreInCache (
    int socket,
    bool close,
    image_tag *request
) => (
    int socket,
    bool close,
    image_tag *request
);
Write (int socket, bool close, image_tag *request) => (int socket, bool close, image_tag *request);
Complete (int socket, bool close, image_tag *request) => ();

source Listen => Image; // each accepted connection starts a flow
Image = ReadRequest -> CheckCache -> Handler -> Write -> Complete;

typedef hit TestInCache; // predicate type: bool TestInCache(image_tag *request)
Handler:[_, _, hit] = ;  // cache hit: nothing to do
Handler:[_, _, _] = ReadInFromDisk -> Compress -> StoreInCache;

handle error ReadInFromDisk => NotFound; // void NotFound(ReadInFromDisk_in *in, int err)

atomic CheckCache:{cache?};  // reader
atomic StoreInCache:{cache}; // writer (the default)
atomic Complete:{cache};
