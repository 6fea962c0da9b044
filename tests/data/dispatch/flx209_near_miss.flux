Listen () => (int a, int b);
Close (int a, int b) => ();
source Listen => Serve;
typedef small IsSmall;
typedef tiny IsSmall;
Serve:[small, _] = Close;
Serve:[_, tiny] = Close;
Serve:[_, _] = Close;
