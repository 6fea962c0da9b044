Listen () => (int default); // error[FLX104]
Close (int socket) => ();
source Listen => Close;
