Listen () => (char *name);
Close (char* name) => ();
source Listen => Close;
