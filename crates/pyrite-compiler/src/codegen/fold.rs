//! Constant folding, as CPython's AST optimizer (`Python/ast_opt.c`) does it
//! before code generation.
//!
//! Folding is visible: `-1`, `2 ** 10`, `"a" + "b"`, `(1, 2)` and `"abc"[0]` are
//! single constants, and `if not __debug__:` is dead code. The rules and their
//! size limits are CPython's (no folding into ints of more than 128 bits,
//! sequences of more than 256 items or strings of more than 4096 characters, and
//! never `str % x`). Any operation that would raise is left for run time.
//!
//! Three rewrites besides constants: a list display that is only iterated (`for x
//! in [a, b]`, `x in [a, b]`) is built as a tuple; `not (a is b)` becomes
//! `a is not b` (likewise for `in`); and `'%s: %r' % (a, b)` with only `%s`, `%r`
//! and `%a` units becomes the f-string `f'{a!s}: {b!r}'`.
//!
//! CPython rewrites the whole tree before compiling it. What a node folds to
//! depends only on the node and its children (and, for a display, on whether it
//! is only iterated, which its parent decides), so here code generation asks
//! about each expression when it reaches it, and nothing else is ever folded: a
//! pass over every node of the module cost more than the questions do (33.5M of
//! 942M instructions over a 198-file stdlib sample). An expression too deep for
//! this recursion never gets here: pass 1 counts the same nesting against the
//! same limit, from at least as deep, and raises the RecursionError first.

use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive, Zero};
use ruff_python_ast::{self as ast, CmpOp, Expr, ExprContext, Number, Operator, UnaryOp};

use crate::bytecode::Constant;
use crate::number;

const MAX_INT_SIZE: u64 = 128;
const MAX_COLLECTION_SIZE: usize = 256;
const MAX_STR_SIZE: usize = 4096;
const MAX_TOTAL_ITEMS: usize = 1024;

/// Folds expressions on demand, for code generation.
#[derive(Clone, Copy, Debug)]
pub struct Folder {
    /// `-O` level: `__debug__` is `optimize == 0`.
    optimize: u8,
}

/// A piece of a `%`-format rewritten as an f-string.
#[derive(Clone, Debug, PartialEq)]
pub enum FormatPiece {
    Literal(String),
    /// The `index`-th item of the tuple, converted with `!s`/`!r`/`!a` and
    /// formatted with `spec` (from the width and precision).
    Value {
        index: usize,
        conversion: char,
        spec: Option<String>,
    },
}

impl Folder {
    pub fn new(optimize: u8) -> Folder {
        Folder { optimize }
    }

    /// The constant a non-literal expression folds to. `iterated`: the
    /// expression is only iterated (the iterable of a `for` statement or of a
    /// comprehension, or the right operand of a comparison's last `in`), where a
    /// list or set display of constants is a tuple or frozenset.
    pub fn constant(&self, expr: &Expr, iterated: bool) -> Option<Constant> {
        match expr {
            Expr::List(list) if iterated && !has_starred(&list.elts) => {
                self.values(&list.elts).map(Constant::Tuple)
            }
            Expr::Set(set) if iterated => self.values(&set.elts).map(Constant::FrozenSet),
            _ => self.fold_expr(expr),
        }
    }

    /// A list display that is built as a tuple: one that is only iterated (see
    /// `constant`) and has no starred item.
    pub fn is_list_as_tuple(expr: &Expr, iterated: bool) -> bool {
        matches!(expr, Expr::List(list) if iterated && !has_starred(&list.elts))
    }

    /// `'...' % (a, b)` compiled as an f-string: its pieces, when the format is
    /// a constant str with only `%s`/`%r`/`%a` units, one per item of a tuple
    /// display that is not itself a constant.
    pub fn format(&self, expr: &Expr) -> Option<Vec<FormatPiece>> {
        let Expr::BinOp(bin) = expr else {
            return None;
        };
        if bin.op != Operator::Mod {
            return None;
        }
        let Expr::Tuple(tuple) = bin.right.as_ref() else {
            return None;
        };
        if has_starred(&tuple.elts) {
            return None;
        }
        let Some(Constant::Str(fmt)) = self.value(&bin.left) else {
            return None;
        };
        // A tuple of constants makes the whole operation a constant, or leaves it
        // for run time (`str % x` is never folded).
        if self.fold_expr(&bin.right).is_some() {
            return None;
        }
        parse_percent_format(&fmt, tuple.elts.len())
    }

