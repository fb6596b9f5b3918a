# Deterministic items for the allocation benchmark -> CSV with header `id,weight`.
#
#   python3 scripts/bench/gen_allocate.py N OUT.csv
#
# Weights are integers with a spread of seven orders of magnitude, so that a proportional
# split of a fixed budget puts small items at `min`, a handful of very large ones at `max` and
# the rest in between: most are drawn from 10 to 100,000 (a decade chosen uniformly, then a
# value uniform within it), one in 400 from 1,000,000 to 100,000,000, and every 1999th item
# (from the 8th on) has weight zero. Integer arithmetic only, so every platform writes the
# same file.
import sys

MASK = (1 << 64) - 1
state = 0x6A09E667F3BCC908


def rnd():
    # splitmix64
    global state
    state = (state + 0x9E3779B97F4A7C15) & MASK
    z = state
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    return z ^ (z >> 31)


def weight(i):
    if i % 1999 == 7:
        return 0
    if rnd() % 400 == 0:
        low = 10 ** (6 + rnd() % 2)        # 1e6 .. 1e8
    else:
        low = 10 ** (1 + rnd() % 4)        # 10 .. 1e5
    return low + rnd() % (9 * low)


def main(n, path):
    with open(path, "w") as out:
        out.write("id,weight\n")
        out.writelines(f"a{i + 1:07d},{weight(i)}\n" for i in range(n))


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: gen_allocate.py N OUT.csv")
    main(int(sys.argv[1]), sys.argv[2])
