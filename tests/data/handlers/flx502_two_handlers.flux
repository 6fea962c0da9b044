Listen () => (int socket);
Close (int socket) => ();
source Listen => Close;
handle error Close => OnError;
handle error Close => OnOtherError; // error[FLX502]
