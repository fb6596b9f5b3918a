"""Month-end payouts on Spark: every partition of the conversions goes through the `rules` binary.

    spark-submit --master local[2] examples/spark/payouts_job.py \
        --rules-binary .build/release/rules --rules examples/spark/payouts.rules \
        --partitions 8 --out OUT_DIR EVENTS.csv [MORE.csv ...]

The conversions are read as lines of text, never parsed by Spark (amounts stay the exact text of
the file), keyed by the `Affiliate ID` cell, shuffled so that all rows of one affiliate land in
one partition, sorted by that key within each partition (so each affiliate's rows are
together, as `rules run --stream` needs), and piped through `rules run --stream`. The
statements are written as text:

    OUT_DIR/statements/part-*   the statements' CSV rows, no header (one file per partition)
    OUT_DIR/header/part-00000   the CSV header line
    OUT_DIR/payouts.csv         header and rows in one file (only when OUT_DIR is local)

The binary and the rules file reach the executors through SparkContext.addFile (or
spark-submit --files) and are found there with SparkFiles.get. See README.md beside this file.
"""

import argparse
import os
import shutil
import stat
import subprocess
import sys
import tempfile
import threading
import time

from pyspark import AccumulatorParam, SparkFiles
from pyspark.sql import SparkSession

# The column the statements are keyed by: `rules check --partitions` names its field
# (`affiliate`), whose record reads it from this CSV column.
KEY_COLUMN = b"Affiliate ID"
# The input the rules file splits by and the plan it prints.
INPUT_NAME = "conversions"
PLAN_NAME = "payouts"


def rules_command(binary, rules_file, threads):
    """The command one partition runs: the partition's rows, grouped by key, on standard input;
    the statements' CSV rows on standard output as they are computed."""
    return [binary, "run", rules_file, "--stream", "--data", f"{INPUT_NAME}=-",
            "--only", PLAN_NAME, "--format", "csv", "--max-threads", str(threads)]


# --- CSV keys ---------------------------------------------------------------------------------

def split_csv_line(line):
    """The cells of one CSV record given as bytes, quotes removed (RFC 4180).

    A quoted cell may hold commas and doubled quotes, but not a line break: Spark reads the
    file line by line, so a record spanning lines cannot be kept whole and is refused."""
    if b'"' not in line:
        return line.split(b",")
    cells, i, n = [], 0, len(line)
    while True:
        if line[i:i + 1] == b'"':
            cell, i = bytearray(), i + 1
            while True:
                j = line.find(b'"', i)
                if j < 0:
                    raise ValueError("a quoted cell is not closed on its line (a cell with a line break "
                                     "cannot be split by lines; remove line breaks from cells)")
                cell += line[i:j]
                if line[j + 1:j + 2] == b'"':
                    cell += b'"'
                    i = j + 2
                else:
                    i = j + 1
                    break
            if i < n and line[i:i + 1] != b",":
                raise ValueError("text after a quoted cell's closing quote")
            cells.append(bytes(cell))
        else:
            j = line.find(b",", i)
            j = n if j < 0 else j
            cell = line[i:j]
            if b'"' in cell:
                raise ValueError("a quote inside an unquoted cell")
            cells.append(cell)
            i = j
        if i >= n:
            return cells
        i += 1  # the comma


def key_of(line, index):
    """The key cell of a data line, as bytes."""
    try:
        cells = split_csv_line(line)
    except ValueError as error:
        raise ValueError(f"{error}: {line[:200]!r}") from None
    if index >= len(cells):
        raise ValueError(f"the line has {len(cells)} cells, no column {index + 1} "
                         f"({KEY_COLUMN.decode()}): {line[:200]!r}")
    return cells[index]


