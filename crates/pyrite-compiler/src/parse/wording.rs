//! CPython's wording for the parse errors whose message depends on more than
//! Ruff's error kind: on the tokens around the error (where a call's
//! arguments end, which statement a missing block belongs to) or on the
//! syntax tree Ruff recovered (what kind of expression is not a valid target).
//!
//! CPython produces these messages from the `invalid_*` rules of its grammar;
//! the rules we follow are named at each case.

use ruff_python_ast::token::{Token, TokenKind as Kind};
use ruff_python_ast::{AnyNodeRef, ExprRef, Mod};
use ruff_python_parser::{ParseError, ParseErrorType, Parsed};
use ruff_text_size::{Ranged, TextRange, TextSize};

/// What the error should say instead, and where, if it is one we know.
pub(super) struct Wording {
    pub msg: String,
    /// The range to report, when it differs from Ruff's.
    pub range: Option<TextRange>,
}

impl Wording {
    fn new(msg: impl Into<String>) -> Option<Wording> {
        Some(Wording {
            msg: msg.into(),
            range: None,
        })
    }

    fn at(msg: impl Into<String>, range: TextRange) -> Option<Wording> {
        Some(Wording {
            msg: msg.into(),
            range: Some(range),
        })
    }
}

pub(super) fn reword(parsed: &Parsed<Mod>, error: &ParseError) -> Option<Wording> {
    let range = error.location;
    let tokens = parsed.tokens();
    match &error.error {
        // `args ',' '*'`: the error is at the star.
        ParseErrorType::InvalidArgumentUnpackingOrder => Wording::at(
            "iterable argument unpacking follows keyword argument unpacking",
            TextRange::at(range.start(), TextSize::from(1)),
        ),
        ParseErrorType::ParamAfterVarKeywordParam => {
            Wording::new("arguments cannot follow var-keyword argument")
        }
        ParseErrorType::VarParameterWithDefault => {
            Wording::new("var-positional argument cannot have default value")
        }
        ParseErrorType::UnparenthesizedGeneratorExpression => {
            Wording::new("Generator expression must be parenthesized")
        }
        // CPython checks the order once the arguments are read: the error is
        // at the call's closing parenthesis.
        ParseErrorType::PositionalAfterKeywordArgument => Wording::at(
            "positional argument follows keyword argument",
            closing_paren(tokens, range.start())?,
        ),
        ParseErrorType::PositionalAfterKeywordUnpacking => Wording::at(
            "positional argument follows keyword argument unpacking",
            closing_paren(tokens, range.start())?,
        ),
        ParseErrorType::InvalidDeleteTarget => {
            Wording::new(format!("cannot delete {}", expr_name(parsed, range)?))
        }
        ParseErrorType::InvalidAugmentedAssignmentTarget => {
            let target = aug_assign_target(parsed, range)?;
            Wording::at(
                format!(
                    "'{}' is an illegal expression for augmented assignment",
                    expr_name(parsed, target)?
                ),
                target,
            )
        }
        ParseErrorType::InvalidAnnotatedAssignmentTarget => {
            let name = expr_name(parsed, range)?;
            if matches!(name, "list" | "tuple") {
                Wording::new(format!("only single target (not {name}) can be annotated"))
            } else {
                Wording::new("illegal target for annotation")
            }
        }
        ParseErrorType::InvalidAssignmentTarget => assignment_target(parsed, tokens, range),
        // Ruff's message is CPython's, capitalised.
        ParseErrorType::OtherError(msg) if msg.starts_with("Only single target (not ") => {
            Wording::new(format!("o{}", &msg[1..]))
        }
        ParseErrorType::ExpectedKeywordParam => bare_star(tokens, range.start()),
        // `invalid_expression`: from the start of the body to the end of the
        // condition.
        ParseErrorType::ExpectedToken {
            expected: Kind::Else,
            ..
        } => {
            let covering = covering(parsed, TextRange::empty(range.start()))?;
            let conditional = covering.ancestors().find_map(|node| match node {
                AnyNodeRef::ExprIf(e) => Some(TextRange::new(e.body.start(), e.test.end())),
                _ => None,
            });
            Wording::at("expected 'else' after 'if' expression", conditional?)
        }
        // `a, b += 1`: the parser was reading a tuple when the operator came.
        ParseErrorType::ExpectedToken {
            expected: Kind::Comma,
            found,
        } if super::legacy_statement::is_augmented_assign(*found) => {
            let start = logical_line_start(tokens, range.start())?;
            let end = tokens
                .iter()
                .rev()
                .find(|t| t.end() <= range.start())?
                .end();
            Wording::at(
                "'tuple' is an illegal expression for augmented assignment",
                TextRange::new(start, end),
            )
        }
        _ => None,
    }
}

