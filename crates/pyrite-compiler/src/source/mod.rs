//! Source bytes to text, per PEP 263.
//!
//! A Python source file is bytes. A UTF-8 byte-order mark, or a coding cookie
//! (`# -*- coding: NAME -*-`) on the first or second line, names its encoding; the
//! cookie on line 2 counts only when line 1 is a comment or blank. Without either,
//! the source must be UTF-8.
//!
//! Two callers want two different messages for undecodable bytes, as in CPython:
//! running a file reports "Non-UTF-8 code starting with ..." (the file tokenizer),
//! while `compile(bytes, ...)` (what the oracles use) reports the codec's
//! "(unicode error) 'utf-8' codec can't decode byte ..." at the offending line.

mod codecs;

use std::borrow::Cow;

use crate::error::{CompileError, ErrorKind, ErrorLocation};

/// Which CPython entry point's wording to use for undecodable source.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DecodeStyle {
    /// `python3 FILE`: the file tokenizer's "Non-UTF-8 code starting with ...".
    File,
    /// `compile(bytes, filename, 'exec')`.
    CompileBytes,
}

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// Decodes source bytes to text, honouring a BOM and a PEP 263 coding cookie.
/// Valid UTF-8 (nearly every file) is borrowed, not copied.
pub fn decode_source<'a>(
    bytes: &'a [u8],
    filename: &str,
    style: DecodeStyle,
) -> Result<Cow<'a, str>, CompileError> {
    let (has_bom, body) = match bytes.strip_prefix(UTF8_BOM) {
        Some(rest) => (true, rest),
        None => (false, bytes),
    };
    let error_without_location = |msg: String| {
        let mut err = CompileError::new(ErrorKind::SyntaxError, msg);
        err.filename = filename.to_string();
        err.location = Some(ErrorLocation {
            lineno: 0,
            offset: 0,
            end_lineno: 0,
            end_offset: 0,
        });
        err
    };
    let encoding = match find_coding_cookie(body) {
        Some(name) => {
            let Some(codec) = Codec::lookup(&name) else {
                return Err(error_without_location(format!("unknown encoding: {name}")));
            };
            // With a BOM the cookie must spell utf-8 (CPython compares the
            // name after only case and '_' normalisation: "utf8" fails).
            let normal = normal_name(&name);
            if has_bom && normal != "utf-8" {
                return Err(error_without_location(format!(
                    "encoding problem: {normal} with BOM"
                )));
            }
            codec
        }
        None => Codec::Utf8,
    };
    if let Some(nul) = memchr::memchr(0, body) {
        match style {
            DecodeStyle::CompileBytes => {
                let mut err = CompileError::new(
                    ErrorKind::SyntaxError,
                    "source code string cannot contain null bytes",
                );
                err.filename = filename.to_string();
                return Err(err);
            }
            // The file tokenizer reads line by line and sees a line only up to
            // its NUL: undecodable bytes before the NUL are reported first.
            DecodeStyle::File => {
                let before_valid =
                    encoding != Codec::Utf8 || std::str::from_utf8(&body[..nul]).is_ok();
                if before_valid {
                    return Err(null_byte_error(body, nul, filename));
                }
            }
        }
    }
    match encoding {
        Codec::Utf8 => match std::str::from_utf8(body) {
            // The common case: the file's bytes are the text, borrowed as they are.
            Ok(text) => Ok(Cow::Borrowed(text)),
            Err(e) => {
                let err = utf8_error(body, e, filename, style);
                if err.msg.is_empty() {
                    // Only comments hold undecodable bytes; they are never decoded.
                    return Ok(String::from_utf8_lossy(body));
                }
                Err(err)
            }
        },
        Codec::Latin1 => Ok(Cow::Owned(body.iter().map(|&b| b as char).collect())),
        Codec::Ascii => {
            if let Some(pos) = body.iter().position(|&b| b >= 0x80) {
                return Err(error_without_location(format!(
                    "'ascii' codec can't decode byte 0x{:02x} in position {pos}: ordinal not in range(128)",
                    body[pos]
                )));
            }
            Ok(Cow::Owned(body.iter().map(|&b| b as char).collect()))
        }
        Codec::SingleByte(index) => {
            let table = &codecs::SINGLE_BYTE[index].1;
            let mut text = String::with_capacity(body.len());
            for (pos, &b) in body.iter().enumerate() {
                if b < 0x80 {
                    text.push(b as char);
                } else {
                    let c = table[(b - 0x80) as usize];
                    if c == '\0' {
                        return Err(error_without_location(format!(
                            "'charmap' codec can't decode byte 0x{b:02x} in position {pos}: character maps to <undefined>"
                        )));
                    }
                    text.push(c);
                }
            }
            Ok(Cow::Owned(text))
        }
    }
}

