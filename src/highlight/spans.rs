//! Highlighted code as nested `<span class="hl-…">` elements, the markup
//! syntect's `ClassedHTMLGenerator` makes, byte for byte.
//!
//! syntect turns each scope into class names under a process-wide lock,
//! once for every span; with a build's workers all highlighting at once,
//! that lock made highlighting about a third slower on two cores. Here each
//! worker keeps the class names of the scopes it has met.

use std::cell::RefCell;

use rustc_hash::FxHashMap;

use syntect::parsing::{BasicScopeStackOp, ParseState, Scope, ScopeStack, ScopeStackOp, SyntaxReference, SyntaxSet};
use syntect::util::LinesWithEndings;

use super::STYLE;
use crate::text::push_escaped_html;

thread_local! {
    /// Class attribute values by scope, for this worker. A scope is two
    /// integers and is looked up for every span, so the hash is the cheap
    /// non-keyed one: the keys come from syntect, not from the writer.
    static CLASSES: RefCell<FxHashMap<Scope, Box<str>>> = RefCell::new(FxHashMap::default());
}

/// Appends `code` highlighted as `syntax` to `out`; false (with `out` left
/// partly written) when syntect fails on a line.
pub(super) fn write(out: &mut String, syntax: &SyntaxReference, syntaxes: &SyntaxSet, code: &str) -> bool {
    let mut state = ParseState::new(syntax);
    let mut stack = ScopeStack::new();
    let mut open: isize = 0;
    let ok = CLASSES.with_borrow_mut(|classes| {
        LinesWithEndings::from(code).all(|line| match state.parse_line(line, syntaxes) {
            Ok(ops) => line_spans(out, line, &ops, &mut stack, classes).map(|delta| open += delta).is_ok(),
            Err(_) => false,
        })
    });
    for _ in 0..open {
        out.push_str("</span>");
    }
    ok
}

/// One line's text and spans; returns how many spans it opened, less those
/// it closed. A span opened and closed with no text between is left out.
fn line_spans(
    out: &mut String,
    line: &str,
    ops: &[(usize, ScopeStackOp)],
    stack: &mut ScopeStack,
    classes: &mut FxHashMap<Scope, Box<str>>,
) -> Result<isize, syntect::parsing::ScopeError> {
    let (mut at, mut delta) = (0, 0);
    let (mut empty, mut span_start) = (false, 0);
    for (i, op) in ops {
        if *i > at {
            empty = false;
            push_escaped_html(out, &line[at..*i]);
            at = *i;
        }
        stack.apply_with_hook(op, |basic, _| match basic {
            BasicScopeStackOp::Push(scope) => {
                (span_start, empty) = (out.len(), true);
                out.push_str("<span class=\"");
                out.push_str(classes.entry(scope).or_insert_with(|| class_names(scope)));
                out.push_str("\">");
                delta += 1;
            }
            BasicScopeStackOp::Pop => {
                match empty {
                    true => out.truncate(span_start),
                    false => out.push_str("</span>"),
                }
                delta -= 1;
                empty = false;
            }
        })?;
    }
    push_escaped_html(out, &line[at..]);
    Ok(delta)
}

/// `source.rust` → `hl-source hl-rust`: each atom of the scope, prefixed.
fn class_names(scope: Scope) -> Box<str> {
    let syntect::html::ClassStyle::SpacedPrefixed { prefix } = STYLE else {
        unreachable!("samvad prefixes its classes")
    };
    let names: Vec<String> = scope.build_string().split('.').map(|atom| format!("{prefix}{atom}")).collect();
    names.join(" ").into_boxed_str()
}

#[cfg(test)]
mod tests {
    use super::*;
    use syntect::html::ClassedHTMLGenerator;

    /// syntect's own generator, which ours must match.
    fn reference(syntax: &SyntaxReference, syntaxes: &SyntaxSet, code: &str) -> String {
        let mut gen = ClassedHTMLGenerator::new_with_class_style(syntax, syntaxes, STYLE);
        for line in LinesWithEndings::from(code) {
            gen.parse_html_for_line_which_includes_newline(line).unwrap();
        }
        gen.finalize()
    }

    #[test]
    fn same_markup_as_syntect() {
        let syntaxes = super::super::syntaxes();
        let samples = [
            ("rust", "/// Sums <rows> & \"amounts\".\nfn total(rows: &[(u32, f64)]) -> f64 {\n    rows.iter().map(|(_, a)| a).sum() // 'x'\n}\n\nlet s = r#\"raw\"#;\n"),
            ("python", "def f(x):\n    \"\"\"Doc\n    string\"\"\"\n    return f\"{x!r:>10}\" if x else '<none>'\n"),
            ("js", "const a = `t ${b + `n ${c}`}`;\n/* open\ncomment */ x => x < 2 && y > 3;\n"),
            ("bash", "#!/usr/bin/env bash\ncat <<EOF\nhere $HOME\nEOF\nif [ \"$a\" -gt 1 ]; then echo \"${b:-x}\"; fi\n"),
            ("html", "<p class=\"x\">a &amp; b<script>let x = '<';</script>\n"),
            ("rust", "fn unterminated() {\n    let s = \"no end\n"),
            ("css", "a > b { color: \"red\"; } /* c */\n"),
            ("rust", ""),
        ];
        for (lang, code) in samples {
            let syntax = syntaxes.find_syntax_by_token(lang).unwrap();
            let mut ours = String::new();
            assert!(write(&mut ours, syntax, syntaxes, code));
            assert_eq!(ours, reference(syntax, syntaxes, code), "{lang}: {code:?}");
        }
    }
}
