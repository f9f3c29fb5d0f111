//! Types scripted sessions into `pyrite -q` on a pseudo-terminal and compares
//! the screen with what CPython 3.11's prompt showed for the same keys
//! (`tests/expected/repl/NAME.txt` for `tests/repl/NAME.keys`, recorded by
//! `tests/repl/record_cpython.py`). That script's docstring states the rules
//! both sides follow: the keys format, when the next line is typed (once the
//! prompt shows), and how the bytes written become a screen (escape sequences
//! that only switch terminal modes dropped, carriage returns and in-line
//! cursor moves applied).
#![cfg(unix)]

use std::io::{Read, Write};
use std::os::fd::OwnedFd;
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use rustix::pty::OpenptFlags;

mod common;
use common::root;

/// How long one prompt may take to show. Generous: a loaded two-core machine
/// must make the test slow, never make it fail.
const PROMPT_TIMEOUT: Duration = Duration::from_secs(60);
/// The whole session's bound, so that a stuck prompt fails the test rather
/// than hanging the run.
const SESSION_TIMEOUT: Duration = Duration::from_secs(300);
const PROMPTS: [&str; 2] = [">>> ", "... "];

#[test]
fn sessions_match_cpython() {
    let dir = root().join("tests/repl");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("listing {}: {e}", dir.display()))
        .filter_map(|entry| {
            let name = entry.ok()?.file_name().into_string().ok()?;
            name.strip_suffix(".keys").map(str::to_string)
        })
        .collect();
    names.sort();
    assert!(!names.is_empty(), "no sessions in {}", dir.display());
    let failures: Vec<String> = names
        .iter()
        .filter_map(|name| check(name).err().map(|why| format!("{name}: {why}")))
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} sessions differ from CPython 3.11:\n\n{}",
        failures.len(),
        names.len(),
        failures.join("\n\n")
    );
}

fn check(name: &str) -> Result<(), String> {
    let keys = read_keys(&root().join(format!("tests/repl/{name}.keys")))?;
    let expected_path = root().join(format!("tests/expected/repl/{name}.txt"));
    let expected = std::fs::read_to_string(&expected_path)
        .map_err(|e| format!("reading {}: {e}", expected_path.display()))?;
    let screen = run_session(name, &keys)?;
    if screen != expected {
        return Err(format!(
            "the screen differs, {}\n--- CPython ---\n{expected}\n--- pyrite ---\n{screen}",
            first_difference(&expected, &screen)
        ));
    }
    Ok(())
}

/// The first line where two screens differ, quoted so that blanks show.
fn first_difference(expected: &str, actual: &str) -> String {
    let expected: Vec<&str> = expected.split('\n').collect();
    let actual: Vec<&str> = actual.split('\n').collect();
    let at = (0..expected.len().max(actual.len()))
        .find(|&i| expected.get(i) != actual.get(i))
        .unwrap_or(0);
    format!(
        "line {}:\n  CPython: {:?}\n  pyrite:  {:?}",
        at + 1,
        expected.get(at),
        actual.get(at)
    )
}

/// The bytes to type, one element per line of the keys file: the line and
/// Enter (a carriage return, as a terminal sends it), or Ctrl-D alone for a
/// line reading `<Ctrl-D>`.
fn read_keys(path: &Path) -> Result<Vec<Vec<u8>>, String> {
    let text =
        std::fs::read_to_string(path).map_err(|e| format!("reading {}: {e}", path.display()))?;
    Ok(text
        .lines()
        .map(|line| match line {
            "<Ctrl-D>" => vec![0x04],
            _ => [line.as_bytes(), b"\r"].concat(),
        })
        .collect())
}

/// A running `pyrite -q` on a pseudo-terminal. Dropping it kills the program,
/// so that no failure leaves one behind.
struct Session {
    child: Child,
    terminal: std::fs::File,
    /// What the program writes, in the chunks read from the terminal; the
    /// channel closes when the program has closed the terminal.
    chunks: Receiver<Vec<u8>>,
    output: Vec<u8>,
    deadline: Instant,
}