/// Where the logical line holding `at` begins.
fn logical_line_start(tokens: &[Token], at: TextSize) -> Option<TextSize> {
    let mut start = None;
    for token in tokens.iter().take_while(|t| t.start() < at) {
        match token.kind() {
            Kind::Newline | Kind::Indent | Kind::Dedent => start = None,
            Kind::NonLogicalNewline | Kind::Comment => {}
            _ if start.is_none() => start = Some(token.start()),
            _ => {}
        }
    }
    start
}

/// "named arguments must follow bare *": a function's parameters report it
/// at the `*` (`invalid_star_etc`), a lambda's where the parser stopped, the
/// token after the `*` and its comma (`invalid_lambda_star_etc`).
fn bare_star(tokens: &[Token], at: TextSize) -> Option<Wording> {
    let star = tokens
        .iter()
        .rposition(|t| t.start() <= at && t.kind() == Kind::Star)?;
    // A lambda's parameters are not in brackets: its keyword comes first.
    let mut depth = 0usize;
    let mut in_lambda = false;
    for token in tokens[..star].iter().rev() {
        match token.kind() {
            Kind::Rpar | Kind::Rsqb | Kind::Rbrace => depth += 1,
            Kind::Lpar | Kind::Lsqb | Kind::Lbrace if depth == 0 => break,
            Kind::Lpar | Kind::Lsqb | Kind::Lbrace => depth -= 1,
            Kind::Lambda if depth == 0 => {
                in_lambda = true;
                break;
            }
            Kind::Newline => break,
            _ => {}
        }
    }
    let msg = "named arguments must follow bare *";
    if !in_lambda {
        return Wording::at(msg, tokens[star].range());
    }
    let mut next = star + 1;
    if tokens.get(next)?.kind() == Kind::Comma {
        next += 1;
    }
    Wording::at(msg, tokens.get(next)?.range())
}

/// `invalid_assignment` and `invalid_named_expression`: "cannot assign to
/// function call", or, for the last target of an assignment written as a
/// plain operand, the hint that `==` was meant.
fn assignment_target(parsed: &Parsed<Mod>, tokens: &[Token], range: TextRange) -> Option<Wording> {
    let expr = expr_at(parsed, range)?;
    let name = expr_name_of(expr);
    let before = tokens.iter().rev().find(|t| t.end() <= range.start());
    let mut after_index = tokens.iter().position(|t| t.start() >= range.end())?;
    let parenthesized =
        before.is_some_and(|t| t.kind() == Kind::Lpar) && tokens[after_index].kind() == Kind::Rpar;
    if parenthesized {
        after_index += 1;
    }
    let after = tokens.get(after_index)?;
    if after.kind() != Kind::Equal {
        return Wording::new(format!("cannot assign to {name}"));
    }
    if matches!(expr, ExprRef::Yield(_) | ExprRef::YieldFrom(_)) && !parenthesized {
        return Wording::new("assignment to yield expression not possible");
    }
    // `bitwise_or '=' bitwise_or !('=' | ':=')`, unless the target is a
    // list, tuple, generator expression, True, None or False. What binds
    // more loosely than `|` is an operand only in parentheses.
    let operand = parenthesized
        || !matches!(
            expr,
            ExprRef::If(_)
                | ExprRef::Lambda(_)
                | ExprRef::Compare(_)
                | ExprRef::BoolOp(_)
                | ExprRef::Named(_)
                | ExprRef::Yield(_)
                | ExprRef::YieldFrom(_)
        ) && !matches!(expr, ExprRef::UnaryOp(u) if u.op == ruff_python_ast::UnaryOp::Not);
    let excluded = matches!(
        expr,
        ExprRef::List(_)
            | ExprRef::Tuple(_)
            | ExprRef::Generator(_)
            | ExprRef::BooleanLiteral(_)
            | ExprRef::NoneLiteral(_)
    );
    let first_target = !assigned_before(tokens, range.start());
    if operand && !excluded && first_target && !assigns_again(&tokens[after_index + 1..]) {
        return Wording::new(format!(
            "cannot assign to {name} here. Maybe you meant '==' instead of '='?"
        ));
    }
    Wording::new(format!("cannot assign to {name}"))
}

