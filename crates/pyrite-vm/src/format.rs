//! Text formatting: the format-spec mini-language of `format()` and f-strings
//! (for str, int and float), `str.format`, and printf-style `%` formatting.

use num_bigint::{BigInt, Sign};
use num_traits::{Signed, ToPrimitive};

use crate::object::function::Args;
use crate::object::Payload;
use crate::ops;
use crate::value::Value;
use crate::vm::{PyResult, Vm};

/// A parsed format spec: `[[fill]align][sign][z][#][0][width][grouping][.precision][type]`.
#[derive(Debug, Clone)]
pub struct Spec {
    fill: char,
    align: Option<char>,
    sign: Option<char>,
    no_neg_zero: bool,
    alternate: bool,
    width: usize,
    grouping: Option<char>,
    precision: Option<usize>,
    ty: Option<char>,
}

fn is_align(c: char) -> bool {
    matches!(c, '<' | '>' | '=' | '^')
}

fn parse_spec(vm: &Vm, spec: &str, type_name: &str, default_align: char) -> PyResult<Spec> {
    let default_type = if type_name == "str" { Some('s') } else { None };
    let chars: Vec<char> = spec.chars().collect();
    let end = chars.len();
    let mut pos = 0;
    let mut fill = ' ';
    let mut fill_given = false;
    let mut align = None;
    if end >= 2 && is_align(chars[1]) {
        fill = chars[0];
        fill_given = true;
        align = Some(chars[1]);
        pos = 2;
    } else if end >= 1 && is_align(chars[0]) {
        align = Some(chars[0]);
        pos = 1;
    }
    let mut sign = None;
    if pos < end && matches!(chars[pos], '+' | '-' | ' ') {
        sign = Some(chars[pos]);
        pos += 1;
    }
    let mut no_neg_zero = false;
    if pos < end && chars[pos] == 'z' {
        no_neg_zero = true;
        pos += 1;
    }
    let mut alternate = false;
    if pos < end && chars[pos] == '#' {
        alternate = true;
        pos += 1;
    }
    if !fill_given && pos < end && chars[pos] == '0' {
        fill = '0';
        if align.is_none() && default_align == '>' {
            align = Some('=');
        }
        pos += 1;
    }
    let digits = |pos: &mut usize| -> PyResult<Option<usize>> {
        let start = *pos;
        while *pos < end && chars[*pos].is_ascii_digit() {
            *pos += 1;
        }
        if *pos == start {
            return Ok(None);
        }
        let text: String = chars[start..*pos].iter().collect();
        text.parse::<usize>()
            .ok()
            .filter(|&n| n <= isize::MAX as usize / 4)
            .map(Some)
            .ok_or_else(|| vm.value_error("Too many decimal digits in format string"))
    };
    let width = digits(&mut pos)?.unwrap_or(0);
    let mut grouping = None;
    if pos < end && chars[pos] == ',' {
        grouping = Some(',');
        pos += 1;
    }
    if pos < end && chars[pos] == '_' {
        if grouping.is_some() {
            return Err(vm.value_error("Cannot specify both ',' and '_'."));
        }
        grouping = Some('_');
        pos += 1;
    }
    if pos < end && chars[pos] == ',' {
        return Err(vm.value_error("Cannot specify both ',' and '_'."));
    }
    let mut precision = None;
    if pos < end && chars[pos] == '.' {
        pos += 1;
        precision = digits(&mut pos)?;
        if precision.is_none() {
            return Err(vm.value_error("Format specifier missing precision"));
        }
    }
    if end - pos > 1 {
        return Err(vm.value_error(format!(
            "Invalid format specifier '{spec}' for object of type '{type_name}'"
        )));
    }
    let ty = chars.get(pos).copied();
    if let Some(g) = grouping {
        let ok = match ty.or(default_type) {
            None | Some('d' | 'e' | 'f' | 'g' | 'E' | 'G' | '%' | 'F') => true,
            Some('b' | 'o' | 'x' | 'X') => g == '_',
            _ => false,
        };
        if !ok {
            return Err(vm.value_error(format!(
                "Cannot specify '{g}' with '{}'.",
                ty.or(default_type).unwrap_or(' ')
            )));
        }
    }
    Ok(Spec {
        fill,
        align,
        sign,
        no_neg_zero,
        alternate,
        width,
        grouping,
        precision,
        ty,
    })
}

