Listen () => (int socket);
switch (int socket) => (); // error[FLX104]
source Listen => switch;