/// Whether an `=` comes before `at` in its simple statement, outside
/// brackets: the target at `at` is not the assignment's first.
fn assigned_before(tokens: &[Token], at: TextSize) -> bool {
    let mut depth = 0usize;
    let mut seen = false;
    for token in tokens.iter().take_while(|t| t.start() < at) {
        match token.kind() {
            Kind::Lpar | Kind::Lsqb | Kind::Lbrace => depth += 1,
            Kind::Rpar | Kind::Rsqb | Kind::Rbrace => depth = depth.saturating_sub(1),
            Kind::Newline | Kind::Semi | Kind::Indent | Kind::Dedent => seen = false,
            Kind::Equal if depth == 0 => seen = true,
            _ => {}
        }
    }
    seen
}

/// Whether another `=` or `:=` follows on this logical line, outside brackets.
fn assigns_again(tokens: &[Token]) -> bool {
    let mut depth = 0usize;
    for token in tokens {
        match token.kind() {
            Kind::Lpar | Kind::Lsqb | Kind::Lbrace => depth += 1,
            Kind::Rpar | Kind::Rsqb | Kind::Rbrace => depth = depth.saturating_sub(1),
            Kind::Newline => return false,
            Kind::Equal | Kind::ColonEqual if depth == 0 => return true,
            _ => {}
        }
    }
    false
}

/// The `)` that closes the call whose argument starts at `at`.
fn closing_paren(tokens: &[Token], at: TextSize) -> Option<TextRange> {
    let mut depth = 0usize;
    for token in tokens.iter().filter(|t| t.start() >= at) {
        match token.kind() {
            Kind::Lpar | Kind::Lsqb | Kind::Lbrace => depth += 1,
            Kind::Rpar if depth == 0 => return Some(token.range()),
            Kind::Rpar | Kind::Rsqb | Kind::Rbrace => depth = depth.saturating_sub(1),
            Kind::Newline => return None,
            _ => {}
        }
    }
    None
}

/// The target of the augmented assignment around `range`.
fn aug_assign_target(parsed: &Parsed<Mod>, range: TextRange) -> Option<TextRange> {
    let covering = covering(parsed, range)?;
    let target = covering.ancestors().find_map(|node| match node {
        AnyNodeRef::StmtAugAssign(s) => Some(s.target.range()),
        _ => None,
    });
    target
}

fn covering(
    parsed: &Parsed<Mod>,
    range: TextRange,
) -> Option<ruff_python_ast::find_node::CoveringNode<'_>> {
    let root = AnyNodeRef::from(parsed.syntax());
    if !root.range().contains_range(range) {
        return None;
    }
    Some(ruff_python_ast::find_node::covering_node(root, range))
}

