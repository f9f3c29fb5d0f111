//! Source bytes -> PEP 263 decoding, parse, symbol table and code generation,
//! as `pyrite compile --no-write` runs them: any input is compiled or rejected
//! with a compile error, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The symbol table alone first: `pyrite symtable` stops after pass 1, and
    // a crash there should not hide behind one in code generation.
    if let Ok(text) = std::str::from_utf8(data) {
        let options = pyrite_compiler::CompileOptions::new("<fuzz>");
        let _ = pyrite_fuzz::on_compiler_stack(|| pyrite_compiler::symbol_table(text, &options));
    }
    let _ = pyrite_fuzz::compile_file_bytes(data);
});