fn unknown_code(vm: &Vm, c: char, type_name: &str) -> crate::vm::PyErr {
    vm.value_error(format!(
        "Unknown format code '{c}' for object of type '{type_name}'"
    ))
}

/// Pads `body` (with a sign/prefix part that `=` alignment keeps in front) to
/// the spec's width.
fn pad(vm: &Vm, spec: &Spec, prefix: &str, body: &str, default_align: char) -> PyResult<String> {
    let len = prefix.chars().count() + body.chars().count();
    let n = spec.width.saturating_sub(len);
    let mut out = String::new();
    vm.reserve_text(
        &mut out,
        prefix.len() + body.len() + n.saturating_mul(spec.fill.len_utf8()),
    )?;
    let (left, middle, right) = match spec.align.unwrap_or(default_align) {
        '<' => (0, 0, n),
        '^' => (n / 2, 0, n - n / 2),
        '=' => (0, n, 0),
        _ => (n, 0, 0),
    };
    out.extend(std::iter::repeat_n(spec.fill, left));
    out.push_str(prefix);
    out.extend(std::iter::repeat_n(spec.fill, middle));
    out.push_str(body);
    out.extend(std::iter::repeat_n(spec.fill, right));
    Ok(out)
}

/// Inserts grouping separators into a run of digits, padding with zeros up to
/// `min_width` (zero-padded widths are grouped too, as in CPython).
fn group_digits(digits: &str, sep: char, group: usize, min_width: usize) -> String {
    let ds: Vec<char> = digits.chars().rev().collect();
    let mut out: Vec<char> = Vec::new();
    let mut i = 0;
    loop {
        for k in 0..group {
            if i < ds.len() {
                out.push(ds[i]);
                i += 1;
            } else if k == 0 || out.len() < min_width {
                out.push('0');
            } else {
                break;
            }
        }
        if i >= ds.len() && out.len() >= min_width {
            break;
        }
        out.push(sep);
    }
    out.into_iter().rev().collect()
}

/// The sign part of a number.
fn sign_str(negative: bool, spec: &Spec) -> &'static str {
    match (negative, spec.sign) {
        (true, _) => "-",
        (false, Some('+')) => "+",
        (false, Some(' ')) => " ",
        _ => "",
    }
}

/// `format(s, spec)` for a str.
pub fn format_str(vm: &Vm, s: &str, spec: &str) -> PyResult<String> {
    if spec.is_empty() {
        return Ok(s.to_string());
    }
    let spec = parse_spec(vm, spec, "str", '<')?;
    match spec.ty {
        None | Some('s') => {}
        Some(c) => return Err(unknown_code(vm, c, "str")),
    }
    match spec.sign {
        Some(' ') => return Err(vm.value_error("Space not allowed in string format specifier")),
        Some(_) => return Err(vm.value_error("Sign not allowed in string format specifier")),
        None => {}
    }
    if spec.no_neg_zero {
        return Err(
            vm.value_error("Negative zero coercion (z) not allowed in string format specifier")
        );
    }
    if spec.alternate {
        return Err(vm.value_error("Alternate form (#) not allowed in string format specifier"));
    }
    if spec.align == Some('=') {
        return Err(vm.value_error("'=' alignment not allowed in string format specifier"));
    }
    let body: String = match spec.precision {
        Some(p) => s.chars().take(p).collect(),
        None => s.to_string(),
    };
    pad(vm, &spec, "", &body, '<')
}

