"""Runs `govkg extract --format nquads -` as the mapper of a Spark job (RDD.pipe).

Takes a JSON Lines file of articles (one per line: id, text or html, and optional url,
title, date, publisher) and the path of a govkg binary. Gives a folder of N-Quads part
files, one named graph per article, ready for `govkg load` or any SPARQL store's bulk
loader. Each partition is piped through its own govkg process, which reads JSON Lines
on standard input and writes N-Quads on standard output with no store, so the job runs
unchanged in local mode, on a cluster (ship the binary with --files), or as a Hadoop
Streaming mapper.

    spark-submit --master 'local[2]' examples/spark/extract_pipe.py \
        --govkg target/release/govkg --input feed.jsonl --output out-nq
"""
import argparse
import os

from pyspark import SparkFiles
from pyspark.sql import SparkSession


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--govkg", required=True, help="path of the govkg binary (shipped to executors)")
    ap.add_argument("--input", required=True, help="JSON Lines input (local path, hdfs://, s3a://)")
    ap.add_argument("--output", required=True, help="output folder for the N-Quads part files")
    ap.add_argument("--partitions", type=int, default=0, help="minimum number of partitions (default: Spark's)")
    args = ap.parse_args()

    spark = SparkSession.builder.appName("govkg-extract").getOrCreate()
    sc = spark.sparkContext
    # Ship the binary to every executor; on a cluster the same happens with --files.
    sc.addFile(os.path.abspath(args.govkg))
    binary = os.path.basename(args.govkg)

    # Splitting the file (not repartitioning, which shuffles) keeps the input order
    # across the part files.
    lines = sc.textFile(args.input, minPartitions=args.partitions or None)

    def pipe(partition):
        # What RDD.pipe does, with the binary resolved on the executor (where SparkFiles
        # holds the shipped copy) and exit code 1 (some records skipped, each named on
        # standard error) accepted. Records stream through: a thread feeds standard
        # input while the quads are read from standard output.
        import subprocess
        import threading

        exe = SparkFiles.get(binary)
        os.chmod(exe, 0o755)
        proc = subprocess.Popen([exe, "extract", "--format", "nquads", "-"],
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE)

        def feed():
            try:
                for line in partition:
                    proc.stdin.write(line.encode("utf-8") + b"\n")
            finally:
                proc.stdin.close()

        feeder = threading.Thread(target=feed, daemon=True)
        feeder.start()
        for quad in proc.stdout:
            yield quad.decode("utf-8").rstrip("\n")
        feeder.join()
        if proc.wait() not in (0, 1):
            raise RuntimeError(f"govkg extract failed with exit code {proc.returncode}")

    quads = lines.mapPartitions(pipe)
    quads.saveAsTextFile(args.output)
    spark.stop()


if __name__ == "__main__":
    main()
