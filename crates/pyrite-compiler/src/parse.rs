//! Text to AST: a thin adapter over `ruff_python_parser`.
//!
//! Ruff's parser accepts a superset of Python 3.11 (it knows 3.12+ syntax and
//! reports it as "unsupported" for an older target) and recovers from errors; we
//! reject every file that has any error, and phrase the first one the way CPython's
//! parser would.
//!
//! Before parsing, a cheap scan enforces the tokenizer's limits that CPython applies
//! (200 nested brackets, 100 indentation levels) and bounds the right-recursive
//! nesting the parser would have to follow (chains of unary operators, `not`,
//! `lambda`, ...); CPython's parser gives up on those with MemoryError, and the
//! bound is what keeps our parser's recursion finite on any input.

use ruff_python_ast::{ModModule, PythonVersion};
use ruff_python_parser::{
    InterpolatedStringErrorType, LexicalErrorType, ParseError, ParseErrorType, ParseOptions,
    Parsed, UnsupportedSyntaxError, UnsupportedSyntaxErrorKind,
};
use ruff_text_size::{TextRange, TextSize};

use crate::error::{CompileError, ErrorKind, ErrorLocation};
use crate::location::LineIndex;

mod legacy_statement;
mod wording;

/// CPython's tokenizer limit on open brackets (`MAXLEVEL`).
const MAX_BRACKET_NESTING: usize = 200;
/// CPython's tokenizer limit on indentation levels (`MAXINDENT`).
const MAX_INDENT_LEVELS: usize = 100;
/// CPython's parser gives up beyond this many nested rule invocations (`MAXSTACK`).
const MAX_PARSER_NESTING: usize = 6000;

pub struct ParsedModule {
    pub parsed: Parsed<ModModule>,
}

impl ParsedModule {
    pub fn module(&self) -> &ModModule {
        self.parsed.syntax()
    }
}

/// Parses a module of Python 3.11 source.
pub fn parse_module(source: &str, filename: &str) -> Result<ParsedModule, CompileError> {
    parse_module_indexed(source, &LineIndex::new(source), filename)
}

/// `parse_module` with the caller's index of the source's lines.
pub fn parse_module_indexed(
    source: &str,
    index: &LineIndex,
    filename: &str,
) -> Result<ParsedModule, CompileError> {
    prescan(source, index, filename)?;
    let options = ParseOptions::from(ruff_python_parser::Mode::Module)
        .with_target_version(PythonVersion::PY311);
    let parsed = ruff_python_parser::parse_unchecked(source, options);
    if let Some(error) = parsed.errors().first() {
        // When the parser fails, CPython tokenizes the rest of the file, and an
        // error its tokenizer raises replaces the parser's (all but an unexpected
        // indent, which it reports before looking further).
        if !matches!(error.error, ParseErrorType::UnexpectedIndentation) {
            if let Some(error) = first_tokenizer_error(&parsed) {
                return Err(convert_parse_error(error, index, filename));
            }
        }
        if let Some(err) = legacy_statement_error(&parsed, error, index, filename) {
            return Err(err);
        }
        // Reaching the end of the file inside brackets is the tokenizer's error.
        if error.location.start().to_usize() >= source.trim_end().len() {
            if let Some((bracket, range)) = unclosed_bracket(&parsed) {
                return Err(syntax_error_at(
                    ErrorKind::SyntaxError,
                    format!("'{bracket}' was never closed"),
                    range,
                    index,
                    filename,
                ));
            }
        }
        let mut err = convert_parse_error(error, index, filename);
        if matches!(&error.error, ParseErrorType::OtherError(m) if m.starts_with("Expected an indented block"))
        {
            if let Some((what, at)) = wording::block_header(parsed.tokens(), error.location.start())
            {
                let line = index.position(at).line;
                err.msg = format!("expected an indented block after {what} on line {line}");
            }
        } else if let Some(wording) = wording::reword(&parsed, error) {
            let range = wording.range.unwrap_or(error.location);
            err = syntax_error_at(ErrorKind::SyntaxError, wording.msg, range, index, filename);
        }
        return Err(err);
    }
    if let Some(error) = parsed.unsupported_syntax_errors().first() {
        return Err(convert_unsupported(error, index, filename));
    }
    match parsed.try_into_module() {
        Some(module) => Ok(ParsedModule { parsed: module }),
        None => Err(CompileError::new(
            ErrorKind::SyntaxError,
            "invalid syntax: not a module",
        )),
    }
}

/// "Missing parentheses in call to 'print'", when CPython's second pass would
/// say so (see `legacy_statement`); or the tokenizer's error, when reading the
/// statement ran into one.
fn legacy_statement_error(
    parsed: &Parsed<ruff_python_ast::Mod>,
    first_error: &ParseError,
    index: &LineIndex,
    filename: &str,
) -> Option<CompileError> {
    let source = index.source();
    let legacy = legacy_statement::find(source, parsed.tokens(), first_error.location.start())?;
    let read = TextRange::new(legacy.range.start(), legacy.read_to);
    // CPython's tokenizer rejects an unbalanced closing bracket wherever it is.
    if unbalanced_closing_bracket(parsed).is_some() {
        return None;
    }
    // A bracket still open at the end of the file is reported instead when the
    // parser read past the line that opened it.
    if let Some((bracket, range)) = unclosed_bracket(parsed) {
        if index.position(range.start()).line < index.position(legacy.read_to).line {
            return Some(syntax_error_at(
                ErrorKind::SyntaxError,
                format!("'{bracket}' was never closed"),
                range,
                index,
                filename,
            ));
        }
    }
    let tokenizer_error = parsed.errors().iter().find(|e| {
        matches!(e.error, ParseErrorType::Lexical(_)) && read.contains_inclusive(e.location.start())
    });
    if let Some(error) = tokenizer_error {
        return Some(convert_parse_error(error, index, filename));
    }
    let name = legacy.name;
    Some(syntax_error_at(
        ErrorKind::SyntaxError,
        format!("Missing parentheses in call to '{name}'. Did you mean {name}(...)?"),
        legacy.range,
        index,
        filename,
    ))
}