/// `format(i, spec)` for an int.
pub fn format_int(vm: &Vm, i: &BigInt, spec: &str) -> PyResult<String> {
    if spec.is_empty() {
        return Ok(i.to_string());
    }
    let spec = parse_spec(vm, spec, "int", '>')?;
    let (radix, upper) = match spec.ty {
        None | Some('d') | Some('n') => (10, false),
        Some('b') => (2, false),
        Some('o') => (8, false),
        Some('x') => (16, false),
        Some('X') => (16, true),
        Some('c') => {
            if spec.precision.is_some() {
                return Err(vm.value_error("Precision not allowed in integer format specifier"));
            }
            if spec.sign.is_some() {
                return Err(vm.value_error("Sign not allowed with integer format specifier 'c'"));
            }
            if spec.alternate {
                return Err(vm.value_error(
                    "Alternate form (#) not allowed with integer format specifier 'c'",
                ));
            }
            let c = i
                .to_u32()
                .and_then(char::from_u32)
                .ok_or_else(|| vm.overflow_error("%c arg not in range(0x110000)"))?;
            return pad(vm, &spec, "", &c.to_string(), '<');
        }
        Some('e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%') => {
            let f = crate::object::float::int_to_float(vm, i)?;
            return format_float_spec(vm, f, &spec);
        }
        Some(c) => return Err(unknown_code(vm, c, "int")),
    };
    if spec.precision.is_some() {
        return Err(vm.value_error("Precision not allowed in integer format specifier"));
    }
    let mut digits = i.magnitude().to_str_radix(radix);
    if upper {
        digits = digits.to_uppercase();
    }
    let prefix = match (spec.alternate, radix) {
        (true, 2) => "0b",
        (true, 8) => "0o",
        (true, 16) if upper => "0X",
        (true, 16) => "0x",
        _ => "",
    };
    let sign = sign_str(i.sign() == Sign::Minus, &spec);
    let lead = format!("{sign}{prefix}");
    let body = match spec.grouping {
        Some(sep) => {
            let group = if radix == 10 { 3 } else { 4 };
            let min_width = if spec.fill == '0' && spec.align == Some('=') {
                spec.width.saturating_sub(lead.len())
            } else {
                0
            };
            group_digits(&digits, sep, group, min_width)
        }
        None => digits,
    };
    pad(vm, &spec, &lead, &body, '>')
}

/// `format(f, spec)` for a float.
pub fn format_float(vm: &Vm, f: f64, spec: &str) -> PyResult<String> {
    if spec.is_empty() {
        return Ok(pyrite_compiler::literal::float_repr(f));
    }
    let spec = parse_spec(vm, spec, "float", '>')?;
    match spec.ty {
        None | Some('e' | 'E' | 'f' | 'F' | 'g' | 'G' | 'n' | '%') => {}
        Some(c) => return Err(unknown_code(vm, c, "float")),
    }
    format_float_spec(vm, f, &spec)
}

/// Rust's `{:e}` exponent (`e5`, `e-7`) in Python's form (`e+05`, `e-07`).
fn python_exponent(s: &str, upper: bool) -> String {
    let Some((mantissa, exp)) = s.split_once('e') else {
        return s.to_string();
    };
    let (sign, digits) = match exp.strip_prefix('-') {
        Some(d) => ('-', d),
        None => ('+', exp),
    };
    let e = if upper { 'E' } else { 'e' };
    format!("{mantissa}{e}{sign}{digits:0>2}")
}

/// Removes trailing zeros (and a trailing point) from the fraction.
fn strip_zeros(s: &str) -> String {
    let (num, exp) = match s.find(['e', 'E']) {
        Some(i) => (&s[..i], &s[i..]),
        None => (s, ""),
    };
    if !num.contains('.') {
        return s.to_string();
    }
    let trimmed = num.trim_end_matches('0').trim_end_matches('.');
    format!("{trimmed}{exp}")
}

/// `%g`-style formatting of a finite non-negative value. With `dot_zero` (a
/// format spec with a precision but no type) an integral result keeps a
/// `.0`, and the switch to exponent notation comes one digit earlier, as in
/// CPython.
fn general(x: f64, precision: usize, alternate: bool, upper: bool, dot_zero: bool) -> String {
    let p = precision.max(1);
    let sci = format!("{:.*e}", p - 1, x);
    let exp: i32 = sci
        .split_once('e')
        .and_then(|(_, e)| e.parse().ok())
        .unwrap_or(0);
    let limit = if dot_zero { p as i32 - 1 } else { p as i32 };
    let s = if -4 <= exp && exp < limit {
        let decimals = (p as i32 - 1 - exp).max(0) as usize;
        let fixed = format!("{:.*}", decimals, x);
        if alternate {
            if fixed.contains('.') {
                fixed
            } else {
                format!("{fixed}.")
            }
        } else {
            let stripped = strip_zeros(&fixed);
            if dot_zero && !stripped.contains('.') {
                format!("{stripped}.0")
            } else {
                stripped
            }
        }
    } else {
        let body = if alternate {
            if p == 1 {
                let (m, e) = sci.split_once('e').unwrap_or((&sci, "0"));
                format!("{m}.e{e}")
            } else {
                sci
            }
        } else {
            strip_zeros(&sci)
        };
        python_exponent(&body, upper)
    };
    s
}

