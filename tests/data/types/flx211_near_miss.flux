Listen () => (unsigned long long n, struct stat *st, const char * const *argv, size_t len);
Close (unsigned long long n, struct stat *st, const char * const *argv, size_t len) => ();
source Listen => Close;