impl Session {
    fn start(home: &Path) -> Result<Session, String> {
        let fail = |what: &'static str| move |e: rustix::io::Errno| format!("{what}: {e}");
        let flags = OpenptFlags::RDWR | OpenptFlags::NOCTTY | OpenptFlags::CLOEXEC;
        let controller = rustix::pty::openpt(flags).map_err(fail("openpt"))?;
        rustix::pty::grantpt(&controller).map_err(fail("grantpt"))?;
        rustix::pty::unlockpt(&controller).map_err(fail("unlockpt"))?;
        let name = rustix::pty::ptsname(&controller, Vec::new()).map_err(fail("ptsname"))?;
        let user: OwnedFd = rustix::fs::open(
            name.as_c_str(),
            rustix::fs::OFlags::RDWR | rustix::fs::OFlags::NOCTTY | rustix::fs::OFlags::CLOEXEC,
            rustix::fs::Mode::empty(),
        )
        .map_err(fail("opening the terminal"))?;
        let size = rustix::termios::Winsize {
            ws_row: 24,
            ws_col: 80,
            ws_xpixel: 0,
            ws_ypixel: 0,
        };
        rustix::termios::tcsetwinsize(&user, size).map_err(fail("setting the window size"))?;
        let stdio = || {
            user.try_clone()
                .map(Stdio::from)
                .map_err(|e| format!("dup: {e}"))
        };
        let mut command = Command::new(env!("CARGO_BIN_EXE_pyrite"));
        command
            .arg("-q")
            .current_dir(home)
            .env("HOME", home)
            .env("TERM", "xterm")
            .env("INPUTRC", "/dev/null")
            .env_remove("PYTHONSTARTUP")
            .stdin(stdio()?)
            .stdout(stdio()?)
            .stderr(stdio()?);
        // SAFETY: between fork and exec only async-signal-safe calls are
        // allowed; setsid and the ioctl are single system calls that do not
        // allocate. They make the terminal the program's controlling one, as a
        // login shell's is, and as `pty.fork` does for the CPython recording.
        unsafe {
            command.pre_exec(|| {
                rustix::process::setsid()?;
                rustix::process::ioctl_tiocsctty(rustix::stdio::stdin())?;
                Ok(())
            });
        }
        let child = command
            .spawn()
            .map_err(|e| format!("cannot run pyrite: {e}"))?;
        // Only the program may hold the terminal's user side now: its closing
        // is how the reader learns that the program has gone.
        drop(command);
        drop(user);
        let terminal = std::fs::File::from(controller);
        let mut reader = terminal.try_clone().map_err(|e| format!("dup: {e}"))?;
        let (sender, chunks) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            // A read fails (EIO) once the program has closed the terminal.
            while let Ok(n @ 1..) = reader.read(&mut buf) {
                if sender.send(buf[..n].to_vec()).is_err() {
                    break;
                }
            }
        });
        Ok(Session {
            child,
            terminal,
            chunks,
            output: Vec::new(),
            deadline: Instant::now() + SESSION_TIMEOUT,
        })
    }

    /// Reads until `done` holds for the screen (true) or the program has
    /// closed the terminal (false).
    fn read_until(&mut self, done: impl Fn(&Screen) -> bool, what: &str) -> Result<bool, String> {
        let deadline = self.deadline.min(Instant::now() + PROMPT_TIMEOUT);
        loop {
            if done(&Screen::render(&self.output)?) {
                return Ok(true);
            }
            let left = deadline.saturating_duration_since(Instant::now());
            match self.chunks.recv_timeout(left) {
                Ok(chunk) => self.output.extend_from_slice(&chunk),
                Err(RecvTimeoutError::Disconnected) => return Ok(false),
                Err(RecvTimeoutError::Timeout) => {
                    return Err(format!(
                        "no {what} in time; the screen so far:\n{}",
                        Screen::render(&self.output)?.text()
                    ))
                }
            }
        }
    }

    fn line_feeds(&self) -> Result<usize, String> {
        Ok(Screen::render(&self.output)?.line_feeds)
    }

    fn type_keys(&mut self, keys: &[u8]) -> Result<(), String> {
        self.terminal
            .write_all(keys)
            .map_err(|e| format!("typing {keys:?}: {e}"))
    }

    /// Waits for the program to exit once it has closed the terminal.
    fn exit_status(&mut self) -> Result<std::process::ExitStatus, String> {
        loop {
            match self.child.try_wait() {
                Ok(Some(status)) => return Ok(status),
                Ok(None) if Instant::now() > self.deadline => {
                    return Err("closed the terminal but did not exit".into())
                }
                Ok(None) => std::thread::sleep(Duration::from_millis(10)),
                Err(e) => return Err(format!("wait failed: {e}")),
            }
        }
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// Types `keys` into `pyrite -q`, each line once the prompt shows, and
/// returns the screen after the program has left.
fn run_session(name: &str, keys: &[Vec<u8>]) -> Result<String, String> {
    // A fresh home: no history is read, and the one written stays here.
    let home = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("repl_pty/{name}"));
    let _ = std::fs::remove_dir_all(&home);
    std::fs::create_dir_all(&home).map_err(|e| format!("creating {}: {e}", home.display()))?;
    let mut session = Session::start(&home)?;
    // The first prompt needs no line feed before it.
    session.read_until(|screen| screen.at_prompt(None), "first prompt")?;
    for (n, key) in keys.iter().enumerate() {
        let before = session.line_feeds()?;
        session.type_keys(key)?;
        if n + 1 < keys.len()
            && !session.read_until(
                |screen| screen.at_prompt(Some(before)),
                &format!("prompt after {key:?}"),
            )?
        {
            return Err(format!(
                "pyrite left before all keys were typed:\n{}",
                Screen::render(&session.output)?.text()
            ));
        }
    }
    session.read_until(|_| false, "end after the last keys")?;
    let status = session.exit_status()?;
    let screen = Screen::render(&session.output)?.text();
    // The recorder checks that CPython leaves with status 0.
    if !status.success() {
        return Err(format!("pyrite left with {status}; the screen:\n{screen}"));
    }
    Ok(screen)
}

