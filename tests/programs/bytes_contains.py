# `in` on bytes: an integer is one byte (0..255), bytes-like operands are
# substrings, anything else is a TypeError.
class Idx:
    def __index__(self):
        return 98

for x in ['a', 300, -1, 97, True, 2**100, Idx(), b'b', b'bc', b'', b'cb', 1.5, None]:
    try:
        print(repr(x) if not isinstance(x, Idx) else 'Idx()', x in b'abc', x not in b'abc')
    except Exception as e:
        print(type(e).__name__, e)
print(b'abc'.__contains__(99))