fn format_float_spec(vm: &Vm, f: f64, spec: &Spec) -> PyResult<String> {
    let upper = matches!(spec.ty, Some('E' | 'F' | 'G'));
    let mut negative = f.is_sign_negative() && !f.is_nan();
    let x = f.abs();
    let mut suffix = "";
    let body = if !f.is_finite() {
        let s = if f.is_nan() { "nan" } else { "inf" };
        let s = if upper {
            s.to_uppercase()
        } else {
            s.to_string()
        };
        if spec.ty == Some('%') {
            suffix = "%";
        }
        s
    } else {
        match spec.ty {
            Some('f' | 'F') => {
                let p = spec.precision.unwrap_or(6);
                let s = format!("{:.*}", p, x);
                if spec.alternate && p == 0 {
                    format!("{s}.")
                } else {
                    s
                }
            }
            Some('%') => {
                let p = spec.precision.unwrap_or(6);
                suffix = "%";
                let s = format!("{:.*}", p, x * 100.0);
                if spec.alternate && p == 0 {
                    format!("{s}.")
                } else {
                    s
                }
            }
            Some('e' | 'E') => {
                let p = spec.precision.unwrap_or(6);
                let s = format!("{:.*e}", p, x);
                let s = if spec.alternate && p == 0 {
                    let (m, e) = s.split_once('e').unwrap_or((&s, "0"));
                    format!("{m}.e{e}")
                } else {
                    s
                };
                python_exponent(&s, upper)
            }
            Some('g' | 'G' | 'n') => {
                general(x, spec.precision.unwrap_or(6), spec.alternate, upper, false)
            }
            _ => match spec.precision {
                // No type: repr, or `g` that keeps a decimal point.
                None => pyrite_compiler::literal::float_repr(x),
                Some(p) => general(x, p, spec.alternate, false, true),
            },
        }
    };
    if negative
        && spec.no_neg_zero
        && f.is_finite()
        && body
            .chars()
            .all(|c| matches!(c, '0' | '.' | 'e' | 'E' | '+' | '-'))
    {
        negative = false;
    }
    let sign = sign_str(negative, spec);
    let body = match spec.grouping {
        Some(sep) if f.is_finite() => {
            let int_len = body
                .find(|c: char| !c.is_ascii_digit())
                .unwrap_or(body.len());
            let (int_part, rest) = body.split_at(int_len);
            let rest = format!("{rest}{suffix}");
            let min_width = if spec.fill == '0' && spec.align == Some('=') {
                spec.width.saturating_sub(sign.len() + rest.chars().count())
            } else {
                0
            };
            format!("{}{rest}", group_digits(int_part, sep, 3, min_width))
        }
        _ => format!("{body}{suffix}"),
    };
    pad(vm, spec, sign, &body, '>')
}

/// `format(z, spec)` for a complex number: both parts in the float
/// presentation, the imaginary one always signed; with no presentation type,
/// the repr (in parentheses when there is a real part).
pub fn format_complex(vm: &Vm, re: f64, im: f64, spec: &str) -> PyResult<String> {
    let spec = parse_spec(vm, spec, "complex", '>')?;
    if spec.align == Some('=') {
        return Err(vm.value_error("'=' alignment flag is not allowed in complex format specifier"));
    }
    match spec.ty {
        None | Some('e' | 'E' | 'f' | 'F' | 'g' | 'G' | 'n') => {}
        Some(c) => return Err(unknown_code(vm, c, "complex")),
    }
    let part = |x: f64, sign: Option<char>| {
        let inner = Spec {
            fill: ' ',
            align: None,
            width: 0,
            sign,
            ty: spec.ty.or(Some('g')),
            ..spec.clone()
        };
        format_float_spec(vm, x, &inner)
    };
    let body = if spec.ty.is_none() && spec.precision.is_none() {
        pyrite_compiler::literal::complex_repr(re, im)
    } else if spec.ty.is_none() {
        format!("({}{}j)", part(re, spec.sign)?, part(im, Some('+'))?)
    } else {
        format!("{}{}j", part(re, spec.sign)?, part(im, Some('+'))?)
    };
    pad(vm, &Spec { sign: None, ..spec }, "", &body, '>')
}

// ----- str.format ---------------------------------------------------------------------

struct FormatArgs<'a> {
    args: Args<'a>,
    /// `format_map`'s mapping: named fields are looked up in it.
    mapping: Option<&'a Value>,
    /// The next automatic field number; `None` once numbering is manual.
    auto: Option<usize>,
    manual: bool,
}

/// `fmt.format(*args, **kwargs)`.
pub fn str_format(vm: &Vm, fmt: &str, args: Args) -> PyResult<String> {
    render_top(
        vm,
        fmt,
        FormatArgs {
            args,
            mapping: None,
            auto: Some(0),
            manual: false,
        },
    )
}

