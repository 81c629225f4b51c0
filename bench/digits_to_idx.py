#!/usr/bin/env python3
"""The UCI/scikit-learn 8x8 digits (1,797 images, 0-16 grey levels) as an MNIST-layout folder, for the small-image rows of
docs/lecture-4-contrastive.md. Reads the CSV that Debian's python3-sklearn ships (apt-get install -y python3-sklearn);
scikit-learn itself is not imported. Pixels are scaled to bytes (round(v * 255 / 16)); a fixed shuffle (seed 0) puts 360
images in t10k-* and 1,437 in train-*.
Usage: python3 bench/digits_to_idx.py OUT_FOLDER [CSV]"""
import csv, gzip, random, struct, sys

out = sys.argv[1]
source = sys.argv[2] if len(sys.argv) > 2 else "/usr/lib/python3/dist-packages/sklearn/datasets/data/digits.csv.gz"
rows = [[float(v) for v in r] for r in csv.reader(gzip.open(source, "rt"))]
random.Random(0).shuffle(rows)
test_count = 360

def write(prefix, part):
    with gzip.open(f"{out}/{prefix}-images-idx3-ubyte.gz", "wb") as f:
        f.write(struct.pack(">IIII", 2051, len(part), 8, 8))
        f.write(bytes(round(v * 255 / 16) for r in part for v in r[:64]))
    with gzip.open(f"{out}/{prefix}-labels-idx1-ubyte.gz", "wb") as f:
        f.write(struct.pack(">II", 2049, len(part)))
        f.write(bytes(int(r[64]) for r in part))

write("train", rows[test_count:])
write("t10k", rows[:test_count])
print(f"{len(rows) - test_count} training and {test_count} test digits written to {out}")