/// Builds a `SyntaxError` (or subclass) pointing at a byte range of the source.
pub fn syntax_error_at(
    kind: ErrorKind,
    msg: impl Into<String>,
    range: TextRange,
    index: &LineIndex,
    filename: &str,
) -> CompileError {
    let start = index.position(range.start());
    let end = index.position(range.end());
    let mut err = CompileError::new(kind, msg);
    err.filename = filename.to_string();
    err.location = Some(ErrorLocation {
        lineno: start.line,
        offset: index.char_offset(start),
        end_lineno: end.line,
        end_offset: index.char_offset(end),
    });
    err.text = Some(index.line_text(start.line).to_string());
    err
}

/// The innermost bracket left open at the end of the source.
fn unclosed_bracket(
    parsed: &ruff_python_parser::Parsed<ruff_python_ast::Mod>,
) -> Option<(char, TextRange)> {
    use ruff_python_ast::token::TokenKind;
    use ruff_text_size::Ranged;
    let mut open: Vec<(char, TextRange)> = Vec::new();
    for token in parsed.tokens().iter() {
        match token.kind() {
            TokenKind::Lpar => open.push(('(', token.range())),
            TokenKind::Lsqb => open.push(('[', token.range())),
            TokenKind::Lbrace => open.push(('{', token.range())),
            TokenKind::Rpar | TokenKind::Rsqb | TokenKind::Rbrace => {
                open.pop();
            }
            _ => {}
        }
    }
    open.pop()
}

/// CPython's tokenizer rejects a decimal integer with leading zeros (`0777`,
/// Python 2's octal); Ruff's lexer reports it with this message.
const RUFF_LEADING_ZEROS: &str = "Invalid decimal integer literal";

/// Whether CPython's tokenizer raises this error itself, rather than leaving it
/// to the parser: a character that cannot begin a token (`$`, `?` and `` ` `` are
/// operators to CPython's tokenizer, which the parser rejects), a number with
/// leading zeros, a string that never ends.
fn raised_by_tokenizer(error: &ParseError) -> bool {
    match &error.error {
        ParseErrorType::Lexical(LexicalErrorType::UnrecognizedToken { tok }) => {
            !tok.is_ascii() || !crate::literal::is_printable(*tok)
        }
        ParseErrorType::Lexical(LexicalErrorType::OtherError(msg)) => {
            msg.as_ref() == RUFF_LEADING_ZEROS
        }
        ParseErrorType::Lexical(
            LexicalErrorType::UnclosedStringError
            | LexicalErrorType::FStringError(
                InterpolatedStringErrorType::UnterminatedTripleQuotedString,
            ),
        ) => true,
        _ => false,
    }
}

/// The tokenizer error CPython reports whatever the parser found, if the first
/// thing its tokenizer rejects is one we phrase as it does. (Ruff's lexer takes
/// an unbalanced closing bracket in its stride; CPython's tokenizer stops there.)
fn first_tokenizer_error(parsed: &Parsed<ruff_python_ast::Mod>) -> Option<&ParseError> {
    // F-string errors are the parser's in 3.11: an f-string is one token.
    let first_lexical = parsed.errors().iter().find(|e| match &e.error {
        ParseErrorType::Lexical(LexicalErrorType::FStringError(kind)) => matches!(
            kind,
            InterpolatedStringErrorType::UnterminatedString
                | InterpolatedStringErrorType::UnterminatedTripleQuotedString
        ),
        ParseErrorType::Lexical(_) => true,
        _ => false,
    })?;
    if !raised_by_tokenizer(first_lexical) {
        return None;
    }
    match unbalanced_closing_bracket(parsed) {
        Some(at) if at < first_lexical.location.start() => None,
        _ => Some(first_lexical),
    }
}

/// Where a closing bracket first has no opening one of its kind to close.
/// F-strings are single tokens to CPython 3.11's tokenizer, so their brackets
/// do not count.
fn unbalanced_closing_bracket(parsed: &Parsed<ruff_python_ast::Mod>) -> Option<TextSize> {
    use ruff_python_ast::token::TokenKind;
    use ruff_text_size::Ranged;
    let mut open = Vec::new();
    let mut f_strings = 0usize;
    for token in parsed.tokens().iter() {
        match token.kind() {
            TokenKind::FStringStart => f_strings += 1,
            TokenKind::FStringEnd => f_strings = f_strings.saturating_sub(1),
            _ => {}
        }
        if f_strings > 0 {
            continue;
        }
        let closes = match token.kind() {
            kind @ (TokenKind::Lpar | TokenKind::Lsqb | TokenKind::Lbrace) => {
                open.push(kind);
                continue;
            }
            TokenKind::Rpar => TokenKind::Lpar,
            TokenKind::Rsqb => TokenKind::Lsqb,
            TokenKind::Rbrace => TokenKind::Lbrace,
            _ => continue,
        };
        if open.pop() != Some(closes) {
            return Some(token.start());
        }
    }
    None
}

fn convert_parse_error(error: &ParseError, index: &LineIndex, filename: &str) -> CompileError {
    let (kind, msg) = describe(&error.error, error.location, index);
    let mut err = syntax_error_at(kind, msg, error.location, index, filename);
    let Some(loc) = err.location.as_mut() else {
        return err;
    };
    match &error.error {
        // The tokenizer points at the character, with an empty range.
        ParseErrorType::Lexical(LexicalErrorType::UnrecognizedToken { .. }) => {
            loc.end_offset = loc.offset;
        }
        // From the literal's first digit to just past its leading zeros (and
        // underscores), counted in bytes: CPython passes the tokenizer's byte
        // columns through unconverted here.
        ParseErrorType::Lexical(LexicalErrorType::OtherError(msg))
            if msg.as_ref() == RUFF_LEADING_ZEROS =>
        {
            let start = index.position(error.location.start());
            let literal = &index.source()[error.location];
            let zeros = literal
                .find(|c| c != '0' && c != '_')
                .unwrap_or(literal.len());
            loc.offset = start.col + 1;
            loc.end_offset = start.col + zeros as u32 + 1;
        }
        _ => {}
    }
    err
}