/// `fmt.format_map(mapping)`.
pub fn str_format_map(vm: &Vm, fmt: &str, mapping: &Value) -> PyResult<String> {
    render_top(
        vm,
        fmt,
        FormatArgs {
            args: Args::positional(&[]),
            mapping: Some(mapping),
            auto: Some(0),
            manual: false,
        },
    )
}

/// A whole format string, counted as one level of recursion.
fn render_top(vm: &Vm, fmt: &str, mut state: FormatArgs) -> PyResult<String> {
    vm.recursing(" while formatting", || render(vm, fmt, &mut state, 2))
}

fn render(vm: &Vm, fmt: &str, state: &mut FormatArgs, depth: u32) -> PyResult<String> {
    if depth == 0 {
        return Err(vm.value_error("Max string recursion exceeded"));
    }
    let chars: Vec<char> = fmt.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '}' {
            if chars.get(i + 1) == Some(&'}') {
                out.push('}');
                i += 2;
                continue;
            }
            return Err(vm.value_error("Single '}' encountered in format string"));
        }
        if c != '{' {
            out.push(c);
            i += 1;
            continue;
        }
        if chars.get(i + 1) == Some(&'{') {
            out.push('{');
            i += 2;
            continue;
        }
        // A replacement field: find its closing brace.
        let start = i + 1;
        let mut nesting = 1;
        let mut j = start;
        let mut in_brackets = false;
        while j < chars.len() {
            match chars[j] {
                '[' => in_brackets = true,
                ']' => in_brackets = false,
                '{' if !in_brackets => nesting += 1,
                '}' if !in_brackets => {
                    nesting -= 1;
                    if nesting == 0 {
                        break;
                    }
                }
                _ => {}
            }
            j += 1;
        }
        if j >= chars.len() {
            if start >= chars.len() {
                return Err(vm.value_error("Single '{' encountered in format string"));
            }
            return Err(vm.value_error("expected '}' before end of string"));
        }
        let field: String = chars[start..j].iter().collect();
        out.push_str(&render_field(vm, &field, state, depth)?);
        i = j + 1;
    }
    Ok(out)
}

fn render_field(vm: &Vm, field: &str, state: &mut FormatArgs, depth: u32) -> PyResult<String> {
    // Split off `!conversion` and `:spec` (outside brackets).
    let chars: Vec<char> = field.chars().collect();
    let mut in_brackets = false;
    let mut split = chars.len();
    for (k, &c) in chars.iter().enumerate() {
        match c {
            '[' => in_brackets = true,
            ']' => in_brackets = false,
            '!' | ':' if !in_brackets => {
                split = k;
                break;
            }
            _ => {}
        }
    }
    let name: String = chars[..split].iter().collect();
    let mut conversion = None;
    let mut spec = String::new();
    if split < chars.len() {
        if chars[split] == '!' {
            let Some(&conv) = chars.get(split + 1) else {
                return Err(vm.value_error("end of string while looking for conversion specifier"));
            };
            conversion = Some(conv);
            match chars.get(split + 2) {
                None => {}
                Some(':') => spec = chars[split + 3..].iter().collect(),
                Some(_) => return Err(vm.value_error("expected ':' after conversion specifier")),
            }
        } else {
            spec = chars[split + 1..].iter().collect();
        }
    }
    let value = resolve_field(vm, &name, state)?;
    let value = match conversion {
        None => value,
        Some('r') => Value::from_string(ops::repr(vm, &value)?),
        Some('s') => Value::from_string(ops::str_of(vm, &value)?),
        Some('a') => Value::from_string(crate::builtins::ascii_of(vm, &value)?),
        Some(c) => {
            return Err(vm.value_error(format!("Unknown conversion specifier {c}")));
        }
    };
    let spec = if spec.contains('{') {
        render(vm, &spec, state, depth - 1)?
    } else {
        spec
    };
    let formatted = crate::builtins::format_value(vm, &value, &spec)?;
    Ok(formatted.as_str().unwrap_or("").to_string())
}

