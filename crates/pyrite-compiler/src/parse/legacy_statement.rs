//! CPython's hint for Python 2's `print` and `exec` statements: "Missing
//! parentheses in call to 'print'. Did you mean print(...)?".
//!
//! The rule (`invalid_legacy_expression` in CPython's grammar): where an
//! `expression` begins with the name `print` or `exec`, the next token is not
//! `(`, and a `star_expressions` follows, the error spans the name and those
//! expressions. CPython tries its `invalid_*` rules only on a second pass, after
//! the parser failed somewhere; that pass reads the file again from the start,
//! so the first such expression before the failure wins, even one that was valid
//! Python 3 on its own (`print -1`, `print [0]`, `print *x`).
//!
//! We work on Ruff's tokens: a token-level test says where an `expression`
//! begins, and a token-level scan measures the longest `star_expressions`.

use ruff_python_ast::token::{Token, TokenKind as Kind};
use ruff_text_size::{Ranged, TextRange, TextSize};

/// A `print` or `exec` expression the second pass reports.
pub(super) struct LegacyStatement {
    pub name: &'static str,
    /// From the name to the end of the expressions after it.
    pub range: TextRange,
    /// How far the parser read: through the token after the expressions. A
    /// tokenizer error up to there is reported instead.
    pub read_to: TextSize,
}

/// The first `print`/`exec` expression the second pass would report, if it
/// starts no later than where the parser failed.
pub(super) fn find(source: &str, tokens: &[Token], failed_at: TextSize) -> Option<LegacyStatement> {
    let tokens: Vec<Token> = tokens
        .iter()
        .filter(|token| !token.kind().is_trivia())
        .copied()
        .collect();
    let mut statement_start = 0;
    let mut depth = 0usize;
    for (i, token) in tokens.iter().enumerate() {
        if token.start() > failed_at {
            break;
        }
        if i > 0
            && matches!(
                tokens[i - 1].kind(),
                Kind::Newline | Kind::Indent | Kind::Dedent | Kind::Semi
            )
        {
            statement_start = i;
        }
        match token.kind() {
            Kind::Lpar | Kind::Lsqb | Kind::Lbrace => depth += 1,
            Kind::Rpar | Kind::Rsqb | Kind::Rbrace => {
                depth = depth.saturating_sub(1);
            }
            Kind::Name => {
                let name = match &source[token.range()] {
                    "print" => "print",
                    "exec" => "exec",
                    _ => continue,
                };
                let followed_by_call = tokens
                    .get(i + 1)
                    .is_some_and(|next| next.kind() == Kind::Lpar);
                if followed_by_call
                    || !begins_expression(&tokens, i, statement_start, depth)
                    || is_subscript_target(&tokens, i, statement_start)
                {
                    continue;
                }
                let (end, read_to) = star_expressions_end(&tokens[i + 1..]);
                if let Some(end) = end {
                    return Some(LegacyStatement {
                        name,
                        range: TextRange::new(token.start(), end),
                        read_to: read_to.unwrap_or(end),
                    });
                }
            }
            _ => {}
        }
    }
    None
}

/// Whether the token at `at` is where the grammar reads an `expression` (as
/// opposed to an operand of a larger one, an attribute name, a parameter, an
/// imported name...), judged by the token before it.
fn begins_expression(tokens: &[Token], at: usize, statement_start: usize, depth: usize) -> bool {
    let Some(previous) = at.checked_sub(1) else {
        return true;
    };
    // `async for`, `async with`: the statement's keyword is the second token.
    let keyword_at = if tokens[statement_start].kind() == Kind::Async {
        statement_start + 1
    } else {
        statement_start
    };
    let keyword = tokens.get(keyword_at).map(Token::kind);
    let previous_is_keyword = previous == keyword_at;
    match tokens[previous].kind() {
        Kind::Newline | Kind::Indent | Kind::Dedent | Kind::Semi => true,
        Kind::Equal | Kind::ColonEqual | Kind::Colon | Kind::Lsqb | Kind::Lbrace => true,
        kind if is_augmented_assign(kind) => true,
        // Parameters and imported names are not expressions (a class's bases are).
        Kind::Lpar | Kind::Comma => !matches!(
            keyword,
            Some(Kind::Def | Kind::Import | Kind::From | Kind::Global | Kind::Nonlocal)
        ),
        Kind::Return
        | Kind::Assert
        | Kind::Raise
        | Kind::Del
        | Kind::With
        | Kind::Yield
        | Kind::Else
        | Kind::Elif
        | Kind::Except => true,
        // As a statement's keyword; inside an expression (`a if b`, a comprehension's
        // `for`/`if`) these are followed by a `disjunction`, not an `expression`.
        Kind::If | Kind::While | Kind::For | Kind::Match | Kind::At => previous_is_keyword,
        Kind::In => keyword == Some(Kind::For) && depth == 0,
        // `raise ... from`, `yield from`, not `from ... import`.
        Kind::From => !matches!(keyword, Some(Kind::From | Kind::Import)),
        _ => false,
    }
}