fn convert_unsupported(
    error: &UnsupportedSyntaxError,
    index: &LineIndex,
    filename: &str,
) -> CompileError {
    let (msg, range) = match error.kind {
        // PEP 798's unpacking in comprehensions (Python 3.15) is an error
        // CPython 3.11 words, at the `*` or `**` and what it unpacks, or at
        // the `**` alone.
        UnsupportedSyntaxErrorKind::UnpackingInComprehension(_) => {
            if index.source()[error.range].starts_with("**") {
                (
                    "dict unpacking cannot be used in dict comprehension",
                    TextRange::at(error.range.start(), TextSize::from(2)),
                )
            } else {
                (
                    "iterable unpacking cannot be used in comprehension",
                    error.range,
                )
            }
        }
        _ => ("invalid syntax", error.range),
    };
    syntax_error_at(ErrorKind::SyntaxError, msg, range, index, filename)
}

/// CPython's wording for the parse errors people meet most; everything else is
/// CPython's generic "invalid syntax".
fn describe(error: &ParseErrorType, range: TextRange, index: &LineIndex) -> (ErrorKind, String) {
    use ErrorKind::{IndentationError, SyntaxError};
    let detected_at = || {
        let end_line = index.line_count() as u32;
        end_line.max(index.position(range.start()).line)
    };
    match error {
        ParseErrorType::UnexpectedIndentation => (IndentationError, "unexpected indent".into()),
        ParseErrorType::Lexical(LexicalErrorType::IndentationError) => (
            IndentationError,
            "unindent does not match any outer indentation level".into(),
        ),
        ParseErrorType::Lexical(LexicalErrorType::UnclosedStringError) => (
            SyntaxError,
            format!(
                "unterminated string literal (detected at line {})",
                index.position(range.start()).line
            ),
        ),
        ParseErrorType::Lexical(LexicalErrorType::FStringError(
            InterpolatedStringErrorType::UnterminatedTripleQuotedString,
        ))
        | ParseErrorType::FStringError(
            InterpolatedStringErrorType::UnterminatedTripleQuotedString,
        ) => (
            SyntaxError,
            format!(
                "unterminated triple-quoted string literal (detected at line {})",
                detected_at()
            ),
        ),
        ParseErrorType::Lexical(LexicalErrorType::UnrecognizedToken { tok })
            if !tok.is_ascii() || !crate::literal::is_printable(*tok) =>
        {
            let code = *tok as u32;
            if crate::literal::is_printable(*tok) {
                (
                    SyntaxError,
                    format!("invalid character '{tok}' (U+{code:04X})"),
                )
            } else {
                (
                    SyntaxError,
                    format!("invalid non-printable character U+{code:04X}"),
                )
            }
        }
        ParseErrorType::Lexical(LexicalErrorType::OtherError(msg))
            if msg.as_ref() == RUFF_LEADING_ZEROS =>
        {
            (
                SyntaxError,
                "leading zeros in decimal integer literals are not permitted; \
                 use an 0o prefix for octal integers"
                    .into(),
            )
        }
        ParseErrorType::Lexical(LexicalErrorType::Eof) => {
            (SyntaxError, "unexpected EOF while parsing".into())
        }
        ParseErrorType::Lexical(LexicalErrorType::LineContinuationError) => (
            SyntaxError,
            "unexpected character after line continuation character".into(),
        ),
        ParseErrorType::FStringError(InterpolatedStringErrorType::SingleRbrace)
        | ParseErrorType::Lexical(LexicalErrorType::FStringError(
            InterpolatedStringErrorType::SingleRbrace,
        )) => (SyntaxError, "f-string: single '}' is not allowed".into()),
        ParseErrorType::FStringError(InterpolatedStringErrorType::UnclosedLbrace)
        | ParseErrorType::Lexical(LexicalErrorType::FStringError(
            InterpolatedStringErrorType::UnclosedLbrace,
        )) => (SyntaxError, "f-string: expecting '}'".into()),
        ParseErrorType::FStringError(
            InterpolatedStringErrorType::InvalidConversionFlag
            | InterpolatedStringErrorType::ConversionFlagNotImmediatelyAfterExclamation,
        )
        | ParseErrorType::Lexical(LexicalErrorType::FStringError(
            InterpolatedStringErrorType::InvalidConversionFlag
            | InterpolatedStringErrorType::ConversionFlagNotImmediatelyAfterExclamation,
        )) => (
            SyntaxError,
            "f-string: invalid conversion character: expected 's', 'r', or 'a'".into(),
        ),
        ParseErrorType::OtherError(msg) if msg.starts_with("Expected an indented block") => {
            (IndentationError, "expected an indented block".into())
        }
        ParseErrorType::PositionalAfterKeywordArgument => (
            SyntaxError,
            "positional argument follows keyword argument".into(),
        ),
        ParseErrorType::PositionalAfterKeywordUnpacking => (
            SyntaxError,
            "positional argument follows keyword argument unpacking".into(),
        ),
        ParseErrorType::NonDefaultParamAfterDefaultParam => (
            SyntaxError,
            "non-default argument follows default argument".into(),
        ),
        _ => (SyntaxError, "invalid syntax".into()),
    }
}

/// Enforces the tokenizer's nesting limits and bounds parser recursion, without
/// recursing itself. Strings and comments are skipped; f-strings are opaque, as
/// they are single tokens in 3.11.
///
/// The file is read one logical line at a time (a line ends at a line break
/// outside brackets, strings and comments, and not after a backslash): first its
/// indentation, then a quick pass that only finds where it ends and how deep its
/// brackets go. Every count that can reach a limit starts from zero on a logical
/// line and grows by at most one per byte, so only a line at least as long as a
/// limit, or as deep as the bracket limit, needs `check_nesting`'s token-by-token
/// estimate. In the standard library only a few long literal tables do, and the
/// prescan of the 198-file sample went from 40M instructions to 22M.
fn prescan(source: &str, index: &LineIndex, filename: &str) -> Result<(), CompileError> {
    let bytes = source.as_bytes();
    let mut indents: Vec<usize> = vec![0];
    let mut i = 0;
    loop {
        // Indentation is measured where a logical line starts (as CPython's
        // tokenizer does where a physical line starts outside brackets).
        let (width, j) = indentation(bytes, i);
        let blank = j >= bytes.len() || matches!(bytes[j], b'#' | b'\n' | b'\r' | b'\\');
        if !blank {
            if width > *indents.last().unwrap_or(&0) {
                if indents.len() >= MAX_INDENT_LEVELS {
                    let at = TextRange::empty(TextSize::new(j as u32));
                    let mut err = syntax_error_at(
                        ErrorKind::IndentationError,
                        "too many levels of indentation",
                        at,
                        index,
                        filename,
                    );
                    if let Some(loc) = err.location.as_mut() {
                        loc.offset = 1;
                        loc.end_offset = 1;
                    }
                    return Err(err);
                }
                indents.push(width);
            } else {
                while indents.len() > 1 && width < *indents.last().unwrap_or(&0) {
                    indents.pop();
                }
            }
        }
        if j >= bytes.len() {
            return Ok(());
        }
        let (end, deepest) = logical_line_end(bytes, j);
        if end - j >= MAX_PARSER_NESTING || deepest >= MAX_BRACKET_NESTING {
            check_nesting(bytes, j, index, filename)?;
        }
        i = end;
    }
}

