Listen () => (int socket);
Close (int socket) => ();
typedef odd IsOdd; // warning[FLX105]
source Listen => Close;
