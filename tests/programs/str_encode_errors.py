# str.encode and bytes(str, enc, errors): the errors= handlers, and CPython's escapes in messages.
print('h€llo😀é'.encode('ascii', 'backslashreplace'), 'h€é'.encode('latin-1', 'replace'), 'h€'.encode('ascii', 'ignore'))
print('héllo'.encode('ascii', errors='replace'), bytes('é', 'ascii', 'replace'), bytearray('x€', 'latin-1', 'ignore'))
print('abc'.encode('ascii', 'bad'), 'é'.encode('utf-8', 'bad'))
for c in ['é', '€', '😀']:
    for enc in ['ascii', 'latin-1']:
        try:
            print(c.encode(enc))
        except UnicodeEncodeError as e:
            print(e)
try:
    'h€'.encode('ascii', 'bad')
except LookupError as e:
    print(type(e).__name__, e)