/// The screen after some output, by the rules of `record_cpython.py`.
struct Screen {
    lines: Vec<Vec<char>>,
    row: usize,
    col: usize,
    line_feeds: usize,
}

impl Screen {
    fn render(output: &[u8]) -> Result<Screen, String> {
        let mut screen = Screen {
            lines: vec![Vec::new()],
            row: 0,
            col: 0,
            line_feeds: 0,
        };
        let text = String::from_utf8_lossy(output);
        let mut chars = text.chars();
        while let Some(c) = chars.next() {
            match c {
                '\x1b' => screen.escape(&mut chars)?,
                '\r' => screen.col = 0,
                '\n' => {
                    screen.row += 1;
                    screen.line_feeds += 1;
                    if screen.row == screen.lines.len() {
                        screen.lines.push(Vec::new());
                    }
                }
                '\x08' => screen.col = screen.col.saturating_sub(1),
                '\t' => screen.col = (screen.col / 8 + 1) * 8,
                c if !c.is_control() => screen.put(c),
                _ => {}
            }
        }
        Ok(screen)
    }

    /// Applies the escape sequence after an ESC. One cut off by the end of
    /// the output is dropped.
    fn escape(&mut self, chars: &mut std::str::Chars) -> Result<(), String> {
        match chars.next() {
            Some('[') => {
                let mut params = String::new();
                let mut intermediates = false;
                loop {
                    match chars.next() {
                        Some(c @ '0'..='?') if !intermediates => params.push(c),
                        Some(' '..='/') => intermediates = true,
                        Some(c @ '@'..='~') => return self.control_sequence(&params, c),
                        // Cut off, or not a control sequence: drop it.
                        _ => return Ok(()),
                    }
                }
            }
            // An operating-system command (a window title) ends with BEL or ESC \.
            Some(']') => {
                while let Some(c) = chars.next() {
                    if c == '\x07' || (c == '\x1b' && chars.next() == Some('\\')) {
                        break;
                    }
                }
                Ok(())
            }
            _ => Ok(()),
        }
    }

    fn control_sequence(&mut self, params: &str, last: char) -> Result<(), String> {
        let n: usize = if !params.is_empty() && params.bytes().all(|b| b.is_ascii_digit()) {
            params.parse().unwrap_or(0)
        } else {
            0
        };
        let line = &mut self.lines[self.row];
        match last {
            'C' => self.col += n.max(1),
            'D' => self.col = self.col.saturating_sub(n.max(1)),
            'G' => self.col = n.max(1) - 1,
            'K' if n == 0 => line.truncate(self.col),
            'K' if n == 1 => {
                let end = line.len().min(self.col + 1);
                line[..end].fill(' ');
            }
            'K' if n == 2 => line.clear(),
            'A' | 'B' | 'E' | 'F' | 'H' | 'J' | 'f' | 'd' if !params.starts_with('?') => {
                return Err(format!("a line model cannot show ESC [{params}{last}"));
            }
            _ => {}
        }
        Ok(())
    }

    fn put(&mut self, c: char) {
        let line = &mut self.lines[self.row];
        if self.col > line.len() {
            line.resize(self.col, ' ');
        }
        if self.col == line.len() {
            line.push(c);
        } else {
            line[self.col] = c;
        }
        self.col += 1;
    }

    /// Whether the cursor's line is a prompt, with a line feed shown since
    /// `line_feeds_before` (if given) so that the prompt is a new one.
    fn at_prompt(&self, line_feeds_before: Option<usize>) -> bool {
        line_feeds_before.is_none_or(|before| self.line_feeds > before)
            && PROMPTS.contains(&self.lines[self.row].iter().collect::<String>().as_str())
    }

    fn text(&self) -> String {
        let lines: Vec<String> = self
            .lines
            .iter()
            .map(|line| line.iter().collect())
            .collect();
        lines.join("\n")
    }
}
