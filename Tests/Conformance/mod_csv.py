import csv, os
path = "_wick_csv_tmp.csv"
with open(path, "w") as f:
    w = csv.writer(f)
    w.writerow(["name", "score"])
    w.writerow(["ann", 3])
    w.writerow(["b, c", 4])
with open(path) as f:
    print(list(csv.reader(f)))
with open(path) as f:
    for row in csv.DictReader(f):
        print(row["name"], row["score"])
os.remove(path)
