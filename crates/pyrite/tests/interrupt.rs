//! Sends SIGINT to `pyrite` running each tests/interrupt/NAME.py and compares
//! what it printed and how it ended with what CPython 3.11 did
//! (tests/expected/interrupt/NAME.json, recorded by
//! tests/interrupt/record_cpython.py, whose docstring states the rules both
//! sides follow).
#![cfg(unix)]

use std::io::{BufRead, BufReader, Read};
use std::os::unix::process::ExitStatusExt;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

mod common;
use common::root;

/// A bound on one program's run, so that a missed signal fails the test
/// instead of hanging it. Far above what a loaded machine needs.
const RUN_TIMEOUT: Duration = Duration::from_secs(120);

#[test]
fn sigint_matches_cpython() {
    let dir = root().join("tests/interrupt");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("tests/interrupt")
        .filter_map(|e| {
            let name = e.ok()?.file_name().into_string().ok()?;
            let stem = name.strip_suffix(".py")?;
            (stem != "record_cpython").then(|| stem.to_string())
        })
        .collect();
    names.sort();
    assert!(!names.is_empty());
    let failures: Vec<String> = names
        .iter()
        .filter_map(|name| check(name).err().map(|why| format!("{name}: {why}")))
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

fn check(name: &str) -> Result<(), String> {
    let expected_path = root().join(format!("tests/expected/interrupt/{name}.json"));
    let expected: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&expected_path).map_err(|e| format!("{e}"))?)
            .map_err(|e| format!("{e}"))?;
    let dir = root().join("tests/interrupt");
    let mut child = Command::new(env!("CARGO_BIN_EXE_pyrite"))
        .arg(dir.join(format!("{name}.py")))
        .current_dir(root())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("spawn: {e}"))?;
    let pid = rustix::process::Pid::from_child(&child);
    let stdout = child.stdout.take().expect("piped");
    let mut stderr = child.stderr.take().expect("piped");
    // Read on a thread, so that a program that never ends is caught by the
    // timeout below.
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut out = String::new();
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if line.starts_with("ready") {
                std::thread::sleep(Duration::from_millis(200));
                let _ = rustix::process::kill_process(pid, rustix::process::Signal::INT);
            }
            out.push_str(&line);
            out.push('\n');
        }
        let mut err = String::new();
        let _ = stderr.read_to_string(&mut err);
        let _ = tx.send((out, err));
    });
    let (out, err) = match rx.recv_timeout(RUN_TIMEOUT) {
        Ok(result) => result,
        Err(_) => {
            let _ = child.kill();
            return Err(format!("still running after {RUN_TIMEOUT:?}"));
        }
    };
    let status = child.wait().map_err(|e| format!("wait: {e}"))?;
    let ended = match (status.code(), status.signal()) {
        (Some(code), _) => format!("status {code}"),
        (None, Some(signal)) => format!("signal {signal}"),
        _ => "unknown".to_string(),
    };
    let err = err.replace(&dir.to_string_lossy().into_owned(), "{DIR}");
    let mut problems = Vec::new();
    for (what, actual) in [("stdout", &out), ("stderr", &err), ("ended", &ended)] {
        let want = expected[what].as_str().unwrap_or_default();
        if want != actual.as_str() {
            problems.push(format!(
                "{what} differs\n--- CPython 3.11\n{want}\n--- pyrite\n{actual}"
            ));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("\n"))
    }
}
