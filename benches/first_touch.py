"""What a first touch of fresh memory costs on this machine, by how much
has been touched so far.

Maps 8 GiB of anonymous memory and writes one byte per 4 KiB page, half a
GiB at a time, printing microseconds per page and the kernel's share of
the time for each half GiB. On the virtual machine lotwise's results come
from, the first 4.5-6 GiB cost about 1.4 us per page and what follows about
8x more: the host backs the guest's memory lazily, and takes back what the
guest frees. A workload whose heap grows into that part (the memory
store's million-lot genealogy after the other workloads, say) slows down
in the kernel, not in its own code. Run: python3 benches/first_touch.py
"""

import mmap
import os
import time

GIB = 1 << 30
TOTAL = 8 * GIB
STEP = GIB // 2
PAGE = 4096


def main() -> None:
    memory = mmap.mmap(-1, TOTAL, flags=mmap.MAP_PRIVATE | mmap.MAP_ANONYMOUS)
    try:
        for start in range(0, TOTAL, STEP):
            wall, cpu = time.perf_counter(), os.times()
            for offset in range(start, start + STEP, PAGE):
                memory[offset] = 1
            took = time.perf_counter() - wall
            kernel = os.times().system - cpu.system
            print(
                f"{start // (1 << 20):6d} MiB: {took / (STEP // PAGE) * 1e6:5.2f} us per page, "
                f"kernel {100 * kernel / took:3.0f} % of the time",
                flush=True,
            )
    finally:
        memory.close()


if __name__ == "__main__":
    main()