/// Where the logical line starting at `start` ends (after its line break, or at
/// the end of the file), and the deepest its brackets nest. It moves through the
/// line exactly as `check_nesting` does, looking only at the bytes that decide
/// where the line ends, eight at a time: a string, a comment or a backslash
/// moves on past the word that holds it, every other byte is taken from the
/// word's candidates.
fn logical_line_end(bytes: &[u8], start: usize) -> (usize, usize) {
    let mut depth = 0usize;
    let mut deepest = 0usize;
    let mut i = start;
    'words: while i < bytes.len() {
        let word_start = i;
        let mut candidates = special_byte_candidates(word_at(bytes, i));
        i += 8;
        while candidates != 0 {
            let at = word_start + candidates.trailing_zeros() as usize / 8;
            candidates &= candidates - 1;
            match BYTE_CLASS[bytes[at] as usize] {
                ByteClass::Newline if depth == 0 => return (at + 1, deepest),
                ByteClass::Open => {
                    depth += 1;
                    deepest = deepest.max(depth);
                }
                ByteClass::Close => depth = depth.saturating_sub(1),
                ByteClass::Comment => {
                    i = memchr::memchr2(b'\n', b'\r', &bytes[at..]).map_or(bytes.len(), |n| at + n);
                    continue 'words;
                }
                ByteClass::Backslash => {
                    i = at + 1;
                    if bytes.get(i) == Some(&b'\r') {
                        i += 1;
                    }
                    if bytes.get(i) == Some(&b'\n') {
                        i += 1;
                    }
                    continue 'words;
                }
                ByteClass::Quote => {
                    i = skip_string(bytes, at);
                    continue 'words;
                }
                // Line breaks inside brackets, and the candidates that decide
                // nothing (`$`, `%`, ...).
                _ => {}
            }
        }
    }
    (bytes.len(), deepest)
}

/// The eight bytes from `i` on as a little-endian word, with spaces past the end
/// of the file (they are no candidates of `special_byte_candidates`).
fn word_at(bytes: &[u8], i: usize) -> u64 {
    match bytes.get(i..i + 8) {
        Some(chunk) => u64::from_le_bytes(chunk.try_into().expect("a slice of 8 bytes")),
        None => {
            let mut word = [b' '; 8];
            word[..bytes.len() - i].copy_from_slice(&bytes[i..]);
            u64::from_le_bytes(word)
        }
    }
}

/// The first byte from `i` on that `wanted` marks (or the end of the file).
/// Eight bytes at a time, as most bytes of a line or a string are none of
/// these; `wanted` must only mark bytes `special_byte_candidates` finds.
fn next_byte_of(bytes: &[u8], mut i: usize, wanted: &[bool; 256]) -> usize {
    while let Some(chunk) = bytes.get(i..i + 8) {
        let chunk: [u8; 8] = chunk.try_into().expect("a slice of 8 bytes");
        let mut candidates = special_byte_candidates(u64::from_le_bytes(chunk));
        while candidates != 0 {
            let at = i + candidates.trailing_zeros() as usize / 8;
            if wanted[bytes[at] as usize] {
                return at;
            }
            candidates &= candidates - 1;
        }
        i += 8;
    }
    while i < bytes.len() && !wanted[bytes[i] as usize] {
        i += 1;
    }
    i
}

/// The high bit of every byte of `word` that may be a line break, `#`, a
/// backslash, a quote or a bracket (the bytes that decide where a logical line
/// ends, and all of `STRING_BYTES`): a superset (`\x0b`, `\x0c`, `$`, `%`, `&`
/// and `|` come along), from three range tests on the ASCII bytes: `\n`..`\r`,
/// `"`..`)`, and `[`..`]` or `{`..`}` (the same range once bit 5 is set).
fn special_byte_candidates(word: u64) -> u64 {
    const LOW: u64 = u64::from_le_bytes([0x7f; 8]);
    const HIGH: u64 = u64::from_le_bytes([0x80; 8]);
    // With the high bits clear, adding `0x80 - lo` sets a byte's high bit when
    // it is at least `lo`, and no sum carries into the next byte.
    fn in_range(ascii: u64, lo: u8, hi: u8) -> u64 {
        let at_least_lo = ascii + u64::from_le_bytes([0x80 - lo; 8]);
        let above_hi = ascii + u64::from_le_bytes([0x7f - hi; 8]);
        at_least_lo & !above_hi
    }
    let ascii = word & LOW;
    let found = in_range(ascii, b'\n', b'\r')
        | in_range(ascii, b'"', b')')
        | in_range(ascii | u64::from_le_bytes([0x20; 8]), b'{', b'}');
    found & !word & HIGH
}

const fn byte_set(members: &[u8]) -> [bool; 256] {
    let mut table = [false; 256];
    let mut k = 0;
    while k < members.len() {
        table[members[k] as usize] = true;
        k += 1;
    }
    table
}

/// The bytes that can end a single-quoted string: either quote (the other one
/// is passed over), a backslash, a line break.
static STRING_BYTES: [bool; 256] = byte_set(b"\n\r\\'\"");

