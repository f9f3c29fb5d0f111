//! Source bytes -> compile -> run in a fresh VM with an instruction budget.
//! Whatever the program does, it ends in a value or a Python exception.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // Small programs keep executions fast; size is not what this target explores.
    if data.len() > pyrite_fuzz::MAX_PROGRAM_BYTES {
        return;
    }
    pyrite_fuzz::run_bytes(data);
});
