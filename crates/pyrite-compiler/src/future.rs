//! `from __future__ import ...` statements.
//!
//! They must come first in a module (after the docstring), and are read before the
//! symbol table is built: `annotations` changes what the symbol table sees.
//! Features that are mandatory in 3.11 are accepted and ignored; an unknown feature
//! is a SyntaxError.

use ruff_python_ast::{Expr, ModModule, Stmt};
use ruff_text_size::{Ranged, TextRange};

use crate::error::{CompileError, ErrorKind};
use crate::location::LineIndex;
use crate::parse::syntax_error_at;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FutureFeatures {
    /// PEP 563: annotations are not evaluated (they become strings).
    pub annotations: bool,
    /// PEP 401's joke feature; recorded only so the flag round-trips.
    pub barry_as_bdfl: bool,
    /// The line of the last future statement of the leading block (0 if none).
    pub lineno: u32,
}

const MANDATORY: [&str; 8] = [
    "nested_scopes",
    "generators",
    "division",
    "absolute_import",
    "with_statement",
    "print_function",
    "unicode_literals",
    "generator_stop",
];

/// The docstring of a body: a first statement that is a plain string literal.
pub fn docstring(body: &[Stmt]) -> Option<&ruff_python_ast::ExprStringLiteral> {
    match body.first()? {
        Stmt::Expr(stmt) => match stmt.value.as_ref() {
            Expr::StringLiteral(s) => Some(s),
            _ => None,
        },
        _ => None,
    }
}

/// Reads the leading future statements of a module.
pub fn parse_future(
    module: &ModModule,
    index: &LineIndex,
    filename: &str,
) -> Result<FutureFeatures, CompileError> {
    let mut features = FutureFeatures::default();
    let body = &module.body;
    let skip = usize::from(docstring(body).is_some());
    let mut done = false;
    let mut prev_line = 0;
    for stmt in &body[skip..] {
        let line = index.position(stmt.start()).line;
        // Statements joined by `;` on the line of the last future import may still
        // be future imports; anything after that line ends the search.
        if done && line > prev_line {
            break;
        }
        prev_line = line;
        match stmt {
            Stmt::ImportFrom(import) if is_future_module(import) => {
                if done {
                    return Err(late_future_error(stmt.range(), index, filename));
                }
                for alias in &import.names {
                    let feature = alias.name.as_str();
                    match feature {
                        "annotations" => features.annotations = true,
                        "barry_as_FLUFL" => features.barry_as_bdfl = true,
                        "braces" => {
                            return Err(syntax_error_at(
                                ErrorKind::SyntaxError,
                                "not a chance",
                                stmt.range(),
                                index,
                                filename,
                            ))
                        }
                        _ if MANDATORY.contains(&feature) => {}
                        _ => {
                            return Err(syntax_error_at(
                                ErrorKind::SyntaxError,
                                format!("future feature {feature} is not defined"),
                                stmt.range(),
                                index,
                                filename,
                            ))
                        }
                    }
                }
                features.lineno = line;
            }
            _ => done = true,
        }
    }
    Ok(features)
}

pub fn is_future_module(import: &ruff_python_ast::StmtImportFrom) -> bool {
    import.level == 0
        && import
            .module
            .as_ref()
            .is_some_and(|m| m.as_str() == "__future__")
}

pub fn late_future_error(range: TextRange, index: &LineIndex, filename: &str) -> CompileError {
    syntax_error_at(
        ErrorKind::SyntaxError,
        "from __future__ imports must occur at the beginning of the file",
        range,
        index,
        filename,
    )
}