/// The nesting estimate of one logical line, from `start` (after its
/// indentation) to its end: the tokenizer's bracket limit, and a bound on parser
/// recursion.
///
/// The recursion bound is an estimate of how deeply the parser must nest: every
/// open bracket, every prefix operator directly applied to another (`- - x`,
/// `not not x`, `await await x`), and every right-recursive link in one
/// comma-separated element (`... else ...`, `** ...`, `lambda ...:`). Commas and
/// statement ends reset what they separate, so long flat literals never count.
fn check_nesting(
    bytes: &[u8],
    start: usize,
    index: &LineIndex,
    filename: &str,
) -> Result<(), CompileError> {
    // Right-recursive links of the innermost bracket level (or of the line, outside
    // brackets), of each enclosing level, and their sum.
    let mut level_links = 0usize;
    let mut outer_links: Vec<usize> = Vec::new();
    let mut links_total = 0usize;
    let mut prefix_chain = 0usize;
    let mut after_operand = false;
    let mut i = start;
    loop {
        let Some(&b) = bytes.get(i) else {
            return Ok(());
        };
        // Tokens that can deepen the nesting estimate fall through to the check
        // below; the others go straight on to the next token.
        match BYTE_CLASS[b as usize] {
            ByteClass::Space => {
                i += 1;
                while i < bytes.len() && matches!(bytes[i], b' ' | b'\t' | b'\x0c') {
                    i += 1;
                }
                continue;
            }
            ByteClass::Comment => {
                i = memchr::memchr2(b'\n', b'\r', &bytes[i..]).map_or(bytes.len(), |n| i + n);
                continue;
            }
            ByteClass::Newline => {
                i += 1;
                if outer_links.is_empty() {
                    return Ok(());
                }
                after_operand = false;
                continue;
            }
            ByteClass::Backslash => {
                // An explicit line join: the next line continues this one.
                i += 1;
                if bytes.get(i) == Some(&b'\r') {
                    i += 1;
                }
                if bytes.get(i) == Some(&b'\n') {
                    i += 1;
                }
                continue;
            }
            ByteClass::Separator => {
                i += 1;
                links_total -= level_links;
                level_links = 0;
                prefix_chain = 0;
                after_operand = false;
                continue;
            }
            ByteClass::Open => {
                if outer_links.len() >= MAX_BRACKET_NESTING {
                    let at = TextRange::at(TextSize::new(i as u32), TextSize::new(1));
                    let mut err = syntax_error_at(
                        ErrorKind::SyntaxError,
                        "too many nested parentheses",
                        at,
                        index,
                        filename,
                    );
                    if let Some(loc) = err.location.as_mut() {
                        loc.end_offset = loc.offset;
                    }
                    return Err(err);
                }
                i += 1;
                links_total += prefix_chain;
                outer_links.push(level_links);
                level_links = prefix_chain;
                prefix_chain = 0;
                after_operand = false;
            }
            ByteClass::Close => {
                i += 1;
                if let Some(links) = outer_links.pop() {
                    links_total -= level_links;
                    level_links = links;
                }
                prefix_chain = 0;
                after_operand = true;
                continue;
            }
            ByteClass::Quote => {
                i = skip_string(bytes, i);
                prefix_chain = 0;
                after_operand = true;
                continue;
            }
            ByteClass::Star if bytes.get(i + 1) == Some(&b'*') => {
                i += 2;
                if !after_operand {
                    continue;
                }
                add_link(&mut level_links, &mut links_total, &mut prefix_chain);
                after_operand = false;
            }
            ByteClass::Sign => {
                i += 1;
                if after_operand {
                    after_operand = false;
                    continue;
                }
                prefix_chain += 1;
            }
            ByteClass::Digit => {
                i = skip_number(bytes, i);
                prefix_chain = 0;
                after_operand = true;
                continue;
            }
            ByteClass::Dot if bytes.get(i + 1).is_some_and(u8::is_ascii_digit) => {
                i = skip_number(bytes, i);
                prefix_chain = 0;
                after_operand = true;
                continue;
            }
            ByteClass::Word => {
                let start = i;
                i += 1;
                while i < bytes.len() && is_word_byte(bytes[i]) {
                    i += 1;
                }
                let word = &bytes[start..i];
                let keyword = if i < bytes.len()
                    && matches!(bytes[i], b'\'' | b'"')
                    && is_string_prefix(word)
                {
                    i = skip_string(bytes, i);
                    None
                } else if may_be_keyword(word) {
                    Some(word)
                } else {
                    None
                };
                match keyword {
                    Some(b"not" | b"await") => {
                        prefix_chain += 1;
                        after_operand = false;
                    }
                    Some(b"else" | b"lambda") => {
                        add_link(&mut level_links, &mut links_total, &mut prefix_chain);
                        after_operand = false;
                    }
                    Some(
                        b"and" | b"or" | b"if" | b"in" | b"is" | b"for" | b"yield" | b"from"
                        | b"return" | b"del" | b"assert" | b"raise" | b"import" | b"as" | b"while"
                        | b"elif" | b"with" | b"async" | b"def" | b"class" | b"global"
                        | b"nonlocal" | b"case" | b"match" | b"except",
                    ) => {
                        after_operand = false;
                        continue;
                    }
                    _ => {
                        prefix_chain = 0;
                        after_operand = true;
                        continue;
                    }
                }
            }
            ByteClass::Star | ByteClass::Dot | ByteClass::Other => {
                i += 1;
                after_operand = false;
                continue;
            }
        }
        if links_total + prefix_chain + outer_links.len() + 1 > MAX_PARSER_NESTING {
            return Err(CompileError::new(ErrorKind::MemoryError, ""));
        }
    }
}

/// A right-recursive link (`else`, `lambda`, `**`) in the current element; the
/// prefix operators before it nest under it.
fn add_link(level_links: &mut usize, links_total: &mut usize, prefix_chain: &mut usize) {
    *level_links += 1 + *prefix_chain;
    *links_total += 1 + *prefix_chain;
    *prefix_chain = 0;
}