/// Whether `print[...]` at `name` is an assignment, `del` or `for` target: the
/// statement then parses as such, and never reaches the expression rule.
fn is_subscript_target(tokens: &[Token], name: usize, statement_start: usize) -> bool {
    let kind_at = |i: usize| tokens.get(i).map(Token::kind);
    if kind_at(name + 1) != Some(Kind::Lsqb) {
        return false;
    }
    // The trailers: subscripts, attributes, calls.
    let mut i = name + 1;
    loop {
        match kind_at(i) {
            Some(Kind::Lsqb | Kind::Lpar) => match matching_close(tokens, i) {
                Some(close) => i = close + 1,
                None => return false,
            },
            Some(Kind::Dot) => i += 2,
            _ => break,
        }
    }
    let keyword = kind_at(statement_start);
    let assigned_later = || {
        let mut depth = 0usize;
        for token in &tokens[i..] {
            match token.kind() {
                Kind::Lpar | Kind::Lsqb | Kind::Lbrace => depth += 1,
                Kind::Rpar | Kind::Rsqb | Kind::Rbrace => depth = depth.saturating_sub(1),
                Kind::Equal if depth == 0 => return true,
                Kind::Newline | Kind::Semi | Kind::EndOfFile => return false,
                _ => {}
            }
        }
        false
    };
    match kind_at(i) {
        Some(Kind::Equal | Kind::Colon) => true,
        Some(kind) if is_augmented_assign(kind) => true,
        Some(Kind::In) => keyword == Some(Kind::For),
        Some(Kind::Newline | Kind::Semi | Kind::EndOfFile) => keyword == Some(Kind::Del),
        Some(Kind::Comma) => keyword == Some(Kind::Del) || assigned_later(),
        _ => false,
    }
}

