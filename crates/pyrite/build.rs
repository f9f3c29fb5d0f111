//! Link settings for the `pyrite` executable.

fn main() {
    // Start-up time: a position-dependent executable needs no relocation of its
    // own tables when it loads (a PIE has ~5,700 relative relocations, whose
    // processing writes ~30 pages of tables and reads ~35 more, a good part of
    // `pyrite -c pass`). The loader still maps libc and the rest as usual.
    let target = std::env::var("TARGET").unwrap_or_default();
    if target.contains("linux") {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
}