/// The width of the indentation starting at `start` (a tab advances to the next
/// multiple of 8, a form feed resets it, as in CPython's tokenizer), and where
/// it ends.
fn indentation(bytes: &[u8], start: usize) -> (usize, usize) {
    let mut width = 0;
    let mut j = start;
    loop {
        // Spaces eight at a time: they are most of the indentation in real code.
        while let Some(chunk) = bytes.get(j..j + 8) {
            let chunk: [u8; 8] = chunk.try_into().expect("a slice of 8 bytes");
            let not_spaces = u64::from_le_bytes(chunk) ^ u64::from_le_bytes([b' '; 8]);
            let spaces = not_spaces.trailing_zeros() as usize / 8;
            j += spaces;
            width += spaces;
            if spaces < 8 {
                break;
            }
        }
        match bytes.get(j) {
            Some(b' ') => width += 1,
            Some(b'\t') => width = (width / 8 + 1) * 8,
            Some(b'\x0c') => width = 0,
            _ => return (width, j),
        }
        j += 1;
    }
}

/// Skips a number (digits, letters, `_` and `.` as a numeric literal may hold).
fn skip_number(bytes: &[u8], start: usize) -> usize {
    let mut i = start;
    while i < bytes.len() && (is_word_byte(bytes[i]) || bytes[i] == b'.') {
        i += 1;
    }
    i
}

/// How the prescan treats the byte a token starts with.
#[derive(Clone, Copy)]
enum ByteClass {
    Space,
    Newline,
    Comment,
    Backslash,
    Open,
    Close,
    Quote,
    Separator,
    Star,
    Sign,
    Digit,
    Dot,
    /// A name or keyword: ASCII letters, `_`, or the first byte of a non-ASCII character.
    Word,
    Other,
}

/// One lookup per token instead of a chain of comparisons: the prescan reads
/// every byte of every file compiled.
static BYTE_CLASS: [ByteClass; 256] = {
    let mut table = [ByteClass::Other; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        table[b] = match c {
            b' ' | b'\t' | b'\x0c' => ByteClass::Space,
            b'\n' | b'\r' => ByteClass::Newline,
            b'#' => ByteClass::Comment,
            b'\\' => ByteClass::Backslash,
            b'(' | b'[' | b'{' => ByteClass::Open,
            b')' | b']' | b'}' => ByteClass::Close,
            b'\'' | b'"' => ByteClass::Quote,
            b',' | b';' => ByteClass::Separator,
            b'*' => ByteClass::Star,
            b'-' | b'+' | b'~' => ByteClass::Sign,
            b'0'..=b'9' => ByteClass::Digit,
            b'.' => ByteClass::Dot,
            _ if c.is_ascii_alphabetic() || c == b'_' || c >= 0x80 => ByteClass::Word,
            _ => ByteClass::Other,
        };
        b += 1;
    }
    table
};

/// Bytes that continue a name or a number to the prescan: ASCII letters, digits,
/// `_`, and every byte of a non-ASCII character. A table, because this test runs
/// for most bytes of a file.
static WORD_BYTES: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        table[b] = c.is_ascii_alphanumeric() || c == b'_' || c >= 0x80;
        b += 1;
    }
    table
};

fn is_word_byte(b: u8) -> bool {
    WORD_BYTES[b as usize]
}

/// Every keyword the prescan looks at is 2 to 8 lower-case ASCII letters: a
/// cheap test that lets most names skip the comparisons.
fn may_be_keyword(word: &[u8]) -> bool {
    (2..=8).contains(&word.len()) && word[0].is_ascii_lowercase()
}

fn is_string_prefix(word: &[u8]) -> bool {
    word.len() <= 2
        && word
            .iter()
            .all(|c| matches!(c.to_ascii_lowercase(), b'r' | b'b' | b'u' | b'f'))
}

/// Skips a string literal starting at its opening quote; returns the index after it
/// (or the end of the line for an unterminated single-quoted string, which the
/// parser reports properly).
fn skip_string(bytes: &[u8], start: usize) -> usize {
    let quote = bytes[start];
    let triple = bytes.get(start + 1) == Some(&quote) && bytes.get(start + 2) == Some(&quote);
    let mut i = start + if triple { 3 } else { 1 };
    while i < bytes.len() {
        if triple {
            // Long docstrings: jump to the next byte that matters.
            match memchr::memchr2(quote, b'\\', &bytes[i..]) {
                Some(n) => i += n,
                None => return bytes.len(),
            }
        } else {
            i = next_byte_of(bytes, i, &STRING_BYTES);
            if i == bytes.len() {
                return i;
            }
        }
        match bytes[i] {
            b'\\' => i += 2,
            c if c == quote => {
                if !triple {
                    return i + 1;
                }
                if bytes.get(i + 1) == Some(&quote) && bytes.get(i + 2) == Some(&quote) {
                    return i + 3;
                }
                i += 1;
            }
            b'\n' | b'\r' if !triple => return i,
            _ => i += 1,
        }
    }
    bytes.len()
}

/// Where a traceback's carets split an expression (CPython 3.11's "anchors"):
/// for a binary operation, the operator; for a subscript, the index. Offsets
/// are bytes into `segment`, which must parse as a single expression statement.
pub struct CaretAnchors {
    pub left_end: usize,
    pub right_start: usize,
}

