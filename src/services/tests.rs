//! End-to-end tests: front matter as an author writes it (TOML), through
//! `parse_at`, to template values and JSON-LD.

use super::*;
use percent_encoding::percent_decode_str;
use serde_json::json;

const PAGE: &str = r#"
[contact]
whatsapp = "+91 98290 12345"
telegram = "@anjali_chats"
email = "hello@anjaliverma.example"
booking_url = "https://cal.example.com/anjali"
cta = ["whatsapp", "telegram", "email", "upi"]

[contact.upi]
vpa = "anjali.verma@okaxis"
payee = "Anjali Verma"

[availability]
days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
opens = "10:00"
closes = "19:00"
timezone = "Asia/Kolkata"
away_until = 2026-12-01
holidays = ["2026-11-08"]

[[services]]
name = "Resume review"
summary = "A line-by-line review of your CV."
includes = ["Written feedback", "One follow-up call"]
price = 499
unit = "per session"

[[services]]
name = "LinkedIn makeover"
price = 1499.50
featured = true

[[services]]
name = "Career coaching"
price = 100000
from = true

[[services]]
name = "Global CV"
price = 25
currency = "USD"
cta = ["email", "booking"]

[[faq]]
question = "How do I pay?"
answer = "UPI or bank transfer."

[[testimonials]]
quote = "Got three interviews in a week."
name = "Priya S."
role = "Data analyst"
rating = 5

[[testimonials]]
quote = "Clear and kind."
name = "Rahul M."
rating = 4

[[testimonials]]
quote = "Worth it."
name = "Meena K."
"#;

fn value(src: &str) -> Value {
    let table: toml::Table = toml::from_str(src).expect("fixture is valid TOML");
    serde_json::to_value(table).expect("TOML converts to JSON")
}

fn render(md: &str) -> String {
    format!("<p>{md}</p>\n")
}

fn now() -> jiff::Timestamp {
    "2026-07-01T06:30:00Z".parse().unwrap()
}

/// The fixture page, parsed; shared with the JSON-LD tests.
pub(super) fn page(lang: &str) -> ServicesPage {
    parse_at(&value(PAGE), lang, &render, now()).unwrap_or_else(|e| panic!("{e:#?}"))
}

fn errors(src: &str) -> Vec<FieldError> {
    parse_at(&value(src), "en", &render, now()).expect_err("should fail")
}

#[test]
fn full_page_english() {
    let p = page("en");
    let s = &p.services[0];
    assert_eq!((s.price_display.as_deref(), s.price_amount.as_deref()), (Some("₹499"), Some("499.00")));
    assert_eq!(s.slug, "resume-review");
    let hrefs: Vec<&str> = s.ctas.iter().map(|c| c.href.as_str()).collect();
    assert_eq!(
        hrefs,
        [
            "https://wa.me/919829012345?text=Hi%2C%20I%27m%20interested%20in%20Resume%20review",
            "https://t.me/anjali_chats",
            "mailto:hello@anjaliverma.example?subject=Enquiry%20about%20Resume%20review",
            "upi://pay?pa=anjali.verma@okaxis&pn=Anjali%20Verma&am=499.00&cu=INR&tn=Resume%20review",
        ]
    );
    assert_eq!(s.ctas[0].label, "Chat on WhatsApp");
    assert_eq!(s.ctas[0].aria_label, "Chat on WhatsApp about Resume review");
    let upi = s.upi.as_ref().unwrap();
    assert_eq!(upi.href, hrefs[3]);
    assert!(upi.qr_svg.starts_with("<svg") && upi.qr_svg.contains("UPI QR code for Resume review"));

    let s = &p.services[1];
    assert_eq!(s.price_display.as_deref(), Some("₹1,499.50"));
    assert_eq!(s.price_amount.as_deref(), Some("1499.50"));
    assert!(s.featured);

    let s = &p.services[2];
    assert_eq!(s.price_label.as_deref(), Some("From ₹1,00,000"));
    assert!(!s.upi.as_ref().unwrap().href.contains("am="), "from-prices leave amount open");

    let s = &p.services[3];
    assert_eq!(s.price_display.as_deref(), Some("$25.00"));
    assert!(s.upi.is_none());
    let channels: Vec<Channel> = s.ctas.iter().map(|c| c.channel).collect();
    assert_eq!(channels, [Channel::Email, Channel::Booking]);
    assert_eq!(s.ctas[1].href, "https://cal.example.com/anjali");

    let a = p.availability.as_ref().unwrap();
    assert_eq!(a.display, "Mon–Sat, 10:00–19:00 IST");
    assert_eq!(a.utc_offset_minutes, 330);
    assert_eq!(p.testimonials[0].stars, "★★★★★");
    assert_eq!(p.testimonials[2].stars, "");
    assert_eq!(p.faq[0].answer_html, "<p>UPI or bank transfer.</p>\n");
    assert_eq!(p.contact.telegram.as_ref().unwrap().username, "anjali_chats");
}

#[test]
fn full_page_hindi_and_message_round_trip() {
    let src = PAGE.replace("[contact.upi]", "message = \"नमस्ते अंजली, मुझे {service} के बारे में जानना है\"\n[contact.upi]");
    let p = parse_at(&value(&src), "hi", &render, now()).unwrap();
    let wa = &p.services[0].ctas[0];
    assert_eq!(wa.label, "WhatsApp पर बात करें");
    let text = wa.href.split_once("?text=").unwrap().1;
    assert!(text.is_ascii());
    let decoded = percent_decode_str(text).decode_utf8().unwrap();
    assert_eq!(decoded, "नमस्ते अंजली, मुझे Resume review के बारे में जानना है");
    assert_eq!(p.services[0].ctas[3].label, "UPI से भुगतान करें");
    assert_eq!(p.services[2].price_label.as_deref(), Some("₹1,00,000 से शुरू"));
    assert_eq!(p.availability.unwrap().display, "सोम–शनि, 10:00–19:00 IST");

    // Without a configured message the Hindi default is used.
    let p = page("hi");
    let text = p.services[0].ctas[0].href.split_once("?text=").unwrap().1;
    let decoded = percent_decode_str(text).decode_utf8().unwrap();
    assert_eq!(decoded, "नमस्ते, मुझे Resume review के बारे में जानना है");
}

