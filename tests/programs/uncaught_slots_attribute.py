# A slotted record type; a typo in attribute assignment ends with an uncaught AttributeError


class Node:
    __slots__ = ("value", "next")

    def __init__(self, value, next=None):
        self.value = value
        self.next = next

    def __iter__(self):
        node = self
        while node is not None:
            yield node.value
            node = node.next

    def __len__(self):
        return sum(1 for _ in self)

    def __repr__(self):
        return "Node(" + " -> ".join(map(repr, self)) + ")"


def build(*values):
    head = None
    for v in reversed(values):
        head = Node(v, head)
    return head


chain = build(1, 2, 3)
print(chain, len(chain), list(chain), 2 in chain, sum(chain))
chain.next.value = 20
print(chain)
try:
    chain.extra = True
except AttributeError as e:
    print(type(e).__name__, e)


def relink(node, new_next):
    node.nxt = new_next  # typo: should be node.next
    return node


relink(chain, None)
print("not reached")
