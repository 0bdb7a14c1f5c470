# What the primality tests are checked against, shared by wide_test.py and big_test.py: sympy
# (Debian python3-sympy; importing this module re-runs the test under /usr/bin/python3 when the
# first python3 lacks it) and a plain strong probable-prime test, written here from its
# definition, for constructing pseudoprimes.
import os
import sys

try:
    import sympy  # noqa: F401 (imported by the tests from here)
except ImportError:  # Debian's python3-sympy belongs to /usr/bin/python3, not to a pyenv one
    if os.path.realpath(sys.executable) != os.path.realpath("/usr/bin/python3") and \
            os.path.exists("/usr/bin/python3"):
        os.execv("/usr/bin/python3", ["/usr/bin/python3"] + sys.argv)
    raise


def strong_probable_prime(n, a):
    """True when odd n > 2 passes the strong (Miller-Rabin) test to base a."""
    d, s = n - 1, 0
    while d % 2 == 0:
        d, s = d // 2, s + 1
    x = pow(a, d, n)
    if x in (1, n - 1):
        return True
    for _ in range(s - 1):
        x = x * x % n
        if x == n - 1:
            return True
    return False
