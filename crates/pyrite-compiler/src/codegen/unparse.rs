//! Expressions back to source text, as CPython's `Python/ast_unparse.c` writes them.
//!
//! Under `from __future__ import annotations` an annotation is stored as this
//! text, so `__annotations__` must read exactly like CPython's: normalised
//! spacing, parentheses only where precedence needs them, constants as `repr`.

use ruff_python_ast::{
    self as ast, BoolOp, CmpOp, ConversionFlag, Expr, FStringPart, InterpolatedStringElement,
    Number, Operator, UnaryOp,
};

use crate::bytecode::Constant;
use crate::literal::{bytes_repr, str_repr};

// Precedence levels, lowest first.
const PR_TUPLE: u8 = 0;
const PR_TEST: u8 = 1;
const PR_OR: u8 = 2;
const PR_AND: u8 = 3;
const PR_NOT: u8 = 4;
const PR_CMP: u8 = 5;
const PR_EXPR: u8 = 6;
const PR_BOR: u8 = PR_EXPR;
const PR_BXOR: u8 = 7;
const PR_BAND: u8 = 8;
const PR_SHIFT: u8 = 9;
const PR_ARITH: u8 = 10;
const PR_TERM: u8 = 11;
const PR_FACTOR: u8 = 12;
const PR_POWER: u8 = 13;
const PR_AWAIT: u8 = 14;
const PR_ATOM: u8 = 15;

/// The text of an annotation.
pub fn unparse_annotation(expr: &Expr, _source: &str) -> String {
    let mut out = String::new();
    unparse(&mut out, expr, PR_TEST);
    out
}

/// `repr` of a constant as the unparser writes it: infinities become `1e309`,
/// which reads back as infinity.
pub fn constant_repr(constant: &Constant) -> String {
    match constant {
        Constant::Ellipsis => "...".into(),
        Constant::Float(_) | Constant::Complex { .. } => constant.repr().replace("inf", "1e309"),
        Constant::Tuple(items) => {
            let inner: Vec<String> = items.iter().map(constant_repr).collect();
            if inner.len() == 1 {
                format!("({},)", inner[0])
            } else {
                format!("({})", inner.join(", "))
            }
        }
        other => other.repr(),
    }
}

fn open_if(out: &mut String, cond: bool) {
    if cond {
        out.push('(');
    }
}

fn close_if(out: &mut String, cond: bool) {
    if cond {
        out.push(')');
    }
}

fn join(out: &mut String, items: &[Expr], level: u8) {
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        unparse(out, item, level);
    }
}

