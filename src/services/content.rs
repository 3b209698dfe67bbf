//! `[[faq]]` and `[[testimonials]]`: the trust-building parts of the page.

use serde_json::Value;

use super::data::{Faq, Testimonial};
use super::input::{type_name, Errors, Obj};
use super::lang::Lang;

const FAQ_KEYS: &[&str] = &["question", "answer"];
const TESTIMONIAL_KEYS: &[&str] = &["quote", "name", "role", "rating"];

/// Answers are markdown, rendered with the site's own renderer (passed in)
/// so FAQ answers look like every other page's prose.
pub fn faq(list: &[Value], render_markdown: &dyn Fn(&str) -> String, errs: &mut Errors) -> Vec<Faq> {
    let mut out = Vec::new();
    for (i, v) in list.iter().enumerate() {
        let Some(obj) = Obj::new(&format!("faq[{i}]"), v, errs) else {
            continue;
        };
        obj.check_keys(FAQ_KEYS, errs);
        let question = obj.required("question", "question", errs);
        let answer = obj.required("answer", "answer", errs);
        if let (Some(question), Some(answer)) = (question, answer) {
            let answer_html = render_markdown(&answer);
            out.push(Faq { question, answer_text: html_to_text(&answer_html), answer_html });
        }
    }
    out
}

pub fn testimonials(list: &[Value], lang: Lang, errs: &mut Errors) -> Vec<Testimonial> {
    let mut out = Vec::new();
    for (i, v) in list.iter().enumerate() {
        let Some(obj) = Obj::new(&format!("testimonials[{i}]"), v, errs) else {
            continue;
        };
        obj.check_keys(TESTIMONIAL_KEYS, errs);
        let quote = obj.required("quote", "quote", errs);
        let name = obj.required("name", "name of the client", errs);
        let role = obj.string("role", errs);
        let rating = obj.get("rating").and_then(|v| {
            rating(v).map_err(|m| errs.add(&obj.field("rating"), m, "use a whole number from 1 to 5")).ok()
        });
        if let (Some(quote), Some(name)) = (quote, name) {
            out.push(Testimonial {
                quote,
                name,
                role,
                rating,
                stars: rating.map(stars).unwrap_or_default(),
                rating_label: rating.map(|r| lang.rating_label(r)).unwrap_or_default(),
            });
        }
    }
    out
}

/// Ratings are whole stars 1–5; `4.0` from a float-only YAML parser is
/// accepted, `4.5` is not (half stars would not render as text stars).
fn rating(v: &Value) -> Result<u8, String> {
    let n = match v {
        Value::Number(n) => n.as_i64().or_else(|| n.as_f64().filter(|f| f.fract() == 0.0).map(|f| f as i64)),
        other => return Err(format!("rating must be a number, found {}", type_name(other))),
    };
    match n {
        Some(r @ 1..=5) => Ok(r as u8),
        Some(r) => Err(format!("rating {r} is outside 1–5")),
        None => Err(format!("rating {v} is not a whole number")),
    }
}

/// "★★★★☆" for 4.
fn stars(rating: u8) -> String {
    let filled = usize::from(rating.min(5));
    format!("{}{}", "★".repeat(filled), "☆".repeat(5 - filled))
}

/// Plain text of rendered HTML: tags dropped, the common entities decoded,
/// whitespace collapsed. Good enough for JSON-LD `text` of markdown output;
/// not a general HTML parser.
pub fn html_to_text(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        text.push_str(&rest[..lt]);
        let tag_end = rest[lt..].find('>').map_or(rest.len(), |g| lt + g + 1);
        // Block boundaries become spaces so "<p>One</p><p>Two</p>" does not
        // read "OneTwo"; inline tags (<em>, <a>) vanish without a trace.
        if is_block_tag(&rest[lt..tag_end]) {
            text.push(' ');
        }
        rest = &rest[tag_end..];
    }
    text.push_str(rest);
    let decoded = decode_entities(&text);
    decoded.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn is_block_tag(tag: &str) -> bool {
    const BLOCK: &[&str] = &[
        "p",
        "br",
        "div",
        "li",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "pre",
        "hr",
        "tr",
        "td",
        "th",
        "table",
        "dd",
        "dt",
    ];
    let name: String =
        tag.trim_start_matches('<').trim_start_matches('/').chars().take_while(char::is_ascii_alphanumeric).collect();
    BLOCK.contains(&name.to_ascii_lowercase().as_str())
}

fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let decoded = after.find(';').filter(|&semi| semi <= 10).and_then(|semi| {
            let c = entity(&after[..semi])?;
            Some((c, semi))
        });
        match decoded {
            Some((c, semi)) => {
                out.push(c);
                rest = &after[semi + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn entity(name: &str) -> Option<char> {
    let numeric = |digits: &str, radix| u32::from_str_radix(digits, radix).ok().and_then(char::from_u32);
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        "nbsp" => Some(' '),
        _ => match name.strip_prefix('#')? {
            hex if hex.starts_with(['x', 'X']) => numeric(&hex[1..], 16),
            dec => numeric(dec, 10),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn ratings_and_stars() {
        let ok = [(json!(1), 1, "★☆☆☆☆"), (json!(4), 4, "★★★★☆"), (json!(5.0), 5, "★★★★★")];
        for (v, want, star) in ok {
            assert_eq!(rating(&v), Ok(want));
            assert_eq!(stars(want), star);
        }
        let bad = [
            (json!(0), "outside 1–5"),
            (json!(6), "outside 1–5"),
            (json!(-3), "outside 1–5"),
            (json!(4.5), "not a whole number"),
            (json!("5"), "must be a number"),
        ];
        for (v, needle) in bad {
            let err = rating(&v).unwrap_err();
            assert!(err.contains(needle), "{v}: {err}");
        }
    }

    #[test]
    fn html_to_text_table() {
        let cases = [
            ("<p>Yes &amp; no</p>\n", "Yes & no"),
            ("<p>One</p><p>Two</p>", "One Two"),
            ("<p>Use <a href=\"x?a=1&amp;b=2\">this</a>.</p>", "Use this."),
            ("<p>नमस्ते&nbsp;&#x926;&#2342;</p>", "नमस्ते दद"),
            ("AT&T &unknown; &#xZZ;", "AT&T &unknown; &#xZZ;"),
            ("<ul><li>A</li><li><em>B</em>C</li></ul>", "A BC"),
            ("a < b", "a"),
        ];
        for (html, want) in cases {
            assert_eq!(html_to_text(html), want, "{html}");
        }
    }

    #[test]
    fn faq_uses_renderer_and_reports_missing_parts() {
        let mut errs = Errors::default();
        let render = |md: &str| format!("<p>{md}</p>");
        let list = [
            json!({"question": "Do you work weekends?", "answer": "Yes, *Saturdays*."}),
            json!({"question": "Refunds?"}),
            json!({"question": "Q", "answr": "A"}),
        ];
        let got = faq(&list, &render, &mut errs);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].answer_html, "<p>Yes, *Saturdays*.</p>");
        assert_eq!(got[0].answer_text, "Yes, *Saturdays*.");
        let fields: Vec<&str> = errs.list.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["faq[1].answer", "faq[2].answr", "faq[2].answer"]);
        assert_eq!(errs.list[1].hint, "did you mean `answer`?");
    }
}