fn resolve_field(vm: &Vm, name: &str, state: &mut FormatArgs) -> PyResult<Value> {
    let first_end = name.find(['.', '[']).unwrap_or(name.len());
    let (first, mut rest) = name.split_at(first_end);
    let mut value = if first.is_empty() {
        if state.manual {
            return Err(vm.value_error(
                "cannot switch from manual field specification to automatic field numbering",
            ));
        }
        let index = state.auto.unwrap_or(0);
        state.auto = Some(index + 1);
        positional(vm, state, index)?
    } else if let Ok(index) = first.parse::<usize>() {
        if state.auto.is_some_and(|n| n > 0) {
            return Err(vm.value_error(
                "cannot switch from automatic field numbering to manual field specification",
            ));
        }
        state.manual = true;
        state.auto = None;
        positional(vm, state, index)?
    } else {
        match (state.mapping, state.args.kwarg(first)) {
            (Some(mapping), _) => ops::getitem(vm, mapping, &Value::new_str(first))?,
            (None, Some(v)) => v.clone(),
            (None, None) => return Err(vm.key_error(Value::new_str(first))),
        }
    };
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('.') {
            let end = after.find(['.', '[']).unwrap_or(after.len());
            let attr = &after[..end];
            if attr.is_empty() {
                return Err(vm.value_error("Empty attribute in format string"));
            }
            value = ops::getattr(vm, &value, attr)?;
            rest = &after[end..];
        } else if let Some(after) = rest.strip_prefix('[') {
            let Some(end) = after.find(']') else {
                return Err(vm.value_error("Missing ']' in format string"));
            };
            let key = &after[..end];
            if key.is_empty() {
                return Err(vm.value_error("Empty attribute in format string"));
            }
            let key_value = match key.parse::<i64>() {
                Ok(i) if key.bytes().all(|b| b.is_ascii_digit()) => Value::Int(i),
                _ => Value::new_str(key),
            };
            value = ops::getitem(vm, &value, &key_value)?;
            rest = &after[end + 1..];
            if !rest.is_empty() && !rest.starts_with(['.', '[']) {
                return Err(
                    vm.value_error("Only '.' or '[' may follow ']' in format field specifier")
                );
            }
        } else {
            return Err(vm.value_error("Only '.' or '[' may follow ']' in format field specifier"));
        }
    }
    Ok(value)
}

fn positional(vm: &Vm, state: &FormatArgs, index: usize) -> PyResult<Value> {
    state.args.pos.get(index).cloned().ok_or_else(|| {
        vm.index_error(format!(
            "Replacement index {index} out of range for positional args tuple"
        ))
    })
}

// ----- printf-style formatting ----------------------------------------------------------

/// `fmt % args`.
pub fn percent_format(vm: &Vm, fmt: &str, args: &Value) -> PyResult<String> {
    percent_format_in(vm, fmt, args, false)
}

/// `bytes % args`, over the format's bytes as Latin-1 text (each char of
/// the result stands for one byte).
pub fn percent_format_bytes(vm: &Vm, fmt: &str, args: &Value) -> PyResult<String> {
    percent_format_in(vm, fmt, args, true)
}