fn unparse(out: &mut String, expr: &Expr, level: u8) {
    match expr {
        Expr::BoolOp(b) => {
            let (op, pr) = match b.op {
                BoolOp::And => (" and ", PR_AND),
                BoolOp::Or => (" or ", PR_OR),
            };
            open_if(out, level > pr);
            for (i, value) in b.values.iter().enumerate() {
                if i > 0 {
                    out.push_str(op);
                }
                unparse(out, value, pr + 1);
            }
            close_if(out, level > pr);
        }
        Expr::BinOp(b) => {
            let (op, pr, rassoc) = match b.op {
                Operator::Add => (" + ", PR_ARITH, false),
                Operator::Sub => (" - ", PR_ARITH, false),
                Operator::Mult => (" * ", PR_TERM, false),
                Operator::MatMult => (" @ ", PR_TERM, false),
                Operator::Div => (" / ", PR_TERM, false),
                Operator::Mod => (" % ", PR_TERM, false),
                Operator::LShift => (" << ", PR_SHIFT, false),
                Operator::RShift => (" >> ", PR_SHIFT, false),
                Operator::BitOr => (" | ", PR_BOR, false),
                Operator::BitXor => (" ^ ", PR_BXOR, false),
                Operator::BitAnd => (" & ", PR_BAND, false),
                Operator::FloorDiv => (" // ", PR_TERM, false),
                Operator::Pow => (" ** ", PR_POWER, true),
            };
            open_if(out, level > pr);
            unparse(out, &b.left, pr + u8::from(rassoc));
            out.push_str(op);
            unparse(out, &b.right, pr + u8::from(!rassoc));
            close_if(out, level > pr);
        }
        Expr::UnaryOp(u) => {
            let (op, pr) = match u.op {
                UnaryOp::Invert => ("~", PR_FACTOR),
                UnaryOp::Not => ("not ", PR_NOT),
                UnaryOp::UAdd => ("+", PR_FACTOR),
                UnaryOp::USub => ("-", PR_FACTOR),
            };
            open_if(out, level > pr);
            out.push_str(op);
            unparse(out, &u.operand, pr);
            close_if(out, level > pr);
        }
        Expr::Lambda(l) => {
            open_if(out, level > PR_TEST);
            let empty = ast::Parameters::default();
            let params = l.parameters.as_deref().unwrap_or(&empty);
            let positional = params.posonlyargs.len() + params.args.len();
            out.push_str(if positional > 0 { "lambda " } else { "lambda" });
            unparse_parameters(out, params);
            out.push_str(": ");
            unparse(out, &l.body, PR_TEST);
            close_if(out, level > PR_TEST);
        }
        Expr::If(i) => {
            open_if(out, level > PR_TEST);
            unparse(out, &i.body, PR_TEST + 1);
            out.push_str(" if ");
            unparse(out, &i.test, PR_TEST + 1);
            out.push_str(" else ");
            unparse(out, &i.orelse, PR_TEST);
            close_if(out, level > PR_TEST);
        }
        Expr::Dict(d) => {
            out.push('{');
            for (i, item) in d.items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                match &item.key {
                    Some(key) => {
                        unparse(out, key, PR_TEST);
                        out.push_str(": ");
                        unparse(out, &item.value, PR_TEST);
                    }
                    None => {
                        out.push_str("**");
                        unparse(out, &item.value, PR_EXPR);
                    }
                }
            }
            out.push('}');
        }
        Expr::Set(s) => {
            out.push('{');
            join(out, &s.elts, PR_TEST);
            out.push('}');
        }
        Expr::Generator(g) => {
            out.push('(');
            unparse(out, &g.elt, PR_TEST);
            unparse_comprehensions(out, &g.generators);
            out.push(')');
        }
        Expr::ListComp(c) => {
            out.push('[');
            unparse(out, &c.elt, PR_TEST);
            unparse_comprehensions(out, &c.generators);
            out.push(']');
        }
        Expr::SetComp(c) => {
            out.push('{');
            unparse(out, &c.elt, PR_TEST);
            unparse_comprehensions(out, &c.generators);
            out.push('}');
        }
        Expr::DictComp(c) => {
            out.push('{');
            if let Some(key) = &c.key {
                unparse(out, key, PR_TEST);
                out.push_str(": ");
            }
            unparse(out, &c.value, PR_TEST);
            unparse_comprehensions(out, &c.generators);
            out.push('}');
        }
        Expr::Yield(y) => {
            out.push_str("(yield");
            if let Some(value) = &y.value {
                out.push(' ');
                unparse(out, value, PR_TEST);
            }
            out.push(')');
        }
        Expr::YieldFrom(y) => {
            out.push_str("(yield from ");
            unparse(out, &y.value, PR_TEST);
            out.push(')');
        }
        Expr::Await(a) => {
            open_if(out, level > PR_AWAIT);
            out.push_str("await ");
            unparse(out, &a.value, PR_ATOM);
            close_if(out, level > PR_AWAIT);
        }
        Expr::Compare(c) => {
            open_if(out, level > PR_CMP);
            unparse(out, &c.left, PR_CMP + 1);
            for (op, comparator) in c.ops.iter().zip(c.comparators.iter()) {
                out.push_str(match op {
                    CmpOp::Eq => " == ",
                    CmpOp::NotEq => " != ",
                    CmpOp::Lt => " < ",
                    CmpOp::LtE => " <= ",
                    CmpOp::Gt => " > ",
                    CmpOp::GtE => " >= ",
                    CmpOp::Is => " is ",
                    CmpOp::IsNot => " is not ",
                    CmpOp::In => " in ",
                    CmpOp::NotIn => " not in ",
                });
                unparse(out, comparator, PR_CMP + 1);
            }
            close_if(out, level > PR_CMP);
        }
        Expr::Call(call) => {
            unparse(out, &call.func, PR_ATOM);
            let args = &call.arguments.args;
            let keywords = &call.arguments.keywords;
            if args.len() == 1 && keywords.is_empty() {
                if let Expr::Generator(g) = &args[0] {
                    out.push('(');
                    unparse(out, &g.elt, PR_TEST);
                    unparse_comprehensions(out, &g.generators);
                    out.push(')');
                    return;
                }
            }
            out.push('(');
            let mut first = true;
            for arg in args.iter() {
                if !first {
                    out.push_str(", ");
                }
                first = false;
                unparse(out, arg, PR_TEST);
            }
            for keyword in keywords.iter() {
                if !first {
                    out.push_str(", ");
                }
                first = false;
                match &keyword.arg {
                    Some(arg) => {
                        out.push_str(arg);
                        out.push('=');
                    }
                    None => out.push_str("**"),
                }
                unparse(out, &keyword.value, PR_TEST);
            }
            out.push(')');
        }
        Expr::FString(f) => {
            let body = fstring_body(f);
            out.push('f');
            out.push_str(&str_repr(&body));
        }
        Expr::TString(_) | Expr::IpyEscapeCommand(_) => out.push_str("..."),
        Expr::StringLiteral(s) => {
            if s.value
                .iter()
                .next()
                .is_some_and(|part| part.flags.prefix().is_unicode())
            {
                out.push('u');
            }
            out.push_str(&str_repr(s.value.to_str()));
        }
        Expr::BytesLiteral(b) => {
            let bytes: Vec<u8> = b
                .value
                .iter()
                .flat_map(|p| p.value.iter().copied())
                .collect();
            out.push_str(&bytes_repr(&bytes));
        }
        Expr::NumberLiteral(n) => {
            let constant = match &n.value {
                Number::Int(i) => {
                    super::fold::int_literal(i).map_or(Constant::Ellipsis, Constant::Int)
                }
                Number::Float(f) => Constant::Float(*f),
                Number::Complex { real, imag } => Constant::Complex {
                    real: *real,
                    imag: *imag,
                },
            };
            out.push_str(&constant_repr(&constant));
        }
        Expr::BooleanLiteral(b) => out.push_str(if b.value { "True" } else { "False" }),
        Expr::NoneLiteral(_) => out.push_str("None"),
        Expr::EllipsisLiteral(_) => out.push_str("..."),
        Expr::Attribute(a) => {
            unparse(out, &a.value, PR_ATOM);
            // `1 .real`: an int literal needs a space before the dot.
            if matches!(a.value.as_ref(), Expr::NumberLiteral(n) if matches!(n.value, Number::Int(_)))
            {
                out.push_str(" .");
            } else {
                out.push('.');
            }
            out.push_str(&a.attr);
        }
        Expr::Subscript(s) => {
            unparse(out, &s.value, PR_ATOM);
            out.push('[');
            unparse(out, &s.slice, PR_TUPLE);
            out.push(']');
        }
        Expr::Starred(s) => {
            out.push('*');
            unparse(out, &s.value, PR_EXPR);
        }
        Expr::Slice(s) => {
            if let Some(lower) = &s.lower {
                unparse(out, lower, PR_TEST);
            }
            out.push(':');
            if let Some(upper) = &s.upper {
                unparse(out, upper, PR_TEST);
            }
            if let Some(step) = &s.step {
                out.push(':');
                unparse(out, step, PR_TEST);
            }
        }
        Expr::Name(n) => out.push_str(&n.id),
        Expr::List(l) => {
            out.push('[');
            join(out, &l.elts, PR_TEST);
            out.push(']');
        }
        Expr::Tuple(t) => {
            if t.elts.is_empty() {
                out.push_str("()");
                return;
            }
            open_if(out, level > PR_TUPLE);
            join(out, &t.elts, PR_TEST);
            if t.elts.len() == 1 {
                out.push(',');
            }
            close_if(out, level > PR_TUPLE);
        }
        Expr::Named(n) => {
            open_if(out, level > PR_TUPLE);
            unparse(out, &n.target, PR_ATOM);
            out.push_str(" := ");
            unparse(out, &n.value, PR_ATOM);
            close_if(out, level > PR_TUPLE);
        }
    }
}

