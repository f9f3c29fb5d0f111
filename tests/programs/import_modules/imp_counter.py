count = 0
count += 1
print("imp_counter runs")
