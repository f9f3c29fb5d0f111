import sys
print(__name__, __package__, sys.argv[0].rpartition("/")[2], sys.argv[1:], __spec__ is None)
