//! Pyrite's `.pyc` files: `__pycache__/NAME.pyrite-311.pyc`.
//!
//! A fixed 48-byte little-endian header, then the code object as
//! `marshal` encodes it. The layout is documented in `docs/pyc-format.md`;
//! in short:
//!
//! ```text
//! 0   4  magic "PYRC"
//! 4   2  format version (FORMAT_VERSION)
//! 6   2  Python version 0x030B (3.11)
//! 8   4  flags: bit 0 hash-based, bit 1 check the source (hash-based only)
//! 12  8  timestamp mode: source mtime, whole seconds (i64)
//!        hash mode: FNV-1a 64 of the source bytes
//! 20  4  timestamp mode: the mtime's nanoseconds; hash mode: 0
//! 24  8  source size in bytes
//! 32  8  payload length
//! 40  8  FNV-1a 64 of the payload
//! 48     payload: the code object (marshal.rs)
//! ```
//!
//! A cache is used only if every field checks out against the source as it is
//! now; anything else (a wrong magic or version, unknown flags, a stale stamp,
//! a short or corrupted payload) means "compile the source again".

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::bytecode::CodeObject;

pub const MAGIC: [u8; 4] = *b"PYRC";
/// Bumped whenever the payload encoding, the instruction set or what the
/// compiler produces for some source changes (a cache from before would
/// still run, but not as this build compiles it).
pub const FORMAT_VERSION: u16 = 4;
pub const PYTHON_VERSION: u16 = 0x030B;
/// The part of the cache file name that says who wrote it.
pub const CACHE_TAG: &str = "pyrite-311";
pub const HEADER_LEN: usize = 48;

const FLAG_HASH: u32 = 1;
const FLAG_CHECK_SOURCE: u32 = 2;

/// How a cache file is tied to its source (PEP 552's three modes).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Invalidation {
    /// The source's modification time, to the nanosecond, and its size.
    Timestamp,
    /// A hash of the source, compared with the source at every import.
    CheckedHash,
    /// A hash of the source, never compared: the cache is trusted until it is
    /// rewritten (for installations whose sources do not change).
    UncheckedHash,
}

/// What is known about a source file when its cache is checked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SourceStamp {
    pub mtime_secs: i64,
    pub mtime_nanos: u32,
    pub size: u64,
}

impl SourceStamp {
    pub fn of(path: &Path) -> std::io::Result<SourceStamp> {
        let meta = std::fs::metadata(path)?;
        let (mtime_secs, mtime_nanos) = match meta.modified()?.duration_since(std::time::UNIX_EPOCH)
        {
            Ok(d) => (d.as_secs() as i64, d.subsec_nanos()),
            Err(before) => {
                let d = before.duration();
                // Before 1970: floor to whole seconds, as a signed stamp.
                let nanos = d.subsec_nanos();
                let secs = -(d.as_secs() as i64) - (nanos > 0) as i64;
                (secs, if nanos > 0 { 1_000_000_000 - nanos } else { 0 })
            }
        };
        Ok(SourceStamp {
            mtime_secs,
            mtime_nanos,
            size: meta.len(),
        })
    }
}

/// FNV-1a, 64 bits: the source hash and the payload checksum. Any change of a
/// single byte changes it.
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        hash ^= b as u64;
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

/// `dir/__pycache__/NAME.pyrite-311.pyc` for `dir/NAME.py`.
pub fn cache_path(source: &Path) -> PathBuf {
    let dir = source.parent().unwrap_or(Path::new(""));
    let stem = source
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    dir.join("__pycache__")
        .join(format!("{stem}.{CACHE_TAG}.pyc"))
}

