Close (int socket) => ();
source Listen => Close; // error[FLX101]
