Listen () => (long char c); // error[FLX211]
Close (long char c) => ();  // error[FLX211]
source Listen => Close;