    /// `not (a is b)` is compiled as `a is not b`: the comparison to compile
    /// with its operator inverted.
    pub fn inverted_compare(unary: &ast::ExprUnaryOp) -> Option<&ast::ExprCompare> {
        if unary.op != UnaryOp::Not {
            return None;
        }
        match unary.operand.as_ref() {
            Expr::Compare(compare)
                if compare.ops.len() == 1
                    && matches!(
                        compare.ops[0],
                        CmpOp::Is | CmpOp::IsNot | CmpOp::In | CmpOp::NotIn
                    ) =>
            {
                Some(compare)
            }
            _ => None,
        }
    }

    /// The constant an operand is, folded or literally.
    fn value(&self, expr: &Expr) -> Option<Constant> {
        self.fold_expr(expr).or_else(|| literal(expr))
    }

    fn values(&self, exprs: &[Expr]) -> Option<Vec<Constant>> {
        exprs.iter().map(|e| self.value(e)).collect()
    }

    fn fold_expr(&self, expr: &Expr) -> Option<Constant> {
        match expr {
            Expr::BinOp(bin) => {
                let left = self.value(&bin.left)?;
                let right = self.value(&bin.right)?;
                fold_binop(bin.op, &left, &right)
            }
            Expr::UnaryOp(unary) => {
                let operand = self.value(&unary.operand)?;
                fold_unaryop(unary.op, &operand)
            }
            Expr::Tuple(tuple) if tuple.ctx == ExprContext::Load => {
                self.values(&tuple.elts).map(Constant::Tuple)
            }
            Expr::Subscript(sub) if sub.ctx == ExprContext::Load => {
                let value = self.value(&sub.value)?;
                let index = self.value(&sub.slice)?;
                fold_subscript(&value, &index)
            }
            Expr::Name(name)
                if name.ctx == ExprContext::Load && name.id.as_str() == "__debug__" =>
            {
                Some(Constant::Bool(self.optimize == 0))
            }
            _ => None,
        }
    }
}

fn has_starred(elts: &[Expr]) -> bool {
    elts.iter().any(|e| matches!(e, Expr::Starred(_)))
}

/// The constant of a literal expression (`None` for any other).
///
/// Inlined down to the test of the expression's kind: code generation asks
/// this of nearly every expression, most are no literal, and as a call of its
/// own the answer cost more in saved registers than the test.
#[inline]
pub fn literal(expr: &Expr) -> Option<Constant> {
    if !expr.is_literal_expr() {
        return None;
    }
    literal_constant(expr)
}

/// `literal` of a literal expression.
fn literal_constant(expr: &Expr) -> Option<Constant> {
    Some(match expr {
        Expr::NoneLiteral(_) => Constant::None,
        Expr::EllipsisLiteral(_) => Constant::Ellipsis,
        Expr::BooleanLiteral(b) => Constant::Bool(b.value),
        Expr::StringLiteral(s) => Constant::Str(s.value.to_str().to_string()),
        Expr::BytesLiteral(b) => {
            let mut bytes = Vec::new();
            for part in b.value.iter() {
                bytes.extend_from_slice(&part.value);
            }
            Constant::Bytes(bytes)
        }
        Expr::NumberLiteral(n) => match &n.value {
            Number::Int(i) => Constant::Int(int_literal(i)?),
            Number::Float(f) => Constant::Float(*f),
            Number::Complex { real, imag } => Constant::Complex {
                real: *real,
                imag: *imag,
            },
        },
        _ => return None,
    })
}

