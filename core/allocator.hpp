// The suite's numerics allocate and free the same large matrices over and over (a batch's tokens, the evaluation
// set's activations, GMP's limbs). glibc's defaults hand freed memory above 128 KB back to the kernel, so every reuse
// faults its pages in again — on this virtual machine page faults are costly enough that they dominated: the trained
// 1-layer claims took 4.5 s instead of 0.37 s, the 2-layer trainer ran 8× slower, with bit-identical results. Call
// once at the start of main: freed memory stays in the process (up to 512 MB), and the heap grows 64 MB at a time.
#pragma once

namespace icl {

void keep_freed_memory();

}  // namespace icl