/// The caret anchors of a source segment, if it is a binary operation or a
/// subscript.
pub fn caret_anchors(segment: &str) -> Option<CaretAnchors> {
    use ruff_python_ast::{Expr, Stmt};
    use ruff_text_size::Ranged;
    // Deep nesting cannot reach here: the segment is a single line that the
    // compiler already accepted.
    let parsed = ruff_python_parser::parse_module(segment).ok()?;
    let body = &parsed.syntax().body;
    let [Stmt::Expr(stmt)] = body.as_slice() else {
        return None;
    };
    match stmt.value.as_ref() {
        Expr::BinOp(binop) => {
            let bytes = segment.as_bytes();
            let from = binop.left.range().end().to_usize();
            let to = binop.right.range().start().to_usize();
            let i = (from..to).find(|&i| !bytes[i].is_ascii_whitespace())?;
            let mut right = i + 1;
            if right < to && !bytes[right].is_ascii_whitespace() {
                right += 1;
            }
            Some(CaretAnchors {
                left_end: i,
                right_start: right,
            })
        }
        Expr::Subscript(sub) => Some(CaretAnchors {
            left_end: sub.value.range().end().to_usize(),
            right_start: sub.slice.range().end().to_usize() + 1,
        }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error_of(source: &str) -> CompileError {
        match parse_module(source, "t.py") {
            Ok(_) => panic!("expected an error for {source:?}"),
            Err(e) => e,
        }
    }

    #[test]
    fn bracket_limit_matches_cpython() {
        let ok = format!("x = {}{}", "(".repeat(200), ")".repeat(200));
        assert!(parse_module(&ok, "t.py").is_ok());
        let err = error_of(&format!("x = {}{}", "(".repeat(201), ")".repeat(201)));
        assert_eq!(err.msg, "too many nested parentheses");
        assert_eq!(err.location.unwrap().offset, 205);
    }

    #[test]
    fn brackets_inside_strings_do_not_count() {
        let src = format!("x = '{}'\n", "(".repeat(500));
        assert!(parse_module(&src, "t.py").is_ok());
    }

    #[test]
    fn indentation_limit_matches_cpython() {
        let mut src = String::from("if 1:\n");
        for level in 1..=100 {
            src.push_str(&" ".repeat(level));
            src.push_str("if 1:\n");
        }
        src.push_str(&" ".repeat(101));
        src.push_str("pass\n");
        let err = error_of(&src);
        assert_eq!(err.kind, ErrorKind::IndentationError);
        assert_eq!(err.msg, "too many levels of indentation");
        assert_eq!(err.lineno(), Some(101));
    }

    #[test]
    fn only_line_starts_outside_brackets_count_as_indentation() {
        // What follows a bracket closed on a continuation line is not a line's
        // indentation, so it must not unwind the levels counted so far.
        let mut src = String::from("if 1:\n");
        for level in 1..=100 {
            src.push_str(&" ".repeat(level));
            src.push_str("f(1,\n2).x\n");
            src.push_str(&" ".repeat(level));
            src.push_str("if 1:\n");
        }
        src.push_str(&" ".repeat(101));
        src.push_str("pass\n");
        let err = error_of(&src);
        assert_eq!(err.msg, "too many levels of indentation");
        assert_eq!(err.lineno(), Some(299));
    }

    #[test]
    fn logical_lines_end_at_line_breaks_outside_brackets_strings_and_comments() {
        let end = |source: &str| logical_line_end(source.as_bytes(), 0);
        assert_eq!(end("x = 1\ny"), (6, 0));
        assert_eq!(end("x = 1\r\ny"), (6, 0));
        assert_eq!(end("f(a,\n  [b])\nz"), (12, 2));
        assert_eq!(end("x = '(\\'' # )\ny"), (14, 0));
        assert_eq!(end("x = '''\n(\n''' + \\\r\n  1\nz"), (23, 0));
        assert_eq!(end("s = 'unterminated\ny"), (18, 0));
        assert_eq!(end("x = ((1) % 2) | 3 & 4"), (21, 2));
        assert_eq!(end("f(\n"), (3, 1));
    }

    #[test]
    fn long_prefix_chains_are_memory_errors() {
        let err = error_of(&format!("x = {}1\n", "-".repeat(100_000)));
        assert_eq!(err.kind, ErrorKind::MemoryError);
    }

    #[test]
    fn long_flat_literals_are_fine() {
        let items: Vec<String> = (0..10_000)
            .map(|i| format!("-{i} if x else not y"))
            .collect();
        let src = format!("x = [{}]\n", items.join(", "));
        assert!(parse_module(&src, "t.py").is_ok());
    }

    #[test]
    fn long_right_recursive_chains_are_memory_errors() {
        let src = format!("x = {}0\n", "a if b else ".repeat(7000));
        assert_eq!(error_of(&src).kind, ErrorKind::MemoryError);
        let src = format!("x = {}0\n", "lambda: ".repeat(7000));
        assert_eq!(error_of(&src).kind, ErrorKind::MemoryError);
    }

    #[test]
    fn newer_syntax_is_rejected() {
        assert_eq!(error_of("type X = int\n").msg, "invalid syntax");
    }

    /// `(lineno, offset, end_lineno, end_offset)`, as `SyntaxError` has them.
    type Span = (u32, u32, u32, u32);

    /// The message and the span of a source's syntax error.
    fn reported(source: &str) -> (String, Span) {
        let err = error_of(source);
        let loc = err.location.expect("a syntax error has a location");
        (
            err.msg,
            (loc.lineno, loc.offset, loc.end_lineno, loc.end_offset),
        )
    }

    const PRINT_HINT: &str = "Missing parentheses in call to 'print'. Did you mean print(...)?";
    const EXEC_HINT: &str = "Missing parentheses in call to 'exec'. Did you mean exec(...)?";

    // The expected positions in the tests below are CPython 3.11.7's.

    #[test]
    fn print_statement_hint_spans_the_expressions() {
        let cases: &[(&str, &str, Span)] = &[
            ("print \"x\"\n", PRINT_HINT, (1, 1, 1, 10)),
            ("print x, y\nprint \"z\"\n", PRINT_HINT, (1, 1, 1, 11)),
            ("print \"x\"  ,\n", PRINT_HINT, (1, 1, 1, 13)),
            ("print \"%s\" % x\n", PRINT_HINT, (1, 1, 1, 15)),
            ("print 1 if 2 else 3 4\n", PRINT_HINT, (1, 1, 1, 20)),
            ("print \"x\" if y else\n", PRINT_HINT, (1, 1, 1, 10)),
            ("print lambda x, y: x, 3\n", PRINT_HINT, (1, 1, 1, 24)),
            ("print x for x in y\n", PRINT_HINT, (1, 1, 1, 8)),
            ("print f\"{a}\" f\"b\" 1\n", PRINT_HINT, (1, 1, 1, 18)),
            ("print\\\n \"x\"\n", PRINT_HINT, (1, 1, 2, 5)),
            (
                "print \"hi\"\r\n\r\nprint \"x\"\r\n",
                PRINT_HINT,
                (1, 1, 1, 11),
            ),
            ("x = print \"a\", b\n", PRINT_HINT, (1, 5, 1, 17)),
            ("f(a=print \"x\")\n", PRINT_HINT, (1, 5, 1, 14)),
            ("x = [\n  print \"x\",\n  2]\n", PRINT_HINT, (2, 3, 3, 4)),
            (
                "def f():\n    return print \"x\"\n",
                PRINT_HINT,
                (2, 12, 2, 21),
            ),
            ("for print \"x\" in y: pass\n", PRINT_HINT, (1, 5, 1, 19)),
            ("exec \"code\" in ns\n", EXEC_HINT, (1, 1, 1, 18)),
            ("class C(print \"x\"): pass\n", PRINT_HINT, (1, 9, 1, 18)),
            (
                "with print [0] as f: pass\nfoo bar\n",
                PRINT_HINT,
                (1, 6, 1, 15),
            ),
            // Valid alone, but the second pass reads the file from the start.
            ("print -1\nfoo bar\n", PRINT_HINT, (1, 1, 1, 9)),
            ("print [0]\nfoo bar\n", PRINT_HINT, (1, 1, 1, 10)),
        ];
        for &(source, msg, location) in cases {
            assert_eq!(reported(source), (msg.to_string(), location), "{source:?}");
        }
    }

    #[test]
    fn print_statement_hint_needs_an_expression_position() {
        let cases: &[(&str, Span)] = &[
            ("x.print \"y\"\n", (1, 9, 1, 12)),
            ("1 + print \"x\"\n", (1, 11, 1, 14)),
            ("not print \"x\"\n", (1, 11, 1, 14)),
            ("import print \"x\"\n", (1, 14, 1, 17)),
            ("[x for x in print \"y\"]\n", (1, 19, 1, 22)),
            ("print (1) \"x\"\n", (1, 11, 1, 14)),
            ("foo bar\nprint \"x\"\n", (1, 5, 1, 8)),
            // Subscripts as targets parse as such.
            ("print [0] = 1\nfoo bar\n", (2, 5, 2, 8)),
            ("del print [0]\nfoo bar\n", (2, 5, 2, 8)),
            ("for print [0] in y: pass\nfoo bar\n", (2, 5, 2, 8)),
        ];
        for &(source, location) in cases {
            assert_eq!(
                reported(source),
                ("invalid syntax".to_string(), location),
                "{source:?}"
            );
        }
        for source in [
            "print >>f, \"x\"\n",
            "print -1\n",
            "print *x, y\n",
            "exec(x)\n",
        ] {
            assert!(parse_module(source, "t.py").is_ok(), "{source:?}");
        }
    }

    #[test]
    fn tokenizer_errors_in_a_print_statement_come_first() {
        assert_eq!(
            error_of("print x \\ \n").msg,
            "unexpected character after line continuation character"
        );
        assert_eq!(
            error_of("print x + \\\n").msg,
            "unexpected EOF while parsing"
        );
        let err = error_of("f(print [1]\n    pass\n");
        assert_eq!(
            (err.msg.as_str(), err.lineno()),
            ("'(' was never closed", Some(1))
        );
    }

    const LEADING_ZEROS: &str = "leading zeros in decimal integer literals are not permitted; \
                                 use an 0o prefix for octal integers";

    #[test]
    fn leading_zeros_point_at_the_zeros() {
        let cases: &[(&str, Span)] = &[
            ("x = 0777\n", (1, 5, 1, 6)),
            ("0_7\n", (1, 1, 1, 3)),
            ("00_7\n", (1, 1, 1, 4)),
            ("0777L\n", (1, 1, 1, 2)),
            // CPython counts these columns in bytes.
            ("'\u{20ac}' + 0777\n", (1, 9, 1, 10)),
            // A tokenizer error replaces the parser's, wherever it is.
            ("print \"x\"\n0777\n", (2, 1, 2, 2)),
            ("if 1:\npass\n0777\n", (3, 1, 3, 2)),
        ];
        for &(source, location) in cases {
            assert_eq!(
                reported(source),
                (LEADING_ZEROS.to_string(), location),
                "{source:?}"
            );
        }
        for source in [
            "00\n", "0_0\n", "0000\n", "07.5\n", "09j\n", "08e1\n", "00.\n",
        ] {
            assert!(parse_module(source, "t.py").is_ok(), "{source:?}");
        }
        assert_eq!(error_of(" foo\n0777\n").msg, "unexpected indent");
    }

    #[test]
    fn invalid_characters_are_named() {
        let cases: &[(&str, &str, Span)] = &[
            (
                "\u{20ac} = 2\n",
                "invalid character '\u{20ac}' (U+20AC)",
                (1, 1, 1, 1),
            ),
            (
                "a\u{20ac}b = 1\n",
                "invalid character '\u{20ac}' (U+20AC)",
                (1, 2, 1, 2),
            ),
            (
                "x = \"\u{20ac}\" \u{20ac}\n",
                "invalid character '\u{20ac}' (U+20AC)",
                (1, 9, 1, 9),
            ),
            (
                "x = \u{1f600}\n",
                "invalid character '\u{1f600}' (U+1F600)",
                (1, 5, 1, 5),
            ),
            (
                "\u{b7}x = 1\n",
                "invalid character '\u{b7}' (U+00B7)",
                (1, 1, 1, 1),
            ),
            (
                "x = 1\u{a0}+ 2\n",
                "invalid non-printable character U+00A0",
                (1, 6, 1, 6),
            ),
            (
                "x = \u{200b}1\n",
                "invalid non-printable character U+200B",
                (1, 5, 1, 5),
            ),
            (
                "x = 1\u{1}\n",
                "invalid non-printable character U+0001",
                (1, 6, 1, 6),
            ),
            (
                "foo bar\nx = 1 \u{20ac} 2\n",
                "invalid character '\u{20ac}' (U+20AC)",
                (2, 7, 2, 7),
            ),
            // An f-string's errors are the parser's in 3.11, so the tokenizer's win.
            (
                "f\"{a b}\"\nx = \u{20ac}\n",
                "invalid character '\u{20ac}' (U+20AC)",
                (2, 5, 2, 5),
            ),
        ];
        for &(source, msg, location) in cases {
            assert_eq!(reported(source), (msg.to_string(), location), "{source:?}");
        }
        // ASCII characters that begin no token are operators to CPython's
        // tokenizer, and its parser rejects them.
        assert_eq!(error_of("x = $\n").msg, "invalid syntax");
        for source in [
            "\u{3b1}\u{3b2} = 1\n",
            "x\u{b7}y = 1\n",
            "x = 1 # \u{20ac}\n",
        ] {
            assert!(parse_module(source, "t.py").is_ok(), "{source:?}");
        }
    }
}
