#!/usr/bin/env python3
"""Writes examples/data/creators.csv: the made-up creator roster the example rule files run on.

usage: scripts/generate-example-data.py [OUT.csv]      (default: examples/data/creators.csv)

Deterministic: a fixed seed (SEED = 20260301), the Python standard library only. Every draw
comes from random.Random(SEED).random(), the one sequence Python promises to keep across
versions (the other distributions are written out in `Rng` below), and every value is rounded
to whole counts, cents or hundredths before it is written, so rerunning the script gives the
committed file byte for byte. Rerun it after changing the script and commit the CSV with it.

The data describes one campaign of a fictional prebiotic-soda brand, "Fizzwell": each creator
published one sponsored post (a reel, video, stream, tweet or blog post) with a tracked link
and a discount code. Every number is about that post and the sales it drove.

Format: RFC 4180 CSV, UTF-8, a header row, LF line ends; a field containing a comma, a quote or
a line break is quoted, with quotes doubled. Money is in US dollars with two decimals and no
symbol ("1234.50"); counts are whole numbers; fractions are written as 0-1 with two decimals.

Columns and how they are drawn
  id                 "c001", "c002", ... in file order.
  handle             unique made-up handle (letters, digits, "." and "_").
  platform           drawn with weights instagram 40, tiktok 31, youtube 16, blog 5, x 4,
                     twitch 4 (mega creators are on instagram, tiktok or youtube); lowercase,
                     as the language spells platforms.
  followers          follower count now. Tier first (nano < 10k <= micro < 100k <= macro < 1M
                     <= mega) in fixed numbers: 4 mega, 36 macro, 95 micro, the rest nano; then
                     log-uniform inside the tier (nano from 1,200; mega up to 4.8M).
  previous_followers follower count 30 days earlier. Normal growth: followers / (1 + g) with
                     g ~ Normal(3%, 4%) clipped to [-5%, 40%]. Fraud rows with a spike: g in
                     [60%, 250%] (bought followers).
  likes, comments, shares, saves
                     interactions on the post: followers x engagement rate, split about 80%
                     likes, 3-8% comments, 2-8% shares, the rest saves. The engagement rate
                     depends on platform and tier (TikTok nano ~9%, Instagram micro ~2%,
                     YouTube macro ~1.6% ...) times log-normal noise; outliers are redrawn
                     within 11-15% (high) or 0.7-1% (low), so almost all creators land
                     between 1% and 10%.
  reach              unique accounts that saw the post: a platform-dependent share of followers
                     (Instagram 12-45%, TikTok 20-120% via the For You feed, YouTube 15-60%,
                     blog 15-60% ...). Fraud rows reach 30% of that: bought followers don't look.
  views              plays or page views (>= reach on video platforms).
  impressions        times shown, >= views and >= reach.
  clicks             tracked-link clicks: impressions x a platform click rate (Instagram 2%,
                     TikTok 1.4%, YouTube 2.8%, blog 3.5% ...) x a trust factor (nano 1.8,
                     micro 1.3, macro 1, mega 0.8) x how engaged the audience is compared with
                     the platform's norm, with noise. Always >= 3.
  conversions        orders through the link or code: clicks x a conversion rate of about
                     3.5% x (0.4 + content_fit), with noise; 12 creators are set to sell nothing
                     and a few small ones round to zero (about 10% in all have conversions 0).
                     So sales follow followers, engagement and fit.
  new_customers      orders from first-time buyers: 40-85% of conversions.
  sales              revenue of those orders (money): conversions x an average order value of
                     $32-$58, to the cent. Zero when conversions is zero.
  refunds            refunded revenue (money): about 10% of creators with 2+ orders have 1-3
                     orders refunded; otherwise 0.00. Never more than sales.
  cost               what the brand paid or owes as a flat fee (money): a per-1,000-follower
                     rate by platform (Instagram $10, TikTok $8, YouTube $20 ...), with volume
                     pricing above 100k followers and log-normal noise; at least $75, rounded
                     to $25 (to $100 above $1,000). Always > 0.
  gifted_value       retail value of the product samples sent (money): 1-4 cases at $35.88,
                     sometimes a $49.99 variety pack; 0.00 for ~5% (they bought their own).
  content_fit        brand/content fit scored by the team, 0-1, two decimals: Beta(5, 2),
                     mean ~0.7, kept within 0.15-0.98.
  audience_match     share of the audience in the target demographic, 0-1, two decimals:
                     Beta(4, 3), mean ~0.57, kept within 0.10-0.97.
  caption            the post's text. Has commas, sometimes "quotes", emoji and, on Instagram,
                     line breaks. About 65% disclose where readers see it (#ad, #sponsored,
                     #partner, "Paid partnership with", "Sponsored by"), ~20% do not disclose
                     at all (some use look-alike tags such as #adventure), and ~14% are
                     Instagram captions whose #ad comes only after the third line, behind
                     "more" (written with real line breaks inside the quoted field).

Fraud signals: 13 creators (5%) are planted with a red flag: 7 with an engagement rate below
0.5% of followers, 6 with a follower spike of more than 50% over previous_followers.

Divisions the examples rely on are safe for every row: followers, reach, views, impressions,
clicks, cost and interactions are all > 0. conversions and new_customers can be 0 (creators who
sold nothing), so aov(), cpa() and cac() need `where it.conversions > 0` first.
"""
import csv
import math
import os
import random
import sys