/// The bytes of a cache file for `code`, compiled from `source` (whose
/// stamp is `stamp`).
pub fn encode(code: &CodeObject, source: &[u8], stamp: SourceStamp, mode: Invalidation) -> Vec<u8> {
    let payload = crate::marshal::dump(code);
    let mut out = Vec::with_capacity(HEADER_LEN + payload.len());
    out.extend_from_slice(&MAGIC);
    out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    out.extend_from_slice(&PYTHON_VERSION.to_le_bytes());
    let (flags, first, nanos) = match mode {
        Invalidation::Timestamp => (0, stamp.mtime_secs as u64, stamp.mtime_nanos),
        Invalidation::CheckedHash => (FLAG_HASH | FLAG_CHECK_SOURCE, fnv1a64(source), 0),
        Invalidation::UncheckedHash => (FLAG_HASH, fnv1a64(source), 0),
    };
    out.extend_from_slice(&flags.to_le_bytes());
    out.extend_from_slice(&first.to_le_bytes());
    out.extend_from_slice(&nanos.to_le_bytes());
    out.extend_from_slice(&stamp.size.to_le_bytes());
    out.extend_from_slice(&(payload.len() as u64).to_le_bytes());
    out.extend_from_slice(&fnv1a64(&payload).to_le_bytes());
    out.extend_from_slice(&payload);
    out
}

/// Why a cache file was not used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Rejected {
    /// Not a Pyrite cache of this format and Python version.
    Foreign(&'static str),
    /// The source changed since the cache was written.
    Stale(&'static str),
    /// Cut short or damaged.
    Corrupt(String),
}

impl std::fmt::Display for Rejected {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Rejected::Foreign(why) | Rejected::Stale(why) => f.write_str(why),
            Rejected::Corrupt(why) => write!(f, "corrupt: {why}"),
        }
    }
}

/// What a valid header says.
pub struct Header {
    pub mode: Invalidation,
}

/// The code object of a cache file, if the file is intact and still matches
/// its source. `source` reads the source bytes; it is called only for a
/// checked hash-based cache.
pub fn decode(
    bytes: &[u8],
    stamp: SourceStamp,
    source: impl FnOnce() -> Option<Vec<u8>>,
) -> Result<(CodeObject, Header), Rejected> {
    if bytes.len() < HEADER_LEN {
        return Err(Rejected::Corrupt("shorter than the header".into()));
    }
    let u16_at = |i: usize| u16::from_le_bytes([bytes[i], bytes[i + 1]]);
    let u32_at =
        |i: usize| u32::from_le_bytes([bytes[i], bytes[i + 1], bytes[i + 2], bytes[i + 3]]);
    let u64_at = |i: usize| {
        let mut a = [0u8; 8];
        a.copy_from_slice(&bytes[i..i + 8]);
        u64::from_le_bytes(a)
    };
    if bytes[0..4] != MAGIC {
        return Err(Rejected::Foreign("not a Pyrite cache (bad magic)"));
    }
    if u16_at(4) != FORMAT_VERSION || u16_at(6) != PYTHON_VERSION {
        return Err(Rejected::Foreign(
            "written by another Pyrite bytecode version",
        ));
    }
    let flags = u32_at(8);
    let mode = match flags {
        0 => Invalidation::Timestamp,
        f if f == FLAG_HASH | FLAG_CHECK_SOURCE => Invalidation::CheckedHash,
        FLAG_HASH => Invalidation::UncheckedHash,
        _ => return Err(Rejected::Foreign("unknown flags")),
    };
    let first = u64_at(12);
    let nanos = u32_at(20);
    let size = u64_at(24);
    match mode {
        Invalidation::Timestamp => {
            if first as i64 != stamp.mtime_secs || nanos != stamp.mtime_nanos {
                return Err(Rejected::Stale("the source's modification time changed"));
            }
            if size != stamp.size {
                return Err(Rejected::Stale("the source's size changed"));
            }
        }
        Invalidation::CheckedHash => {
            if nanos != 0 {
                return Err(Rejected::Corrupt(
                    "a hash-based header with a timestamp".into(),
                ));
            }
            if size != stamp.size {
                return Err(Rejected::Stale("the source's size changed"));
            }
            let Some(source) = source() else {
                return Err(Rejected::Stale("the source cannot be read"));
            };
            if fnv1a64(&source) != first {
                return Err(Rejected::Stale("the source's hash changed"));
            }
        }
        Invalidation::UncheckedHash => {
            if nanos != 0 {
                return Err(Rejected::Corrupt(
                    "a hash-based header with a timestamp".into(),
                ));
            }
        }
    }
    let payload = &bytes[HEADER_LEN..];
    if u64_at(32) != payload.len() as u64 {
        return Err(Rejected::Corrupt(
            "the payload length does not match".into(),
        ));
    }
    if fnv1a64(payload) != u64_at(40) {
        return Err(Rejected::Corrupt(
            "the payload checksum does not match".into(),
        ));
    }
    let code = crate::marshal::load(payload).map_err(|e| Rejected::Corrupt(e.0))?;
    Ok((code, Header { mode }))
}

