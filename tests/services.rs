//! The services landing page: prices, contact links, QR, JSON-LD, FAQ,
//! testimonials, and every bad-input case.

mod common;

use common::*;

const SERVICES: &str = r#"+++
title = "Services"
description = "Chat support and consulting"

[contact]
whatsapp = "+91 98290 12345"
telegram = "anjali_chats"
email = "hello@example.com"
message = "नमस्ते, मुझे {service} के बारे में जानना है"
cta = ["whatsapp", "telegram", "email", "upi"]

[contact.upi]
vpa = "anjali@okaxis"
payee = "Anjali Verma"

[availability]
days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
opens = "10:00"
closes = "19:00"
timezone = "Asia/Kolkata"

[[services]]
name = "Setup"
summary = "A full setup"
includes = ["One", "Two"]
price = 100000
unit = "one-time"
featured = true

[[services]]
name = "परामर्श सत्र"
summary = "One session"
price = 499
unit = "per session"

[[services]]
name = "International"
summary = "For clients abroad"
price = 25
currency = "USD"
unit = "per hour"
cta = ["email"]

[[faq]]
question = "How do I pay?"
answer = "By **UPI** or bank transfer."

[[faq]]
question = "क्या रिफ़ंड मिलता है?"
answer = "हाँ, पहले सत्र से पहले।"

[[testimonials]]
quote = "Great help"
name = "Ravi"
role = "Shop owner"
rating = 5

[[testimonials]]
quote = "बहुत बढ़िया"
name = "Sunita"
role = "Teacher"
rating = 4
+++

I help small businesses answer customers on chat.
"#;

fn built() -> Site {
    let site = Site::new();
    site.file("content/services.md", SERVICES);
    site.build_ok();
    site
}

fn query_param(href: &str, key: &str) -> Option<String> {
    let query = href.split_once('?')?.1;
    query.split('&').find_map(|kv| {
        let (k, v) = kv.split_once('=')?;
        (k == key).then(|| percent_encoding::percent_decode_str(v).decode_utf8().unwrap().to_string())
    })
}

#[test]
fn package_cards_show_formatted_prices() {
    let site = built();
    let doc = site.html("services/index.html");
    let prices: Vec<String> = select(&doc, ".package .price .amount").into_iter().map(text).collect();
    assert_eq!(prices, ["₹1,00,000", "₹499", "$25.00"]);
    assert_eq!(select(&doc, ".package.featured").len(), 1);
    assert_eq!(select(&doc, ".package.featured h3").into_iter().map(text).collect::<Vec<_>>(), ["Setup"]);
}

#[test]
fn contact_links_are_exact_and_hindi_survives() {
    let site = built();
    let doc = site.html("services/index.html");
    let hrefs: Vec<String> =
        select(&doc, ".package .ctas a").iter().map(|a| a.value().attr("href").unwrap().to_string()).collect();
    let wa = hrefs.iter().find(|h| h.starts_with("https://wa.me/")).expect("a WhatsApp link");
    assert!(wa.starts_with("https://wa.me/919829012345?text="), "{wa}");
    assert_eq!(query_param(wa, "text").unwrap(), "नमस्ते, मुझे Setup के बारे में जानना है");
    assert!(hrefs.iter().any(|h| h == "https://t.me/anjali_chats"));
    let mail = hrefs.iter().find(|h| h.starts_with("mailto:")).unwrap();
    assert!(mail.starts_with("mailto:hello@example.com?subject="));
    assert!(query_param(mail, "subject").unwrap().contains("Setup"));
    let upi = hrefs.iter().find(|h| h.starts_with("upi://pay?")).expect("a UPI link");
    assert_eq!(query_param(upi, "pa").unwrap(), "anjali@okaxis");
    assert_eq!(query_param(upi, "pn").unwrap(), "Anjali Verma");
    assert_eq!(query_param(upi, "am").unwrap(), "100000.00");
    assert_eq!(query_param(upi, "cu").unwrap(), "INR");
    // The USD package only offers email.
    let intl = select(&doc, ".package").into_iter().find(|p| text(*p).contains("International")).unwrap();
    let links: Vec<_> = intl.select(&sel(".ctas a")).collect();
    assert_eq!(links.len(), 1);
    assert!(links[0].value().attr("href").unwrap().starts_with("mailto:"));
}

