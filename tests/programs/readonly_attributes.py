# Setting attributes CPython computes or keeps read-only: its messages per kind.
s = slice(1)
class I(int): pass
i = I(3)
i.real2 = 4
print(i.real2)
for obj, name in [(s, 'start'), (s, 'step'), (1, 'real'), (True, 'numerator'), (2 ** 80, 'denominator'), (1j, 'imag'), ([].append, '__self__'), (len, '__name__'), (range(3), 'start'), (3.5, 'real'), ((1).__class__, 'x'), (1, 'bit_length'), (1, 'nope')]:
    try:
        setattr(obj, name, 5)
        print("set", name)
    except (AttributeError, TypeError) as e:
        print(type(e).__name__, e)