/// The value of an integer literal (decimal, `0x`, `0o`, `0b`, with `_`).
pub fn int_literal(int: &ast::Int) -> Option<BigInt> {
    if let Some(small) = int.as_i64() {
        return Some(BigInt::from(small));
    }
    let text: String = int.to_string().chars().filter(|&c| c != '_').collect();
    let lower = text.to_ascii_lowercase();
    let (digits, radix) = if let Some(rest) = lower.strip_prefix("0x") {
        (rest, 16)
    } else if let Some(rest) = lower.strip_prefix("0o") {
        (rest, 8)
    } else if let Some(rest) = lower.strip_prefix("0b") {
        (rest, 2)
    } else {
        (lower.as_str(), 10)
    };
    BigInt::parse_bytes(digits.as_bytes(), radix)
}

/// Splits a `%`-format into literal text and `%s`/`%r`/`%a` units, if it has
/// exactly `count` units and no other kind.
fn parse_percent_format(fmt: &str, count: usize) -> Option<Vec<FormatPiece>> {
    const MAX_DIGITS: usize = 3;
    let chars: Vec<char> = fmt.chars().collect();
    let mut pieces = Vec::new();
    let mut pos = 0;
    let mut used = 0;
    loop {
        let mut literal = String::new();
        while pos < chars.len() {
            if chars[pos] != '%' {
                literal.push(chars[pos]);
                pos += 1;
            } else if chars.get(pos + 1) == Some(&'%') {
                literal.push('%');
                pos += 2;
            } else {
                break;
            }
        }
        if !literal.is_empty() {
            pieces.push(FormatPiece::Literal(literal));
        }
        if pos >= chars.len() {
            break;
        }
        if used >= count {
            return None;
        }
        pos += 1;
        let mut next = || {
            let c = chars.get(pos).copied();
            pos += 1;
            c
        };
        let mut ljust = false;
        let mut ch = next()?;
        loop {
            match ch {
                '-' => ljust = true,
                '+' | ' ' | '#' | '0' => {}
                _ => break,
            }
            ch = next()?;
        }
        let mut width: Option<u32> = None;
        let mut digits = 0;
        while ch.is_ascii_digit() {
            width = Some(width.unwrap_or(0) * 10 + ch.to_digit(10)?);
            ch = next()?;
            digits += 1;
            if digits >= MAX_DIGITS {
                return None;
            }
        }
        let mut precision: Option<u32> = None;
        if ch == '.' {
            ch = next()?;
            precision = Some(0);
            let mut digits = 0;
            while ch.is_ascii_digit() {
                precision = Some(precision.unwrap_or(0) * 10 + ch.to_digit(10)?);
                ch = next()?;
                digits += 1;
                if digits >= MAX_DIGITS {
                    return None;
                }
            }
        }
        if !matches!(ch, 's' | 'r' | 'a') {
            return None;
        }
        let mut spec = String::new();
        if let Some(w) = width {
            if !ljust && w > 0 {
                spec.push('>');
            }
            spec.push_str(&w.to_string());
        }
        if let Some(p) = precision {
            spec.push_str(&format!(".{p}"));
        }
        pieces.push(FormatPiece::Value {
            index: used,
            conversion: ch,
            spec: (!spec.is_empty()).then_some(spec),
        });
        used += 1;
    }
    (used == count).then_some(pieces)
}

// ----- the operations -----------------------------------------------------------

/// A number as Python sees it for arithmetic: bools are ints.
enum Num {
    Int(BigInt),
    Float(f64),
    Complex(f64, f64),
}

fn as_num(c: &Constant) -> Option<Num> {
    match c {
        Constant::Bool(b) => Some(Num::Int(BigInt::from(*b as u8))),
        Constant::Int(i) => Some(Num::Int(i.clone())),
        Constant::Float(f) => Some(Num::Float(*f)),
        Constant::Complex { real, imag } => Some(Num::Complex(*real, *imag)),
        _ => None,
    }
}

fn to_f64(n: &Num) -> Option<f64> {
    match n {
        Num::Int(i) => number::int_to_f64(i),
        Num::Float(f) => Some(*f),
        Num::Complex(..) => None,
    }
}

fn to_complex(n: &Num) -> Option<(f64, f64)> {
    match n {
        Num::Complex(r, i) => Some((*r, *i)),
        other => to_f64(other).map(|f| (f, 0.0)),
    }
}

fn int_bits(i: &BigInt) -> u64 {
    number::bit_length(i)
}

fn float(f: f64) -> Option<Constant> {
    Some(Constant::Float(f))
}

