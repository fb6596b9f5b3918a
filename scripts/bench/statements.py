# One-pass CPython `decimal` baseline for rules-bench's "statements" case: reads the benchmark
# CSV and writes the statement table that `rules run` writes for Workload.planRule with
# `--format csv --only commissions`, byte for byte.
#
#   python3 scripts/bench/statements.py RECORDS.csv OUT.csv
#
# Per record, as the plan computes it: "Commission" is sales × rate (5% below $1,000, 8% below
# $5,000, else 10%) rounded half_up to cents; "Engagement" is $250 when (likes + comments) /
# followers ≥ 3% and followers < 100,000; when the lines sum to more than $5,000, "Cap" brings
# the total down to $5,000. The subject column is the statement's key: the records have no
# `id`, `handle` or `name`, so it is the statement's position (1, 2, ...).
#
# One pass means the header is written before any statement is seen, so it names every line
# of the plan; `rules run` names only the lines some statement pays. On the benchmark data every
# line is paid somewhere, and rules-bench checks that the two files are identical.
import csv
import sys
from decimal import Decimal, ROUND_HALF_UP


def main(source, target):
    cent = Decimal("0.01")
    low, high = Decimal("1000"), Decimal("5000")
    rates = (Decimal("0.05"), Decimal("0.08"), Decimal("0.10"))
    threshold, bonus, cap = Decimal("0.03"), Decimal("250").quantize(cent), Decimal("5000")
    with open(source, newline="") as infile, open(target, "w", newline="") as outfile:
        rows = csv.reader(infile)
        next(rows)  # the header
        writer = csv.writer(outfile)  # lines end in CRLF, fields quoted only when they must be
        writer.writerow(["subject", "Commission", "Engagement", "Cap", "total"])
        for position, row in enumerate(rows, start=1):
            sales = Decimal(row[0])
            counts = [int(cell) for cell in row[1:]]
            followers, likes, comments = counts[0], counts[1], counts[2]
            rate = rates[0] if sales < low else rates[1] if sales < high else rates[2]
            commission = (sales * rate).quantize(cent, ROUND_HALF_UP)
            total = commission
            engagement = ""
            if Decimal(likes + comments) / followers >= threshold and followers < 100_000:
                engagement = f"{bonus:f}"
                total += bonus
            capped = ""
            if total > cap:
                capped = f"{cap - total:f}"
                total = cap.quantize(cent)
            writer.writerow([position, f"{commission:f}", engagement, capped, f"{total:f}"])


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
