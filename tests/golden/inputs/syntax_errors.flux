// Syntax errors: each is reported once (FLX001), and the rest of the file is still checked.
Listen () => (int socket);
Close (int socket) => ();

source Listen => Serve          // error[FLX001]: missing `;`
Serve = Close -> ;              // error[FLX001]: a flow cannot end with an arrow
atomic Close:{conn ;            // error[FLX001]: unclosed constraint set
