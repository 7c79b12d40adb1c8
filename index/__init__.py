"""Store and search: SQLite facts and passages, FAISS vectors, embedders, atomic re-indexing.

A search embeds one query and scans one index: on a 2-core machine the thread pools of OpenBLAS and
OpenMP (FAISS, the e5 engine) only fight each other and other processes for the cores, and busy-wait
while doing so (a 12k-vector scan measured 24 ms with them, 0.4 ms without). So, unless the user set
them, BLAS runs single-threaded and OpenMP threads sleep instead of spinning. This must happen before
numpy or faiss is first imported, which is why it sits in the package's __init__.
"""

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
