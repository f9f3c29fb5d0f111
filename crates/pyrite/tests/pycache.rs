//! The `__pycache__` bytecode cache: written on first import, reused while
//! the source is unchanged, never trusted when it is stale, cut short or
//! damaged, safe under concurrent writers, and byte-for-byte the same on
//! every machine.
//!
//! Cache decisions are observed through `PYRITE_TRACE_PYCACHE=1`, which makes
//! the importer say on stderr whether it loaded, ignored, compiled or wrote.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

mod common;
use common::root;

/// A fresh directory for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("pyrite-pycache-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch directory");
    dir
}

/// Runs pyrite in `dir` with cache tracing on and bytecode writing allowed
/// (whatever the environment of the test run says).
fn pyrite(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pyrite"))
        .args(args)
        .current_dir(dir)
        .env_remove("PYTHONDONTWRITEBYTECODE")
        .env("PYRITE_TRACE_PYCACHE", "1")
        .output()
        .expect("pyrite runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A program importing `helper`, whose `f` returns `x * factor`.
fn program(dir: &Path, factor: u32) {
    std::fs::write(dir.join("main.py"), "import helper\nprint(helper.f(6))\n").expect("write");
    std::fs::write(
        dir.join("helper.py"),
        format!("def f(x):\n    return x * {factor}\n"),
    )
    .expect("write");
}

fn cache_of(dir: &Path) -> PathBuf {
    dir.join("__pycache__").join("helper.pyrite-311.pyc")
}

#[test]
fn first_import_writes_the_cache_and_the_second_loads_it() {
    let dir = scratch("reuse");
    program(&dir, 7);
    let first = pyrite(&dir, &["main.py"]);
    assert_eq!(text(&first.stdout), "42\n");
    let trace = text(&first.stderr);
    assert!(trace.contains("pycache: compiled"), "{trace}");
    assert!(trace.contains("pycache: wrote"), "{trace}");
    assert!(cache_of(&dir).is_file());
    // The main script itself is never cached, as in CPython.
    assert!(!dir.join("__pycache__/main.pyrite-311.pyc").exists());

    let second = pyrite(&dir, &["main.py"]);
    assert_eq!(text(&second.stdout), "42\n");
    let trace = text(&second.stderr);
    assert!(trace.contains("pycache: loaded"), "{trace}");
    assert!(!trace.contains("compiled"), "{trace}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn an_edit_within_the_same_second_and_of_the_same_size_is_seen() {
    let dir = scratch("edit");
    program(&dir, 7);
    assert_eq!(text(&pyrite(&dir, &["main.py"]).stdout), "42\n");
    // Same length, written at once: only the nanoseconds of the stamp differ.
    program(&dir, 8);
    let after = pyrite(&dir, &["main.py"]);
    assert_eq!(text(&after.stdout), "48\n", "{}", text(&after.stderr));
    let trace = text(&after.stderr);
    assert!(trace.contains("ignored"), "{trace}");
    assert!(trace.contains("compiled"), "{trace}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn truncated_or_damaged_caches_are_ignored_and_rewritten() {
    let dir = scratch("damage");
    program(&dir, 7);
    pyrite(&dir, &["main.py"]);
    let good = std::fs::read(cache_of(&dir)).expect("cache written");
    let mut cases: Vec<Vec<u8>> = (0..good.len()).map(|n| good[..n].to_vec()).collect();
    for i in 0..64.min(good.len()) {
        let mut flipped = good.clone();
        flipped[i] ^= 0xff;
        cases.push(flipped);
    }
    for (n, bytes) in cases.iter().enumerate() {
        std::fs::write(cache_of(&dir), bytes).expect("damage the cache");
        let out = pyrite(&dir, &["main.py"]);
        assert_eq!(
            (out.status.code(), text(&out.stdout)),
            (Some(0), "42\n".to_string()),
            "case {n}: {}",
            text(&out.stderr)
        );
        assert!(text(&out.stderr).contains("compiled"), "case {n}");
        // The cache was rewritten whole.
        assert_eq!(
            std::fs::read(cache_of(&dir)).expect("rewritten"),
            good,
            "case {n}"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_cache_from_another_bytecode_version_is_replaced() {
    let dir = scratch("version");
    program(&dir, 7);
    pyrite(&dir, &["main.py"]);
    let mut bytes = std::fs::read(cache_of(&dir)).expect("cache written");
    bytes[4] = bytes[4].wrapping_add(1);
    std::fs::write(cache_of(&dir), &bytes).expect("write");
    let out = pyrite(&dir, &["main.py"]);
    assert_eq!(text(&out.stdout), "42\n");
    assert!(text(&out.stderr).contains("another Pyrite bytecode version"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn no_cache_is_written_when_told_not_to_or_when_it_cannot_be() {
    let dir = scratch("nowrite");
    program(&dir, 7);
    let out = pyrite(&dir, &["-B", "main.py"]);
    assert_eq!(text(&out.stdout), "42\n");
    assert!(!dir.join("__pycache__").exists());

    let out = Command::new(env!("CARGO_BIN_EXE_pyrite"))
        .arg("main.py")
        .current_dir(&dir)
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .output()
        .expect("pyrite runs");
    assert_eq!(text(&out.stdout), "42\n");
    assert!(!dir.join("__pycache__").exists());

    std::fs::write(
        dir.join("main.py"),
        "import sys\nsys.dont_write_bytecode = True\nimport helper\nprint(helper.f(1))\n",
    )
    .expect("write");
    assert_eq!(text(&pyrite(&dir, &["main.py"]).stdout), "7\n");
    assert!(!dir.join("__pycache__").exists());

    // A file where the directory should be: nothing can be written there.
    program(&dir, 7);
    std::fs::write(dir.join("__pycache__"), "not a directory").expect("write");
    let out = pyrite(&dir, &["main.py"]);
    assert_eq!(
        (out.status.code(), text(&out.stdout)),
        (Some(0), "42\n".into())
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn concurrent_importers_never_fail_and_leave_a_valid_cache() {
    let dir = scratch("concurrent");
    for round in 0..50u32 {
        // A new version of the module each round: both processes find the
        // cache stale and race to rewrite it.
        program(&dir, round);
        let runs: Vec<_> = (0..2)
            .map(|_| {
                Command::new(env!("CARGO_BIN_EXE_pyrite"))
                    .arg("main.py")
                    .current_dir(&dir)
                    .env_remove("PYTHONDONTWRITEBYTECODE")
                    .stdout(std::process::Stdio::piped())
                    .stderr(std::process::Stdio::piped())
                    .spawn()
                    .expect("pyrite starts")
            })
            .collect();
        for run in runs {
            let out = run.wait_with_output().expect("pyrite ends");
            assert_eq!(
                (out.status.code(), text(&out.stdout)),
                (Some(0), format!("{}\n", 6 * round)),
                "round {round}: {}",
                text(&out.stderr)
            );
        }
    }
    let last = pyrite(&dir, &["main.py"]);
    assert_eq!(text(&last.stdout), format!("{}\n", 6 * 49));
    assert!(
        text(&last.stderr).contains("pycache: loaded"),
        "{}",
        text(&last.stderr)
    );
    // No temporary files are left behind.
    let leftovers: Vec<_> = std::fs::read_dir(dir.join("__pycache__"))
        .expect("cache directory")
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// tests/pycache/golden.pyrite-311.pyc was written by
/// `pyrite compile --invalidation-mode checked-hash golden.py` run in a copy
/// of tests/pycache; a hash-based cache has no time stamp in it, so the whole
/// file must come out the same, on any machine.
#[test]
fn the_same_source_compiles_to_the_same_bytes() {
    let dir = scratch("golden");
    std::fs::copy(
        root().join("tests/pycache/golden.py"),
        dir.join("golden.py"),
    )
    .expect("copy");
    let out = pyrite(
        &dir,
        &[
            "compile",
            "--invalidation-mode",
            "checked-hash",
            "golden.py",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let written = std::fs::read(dir.join("__pycache__/golden.pyrite-311.pyc")).expect("written");
    let golden = std::fs::read(root().join("tests/pycache/golden.pyrite-311.pyc")).expect("golden");
    assert!(
        written == golden,
        "the cache bytes differ from the golden file"
    );
    // And the cached code runs.
    let run = pyrite(
        &dir,
        &["-c", "import golden, sys; print(golden.outer(3, c=1))"],
    );
    assert_eq!(text(&run.stdout), "([], {}, 1)\n", "{}", text(&run.stderr));
    assert!(text(&run.stderr).contains("pycache: loaded"));
    let _ = std::fs::remove_dir_all(&dir);
}
