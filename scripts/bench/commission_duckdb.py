# The commission benchmark (../shared/bench/README.md) in DuckDB SQL with exact DECIMAL
# arithmetic, as a peer to compare against; prints only the total, equal to truth.py's.
#
#   python3 scripts/bench/commission_duckdb.py RECORDS.csv THREADS   (pip install duckdb)
#
# The columns are typed up front so that nothing goes through a double: sales is read
# straight into DECIMAL(18,2), the counts as BIGINT. The engagement test is cross-multiplied,
# (likes + comments) * 100 >= 3 * followers, the exact form of (likes + comments) / followers
# >= 3% (DuckDB's `/` on integers gives a double). sales * 0.05 is DECIMAL(18,4), exact, and
# DuckDB's round() on a DECIMAL rounds half away from zero, which is half-up for amounts >= 0.
import sys
import duckdb

if len(sys.argv) != 3:
    sys.exit("usage: commission_duckdb.py RECORDS.csv THREADS")
con = duckdb.connect()
con.execute(f"SET threads = {int(sys.argv[2])}")
query = """
SELECT coalesce(sum(round(least(
         sales * CASE WHEN sales < 1000 THEN 0.05 WHEN sales < 5000 THEN 0.08 ELSE 0.10 END
         + CASE WHEN (likes + comments) * 100 >= 3 * followers AND followers < 100000
                THEN 250 ELSE 0 END,
         5000), 2)), 0)
FROM read_csv(?, header = true, columns = {
  'sales': 'DECIMAL(18,2)', 'followers': 'BIGINT', 'likes': 'BIGINT', 'comments': 'BIGINT',
  'clicks': 'BIGINT', 'conversions': 'BIGINT'})
"""
(total,) = con.execute(query, [sys.argv[1]]).fetchone()
print(f"{total:.2f}")