SEED = 20260301
ROWS = 250
TIER_COUNTS = {"mega": 4, "macro": 36, "micro": 95}  # the rest are nano
FRAUD_LOW_ENGAGEMENT = 7
FRAUD_SPIKE = 6

PLATFORMS = [("instagram", 40), ("tiktok", 31), ("youtube", 16), ("x", 4), ("twitch", 4), ("blog", 5)]

TIER_RANGES = {
    "nano": (1_200, 9_999),
    "micro": (10_000, 99_999),
    "macro": (100_000, 999_999),
    "mega": (1_000_000, 4_800_000),
}

# Typical engagement rate (interactions / followers) by platform and tier.
ENGAGEMENT = {
    "tiktok": {"nano": 0.090, "micro": 0.070, "macro": 0.050, "mega": 0.035},
    "instagram": {"nano": 0.032, "micro": 0.020, "macro": 0.014, "mega": 0.010},
    "youtube": {"nano": 0.026, "micro": 0.020, "macro": 0.016, "mega": 0.012},
    "x": {"nano": 0.016, "micro": 0.012, "macro": 0.009, "mega": 0.007},
    "twitch": {"nano": 0.035, "micro": 0.028, "macro": 0.020, "mega": 0.015},
    "blog": {"nano": 0.025, "micro": 0.018, "macro": 0.013, "mega": 0.010},
}

# Share of followers reached by one post: (low, high).
REACH = {
    "instagram": (0.12, 0.45), "tiktok": (0.20, 1.20), "youtube": (0.15, 0.60),
    "x": (0.05, 0.20), "twitch": (0.10, 0.30), "blog": (0.15, 0.60),
}

CLICK_RATE = {"instagram": 0.020, "tiktok": 0.014, "youtube": 0.028, "x": 0.010, "twitch": 0.022, "blog": 0.035}

# Smaller audiences trust their creator more and click more.
TRUST = {"nano": 1.8, "micro": 1.3, "macro": 1.0, "mega": 0.8}

FEE_PER_1K = {"instagram": 10, "tiktok": 8, "youtube": 20, "x": 4, "twitch": 12, "blog": 15}

CASE_CENTS = 3588      # a 12-can case, $35.88
VARIETY_CENTS = 4999   # a variety pack, $49.99

FIRST = ["sunny", "maya", "gut", "daily", "green", "salt", "mama", "trail", "lofi", "kitchen", "fizz",
         "bloom", "cozy", "urban", "wild", "lemon", "matcha", "pixel", "crunchy", "golden", "tiny", "mellow",
         "brunch", "fit", "sage", "nova", "retro", "sprout", "juniper", "cactus", "velvet", "maple", "ruby",
         "ollie", "jess", "theo", "priya", "lena", "marco", "kenji", "amara", "dani", "sol", "ivy", "rio"]
SECOND = ["sips", "eats", "lab", "diaries", "co", "kitchen", "wellness", "moves", "reads", "plays",
          "life", "table", "studio", "daily", "bites", "home", "outdoors", "gamer", "mom", "runs",
          "bakes", "fuel", "notes", "vibes", "club"]

FLAVORS = ["Vintage Cola", "Strawberry Vanilla", "Cherry Limeade", "Ginger Lemon", "Classic Root Beer",
           "Banana Cream", "Orange Squeeze"]


