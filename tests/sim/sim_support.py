"""What the simulator's tests share: the program they model."""

#: A source whose flows dispatch three ways to one: `Fast` when the predicate holds, else
#: `Slow`. Tests append their constraints or handlers.
PICK = """\
Src () => (int x);
Pick (int x) => ();
Fast (int x) => ();
Slow (int x) => ();

source Src => Pick;

typedef fast IsFast;
Pick:[fast] = Fast;
Pick:[_] = Slow;
"""
