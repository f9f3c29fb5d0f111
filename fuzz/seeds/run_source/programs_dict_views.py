d = {1: 'a', 2: 'b', 3: 'c'}
print(d.keys() & {1, 5}, d.keys() | [9], d.keys() - {2}, d.keys() ^ {3, 4}, {1} & d.keys())
print(d.items() & {(1, 'a')}, d.keys() == {1, 2, 3}, d.keys() == [1, 2, 3], d.keys() <= {1, 2, 3, 4}, d.keys() != {1})
print(list(reversed(d)), list(reversed(d.keys())), list(reversed(d.values())), list(reversed(d.items())))
print(d.values() == d.values(), d.keys().isdisjoint({7}) if hasattr(d.keys(), 'isdisjoint') else None)