fn seq_len(c: &Constant) -> Option<usize> {
    match c {
        Constant::Str(s) => Some(s.chars().count()),
        Constant::Bytes(b) => Some(b.len()),
        Constant::Tuple(t) | Constant::FrozenSet(t) => Some(t.len()),
        _ => None,
    }
}

/// Items in a constant, counting nested tuples (CPython's `check_complexity`).
fn total_items(c: &Constant, limit: usize) -> Option<usize> {
    match c {
        Constant::Tuple(items) | Constant::FrozenSet(items) => {
            let mut total = items.len();
            for item in items {
                total += total_items(item, limit)?;
                if total > limit {
                    return None;
                }
            }
            Some(total)
        }
        _ => Some(0),
    }
}

fn repeat(seq: &Constant, n: &BigInt) -> Option<Constant> {
    let count = if n.is_negative() { 0 } else { n.to_usize()? };
    let size = seq_len(seq)?;
    let limit = match seq {
        Constant::Str(_) | Constant::Bytes(_) => MAX_STR_SIZE,
        _ => MAX_COLLECTION_SIZE,
    };
    // An empty sequence repeated is itself: no walk over a count like 10**18.
    if size == 0 {
        return Some(seq.clone());
    }
    if let Some(most) = limit.checked_div(size) {
        if n.is_negative() || count > most {
            return None;
        }
        if let Constant::Tuple(_) = seq {
            if count > 0 && total_items(seq, MAX_TOTAL_ITEMS / count).is_none() {
                return None;
            }
        }
    }
    Some(match seq {
        Constant::Str(s) => Constant::Str(s.repeat(count)),
        Constant::Bytes(b) => Constant::Bytes(b.repeat(count)),
        Constant::Tuple(t) => Constant::Tuple(
            std::iter::repeat_n(t.iter().cloned(), count)
                .flatten()
                .collect(),
        ),
        _ => return None,
    })
}

