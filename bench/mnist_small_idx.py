#!/usr/bin/env python3
"""A small, mid-sized image set for the contrastive rows of docs/benchmarks: the first TRAIN training and TEST test digits of
an MNIST-layout folder, each 28 x 28 image averaged over 2 x 2 blocks to 14 x 14, written in the MNIST layout.
Usage: python3 bench/mnist_small_idx.py SOURCE_FOLDER OUT_FOLDER [TRAIN (2000)] [TEST (500)]"""
import gzip, os, struct, sys

source, out = sys.argv[1], sys.argv[2]
counts = {"train": int(sys.argv[3]) if len(sys.argv) > 3 else 2000, "t10k": int(sys.argv[4]) if len(sys.argv) > 4 else 500}
os.makedirs(out, exist_ok=True)
for prefix, count in counts.items():
    images = gzip.open(f"{source}/{prefix}-images-idx3-ubyte.gz").read()
    labels = gzip.open(f"{source}/{prefix}-labels-idx1-ubyte.gz").read()
    _, n, rows, cols = struct.unpack(">IIII", images[:16])
    assert (rows, cols) == (28, 28) and count <= n, (rows, cols, n)
    small = bytearray()
    for i in range(count):
        img = images[16 + i * 784: 16 + (i + 1) * 784]
        for r in range(14):
            for c in range(14):
                block = img[(2 * r) * 28 + 2 * c] + img[(2 * r) * 28 + 2 * c + 1] + img[(2 * r + 1) * 28 + 2 * c] + img[(2 * r + 1) * 28 + 2 * c + 1]
                small.append((block + 2) // 4)
    with gzip.open(f"{out}/{prefix}-images-idx3-ubyte.gz", "wb") as f:
        f.write(struct.pack(">IIII", 2051, count, 14, 14) + bytes(small))
    with gzip.open(f"{out}/{prefix}-labels-idx1-ubyte.gz", "wb") as f:
        f.write(struct.pack(">II", 2049, count) + labels[8:8 + count])