/// Where the longest `star_expressions` at the start of `tokens` ends, if one
/// does: a comma-separated run of operands joined by operators, with a trailing
/// comma. A conditional expression counts only once its `else` branch is there.
/// Also returns how far the parser reads: through the token that stops the scan.
fn star_expressions_end(tokens: &[Token]) -> (Option<TextSize>, Option<TextSize>) {
    let mut end = None;
    let mut expect_operand = true;
    // The operand just completed was a string (strings next to each other join).
    let mut after_string = false;
    let mut conditional = Conditional::None;
    // The parser reads to the end of the file looking for a closing bracket.
    let mut unclosed = false;
    let mut i = 0;
    while let Some(token) = tokens.get(i) {
        // The index of the last token of an operand (or trailer) that ends here.
        let completed = match token.kind() {
            Kind::Plus | Kind::Minus | Kind::Tilde | Kind::Not | Kind::Await | Kind::Star
                if expect_operand =>
            {
                None
            }
            // The parameters run to the colon; the body is the operand.
            Kind::Lambda if expect_operand => match index_of_colon(tokens, i) {
                Some(colon) => {
                    i = colon + 1;
                    continue;
                }
                None => break,
            },
            Kind::Name
            | Kind::Int
            | Kind::Float
            | Kind::Complex
            | Kind::True
            | Kind::False
            | Kind::None
            | Kind::Ellipsis
            | Kind::Match
            | Kind::Case
            | Kind::Type
            | Kind::Lazy
                if expect_operand =>
            {
                Some(i)
            }
            Kind::String if expect_operand || after_string => Some(i),
            Kind::FStringStart | Kind::TStringStart if expect_operand || after_string => {
                match matching_close(tokens, i) {
                    Some(close) => Some(close),
                    None => {
                        unclosed = true;
                        break;
                    }
                }
            }
            Kind::Lbrace if expect_operand => match matching_close(tokens, i) {
                Some(close) => Some(close),
                None => {
                    unclosed = true;
                    break;
                }
            },
            // An operand, or a call or subscript of the operand before.
            Kind::Lpar | Kind::Lsqb => match matching_close(tokens, i) {
                Some(close) => Some(close),
                None => {
                    unclosed = true;
                    break;
                }
            },
            Kind::Dot if !expect_operand => match tokens.get(i + 1).map(Token::kind) {
                Some(Kind::Name | Kind::Match | Kind::Case | Kind::Type | Kind::Lazy) => {
                    Some(i + 1)
                }
                _ => break,
            },
            _ if expect_operand => break,
            Kind::Plus
            | Kind::Minus
            | Kind::Star
            | Kind::Slash
            | Kind::DoubleSlash
            | Kind::Percent
            | Kind::At
            | Kind::DoubleStar
            | Kind::LeftShift
            | Kind::RightShift
            | Kind::Amper
            | Kind::Vbar
            | Kind::CircumFlex
            | Kind::Less
            | Kind::Greater
            | Kind::EqEqual
            | Kind::NotEqual
            | Kind::LessEqual
            | Kind::GreaterEqual
            | Kind::In
            | Kind::Is
            | Kind::And
            | Kind::Or => None,
            Kind::Not if tokens.get(i + 1).map(Token::kind) == Some(Kind::In) => {
                i += 1;
                None
            }
            Kind::If if conditional == Conditional::None => {
                conditional = Conditional::AwaitingElse;
                None
            }
            Kind::Else if conditional == Conditional::AwaitingElse => {
                conditional = Conditional::AwaitingOperand;
                None
            }
            Kind::Comma if conditional == Conditional::None => {
                end = Some(token.end());
                None
            }
            _ => break,
        };
        match completed {
            Some(last) => {
                after_string = matches!(
                    tokens[last].kind(),
                    Kind::String | Kind::FStringEnd | Kind::TStringEnd
                );
                expect_operand = false;
                if conditional == Conditional::AwaitingOperand {
                    conditional = Conditional::None;
                }
                if conditional == Conditional::None {
                    end = Some(tokens[last].end());
                }
                i = last + 1;
            }
            None => {
                after_string = false;
                expect_operand = true;
                i += 1;
            }
        }
    }
    let read_to = if unclosed {
        tokens.last()
    } else {
        tokens.get(i)
    };
    (end, read_to.map(Ranged::end))
}

/// Progress through `a if b else c`.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Conditional {
    None,
    AwaitingElse,
    AwaitingOperand,
}

/// The index of the colon ending a lambda's parameters.
fn index_of_colon(tokens: &[Token], lambda: usize) -> Option<usize> {
    let mut i = lambda + 1;
    while let Some(token) = tokens.get(i) {
        match token.kind() {
            Kind::Colon => return Some(i),
            Kind::Lpar | Kind::Lsqb | Kind::Lbrace => i = matching_close(tokens, i)?,
            Kind::Newline | Kind::EndOfFile | Kind::Semi => return None,
            _ => {}
        }
        i += 1;
    }
    None
}

/// The index of the token closing the bracket (or f-string) opened at `open`.
fn matching_close(tokens: &[Token], open: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (i, token) in tokens.iter().enumerate().skip(open) {
        match token.kind() {
            Kind::Lpar | Kind::Lsqb | Kind::Lbrace | Kind::FStringStart | Kind::TStringStart => {
                depth += 1
            }
            Kind::Rpar | Kind::Rsqb | Kind::Rbrace | Kind::FStringEnd | Kind::TStringEnd => {
                depth -= 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            Kind::Newline | Kind::EndOfFile => return None,
            _ => {}
        }
    }
    None
}

/// `+=`, `-=`, ... `@=`.
pub(super) fn is_augmented_assign(kind: Kind) -> bool {
    matches!(
        kind,
        Kind::PlusEqual
            | Kind::MinusEqual
            | Kind::StarEqual
            | Kind::SlashEqual
            | Kind::PercentEqual
            | Kind::AmperEqual
            | Kind::VbarEqual
            | Kind::CircumflexEqual
            | Kind::LeftShiftEqual
            | Kind::RightShiftEqual
            | Kind::DoubleStarEqual
            | Kind::DoubleSlashEqual
            | Kind::AtEqual
    )
}
