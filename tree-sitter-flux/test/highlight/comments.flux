/** Reads one request from the socket. */
// <- comment.documentation
Read (int s) => (int s); // trailing comment
//                       ^ comment
/* block */ Write (int s) => ();
// <- comment
//          ^ function
/**/
// <- comment
