# Exact reference for the allocation benchmark: the proportional split of docs/campaigns.md
# ("Budget allocation"), written out plainly with Python integers, for
# scripts/bench/allocate.rules on items from gen_allocate.py.
#
#   python3 scripts/bench/allocate_reference.py ITEMS.csv [BUDGET]
#
# Prints `total X` (the sum of the amounts) and `weighted Y` (the sum of amount x weight).
# BUDGET (dollars, e.g. 1000000) replaces the rule's $100,000,000, to check a copy of the rule
# with another budget. The budget is large so that at 1,000,000 items the split is not trivial:
# about a quarter of the items sit at `min`, a few thousand at `max`, the rest in between.
#
# Everything is counted in cents, and the one non-integer quantity, lambda = rest / W, is kept
# as that pair of integers: an item's proportional amount is rest * w / W, so comparing it with
# a bound b is comparing rest * w with b * W, and its floor and remainder come from one divmod.
# No float, no Decimal: nothing is rounded except where the algorithm says so.
import sys
from fractions import Fraction

# The allocation in allocate.rules, in cents:
#   allocate $100_000_000 across items by it.weight min $1 max $5_000 step $0.01
BUDGET = 10_000_000_000   # $100,000,000.00
MINIMUM = 100          # $1.00
MAXIMUM = 500_000      # $5,000.00
STEP = 1               # $0.01


def water_fill(weights):
    """clamp(lambda * w, MINIMUM, MAXIMUM) with lambda making the amounts sum to BUDGET.

    Returns the amounts of the items fixed at a bound (None for the others) and lambda as
    (rest, W). Each round takes lambda over the items not yet fixed; if those below MINIMUM
    fall short by more than those above MAXIMUM exceed, the true lambda can only be smaller,
    so the ones below are fixed at MINIMUM (and the other way round; equal, both sides).
    """
    fixed = [None] * len(weights)
    free = list(range(len(weights)))
    rest = BUDGET
    while free:
        total_weight = sum(weights[i] for i in free)
        if total_weight == 0:           # only zero weights left: they get MINIMUM
            for i in free:
                fixed[i] = MINIMUM
            return fixed, (0, 1)
        low = [i for i in free if rest * weights[i] < MINIMUM * total_weight]
        high = [i for i in free if rest * weights[i] > MAXIMUM * total_weight]
        if not low and not high:
            return fixed, (rest, total_weight)
        # Both sides in units of 1/total_weight cents.
        shortfall = MINIMUM * total_weight * len(low) - rest * sum(weights[i] for i in low)
        excess = rest * sum(weights[i] for i in high) - MAXIMUM * total_weight * len(high)
        if shortfall >= excess:
            for i in low:
                fixed[i] = MINIMUM
            rest -= MINIMUM * len(low)
        if shortfall <= excess:
            for i in high:
                fixed[i] = MAXIMUM
            rest -= MAXIMUM * len(high)
        free = [i for i in free if fixed[i] is None]
    return fixed, (0, 1)


def allocate(weights):
    fixed, (rest, total_weight) = water_fill(weights)
    # Round down to steps; remainders are in units of 1/total_weight cents, zero for the items
    # at a bound (the bounds are whole steps).
    amounts, remainders = [], []
    for amount, w in zip(fixed, weights):
        if amount is not None:
            amounts.append(amount)
            remainders.append(0)
        else:
            steps, remainder = divmod(rest * w, total_weight * STEP)
            amounts.append(steps * STEP)
            remainders.append(remainder)
    # What the items can hold: MAXIMUM for each weighted item, MINIMUM for each of weight zero.
    capacity = sum(MAXIMUM if w else MINIMUM for w in weights)
    left = (min(BUDGET, capacity) - sum(amounts)) // STEP
    # Largest remainder first, ties by list order (sorted is stable); a step never goes past
    # MAXIMUM or to a zero weight.
    order = sorted(range(len(weights)), key=lambda i: -remainders[i])
    while left > 0:
        gave = False
        for i in order:
            if left == 0:
                break
            if weights[i] and amounts[i] + STEP <= MAXIMUM:
                amounts[i] += STEP
                left -= 1
                gave = True
        if not gave:
            break
    return amounts


def dollars(cents):
    sign = "-" if cents < 0 else ""
    return f"{sign}{abs(cents) // 100}.{abs(cents) % 100:02d}"


def main(path):
    with open(path) as lines:
        next(lines)  # the header: id,weight
        weights = [int(line.split(",")[1]) for line in lines]
    if MINIMUM * len(weights) > BUDGET:  # `rules run` refuses this too
        sys.exit(f"the budget cannot give each of the {len(weights)} items its minimum")
    amounts = allocate(weights)
    print("total", dollars(sum(amounts)))
    print("weighted", dollars(sum(a * w for a, w in zip(amounts, weights))))


if __name__ == "__main__":
    if len(sys.argv) not in (2, 3):
        sys.exit("usage: allocate_reference.py ITEMS.csv [BUDGET]")
    if len(sys.argv) == 3:
        BUDGET = Fraction(sys.argv[2].replace("_", "")) * 100
        if BUDGET.denominator != 1 or BUDGET % STEP or BUDGET < 0:
            sys.exit("the budget must be a whole number of steps ($0.01)")
        BUDGET = int(BUDGET)
    main(sys.argv[1])
