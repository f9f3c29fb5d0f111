from imp_cycle_a import X
