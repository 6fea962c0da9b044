Listen () => (int socket);
Close (char *name) => ();
source Listen => Close; // error[FLX205]
