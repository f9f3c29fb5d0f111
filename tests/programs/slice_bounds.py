# Slices of strs (ASCII and not), lists and tuples over every kind of bound and
# step: negative, past the ends, sys.maxsize and beyond (clamped), zero.
import sys
s = "abcdefghij"
u = "aé€😀bcdefg"
L = list(range(10))
for t in (s, u, L, tuple(L)):
    out = []
    for a in (None, -12, -3, 0, 2, 9, 15):
        for b in (None, -12, -3, 0, 5, 10, 15):
            for c in (None, 0, 1, 2, 3, -1, -2, -4, sys.maxsize, -sys.maxsize, -sys.maxsize - 1, 10**30, -10**30):
                try:
                    out.append(t[a:b:c])
                except (ValueError, OverflowError, IndexError) as e:
                    out.append(type(e).__name__)
    print(len(out), out)
print(s[::-1], u[::-1], s[::sys.maxsize], s[::-sys.maxsize])
