print("imp_broken starts")
1 / 0