#[test]
fn each_bad_input_names_its_field() {
    let cases = [
        ("whatsapp = \"+91 98290 12345\"", "whatsapp = \"+91 98290 CALLME\"", "contact.whatsapp", "letters"),
        ("whatsapp = \"+91 98290 12345\"", "whatsapp = \"+91 9829\"", "contact.whatsapp", "digits"),
        ("currency = \"USD\"", "currency = \"RUPEE\"", "services[3].currency", "unknown currency"),
        ("price = 499\n", "price = -499\n", "services[0].price", "negative"),
        ("price = 499\n", "price = \"499 rupees\"\n", "services[0].price", "must be a number"),
        ("rating = 4", "rating = 7", "testimonials[1].rating", "outside 1–5"),
        ("timezone = \"Asia/Kolkata\"", "timezone = \"India/Delhi\"", "availability.timezone", "IANA"),
        ("closes = \"19:00\"", "closes = \"09:00\"", "availability.closes", "not after"),
        ("vpa = \"anjali.verma@okaxis\"", "vpa = \"anjali.verma\"", "contact.upi.vpa", "no @"),
        ("name = \"LinkedIn makeover\"", "title = \"LinkedIn makeover\"", "services[1].name", "missing"),
    ];
    for (from, to, field, needle) in cases {
        assert!(PAGE.contains(from), "fixture lacks {from}");
        let errs = errors(&PAGE.replacen(from, to, 1));
        let hit = errs.iter().find(|e| e.field == field);
        let hit = hit.unwrap_or_else(|| panic!("no error for {field}: {errs:#?}"));
        assert!(hit.message.contains(needle), "{field}: {}", hit.message);
        assert!(!hit.hint.is_empty(), "{field} has no hint");
    }
}

#[test]
fn all_errors_are_collected_with_suggestions() {
    let src = r#"
[contact]
whatsapp = "98290 12345"
cta = ["whatsapp", "telegarm"]
[[services]]
summary = "no name"
curency = "INR"
[[services]]
name = "Bad"
price = 10
currency = "HRK"
[[testimonials]]
quote = "q"
name = "n"
rating = 0
[[faqs]]
question = "typo'd table"
"#;
    let errs = errors(src);
    let fields: Vec<&str> = errs.iter().map(|e| e.field.as_str()).collect();
    for want in [
        "faqs",
        "contact.whatsapp",
        "contact.cta[1]",
        "services[0].curency",
        "services[0].name",
        "services[1].currency",
        "testimonials[0].rating",
    ] {
        assert!(fields.contains(&want), "missing {want} in {fields:?}");
    }
    let hint = |f: &str| errs.iter().find(|e| e.field == f).unwrap().hint.clone();
    assert_eq!(hint("contact.cta[1]"), "did you mean `telegram`?");
    assert_eq!(hint("services[0].curency"), "did you mean `currency`?");
    assert_eq!(hint("faqs"), "did you mean `faq`?");
    assert_eq!(hint("services[1].currency"), "HRK was withdrawn; use EUR");
    assert!(errs[0].to_string().contains(": "));
}

#[test]
fn non_object_and_unrelated_keys() {
    let errs = parse_at(&json!([1, 2]), "en", &render, now()).unwrap_err();
    assert_eq!(errs[0].field, "extra");
    // Keys owned by other page features are left alone.
    let p = parse_at(&json!({"hero": {"title": "x"}, "services": []}), "en", &render, now()).unwrap();
    assert!(p.services.is_empty() && p.contact.cta.is_empty());
}

#[test]
fn explicit_upi_cta_on_foreign_currency_is_an_error() {
    let errs = errors(&PAGE.replace("cta = [\"email\", \"booking\"]", "cta = [\"upi\"]"));
    assert_eq!(errs.len(), 1, "{errs:#?}");
    assert_eq!(errs[0].field, "services[3].cta");
}

#[test]
fn page_serializes_for_templates() {
    let v = serde_json::to_value(page("en")).unwrap();
    assert_eq!(v["services"][0]["ctas"][0]["channel"], "whatsapp");
    assert_eq!(v["services"][1]["price_display"], "₹1,499.50");
    assert_eq!(v["availability"]["days"], json!([1, 2, 3, 4, 5, 6]));
    assert_eq!(v["contact"]["whatsapp"]["e164"], "+919829012345");
}

#[test]
fn service_overrides_message_and_cta() {
    let src = PAGE.replace(
        "name = \"LinkedIn makeover\"",
        "name = \"LinkedIn makeover\"\nmessage = \"Hello! {service}?\"\ncta = [\"whatsapp\"]",
    );
    let p = parse_at(&value(&src), "en", &render, now()).unwrap();
    let ctas = &p.services[1].ctas;
    assert_eq!(ctas.len(), 1);
    assert_eq!(ctas[0].href, "https://wa.me/919829012345?text=Hello%21%20LinkedIn%20makeover%3F");
    assert!(p.services[1].upi.is_some(), "UPI block does not depend on the buttons");
}