/// The invalidation mode a cache file was written with, if its header is
/// readable (a stale hash-based cache is rewritten hash-based).
pub fn mode_of(bytes: &[u8]) -> Option<Invalidation> {
    if bytes.len() < 12 || bytes[0..4] != MAGIC {
        return None;
    }
    match u32::from_le_bytes([bytes[8], bytes[9], bytes[10], bytes[11]]) {
        0 => Some(Invalidation::Timestamp),
        f if f == FLAG_HASH | FLAG_CHECK_SOURCE => Some(Invalidation::CheckedHash),
        FLAG_HASH => Some(Invalidation::UncheckedHash),
        _ => None,
    }
}

/// Gives a code object and all those nested in it the file name the module
/// is imported from now (a cache may have been written elsewhere).
pub fn set_filename(code: &mut CodeObject, filename: &str) {
    if code.filename != filename {
        code.filename = filename.to_string();
    }
    for constant in &mut code.consts {
        if let crate::bytecode::Constant::Code(child) = constant {
            set_filename(child, filename);
        }
    }
}

/// Writes a cache file so that no reader ever sees it partly written: the
/// bytes go to a fresh temporary file in the same directory, which is then
/// renamed over the cache. Creates `__pycache__` if needed.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    static COUNTER: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let unique = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = dir.join(format!("{name}.{}.{unique}.tmp", std::process::id()));
    let result = (|| {
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)?;
        // No fsync: a file torn by a power cut fails the length or checksum
        // test and is recompiled, so durability is not worth its cost here.
        file.write_all(bytes)?;
        drop(file);
        std::fs::rename(&temp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code() -> CodeObject {
        crate::compile("x = 1\n", &crate::CompileOptions::new("m.py")).expect("compiles")
    }

    const STAMP: SourceStamp = SourceStamp {
        mtime_secs: 1_700_000_000,
        mtime_nanos: 123_456_789,
        size: 6,
    };

    #[test]
    fn a_fresh_cache_loads_and_a_stale_one_does_not() {
        let bytes = encode(&code(), b"x = 1\n", STAMP, Invalidation::Timestamp);
        assert!(decode(&bytes, STAMP, || None).is_ok());
        // An edit within the same second: only the nanoseconds differ.
        let same_second = SourceStamp {
            mtime_nanos: 123_456_790,
            ..STAMP
        };
        assert!(matches!(
            decode(&bytes, same_second, || None),
            Err(Rejected::Stale(_))
        ));
        let resized = SourceStamp { size: 7, ..STAMP };
        assert!(matches!(
            decode(&bytes, resized, || None),
            Err(Rejected::Stale(_))
        ));
    }

    #[test]
    fn hash_based_caches_check_the_source_when_asked() {
        let checked = encode(&code(), b"x = 1\n", STAMP, Invalidation::CheckedHash);
        let other_time = SourceStamp {
            mtime_secs: 5,
            ..STAMP
        };
        assert!(decode(&checked, other_time, || Some(b"x = 1\n".to_vec())).is_ok());
        assert!(matches!(
            decode(&checked, other_time, || Some(b"x = 2\n".to_vec())),
            Err(Rejected::Stale(_))
        ));
        let unchecked = encode(&code(), b"x = 1\n", STAMP, Invalidation::UncheckedHash);
        assert!(decode(&unchecked, other_time, || panic!("not read")).is_ok());
    }

    #[test]
    fn every_truncation_and_every_flipped_byte_is_rejected() {
        let bytes = encode(&code(), b"x = 1\n", STAMP, Invalidation::Timestamp);
        for len in 0..bytes.len() {
            assert!(
                decode(&bytes[..len], STAMP, || None).is_err(),
                "length {len}"
            );
        }
        for i in 0..bytes.len() {
            let mut flipped = bytes.clone();
            flipped[i] ^= 0x20;
            assert!(decode(&flipped, STAMP, || None).is_err(), "byte {i}");
        }
    }
}
