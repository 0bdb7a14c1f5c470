#!/usr/bin/env python3
"""Benchmark baseline (not part of primepool): the reference text's design in plain Python, a
queue of numbers, worker processes that loop until a 0 arrives, results on a second queue, and
trial division by odd numbers up to the square root. Written for bench/vs_python.sh; the
reference's own procs.py is not in this repository. Usage: python_pool.py [WORKERS]"""
import math
import sys
import time
from multiprocessing import Process, SimpleQueue
from typing import NamedTuple

SAMPLE = [2, 142702110479723, 299593572317531, 3333333333333301, 3333333333333333,
          3333335652092209, 4444444444444423, 4444444444444444, 4444444488888889,
          5555553133149889, 5555555555555503, 5555555555555555, 6666666666666666,
          6666666666666719, 6666667141414921, 7777777536340681, 7777777777777753,
          7777777777777777, 9999999999999917, 9999999999999999]


class Answer(NamedTuple):
    n: int
    prime: bool
    seconds: float


def trial_division(n: int) -> bool:
    if n < 2:
        return False
    if n % 2 == 0:
        return n == 2
    for d in range(3, math.isqrt(n) + 1, 2):
        if n % d == 0:
            return False
    return True


def work(todo: SimpleQueue, done: SimpleQueue) -> None:
    while (n := todo.get()) != 0:  # 0 is the stop signal
        start = time.perf_counter()
        prime = trial_division(n)
        done.put(Answer(n, prime, time.perf_counter() - start))
    done.put(Answer(0, False, 0.0))


def main() -> None:
    workers = int(sys.argv[1]) if len(sys.argv) > 1 else 2
    start = time.perf_counter()
    todo, done = SimpleQueue(), SimpleQueue()
    for n in SAMPLE:
        todo.put(n)
    for _ in range(workers):
        todo.put(0)
    procs = [Process(target=work, args=(todo, done)) for _ in range(workers)]
    for p in procs:
        p.start()
    finished = 0
    while finished < workers:
        answer = done.get()
        if answer.n == 0:
            finished += 1
        else:
            print(f"{answer.n:16} {'P' if answer.prime else ' '} {answer.seconds:9.6f}s")
    for p in procs:
        p.join()
    print(f"{len(SAMPLE)} checks in {time.perf_counter() - start:.2f}s")


if __name__ == "__main__":
    main()