class Rng:
    """Random draws built on random.Random.random() alone: Python guarantees that sequence for a
    seed across versions, but not its other methods (gauss, choice, shuffle ...), so those are
    written out here."""

    def __init__(self, seed):
        self._source = random.Random(seed)

    def random(self):
        return self._source.random()

    def uniform(self, low, high):
        return low + (high - low) * self.random()

    def randrange(self, start, stop=None):
        if stop is None:
            start, stop = 0, start
        return start + int(self.random() * (stop - start))

    def choice(self, items):
        return items[self.randrange(len(items))]

    def shuffle(self, items):
        for i in range(len(items) - 1, 0, -1):
            j = self.randrange(i + 1)
            items[i], items[j] = items[j], items[i]

    def sample(self, items, count):
        pool = list(items)
        for i in range(count):
            j = self.randrange(i, len(pool))
            pool[i], pool[j] = pool[j], pool[i]
        return pool[:count]

    def gauss(self, mean, deviation):
        # Box-Muller
        radius = math.sqrt(-2.0 * math.log(1.0 - self.random()))
        return mean + deviation * radius * math.cos(2.0 * math.pi * self.random())

    def lognormvariate(self, mean, deviation):
        return math.exp(self.gauss(mean, deviation))

    def betavariate(self, alpha, beta):
        """Beta(alpha, beta) for whole alpha and beta: the alpha-th smallest of alpha+beta-1 uniforms."""
        draws = sorted(self.random() for _ in range(alpha + beta - 1))
        return draws[alpha - 1]


def pick_weighted(rng, choices):
    total = sum(weight for _, weight in choices)
    roll = rng.randrange(total)
    for value, weight in choices:
        if roll < weight:
            return value
        roll -= weight
    raise AssertionError("unreachable")


def log_uniform(rng, low, high):
    return int(round(math.exp(rng.uniform(math.log(low), math.log(high)))))


def money(cents):
    sign = "-" if cents < 0 else ""
    cents = abs(cents)
    return f"{sign}{cents // 100}.{cents % 100:02d}"


def fraction(value):
    """A 0-1 value with two decimals, written without float noise."""
    hundredths = max(0, min(100, int(round(value * 100))))
    return f"{hundredths // 100}.{hundredths % 100:02d}"


def handles(rng, count):
    seen = set()
    result = []
    while len(result) < count:
        first, second = rng.choice(FIRST), rng.choice(SECOND)
        style = rng.randrange(5)
        if style == 0:
            handle = f"{first}{second}"
        elif style == 1:
            handle = f"{first}.{second}"
        elif style == 2:
            handle = f"{first}_{second}"
        elif style == 3:
            handle = f"{first}{second}{rng.randrange(1, 100)}"
        else:
            handle = f"the{first}{second}"
        if handle not in seen:
            seen.add(handle)
            result.append(handle)
    return result