fn percent_format_in(vm: &Vm, fmt: &str, args: &Value, bytes: bool) -> PyResult<String> {
    let is_tuple = matches!(args.payload(), Some(Payload::Tuple(_)))
        && !args.obj().is_some_and(|o| o.has_explicit_class());
    let items: Vec<Value> = match args.payload() {
        Some(Payload::Tuple(items)) => items.to_vec(),
        _ => vec![args.clone()],
    };
    let is_mapping = !is_tuple
        && args.as_str().is_none()
        && !matches!(args.payload(), Some(Payload::Tuple(_) | Payload::Bytes(_)))
        && crate::object::typ::lookup(&vm.type_of(args), "__getitem__").is_some();
    let chars: Vec<char> = fmt.chars().collect();
    let mut out = String::new();
    let mut next_arg = 0;
    let mut used_mapping = false;
    let take = |next_arg: &mut usize| -> PyResult<Value> {
        let v = items
            .get(*next_arg)
            .cloned()
            .ok_or_else(|| vm.type_error("not enough arguments for format string"))?;
        *next_arg += 1;
        Ok(v)
    };
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c != '%' {
            out.push(c);
            i += 1;
            continue;
        }
        i += 1;
        let incomplete = || vm.value_error("incomplete format");
        // %(key)
        let mut value_from_key = None;
        if chars.get(i) == Some(&'(') {
            if !is_mapping {
                return Err(vm.type_error("format requires a mapping"));
            }
            let mut depth = 1;
            let key_start = i + 1;
            i += 1;
            while i < chars.len() && depth > 0 {
                match chars[i] {
                    '(' => depth += 1,
                    ')' => depth -= 1,
                    _ => {}
                }
                i += 1;
            }
            if depth > 0 {
                return Err(vm.value_error("incomplete format key"));
            }
            let key = &chars[key_start..i - 1];
            // Bytes formats carry their bytes as chars U+0000..U+00FF.
            let key = if bytes {
                let raw: Vec<u8> = key.iter().map(|&c| c as u8).collect();
                Value::Obj(crate::object::Object::new(Payload::Bytes(
                    raw.into_boxed_slice(),
                )))
            } else {
                Value::from_string(key.iter().collect())
            };
            value_from_key = Some(ops::getitem(vm, args, &key)?);
            used_mapping = true;
            // As in CPython, the mapping itself is no longer an argument.
            next_arg = items.len();
        }
        let mut left = false;
        let mut plus = false;
        let mut space = false;
        let mut alternate = false;
        let mut zero = false;
        while let Some(&f) = chars.get(i) {
            match f {
                '-' => left = true,
                '+' => plus = true,
                ' ' => space = true,
                '#' => alternate = true,
                '0' => zero = true,
                _ => break,
            }
            i += 1;
        }
        let mut width = 0usize;
        if chars.get(i) == Some(&'*') {
            let w = take(&mut next_arg)?;
            let w = w.as_i64().ok_or_else(|| vm.type_error("* wants int"))?;
            if w < 0 {
                left = true;
            }
            width = w.unsigned_abs() as usize;
            i += 1;
        } else {
            while let Some(d) = chars.get(i).and_then(|c| c.to_digit(10)) {
                width = width.saturating_mul(10).saturating_add(d as usize);
                i += 1;
            }
        }
        let mut precision = None;
        if chars.get(i) == Some(&'.') {
            i += 1;
            if chars.get(i) == Some(&'*') {
                let p = take(&mut next_arg)?;
                let p = p.as_i64().ok_or_else(|| vm.type_error("* wants int"))?;
                precision = Some(p.max(0) as usize);
                i += 1;
            } else {
                let mut p = 0usize;
                while let Some(d) = chars.get(i).and_then(|c| c.to_digit(10)) {
                    p = p.saturating_mul(10).saturating_add(d as usize);
                    i += 1;
                }
                precision = Some(p);
            }
        }
        // Length modifiers are accepted and ignored.
        while matches!(chars.get(i), Some('h' | 'l' | 'L')) {
            i += 1;
        }
        let Some(&ty) = chars.get(i) else {
            return Err(incomplete());
        };
        i += 1;
        if ty == '%' {
            out.push('%');
            continue;
        }
        let value = match value_from_key.take() {
            Some(v) => v,
            None => take(&mut next_arg)?,
        };
        let sign = |negative: bool| -> &'static str {
            if negative {
                "-"
            } else if plus {
                "+"
            } else if space {
                " "
            } else {
                ""
            }
        };
        let (prefix, body, numeric): (String, String, bool) = match ty {
            's' | 'b' if bytes => {
                let s = crate::object::bytes_methods::percent_operand(vm, &value)?;
                let s = match precision {
                    Some(p) => s.chars().take(p).collect(),
                    None => s,
                };
                (String::new(), s, false)
            }
            'c' if bytes => (
                String::new(),
                crate::object::bytes_methods::percent_char(vm, &value)?.to_string(),
                false,
            ),
            's' | 'r' | 'a' => {
                let s = match ty {
                    's' => ops::str_of(vm, &value)?,
                    _ if bytes => crate::builtins::ascii_of(vm, &value)?,
                    'r' => ops::repr(vm, &value)?,
                    _ => crate::builtins::ascii_of(vm, &value)?,
                };
                let s = match precision {
                    Some(p) => s.chars().take(p).collect(),
                    None => s,
                };
                (String::new(), s, false)
            }
            'd' | 'i' | 'u' | 'x' | 'X' | 'o' => {
                let int = if matches!(ty, 'd' | 'i' | 'u') {
                    if crate::numeric::Num::of(&value).is_none()
                        && crate::object::typ::lookup(&vm.type_of(&value), "__int__").is_none()
                        && crate::object::typ::lookup(&vm.type_of(&value), "__index__").is_none()
                    {
                        return Err(vm.type_error(format!(
                            "%{ty} format: a real number is required, not {}",
                            vm.type_name(&value)
                        )));
                    }
                    crate::object::int::int_of(vm, &value)?
                } else {
                    if !value.is_int()
                        && crate::object::typ::lookup(&vm.type_of(&value), "__index__").is_none()
                    {
                        return Err(vm.type_error(format!(
                            "%{ty} format: an integer is required, not {}",
                            vm.type_name(&value)
                        )));
                    }
                    match value.as_bigint() {
                        Some(i) => Value::from_bigint(i),
                        None => Value::Int(ops::index_value(vm, &value)?),
                    }
                };
                let big = int.as_bigint().unwrap_or_default();
                let radix = match ty {
                    'x' | 'X' => 16,
                    'o' => 8,
                    _ => 10,
                };
                let mut digits = big.magnitude().to_str_radix(radix);
                if ty == 'X' {
                    digits = digits.to_uppercase();
                }
                if let Some(p) = precision {
                    while digits.len() < p {
                        digits.insert(0, '0');
                    }
                }
                let base_prefix = match (alternate, ty) {
                    (true, 'x') => "0x",
                    (true, 'X') => "0X",
                    (true, 'o') => "0o",
                    _ => "",
                };
                (
                    format!("{}{base_prefix}", sign(big.is_negative())),
                    digits,
                    true,
                )
            }
            'e' | 'E' | 'f' | 'F' | 'g' | 'G' => {
                // A number: what float() would parse from a str does not do.
                if matches!(
                    value.payload(),
                    Some(Payload::Str(_) | Payload::Bytes(_) | Payload::ByteArray(_))
                ) {
                    return Err(
                        vm.type_error(format!("must be real number, not {}", vm.type_name(&value)))
                    );
                }
                let f = crate::object::float::float_of(vm, &value).map_err(|e| {
                    if vm.err_matches(&e, &vm.types.type_error)
                        || vm.err_matches(&e, &vm.types.value_error)
                    {
                        vm.type_error(format!("must be real number, not {}", vm.type_name(&value)))
                    } else {
                        e
                    }
                })?;
                let spec = Spec {
                    fill: ' ',
                    align: None,
                    sign: None,
                    no_neg_zero: false,
                    alternate,
                    width: 0,
                    grouping: None,
                    precision: Some(precision.unwrap_or(6)),
                    ty: Some(ty),
                };
                let s = format_float_spec(vm, f.abs(), &spec)?;
                (
                    sign(f.is_sign_negative() && !f.is_nan()).to_string(),
                    s,
                    true,
                )
            }
            'c' => {
                let s = match value.as_str() {
                    Some(s) if s.chars().count() == 1 => s.to_string(),
                    Some(_) => return Err(vm.type_error("%c requires int or char")),
                    None => {
                        // An int, or what has `__index__`.
                        let index = match value.as_bigint() {
                            Some(i) => Some(i),
                            None if crate::object::typ::lookup(
                                &vm.type_of(&value),
                                "__index__",
                            )
                            .is_some() =>
                            {
                                Some(ops::index_bigint(vm, &value)?)
                            }
                            None => None,
                        };
                        let Some(i) = index else {
                            return Err(vm.type_error("%c requires int or char"));
                        };
                        let c = i
                            .to_u32()
                            .and_then(char::from_u32)
                            .ok_or_else(|| vm.overflow_error("%c arg not in range(0x110000)"))?;
                        c.to_string()
                    }
                };
                (String::new(), s, false)
            }
            other => {
                let index = if bytes {
                    i - 1
                } else {
                    chars[..i - 1].iter().map(|c| c.len_utf8()).sum::<usize>()
                };
                return Err(vm.value_error(format!(
                    "unsupported format character '{other}' (0x{:x}) at index {index}",
                    other as u32
                )));
            }
        };
        let len = prefix.chars().count() + body.chars().count();
        if len >= width {
            out.push_str(&prefix);
            out.push_str(&body);
        } else if left {
            out.push_str(&prefix);
            out.push_str(&body);
            out.extend(std::iter::repeat_n(' ', width - len));
        } else if zero && numeric && !body.contains("inf") && !body.contains("nan") {
            out.push_str(&prefix);
            out.extend(std::iter::repeat_n('0', width - len));
            out.push_str(&body);
        } else {
            out.extend(std::iter::repeat_n(' ', width - len));
            out.push_str(&prefix);
            out.push_str(&body);
        }
    }
    if next_arg < items.len() && !is_mapping && !used_mapping {
        return Err(vm.type_error(format!(
            "not all arguments converted during {} formatting",
            if bytes { "bytes" } else { "string" }
        )));
    }
    Ok(out)
}
