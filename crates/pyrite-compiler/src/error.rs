//! Errors the compiler reports, shaped like the Python exceptions CPython raises.
//!
//! The compiler knows nothing of runtime objects, so an error is plain data: the
//! exception class name, its message, and (for syntax errors) the location in the
//! form `SyntaxError` carries it (`lineno`, 1-based `offset`, `end_lineno`,
//! `end_offset`, the source line `text`). The VM turns it into an exception object.

use std::fmt;

/// The Python exception class a compile error becomes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    SyntaxError,
    IndentationError,
    TabError,
    /// "maximum recursion depth exceeded during compilation".
    RecursionError,
    /// The parser's own stack limit ("source too complex to parse").
    MemoryError,
    ValueError,
    OverflowError,
}

impl ErrorKind {
    pub fn name(self) -> &'static str {
        match self {
            ErrorKind::SyntaxError => "SyntaxError",
            ErrorKind::IndentationError => "IndentationError",
            ErrorKind::TabError => "TabError",
            ErrorKind::RecursionError => "RecursionError",
            ErrorKind::MemoryError => "MemoryError",
            ErrorKind::ValueError => "ValueError",
            ErrorKind::OverflowError => "OverflowError",
        }
    }

    /// Syntax errors (and their subclasses) carry a location; the others do not.
    pub fn is_syntax_error(self) -> bool {
        matches!(
            self,
            ErrorKind::SyntaxError | ErrorKind::IndentationError | ErrorKind::TabError
        )
    }
}

/// Where a syntax error points, in `SyntaxError`'s own terms.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct ErrorLocation {
    pub lineno: u32,
    /// 1-based column, in characters of the line (CPython's `SyntaxError.offset`).
    pub offset: u32,
    pub end_lineno: u32,
    pub end_offset: u32,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CompileError {
    pub kind: ErrorKind,
    pub msg: String,
    pub filename: String,
    /// `None` for errors without a location (RecursionError, MemoryError, ...), and
    /// for the few syntax errors CPython reports without one.
    pub location: Option<ErrorLocation>,
    /// The offending source line, without its line terminator.
    pub text: Option<String>,
    /// Raised after parsing (by the symbol table, `__future__` checks or the
    /// code generator): CPython shows these errors with the line read from
    /// the file named, so with none for `<string>` or a file that is gone.
    pub text_from_file: bool,
}

impl CompileError {
    pub fn new(kind: ErrorKind, msg: impl Into<String>) -> Self {
        CompileError {
            kind,
            msg: msg.into(),
            filename: String::new(),
            location: None,
            text: None,
            text_from_file: false,
        }
    }

    /// Marks an error raised after parsing (see `text_from_file`).
    pub fn after_parsing(mut self) -> Self {
        self.text_from_file = true;
        self
    }

    pub fn recursion() -> Self {
        CompileError::new(
            ErrorKind::RecursionError,
            "maximum recursion depth exceeded during compilation",
        )
    }

    pub fn lineno(&self) -> Option<u32> {
        self.location.as_ref().map(|l| l.lineno)
    }
}

impl fmt::Display for CompileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.location {
            Some(loc) if self.kind.is_syntax_error() => write!(
                f,
                "{}: {} ({}, line {})",
                self.kind.name(),
                self.msg,
                self.filename,
                loc.lineno
            ),
            _ => write!(f, "{}: {}", self.kind.name(), self.msg),
        }
    }
}

impl std::error::Error for CompileError {}

pub type CompileResult<T> = Result<T, CompileError>;
