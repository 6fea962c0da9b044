// Columns count code points; carets line up under tabs and wide characters.
Listen () => (int socket);
Reply (int socket) => ();
source Listen => Serve;
/* 返信 🚀 café */	Serve = Reply ->	;    // error[FLX001]
		Bad (int socket) => (int socket) Reply;    // error[FLX001]
