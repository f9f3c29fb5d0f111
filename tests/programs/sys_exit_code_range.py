# Exit statuses: a large int is reduced modulo 256 by the OS; True is 1.
import sys

codes = []
for code in (0, 1, 2, 255, 256, True, False):
    try:
        sys.exit(code)
    except SystemExit as e:
        codes.append(e.code)
print(codes)
raise SystemExit(258)
