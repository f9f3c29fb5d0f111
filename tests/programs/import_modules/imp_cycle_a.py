import imp_cycle_b

X = 1
