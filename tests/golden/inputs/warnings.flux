// Only warnings: `flux check` exits 0, or 1 with --warnings-as-errors.
Listen () => (int socket);
Echo (int socket) => (int socket);
Unused (int socket) => (); // warning[FLX105]

typedef small IsSmall;
source Listen => Serve; // warning[FLX210]: Serve ends with (int socket)
Serve:[small] = Echo;   // warning[FLX302]: no all-wildcard alternative