fn unparse_comprehensions(out: &mut String, generators: &[ast::Comprehension]) {
    for gen in generators {
        out.push_str(if gen.is_async { " async for " } else { " for " });
        unparse(out, &gen.target, PR_TUPLE);
        out.push_str(" in ");
        unparse(out, &gen.iter, PR_TEST + 1);
        for condition in &gen.ifs {
            out.push_str(" if ");
            unparse(out, condition, PR_TEST + 1);
        }
    }
}

fn unparse_parameter(out: &mut String, param: &ast::Parameter) {
    out.push_str(&param.name);
    if let Some(annotation) = &param.annotation {
        out.push_str(": ");
        unparse(out, annotation, PR_TEST);
    }
}

fn unparse_parameters(out: &mut String, params: &ast::Parameters) {
    let mut first = true;
    let mut sep = |out: &mut String| {
        if first {
            first = false;
        } else {
            out.push_str(", ");
        }
    };
    let posonly = params.posonlyargs.len();
    for (i, param) in params.posonlyargs.iter().chain(&params.args).enumerate() {
        sep(out);
        unparse_parameter(out, &param.parameter);
        if let Some(default) = &param.default {
            out.push('=');
            unparse(out, default, PR_TEST);
        }
        if posonly > 0 && i + 1 == posonly {
            out.push_str(", /");
        }
    }
    if params.vararg.is_some() || !params.kwonlyargs.is_empty() {
        sep(out);
        out.push('*');
        if let Some(vararg) = &params.vararg {
            unparse_parameter(out, vararg);
        }
    }
    for param in &params.kwonlyargs {
        sep(out);
        unparse_parameter(out, &param.parameter);
        if let Some(default) = &param.default {
            out.push('=');
            unparse(out, default, PR_TEST);
        }
    }
    if let Some(kwarg) = &params.kwarg {
        sep(out);
        out.push_str("**");
        unparse_parameter(out, kwarg);
    }
}