#[test]
fn upi_shows_vpa_text_and_an_inline_qr_code() {
    let site = built();
    let doc = site.html("services/index.html");
    let upi = one(&doc, ".package.featured .upi");
    assert!(text(upi).contains("anjali@okaxis"));
    let svg = upi.select(&sel("svg")).next().expect("inline SVG QR code");
    assert_eq!(svg.value().attr("role"), Some("img"));
    assert!(svg.value().attr("aria-label").is_some());
}

#[test]
fn faq_testimonials_and_availability_render() {
    let site = built();
    let doc = site.html("services/index.html");
    assert_eq!(select(&doc, "details.faq").len(), 2);
    assert_eq!(text(one(&doc, "details.faq .answer strong")), "UPI");
    assert_eq!(select(&doc, ".testimonial").len(), 2);
    assert_eq!(text(one(&doc, ".availability .hours")), "Mon–Sat, 10:00–19:00 IST");
    let nav: Vec<String> = select(&doc, "header nav a").into_iter().map(text).collect();
    assert!(nav.iter().any(|n| n == "Services"), "linked from navigation: {nav:?}");
}

#[test]
fn json_ld_has_services_offers_faq_and_ratings() {
    let site = built();
    let doc = site.html("services/index.html");
    let v: serde_json::Value = serde_json::from_str(&text(one(&doc, "script[type='application/ld+json']"))).unwrap();
    let graph = v["@graph"].as_array().expect("a @graph");
    let services: Vec<_> = graph.iter().filter(|n| n["@type"] == "Service").collect();
    assert_eq!(services.len(), 3);
    let offer = &services[0]["offers"];
    assert_eq!(offer["@type"], "Offer");
    assert_eq!(offer["price"], "100000.00");
    assert_eq!(offer["priceCurrency"], "INR");
    let faq = graph.iter().find(|n| n["@type"] == "FAQPage").expect("FAQPage");
    assert_eq!(faq["mainEntity"].as_array().unwrap().len(), 2);
    assert_eq!(faq["mainEntity"][0]["acceptedAnswer"]["@type"], "Answer");
    let json = v.to_string();
    for n in graph {
        if let Some(r) = n.get("aggregateRating") {
            let value: f64 = r["ratingValue"].to_string().trim_matches('"').parse().unwrap();
            assert!((1.0..=5.0).contains(&value), "{json}");
        }
    }
}

#[test]
fn each_bad_input_names_the_file_and_field() {
    let cases = [
        ("whatsapp = \"+91 98290 12345\"", "whatsapp = \"+91 98ABC 12345\"", "contact.whatsapp"),
        ("whatsapp = \"+91 98290 12345\"", "whatsapp = \"+91 12\"", "contact.whatsapp"),
        ("currency = \"USD\"", "currency = \"XYZ\"", "currency"),
        ("price = 499\n", "price = -5\n", "price"),
        ("price = 499\n", "price = \"cheap\"\n", "price"),
        ("rating = 4", "rating = 7", "rating"),
        ("timezone = \"Asia/Kolkata\"", "timezone = \"Asia/Jaipur\"", "timezone"),
        ("closes = \"19:00\"", "closes = \"09:00\"", "closes"),
        ("vpa = \"anjali@okaxis\"", "vpa = \"anjali.okaxis\"", "upi"),
        ("name = \"Setup\"\n", "", "name"),
    ];
    for (from, to, field) in cases {
        let site = Site::new();
        site.file("content/services.md", &SERVICES.replacen(from, to, 1));
        let err = site.build_fails();
        assert!(err.contains("content/services.md:"), "{to}: {err}");
        assert!(err.contains(field), "{to}: expected field {field} in: {err}");
    }
}