/// "source code cannot contain null bytes", at the line of the first NUL.
fn null_byte_error(body: &[u8], nul: usize, filename: &str) -> CompileError {
    let line_start = body[..nul]
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |p| p + 1);
    let lineno = body[..nul].iter().filter(|&&b| b == b'\n').count() as u32 + 1;
    let mut err = CompileError::new(
        ErrorKind::SyntaxError,
        "source code cannot contain null bytes",
    );
    err.filename = filename.to_string();
    err.location = Some(ErrorLocation {
        lineno,
        offset: 0,
        end_lineno: lineno,
        end_offset: 0,
    });
    err.text = Some(String::from_utf8_lossy(&body[line_start..nul]).into_owned());
    err
}

/// Why UTF-8 decoding stops at `body[bad..]` (the codec's own wording).
fn utf8_reason(rest: &[u8]) -> &'static str {
    let first = rest[0];
    if (0x80..0xc2).contains(&first) || first >= 0xf5 {
        return "invalid start byte";
    }
    match std::str::from_utf8(rest) {
        Err(e) if e.valid_up_to() == 0 && e.error_len().is_none() => "unexpected end of data",
        _ => "invalid continuation byte",
    }
}

/// `compile(bytes)` without a coding cookie decodes each token as the parser
/// needs it: undecodable bytes in comments pass, and the first undecodable
/// name or string literal is the error, with the position inside that token.
fn compile_bytes_error(body: &[u8], filename: &str) -> CompileError {
    let mut i = 0;
    let mut line_start = 0;
    let mut lineno = 1u32;
    let mut culprit: Option<(usize, usize, usize, bool)> = None;
    while i < body.len() && culprit.is_none() {
        let b = body[i];
        match b {
            b'\n' => {
                lineno += 1;
                line_start = i + 1;
                i += 1;
            }
            b'#' => {
                while i < body.len() && body[i] != b'\n' {
                    i += 1;
                }
            }
            b'"' | b'\'' => {
                let triple = body.get(i..i + 3) == Some(&[b, b, b][..]);
                let quote_len = if triple { 3 } else { 1 };
                let content = i + quote_len;
                let mut j = content;
                loop {
                    if j >= body.len() {
                        break;
                    }
                    if body[j] == b'\\' {
                        j += 2;
                        continue;
                    }
                    if body[j] == b && (!triple || body.get(j..j + 3) == Some(&[b, b, b][..])) {
                        break;
                    }
                    if body[j] == b'\n' && !triple {
                        break;
                    }
                    j += 1;
                }
                if std::str::from_utf8(&body[content..j.min(body.len())]).is_err() {
                    culprit = Some((
                        content,
                        j.min(body.len()),
                        (j + quote_len).min(body.len()),
                        true,
                    ));
                }
                for &c in &body[i..(j + quote_len).min(body.len())] {
                    if c == b'\n' {
                        lineno += 1;
                    }
                }
                if culprit.is_none() {
                    if let Some(p) = body[i..(j + quote_len).min(body.len())]
                        .iter()
                        .rposition(|&c| c == b'\n')
                    {
                        line_start = i + p + 1;
                    }
                }
                i = j + quote_len;
            }
            _ if b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80 => {
                let start = i;
                while i < body.len()
                    && (body[i].is_ascii_alphanumeric() || body[i] == b'_' || body[i] >= 0x80)
                {
                    i += 1;
                }
                // A string prefix belongs to the literal that follows.
                if i < body.len() && matches!(body[i], b'"' | b'\'') && i - start <= 2 {
                    continue;
                }
                if std::str::from_utf8(&body[start..i]).is_err() {
                    culprit = Some((start, i, i, false));
                }
            }
            _ => i += 1,
        }
    }
    let Some((content_start, content_end, token_end, is_string)) = culprit else {
        // Undecodable bytes only in comments: nothing to report.
        return CompileError::new(ErrorKind::SyntaxError, "");
    };
    let token = &body[content_start..content_end];
    let bad = match std::str::from_utf8(token) {
        Err(e) => e.valid_up_to(),
        Ok(_) => 0,
    };
    let line_end = body[line_start..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(body.len(), |p| line_start + p);
    let line = &body[line_start..line_end];
    let col = |at: usize| {
        String::from_utf8_lossy(&body[line_start..at.min(line_end)])
            .chars()
            .count() as u32
    };
    let (offset, end_offset) = if is_string {
        let after = col(token_end) + 1;
        (after, after + 1)
    } else {
        (col(content_start + bad) + 1, 0)
    };
    let mut err = CompileError::new(
        ErrorKind::SyntaxError,
        format!(
            "(unicode error) 'utf-8' codec can't decode byte 0x{:02x} in position {bad}: {}",
            token[bad],
            utf8_reason(&token[bad..])
        ),
    );
    err.filename = filename.to_string();
    err.location = Some(ErrorLocation {
        lineno,
        offset,
        end_lineno: lineno,
        end_offset,
    });
    err.text = Some(String::from_utf8_lossy(line).into_owned());
    err
}

fn utf8_error(
    body: &[u8],
    e: std::str::Utf8Error,
    filename: &str,
    style: DecodeStyle,
) -> CompileError {
    let bad = e.valid_up_to();
    let lineno = body[..bad]
        .iter()
        .enumerate()
        .filter(|&(i, &b)| b == b'\n' || (b == b'\r' && body.get(i + 1) != Some(&b'\n')))
        .count() as u32
        + 1;
    match style {
        DecodeStyle::File => {
            let mut err = CompileError::new(
                ErrorKind::SyntaxError,
                format!(
                    "Non-UTF-8 code starting with '\\x{:02x}' in file {filename} on line {lineno}, \
                     but no encoding declared; see https://peps.python.org/pep-0263/ for details",
                    body[bad]
                ),
            );
            err.filename = filename.to_string();
            err
        }
        DecodeStyle::CompileBytes => compile_bytes_error(body, filename),
    }
}

/// The coding cookie of line 1, or of line 2 when line 1 is a comment or blank.
fn find_coding_cookie(body: &[u8]) -> Option<String> {
    let mut lines = body.split(|&b| b == b'\n');
    let first = lines.next()?;
    if let Some(name) = cookie_in_line(first) {
        return Some(name);
    }
    let first_is_comment_or_blank = first
        .iter()
        .find(|&&b| !matches!(b, b' ' | b'\t' | b'\x0c' | b'\r'))
        .is_none_or(|&b| b == b'#');
    if !first_is_comment_or_blank {
        return None;
    }
    lines.next().and_then(cookie_in_line)
}

/// CPython's `get_normal_name`: "utf-8" and "latin-1" spellings folded to
/// one name (lower case, '_' as '-', a suffix after them allowed), anything
/// else as written.
fn normal_name(name: &str) -> String {
    let folded: String = name
        .chars()
        .take(12)
        .map(|c| {
            if c == '_' {
                '-'
            } else {
                c.to_ascii_lowercase()
            }
        })
        .collect();
    if folded == "utf-8" || folded.starts_with("utf-8-") {
        return "utf-8".into();
    }
    let latin = ["latin-1", "iso-8859-1", "iso-latin-1"];
    if latin
        .iter()
        .any(|l| folded == *l || folded.starts_with(&format!("{l}-")))
    {
        return "iso-8859-1".into();
    }
    name.to_string()
}

/// Matches `^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)` on one line.
fn cookie_in_line(line: &[u8]) -> Option<String> {
    let start = line
        .iter()
        .position(|&b| !matches!(b, b' ' | b'\t' | b'\x0c'))?;
    if line[start] != b'#' {
        return None;
    }
    let comment = &line[start..];
    let mut search = 0;
    while let Some(found) = find(&comment[search..], b"coding") {
        let after = search + found + b"coding".len();
        if matches!(comment.get(after), Some(b':') | Some(b'=')) {
            let mut i = after + 1;
            while matches!(comment.get(i), Some(b' ') | Some(b'\t')) {
                i += 1;
            }
            let name_start = i;
            while comment
                .get(i)
                .is_some_and(|&b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
            {
                i += 1;
            }
            if i > name_start {
                return Some(String::from_utf8_lossy(&comment[name_start..i]).into_owned());
            }
        }
        search = after;
    }
    None
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Codec {
    Utf8,
    Latin1,
    Ascii,
    /// An index into the generated single-byte tables.
    SingleByte(usize),
}

impl Codec {
    /// Resolves a cookie's encoding name the way CPython's codec registry does for
    /// the names people write: case, `-`/`_`/space and the usual aliases.
    fn lookup(name: &str) -> Option<Codec> {
        let normalized: String = name
            .trim()
            .to_ascii_lowercase()
            .chars()
            .map(|c| if c == '-' || c == ' ' { '_' } else { c })
            .collect();
        let n = normalized.as_str();
        // The tokenizer itself recognises these prefixes before asking the registry.
        if n == "utf_8" || n.starts_with("utf_8_") {
            return Some(Codec::Utf8);
        }
        if n == "latin_1"
            || n == "iso_8859_1"
            || n == "iso_latin_1"
            || n.starts_with("latin_1_")
            || n.starts_with("iso_8859_1_")
            || n.starts_with("iso_latin_1_")
        {
            return Some(Codec::Latin1);
        }
        match n {
            "utf8" | "u8" | "utf" | "cp65001" | "utf8_ucs2" | "utf8_ucs4" => {
                return Some(Codec::Utf8)
            }
            "latin1" | "latin" | "l1" | "iso8859_1" | "iso8859" | "8859" | "cp819"
            | "iso_ir_100" | "iso_8859_1_1987" | "ibm819" => return Some(Codec::Latin1),
            "ascii" | "us_ascii" | "646" | "us" | "ansi_x3.4_1968" | "ansi_x3_4_1968"
            | "iso646_us" | "cp367" | "csascii" | "ibm367" | "iso_ir_6" => {
                return Some(Codec::Ascii)
            }
            _ => {}
        }
        let canonical = if let Some(rest) = n.strip_prefix("windows_") {
            format!("cp{rest}")
        } else if let Some(rest) = n.strip_prefix("iso_8859_") {
            format!("iso8859_{rest}")
        } else if let Some(rest) = n.strip_prefix("iso8859_") {
            format!("iso8859_{rest}")
        } else {
            match n {
                "latin2" | "l2" => "iso8859_2".into(),
                "latin9" | "l9" => "iso8859_15".into(),
                "cyrillic" => "iso8859_5".into(),
                "greek" => "iso8859_7".into(),
                "hebrew" => "iso8859_8".into(),
                "macroman" | "macintosh" => "mac_roman".into(),
                "ibm437" | "437" => "cp437".into(),
                _ => n.to_string(),
            }
        };
        codecs::SINGLE_BYTE
            .iter()
            .position(|(codec_name, _)| codec_name.replace('-', "_") == canonical)
            .map(Codec::SingleByte)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(bytes: &[u8]) -> Result<String, CompileError> {
        decode_source(bytes, "t.py", DecodeStyle::CompileBytes).map(Cow::into_owned)
    }

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decode(b"x = 1\n").unwrap(), "x = 1\n");
        assert_eq!(decode(b"\xEF\xBB\xBFx = 1\n").unwrap(), "x = 1\n");
    }

    #[test]
    fn cookie_on_first_or_second_line() {
        assert_eq!(
            decode(b"# coding: latin-1\nx='\xe9'\n").unwrap(),
            "# coding: latin-1\nx='é'\n"
        );
        assert_eq!(
            decode(b"#!/usr/bin/env python\n# -*- coding: koi8-r -*-\nx='\xc1'\n").unwrap(),
            "#!/usr/bin/env python\n# -*- coding: koi8-r -*-\nx='а'\n"
        );
        // A cookie after a line of code does not count.
        assert!(decode(b"x=1\n# coding: latin-1\ny='\xe9'\n").is_err());
    }

    #[test]
    fn unknown_encoding_and_bom_conflict() {
        assert_eq!(
            decode(b"# coding: foo\n").unwrap_err().msg,
            "unknown encoding: foo"
        );
        assert_eq!(
            decode(b"\xEF\xBB\xBF# coding: latin-1\n").unwrap_err().msg,
            "encoding problem: iso-8859-1 with BOM"
        );
        // Only case and '_' are folded: "UTF8" is not utf-8 here.
        assert_eq!(
            decode(b"\xEF\xBB\xBF# coding: UTF8\n").unwrap_err().msg,
            "encoding problem: UTF8 with BOM"
        );
        assert!(decode(b"\xEF\xBB\xBF# coding: utf_8\nx=1\n").is_ok());
    }

    #[test]
    fn undecodable_bytes_per_style() {
        let err = decode_source(b"x=1\n\xff\n", "t.py", DecodeStyle::File).unwrap_err();
        assert_eq!(
            err.msg,
            "Non-UTF-8 code starting with '\\xff' in file t.py on line 2, but no encoding \
             declared; see https://peps.python.org/pep-0263/ for details"
        );
        let err = decode(b"x=1\n\xff\n").unwrap_err();
        assert_eq!(
            err.msg,
            "(unicode error) 'utf-8' codec can't decode byte 0xff in position 0: invalid start byte"
        );
        assert_eq!(err.lineno(), Some(2));
    }
}