def fnv1a64(data):
    """The hash `rules run --partition I/N` splits by (FNV-1a, 64 bits, over the key's UTF-8
    bytes), so Spark's partition I holds the statements of `--partition I/N`."""
    h = 0xCBF29CE484222325
    for byte in data:
        h = ((h ^ byte) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return h


# --- running the rules on one partition -------------------------------------------------------

class SetParam(AccumulatorParam):
    def zero(self, value):
        return set()

    def addInPlace(self, a, b):
        a |= b
        return a


def shipped(name):
    """The path of a file shipped to this executor by addFile or --files."""
    path = SparkFiles.get(name)
    if not os.path.exists(path) and os.path.exists(name):  # YARN puts --files in the working directory
        path = os.path.abspath(name)
    if not os.path.exists(path):
        raise FileNotFoundError(f"{name} did not reach this executor (ship it with spark-submit --files)")
    return path


def executable(path):
    """A shipped file may arrive without its execute bit; give it back."""
    if not os.access(path, os.X_OK):
        os.chmod(path, os.stat(path).st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return path


def make_runner(binary_name, rules_name, header, threads, headers, rows_in, rows_out):
    """The function mapPartitionsWithIndex runs: it feeds the header and the partition's lines
    (all rows of a key together) to the rules command and yields the rows it prints, minus its
    header line. A non-zero exit fails the task with the command's standard error."""

    def run(index, keyed_lines):
        binary = executable(shipped(binary_name))
        rules_file = shipped(rules_name)
        command = rules_command(binary, rules_file, threads)
        fed = [0]
        feed_error = []

        def feed(sink):
            try:
                sink.write(header + b"\n")
                for _, line in keyed_lines:
                    sink.write(line + b"\n")
                    fed[0] += 1
            except BaseException as error:  # also on the feeding thread: never lose it
                feed_error.append(error)
            finally:
                try:
                    sink.close()
                except BrokenPipeError:
                    pass

        # Standard error goes to a file: read only on failure, it can never fill a pipe and stall.
        with tempfile.TemporaryFile(prefix=f"rules-partition-{index}-") as stderr:
            process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=stderr)
            feeder = threading.Thread(target=feed, args=(process.stdin,), daemon=True)
            feeder.start()
            try:
                printed_header, printed = None, 0
                for line in process.stdout:
                    # Each row keeps its own bytes, CR included; saveAsTextFile adds the LF back.
                    if line.endswith(b"\n"):
                        line = line[:-1]
                    if printed_header is None:
                        printed_header = line
                        continue
                    printed += 1
                    yield line
                returncode = process.wait()
                feeder.join()
            finally:
                if process.poll() is None:  # the task was abandoned midway
                    process.kill()
                    process.wait()

            def failure(what):
                stderr.seek(0)
                err = stderr.read().decode("utf-8", "replace")
                return RuntimeError(f"partition {index}: {what}\ncommand: {' '.join(command)}\n"
                                    f"rows fed: {fed[0]}\nstandard error:\n{err}")

            if feed_error and not isinstance(feed_error[0], BrokenPipeError):
                # Reading the partition failed midway: what rules printed is for part of it.
                raise RuntimeError(f"partition {index}: reading its rows failed after {fed[0]}") from feed_error[0]
            if returncode != 0:
                raise failure(f"rules exited with status {returncode}")
            if feed_error:  # exit status 0, yet it stopped reading before the end
                raise failure(f"rules stopped reading its input: {feed_error[0]}")
            if printed_header is None:
                raise failure("rules printed nothing, not even a CSV header")
        headers.add({(printed_header, printed > 0)})
        rows_in.add(fed[0])
        rows_out.add(printed)

    return run


# --- the job ----------------------------------------------------------------------------------

def local_dir(path):
    """The local directory a path names, or None when it is on another filesystem (hdfs:, s3a:, ...)."""
    if path.startswith("file://"):
        return path[len("file://"):]
    return None if "://" in path else path


def ship(sc, path):
    """Sends a file to every executor unless spark-submit --files already did; returns the name
    SparkFiles.get finds it by."""
    name = os.path.basename(path)
    conf = sc.getConf()
    listed = ",".join(conf.get(key, "") for key in ("spark.files", "spark.yarn.dist.files"))
    if name not in {os.path.basename(f) for f in listed.split(",") if f}:
        sc.addFile(path)
    return name


def main():
    parser = argparse.ArgumentParser(description="Month-end payouts on Spark through `rules run`.")
    parser.add_argument("inputs", nargs="+", help="conversion CSV files (each with the same header line)")
    parser.add_argument("--out", required=True, help="output directory (must not exist)")
    parser.add_argument("--rules-binary", required=True, help="the `rules` executable (Linux, statically linked for a cluster)")
    parser.add_argument("--rules", required=True, help="the rules file (partition-safe, e.g. examples/spark/payouts.rules)")
    parser.add_argument("--partitions", type=int, default=8, help="partitions to split the conversions into (default 8)")
    parser.add_argument("--master", help="Spark master when not given by spark-submit, e.g. local[2]")
    args = parser.parse_args()
    if args.partitions < 1:
        parser.error("--partitions must be at least 1")

    builder = SparkSession.builder.appName("rules payouts")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    sc = spark.sparkContext
    started = time.monotonic()

    binary_name = ship(sc, args.rules_binary)
    rules_name = ship(sc, args.rules)
    threads = int(sc.getConf().get("spark.task.cpus", "1"))

    # Bytes, not text: no decoding, no number parsing; every cell stays as written.
    lines = sc.textFile(",".join(args.inputs), use_unicode=False)
    header = lines.first()
    columns = split_csv_line(header)
    if KEY_COLUMN not in columns:
        sys.exit(f"error: the first line of {args.inputs[0]} has no column {KEY_COLUMN.decode()!r}: {header[:200]!r}")
    key_index = columns.index(KEY_COLUMN)

    # Every file's header line is dropped (the files must share it), and so are blank lines,
    # which `rules run` skips too.
    keyed = (lines.filter(lambda line: line != header and line.strip() != b"")
                  .map(lambda line: (key_of(line, key_index), line)))
    grouped = keyed.repartitionAndSortWithinPartitions(args.partitions, partitionFunc=fnv1a64)

    headers = sc.accumulator(set(), SetParam())
    rows_in, rows_out = sc.accumulator(0), sc.accumulator(0)
    runner = make_runner(binary_name, rules_name, header, threads, headers, rows_in, rows_out)
    statements = grouped.mapPartitionsWithIndex(runner)
    statements.saveAsTextFile(args.out.rstrip("/") + "/statements")

    with_rows = {h for h, had_rows in headers.value if had_rows}
    candidates = with_rows or {h for h, _ in headers.value}
    if len(candidates) != 1:
        sys.exit(f"error: the partitions printed different CSV headers: {sorted(candidates)!r}")
    out_header = candidates.pop()
    sc.parallelize([out_header], 1).saveAsTextFile(args.out.rstrip("/") + "/header")

    merged = None
    out_dir = local_dir(args.out)
    if out_dir is not None and os.path.isdir(os.path.join(out_dir, "statements")):
        merged = os.path.join(out_dir, "payouts.csv")
        parts = sorted(p for p in os.listdir(os.path.join(out_dir, "statements")) if p.startswith("part-"))
        with open(merged, "wb") as out:
            out.write(out_header + b"\n")
            for part in parts:
                with open(os.path.join(out_dir, "statements", part), "rb") as f:
                    shutil.copyfileobj(f, out)

    print(f"payouts: {rows_in.value} conversions in {args.partitions} partitions -> {rows_out.value} statement rows "
          f"in {time.monotonic() - started:.1f} s" + (f"; wrote {merged}" if merged else ""))
    spark.stop()


if __name__ == "__main__":
    main()
