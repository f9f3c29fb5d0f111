import sys
print("main of runpkg", __name__, __package__, sys.argv[1:])
from . import helper
print(helper.X)