def caption(rng, platform, handle, kind):
    """The post's text; kind is 'front', 'label', 'end', 'none', 'lookalike' or 'late'."""
    flavor = rng.choice(FLAVORS)
    code = "".join(ch for ch in handle.split(".")[0].split("_")[0] if ch.isalpha()).upper()[:8] + "15"
    if kind == "late":  # Instagram only: the disclosure sits below the fold
        opener = rng.choice([
            f"Sunday reset, part {rng.randrange(2, 9)}",
            "Fridge restock day, come along",
            f"Things I actually reorder, #{rng.randrange(1, 20)}",
            "POV: it's 3pm and the slump is real",
        ])
        return "\n".join([
            opener,
            rng.choice(["Meal prep, laundry, the usual", "Groceries, a run, and this", "Desk, coffee, then this"]),
            f"The {flavor} surprised me, in a good way",
            ".",
            f"Code {code} for 15% off, link in bio",
            rng.choice(["#ad #fizzwell", "#sponsored #fizzwell #guthealth", "#ad"]),
        ])
    if kind == "front":
        tag = rng.choice(["#ad", "#sponsored", "#ad", "#partner"])
        body = rng.choice([
            f"Trying the {flavor} from @fizzwell, and yes, it's as good as it looks.",
            f"My kids call it \"the fizzy one\", and honestly? Fair. {flavor} all week.",
            f"Swapped my afternoon soda for {flavor}: 9g of fiber, way less sugar, same fizz.",
            f"Taste test: {flavor} vs. the classic. Results, in order, on screen.",
            f"Road trip cooler essentials: ice, snacks, and {flavor} \U0001F964",
        ])
        text = f"{tag} {body} Code {code} saves 15%."
        if platform == "instagram" and rng.random() < 0.4:
            text = text + "\nFull recipe for the float in my highlights\n\n#fizzwell #guthealth"
        return text
    if kind == "label":
        label = rng.choice(["Paid partnership with @fizzwell", "Sponsored by Fizzwell", "In partnership with Fizzwell"])
        body = rng.choice([
            f"the {flavor} float, three ingredients, five minutes",
            f"my honest review of {flavor}, the good, the bad, the burps",
            f"\"is it actually healthy?\", a dietitian friend weighs in",
        ])
        text = f"{label} | {body}. Code {code}"
        if platform == "instagram" and rng.random() < 0.5:
            text = text + "\n.\n.\n#fizzwell #soda #guthealth"
        return text
    if kind == "end":
        body = rng.choice([
            f"Finally tried {flavor}, verdict: dangerously good. Code {code} for 15% off",
            f"Movie night, popcorn, {flavor}, done",
            f"Ranking every Fizzwell flavor, {flavor} wins, don't @ me",
        ])
        return f"{body} {rng.choice(['#ad', '#sponsored', '#ad #fizzwell', '#fizzwell #partner'])}"
    if kind == "lookalike":
        return rng.choice([
            f"Weekend #adventure fuel: {flavor} in the cooler, trail mix, sunscreen",
            f"New #adidas drop and a cold {flavor}, what a Saturday",
            f"#advice: keep a {flavor} in the car for emergencies. Code {code}",
        ])
    # kind == "none"
    return rng.choice([
        f"3pm slump fix: {flavor}, ice, done. Link in bio",
        f"Y'all asked what I drink on stream, it's {flavor}, use code {code}",
        f"Obsessed with the new {flavor}, \"healthy soda\" that tastes like actual soda",
        f"Grocery haul! Fizzwell {flavor}, oat milk, the good bread",
        f"Not me buying a third case of {flavor}, code {code}",
    ])


def caption_kind(rng, platform):
    roll = rng.random()
    if platform == "instagram":
        if roll < 0.25:
            return "late"
        roll = (roll - 0.25) / 0.75
    if roll < 0.30:
        return "front"
    if roll < 0.55:
        return "label"
    if roll < 0.75:
        return "end"
    if roll < 0.82:
        return "lookalike"
    return "none"


