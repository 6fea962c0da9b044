/* Types compare in canonical form. */
Listen () => (unsigned long int n, const char *s);
Use (long unsigned n, char const* s) => ();
source Listen => Use;
