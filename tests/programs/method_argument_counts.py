# Argument-count errors of built-in methods count the arguments without self.
for expr in ["[].index()", "[].insert(1)", "[].insert()", "[].pop(1, 2)", "{}.get()", "{}.get(1,2,3)", "{}.pop()", "dict.fromkeys()", "().index()", "(1,).index(1, 0, 1, 2)", "{}.setdefault()", "(x for x in []).throw()"]:
    try: eval(expr)
    except Exception as e: print(expr, type(e).__name__, e)