def creator_rows(rng):
    tiers = []
    for name, count in TIER_COUNTS.items():
        tiers += [name] * count
    tiers += ["nano"] * (ROWS - len(tiers))
    rng.shuffle(tiers)

    # Fraud rows: chosen among micro and macro creators, where bought followers pay off.
    candidates = [i for i, tier in enumerate(tiers) if tier in ("micro", "macro")]
    fraud = rng.sample(candidates, FRAUD_LOW_ENGAGEMENT + FRAUD_SPIKE)
    low_engagement = set(fraud[:FRAUD_LOW_ENGAGEMENT])
    spike = set(fraud[FRAUD_LOW_ENGAGEMENT:])
    zero_sales = set(rng.sample([i for i in range(ROWS) if i not in low_engagement], 12))

    names = handles(rng, ROWS)
    rows = []
    for index, tier in enumerate(tiers):
        platform = pick_weighted(rng, PLATFORMS)
        if tier == "mega" and platform in ("x", "twitch", "blog"):
            platform = "instagram"
        low, high = TIER_RANGES[tier]
        followers = log_uniform(rng, low, high)

        # Followers 30 days earlier.
        if index in spike:
            growth = rng.uniform(0.60, 2.50)
        else:
            growth = min(0.40, max(-0.05, rng.gauss(0.03, 0.04)))
        previous = max(1, int(round(followers / (1 + growth))))

        # Engagement: interactions on the post as a share of followers.
        typical = ENGAGEMENT[platform][tier]
        if index in low_engagement:
            rate = rng.uniform(0.0010, 0.0045)
        else:
            rate = typical * rng.lognormvariate(0, 0.4)
            if rate > 0.15:  # the rare outliers land anywhere in 11-15%, not on one cut-off
                rate = rng.uniform(0.11, 0.15)
            elif rate < 0.007:
                rate = rng.uniform(0.007, 0.010)
            if index in spike:  # bought followers dilute engagement, but not below the 0.5% flag
                rate = max(0.006, rate / (1 + growth))
        interactions = max(4, int(round(followers * rate)))
        comments = max(1, int(round(interactions * rng.uniform(0.03, 0.08))))
        shares = int(round(interactions * rng.uniform(0.02, 0.08)))
        saves = int(round(interactions * rng.uniform(0.04, 0.12)))
        likes = max(1, interactions - comments - shares - saves)

        # Audience reached and shown.
        reach_low, reach_high = REACH[platform]
        reach_share = math.exp(rng.uniform(math.log(reach_low), math.log(reach_high)))
        if index in low_engagement or index in spike:
            reach_share *= 0.3  # bought followers don't see posts
        reach = max(50, int(round(followers * reach_share)))
        if platform in ("tiktok", "youtube", "twitch"):
            views = int(round(reach * rng.uniform(1.05, 1.6)))
        elif platform == "instagram":
            views = int(round(reach * rng.uniform(1.1, 1.6)))
        else:
            views = int(round(reach * rng.uniform(1.0, 1.3)))
        impressions = max(views, int(round(reach * rng.uniform(1.3, 2.2))))

        # Clicks, orders and revenue.
        content_fit = min(0.98, max(0.15, rng.betavariate(5, 2)))
        audience_match = min(0.97, max(0.10, rng.betavariate(4, 3)))
        engaged = min(2.0, max(0.3, math.sqrt(rate / typical)))
        click_rate = CLICK_RATE[platform] * TRUST[tier] * engaged * rng.lognormvariate(0, 0.35)
        if index in low_engagement or index in spike:
            click_rate *= 0.4
        clicks = max(3, int(round(impressions * click_rate)))
        conversion_rate = 0.035 * (0.4 + content_fit) * rng.lognormvariate(0, 0.3)
        conversions = 0 if index in zero_sales else int(round(clicks * conversion_rate))
        new_customers = int(round(conversions * rng.uniform(0.40, 0.85)))
        order_cents = rng.randrange(3200, 5801)
        sales_cents = sum(order_cents + rng.randrange(-400, 401) for _ in range(conversions)) if conversions else 0
        refunds_cents = 0
        if conversions >= 2 and rng.random() < 0.10:
            refunded = min(conversions, rng.randrange(1, 4))
            refunds_cents = min(sales_cents, refunded * order_cents)

        # Flat fee and samples.
        thousands = followers / 1000
        if thousands > 100:  # volume pricing: above 100k followers each extra follower costs less
            thousands = 100 * (thousands / 100) ** 0.9
        fee = thousands * FEE_PER_1K[platform] * rng.lognormvariate(0, 0.3)
        fee = max(75.0, fee)
        unit = 25 if fee < 1000 else 100
        cost_cents = int(round(fee / unit)) * unit * 100
        if rng.random() < 0.05:
            gifted_cents = 0
        else:
            cases = {"nano": 1, "micro": rng.randrange(1, 3), "macro": rng.randrange(2, 4), "mega": 4}[tier]
            gifted_cents = cases * CASE_CENTS + (VARIETY_CENTS if rng.random() < 0.3 else 0)

        handle = names[index]
        rows.append({
            "id": f"c{index + 1:03d}",
            "handle": handle,
            "platform": platform,
            "followers": followers,
            "previous_followers": previous,
            "likes": likes,
            "comments": comments,
            "shares": shares,
            "saves": saves,
            "reach": reach,
            "views": views,
            "impressions": impressions,
            "clicks": clicks,
            "conversions": conversions,
            "new_customers": new_customers,
            "sales": money(sales_cents),
            "refunds": money(refunds_cents),
            "cost": money(cost_cents),
            "gifted_value": money(gifted_cents),
            "content_fit": fraction(content_fit),
            "audience_match": fraction(audience_match),
            "caption": caption(rng, platform, handle, caption_kind(rng, platform)),
        })
    return rows


COLUMNS = ["id", "handle", "platform", "followers", "previous_followers", "likes", "comments", "shares",
           "saves", "reach", "views", "impressions", "clicks", "conversions", "new_customers", "sales",
           "refunds", "cost", "gifted_value", "content_fit", "audience_match", "caption"]


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    target = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, "examples", "data", "creators.csv")
    rows = creator_rows(Rng(SEED))
    os.makedirs(os.path.dirname(os.path.abspath(target)), exist_ok=True)
    with open(target, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        writer.writeheader()
        writer.writerows(rows)
    print(f"wrote {len(rows)} creators to {target} (seed {SEED})")


if __name__ == "__main__":
    main()