/// The expression spanning exactly `range`, if there is one. (An f-string's
/// part spans what the f-string does: the expression is the outer node.)
fn expr_at(parsed: &Parsed<Mod>, range: TextRange) -> Option<ExprRef<'_>> {
    let covering = covering(parsed, range)?;
    let found = covering
        .ancestors()
        .take_while(|node| node.range() == range)
        .filter_map(|node| node.as_expr_ref())
        .last();
    found
}

fn expr_name(parsed: &Parsed<Mod>, range: TextRange) -> Option<&'static str> {
    Some(expr_name_of(expr_at(parsed, range)?))
}

/// How CPython's messages name a kind of expression.
fn expr_name_of(expr: ExprRef) -> &'static str {
    match expr {
        ExprRef::Attribute(_) => "attribute",
        ExprRef::Subscript(_) => "subscript",
        ExprRef::Starred(_) => "starred",
        ExprRef::Name(_) => "name",
        ExprRef::List(_) => "list",
        ExprRef::Tuple(_) => "tuple",
        ExprRef::Lambda(_) => "lambda",
        ExprRef::Call(_) => "function call",
        ExprRef::BoolOp(_) | ExprRef::BinOp(_) | ExprRef::UnaryOp(_) => "expression",
        ExprRef::Generator(_) => "generator expression",
        ExprRef::Yield(_) | ExprRef::YieldFrom(_) => "yield expression",
        ExprRef::Await(_) => "await expression",
        ExprRef::ListComp(_) => "list comprehension",
        ExprRef::SetComp(_) => "set comprehension",
        ExprRef::DictComp(_) => "dict comprehension",
        ExprRef::Dict(_) => "dict literal",
        ExprRef::Set(_) => "set display",
        ExprRef::FString(_) | ExprRef::TString(_) => "f-string expression",
        ExprRef::NoneLiteral(_) => "None",
        ExprRef::BooleanLiteral(b) if b.value => "True",
        ExprRef::BooleanLiteral(_) => "False",
        ExprRef::EllipsisLiteral(_) => "ellipsis",
        ExprRef::Compare(_) => "comparison",
        ExprRef::If(_) => "conditional expression",
        ExprRef::Named(_) => "named expression",
        _ => "literal",
    }
}

/// The statement whose block is missing at `at` (CPython's wording for it,
/// and where its keyword is): the logical line before the one at `at`.
pub(super) fn block_header(tokens: &[Token], at: TextSize) -> Option<(&'static str, TextSize)> {
    // The first two tokens of the logical line being read, and of the one
    // before it.
    let mut current: Vec<(Kind, TextRange)> = Vec::new();
    let mut previous: Vec<(Kind, TextRange)> = Vec::new();
    for token in tokens {
        if token.start() >= at {
            break;
        }
        match token.kind() {
            Kind::Newline => previous = std::mem::take(&mut current),
            Kind::NonLogicalNewline | Kind::Comment | Kind::Indent | Kind::Dedent => {}
            kind if current.len() < 2 => current.push((kind, token.range())),
            _ => {}
        }
    }
    let header = if current.is_empty() {
        previous
    } else {
        current
    };
    let mut words = header.iter();
    let (mut kind, mut range) = *words.next()?;
    if kind == Kind::Async {
        (kind, range) = *words.next()?;
    }
    let what = match kind {
        Kind::If => "'if' statement",
        Kind::Elif => "'elif' statement",
        Kind::Else => "'else' statement",
        Kind::While => "'while' statement",
        Kind::For => "'for' statement",
        Kind::With => "'with' statement",
        Kind::Try => "'try' statement",
        Kind::Except if words.next().is_some_and(|w| w.0 == Kind::Star) => "'except*' statement",
        Kind::Except => "'except' statement",
        Kind::Finally => "'finally' statement",
        Kind::Def => "function definition",
        Kind::Class => "class definition",
        Kind::Match => "'match' statement",
        Kind::Case => "'case' statement",
        _ => return None,
    };
    Some((what, range.start()))
}
