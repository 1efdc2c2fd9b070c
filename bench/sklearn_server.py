"""scikit-learn's NMF for bench/bench-target.R, driven over stdin/stdout.

Usage: python3 bench/sklearn_server.py DIR
DIR holds meta.txt ("dense|sparse m n k"), the data (A.bin: m x n doubles in
column-major order; or i.bin, j.bin: 0-based int32 row and column indices and
x.bin: doubles) and the start W0.bin (m x k), H0.bin (k x n), column-major.
After loading it prints "ready"; then each input line "SOLVER BETA MAXIT OUT"
fits NMF(solver=SOLVER, beta_loss=BETA, max_iter=MAXIT, tol=0, init="custom")
from W0/H0, writes OUT.W.bin and OUT.H.bin (column-major) and prints
"done SECONDS ITERATIONS", the seconds being those of fit_transform alone.
"""
import sys
import time
import warnings

import numpy as np
import scipy.sparse as sp
from sklearn.decomposition import NMF
from sklearn.exceptions import ConvergenceWarning

warnings.filterwarnings("ignore", category=ConvergenceWarning)


def read(path, shape, dtype="<f8"):
    """A column-major matrix from a binary file, as a C-contiguous array."""
    a = np.fromfile(path, dtype=dtype)
    return np.ascontiguousarray(a.reshape((shape[1], shape[0])).T)


def main(d):
    with open(f"{d}/meta.txt") as f:
        kind, m, n, k = f.read().split()
    m, n, k = int(m), int(n), int(k)
    if kind == "sparse":
        i = np.fromfile(f"{d}/i.bin", dtype="<i4")
        j = np.fromfile(f"{d}/j.bin", dtype="<i4")
        x = np.fromfile(f"{d}/x.bin", dtype="<f8")
        A = sp.csr_matrix((x, (i, j)), shape=(m, n))
    else:
        A = read(f"{d}/A.bin", (m, n))
    W0 = read(f"{d}/W0.bin", (m, k))
    H0 = read(f"{d}/H0.bin", (k, n))
    print("ready", flush=True)
    for line in sys.stdin:
        if not line.strip():
            continue
        solver, beta, maxit, out = line.split()
        model = NMF(n_components=k, init="custom", solver=solver, beta_loss=beta, tol=0.0,
                    max_iter=int(maxit), alpha_W=0.0, alpha_H=0.0, l1_ratio=0.0, shuffle=False,
                    random_state=0)
        W, H = W0.copy(), H0.copy()
        t0 = time.perf_counter()
        W = model.fit_transform(A, W=W, H=H)
        secs = time.perf_counter() - t0
        W.T.tofile(f"{out}.W.bin")  # tofile writes C order: W.T in C order is W column-major
        model.components_.T.tofile(f"{out}.H.bin")
        print(f"done {secs:.6f} {model.n_iter_}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1])
