# The built-in types of methods in a type dict: method_descriptor, wrapper_descriptor.
print(repr(str.upper), repr(list.append), repr(dict.fromkeys)[:40], repr(object.__init__))
print(type(str.upper).__name__, type(list.__len__).__name__, type(object.__init__).__name__, type(dict.fromkeys).__name__, type(int.__new__).__name__)
print(str.upper("a"), str.upper.__name__, str.upper.__qualname__, str.upper.__objclass__)
print(str.upper.__get__("b")(), callable(str.upper))