/// The inside of an f-string, before it is quoted with `repr`.
fn fstring_body(f: &ast::ExprFString) -> String {
    let mut body = String::new();
    for part in f.value.iter() {
        match part {
            FStringPart::Literal(literal) => push_fstring_literal(&mut body, &literal.value),
            FStringPart::FString(fstring) => fstring_elements(&mut body, &fstring.elements),
        }
    }
    body
}

fn push_fstring_literal(body: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '{' => body.push_str("{{"),
            '}' => body.push_str("}}"),
            c => body.push(c),
        }
    }
}

fn fstring_elements(body: &mut String, elements: &[InterpolatedStringElement]) {
    for element in elements {
        match element {
            InterpolatedStringElement::Literal(literal) => {
                push_fstring_literal(body, &literal.value)
            }
            InterpolatedStringElement::Interpolation(value) => {
                let mut conversion = value.conversion;
                if let Some(debug) = &value.debug_text {
                    push_fstring_literal(body, debug.as_str());
                    if conversion == ConversionFlag::None && value.format_spec.is_none() {
                        conversion = ConversionFlag::Repr;
                    }
                }
                let mut text = String::new();
                unparse(&mut text, &value.expression, PR_TEST + 1);
                body.push_str(if text.starts_with('{') { "{ " } else { "{" });
                body.push_str(&text);
                match conversion {
                    ConversionFlag::None => {}
                    ConversionFlag::Str => body.push_str("!s"),
                    ConversionFlag::Repr => body.push_str("!r"),
                    ConversionFlag::Ascii => body.push_str("!a"),
                }
                if let Some(spec) = &value.format_spec {
                    body.push(':');
                    fstring_elements(body, &spec.elements);
                }
                body.push('}');
            }
        }
    }
}
