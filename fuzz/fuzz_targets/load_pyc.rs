//! Bytes -> the `.pyc` loader (`pyc::decode`, as imports call it) and the
//! marshal decoder beneath it: anything is a code object or a rejection.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pyrite_compiler::{marshal, pyc};

fuzz_target!(|data: &[u8]| {
    // The stamp the header claims, so that mutated payloads get past the
    // freshness checks to the checksum and the decoder.
    let stamp = pyrite_fuzz::claimed_stamp(data);
    let _ = pyc::mode_of(data);
    if let Ok((mut code, _)) = pyc::decode(data, stamp, || Some(Vec::new())) {
        pyc::set_filename(&mut code, "<fuzz>");
    }
    // A mutation almost never keeps the payload checksum right, so the
    // payload also goes to the decoder directly.
    if let Some(payload) = data.get(pyc::HEADER_LEN..) {
        let _ = marshal::load(payload);
    }
});