fn fold_binop(op: Operator, left: &Constant, right: &Constant) -> Option<Constant> {
    // Sequences first: concatenation and repetition.
    match (op, left, right) {
        (Operator::Add, Constant::Str(a), Constant::Str(b)) => {
            return Some(Constant::Str(format!("{a}{b}")))
        }
        (Operator::Add, Constant::Bytes(a), Constant::Bytes(b)) => {
            return Some(Constant::Bytes([a.as_slice(), b.as_slice()].concat()))
        }
        (Operator::Add, Constant::Tuple(a), Constant::Tuple(b)) => {
            return Some(Constant::Tuple(a.iter().chain(b).cloned().collect()))
        }
        (Operator::Mult, seq @ (Constant::Str(_) | Constant::Bytes(_) | Constant::Tuple(_)), n)
        | (Operator::Mult, n, seq @ (Constant::Str(_) | Constant::Bytes(_) | Constant::Tuple(_))) =>
        {
            let Some(Num::Int(n)) = as_num(n) else {
                return None;
            };
            return repeat(seq, &n);
        }
        _ => {}
    }
    let both_bool = matches!((left, right), (Constant::Bool(_), Constant::Bool(_)));
    let a = as_num(left)?;
    let b = as_num(right)?;
    match (&a, &b) {
        (Num::Int(x), Num::Int(y)) => {
            let result = match op {
                Operator::Add => x + y,
                Operator::Sub => x - y,
                Operator::Mult => {
                    if !x.is_zero() && !y.is_zero() && int_bits(x) + int_bits(y) > MAX_INT_SIZE {
                        return None;
                    }
                    x * y
                }
                Operator::Div => {
                    // Exact only while both are exactly representable as floats.
                    let limit = BigInt::from(1u64 << 53);
                    if y.is_zero() || x.abs() > limit || y.abs() > limit {
                        return None;
                    }
                    return float(x.to_f64()? / y.to_f64()?);
                }
                Operator::FloorDiv => number::int_floordiv(x, y)?,
                Operator::Mod => number::int_mod(x, y)?,
                Operator::Pow => {
                    if y.is_negative() {
                        if x.is_zero() {
                            return None;
                        }
                        let base = to_f64(&a)?;
                        let exp = to_f64(&b)?;
                        return number::float_pow(base, exp).ok().and_then(float);
                    }
                    if !x.is_zero() && !y.is_zero() {
                        let exp = y.to_u64()?;
                        if int_bits(x) > MAX_INT_SIZE / exp.max(1) {
                            return None;
                        }
                    }
                    x.pow(y.to_u32()?)
                }
                Operator::LShift => {
                    if y.is_negative() {
                        return None;
                    }
                    if !x.is_zero() && !y.is_zero() {
                        let shift = y.to_u64()?;
                        if shift > MAX_INT_SIZE || int_bits(x) > MAX_INT_SIZE - shift {
                            return None;
                        }
                    }
                    x << y.to_usize()?
                }
                Operator::RShift => {
                    if y.is_negative() {
                        return None;
                    }
                    match y.to_usize() {
                        Some(shift) => x >> shift,
                        None => {
                            if x.is_negative() {
                                BigInt::from(-1)
                            } else {
                                BigInt::zero()
                            }
                        }
                    }
                }
                Operator::BitOr | Operator::BitXor | Operator::BitAnd => {
                    let r = match op {
                        Operator::BitOr => x | y,
                        Operator::BitXor => x ^ y,
                        _ => x & y,
                    };
                    if both_bool {
                        return Some(Constant::Bool(!r.is_zero()));
                    }
                    r
                }
                Operator::MatMult => return None,
            };
            Some(Constant::Int(result))
        }
        (Num::Complex(..), _) | (_, Num::Complex(..)) => {
            let (ar, ai) = to_complex(&a)?;
            let (br, bi) = to_complex(&b)?;
            let (real, imag) = match op {
                Operator::Add => (ar + br, ai + bi),
                Operator::Sub => (ar - br, ai - bi),
                Operator::Mult => (ar * br - ai * bi, ar * bi + ai * br),
                _ => return None,
            };
            Some(Constant::Complex { real, imag })
        }
        _ => {
            let x = to_f64(&a)?;
            let y = to_f64(&b)?;
            match op {
                Operator::Add => float(x + y),
                Operator::Sub => float(x - y),
                Operator::Mult => float(x * y),
                Operator::Div => {
                    if y == 0.0 {
                        None
                    } else {
                        float(x / y)
                    }
                }
                Operator::FloorDiv => number::float_divmod(x, y).and_then(|(q, _)| float(q)),
                Operator::Mod => number::float_mod(x, y).and_then(float),
                Operator::Pow => number::float_pow(x, y).ok().and_then(float),
                _ => None,
            }
        }
    }
}

fn fold_unaryop(op: UnaryOp, operand: &Constant) -> Option<Constant> {
    if op == UnaryOp::Not {
        return Some(Constant::Bool(!operand.is_truthy()));
    }
    match (op, as_num(operand)?) {
        (UnaryOp::USub, Num::Int(i)) => Some(Constant::Int(-i)),
        (UnaryOp::USub, Num::Float(f)) => float(-f),
        (UnaryOp::USub, Num::Complex(r, i)) => Some(Constant::Complex { real: -r, imag: -i }),
        (UnaryOp::UAdd, Num::Int(i)) => Some(Constant::Int(i)),
        (UnaryOp::UAdd, Num::Float(f)) => float(f),
        (UnaryOp::UAdd, Num::Complex(r, i)) => Some(Constant::Complex { real: r, imag: i }),
        (UnaryOp::Invert, Num::Int(i)) => Some(Constant::Int(-i - 1)),
        _ => None,
    }
}

fn fold_subscript(value: &Constant, index: &Constant) -> Option<Constant> {
    let Some(Num::Int(i)) = as_num(index) else {
        return None;
    };
    let len = seq_len(value)? as i64;
    let mut i = i.to_i64()?;
    if i < 0 {
        i += len;
    }
    if i < 0 || i >= len {
        return None;
    }
    let i = i as usize;
    match value {
        Constant::Str(s) => s.chars().nth(i).map(|c| Constant::Str(c.to_string())),
        Constant::Bytes(b) => Some(Constant::Int(BigInt::from(b[i]))),
        Constant::Tuple(t) => Some(t[i].clone()),
        _ => None,
    }
}
