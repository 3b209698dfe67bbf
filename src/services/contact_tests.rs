//! Table-driven tests for the contact validators.

use super::*;
use serde_json::json;

#[test]
fn whatsapp_numbers() {
    let ok = [
        ("+91 98290 12345", "+919829012345"),
        ("+91-98290-12345", "+919829012345"),
        ("+91 (98290) 12345", "+919829012345"),
        ("919829012345", "+919829012345"),
        ("0091 98290 12345", "+919829012345"),
        ("+1 (415) 555-0100", "+14155550100"),
        ("+44 20 7946 0958", "+442079460958"),
    ];
    for (raw, want) in ok {
        assert_eq!(whatsapp_number(raw).as_deref(), Ok(want), "{raw}");
    }
    let bad = [
        ("+91 98290 ABCDE", "letters"),
        ("call me", "letters"),
        ("98290 12345", "no country code"),
        ("+91 98290", "digits"),
        ("+91 12345", "digits"),
        ("+1234567890123456", "digits"),
        ("098290 12345", "starts with 0"),
        ("+91 098290 12345", "Indian number"),
        ("+91 98290 1234", "Indian number"),
        ("+91/98290/12345", "contains `/`"),
    ];
    for (raw, needle) in bad {
        let (msg, hint) = whatsapp_number(raw).unwrap_err();
        assert!(msg.contains(needle), "{raw}: {msg}");
        assert!(!hint.is_empty());
    }
}

#[test]
fn telegram_usernames() {
    let cases = [
        ("anjali_chats", Some("anjali_chats")),
        ("@anjali_chats", Some("anjali_chats")),
        ("https://t.me/anjali_chats", Some("anjali_chats")),
        ("abcd", None),
        ("a".repeat(33).leak(), None),
        ("anjali-chats", None),
        ("anjali chats", None),
    ];
    for (raw, want) in cases {
        assert_eq!(telegram_username(raw).ok().as_deref(), want, "{raw}");
    }
}

#[test]
fn emails_urls_and_vpas() {
    assert!(email_address("hello@anjaliverma.example").is_ok());
    assert!(email_address("a.b+tag@mail.co.in").is_ok());
    for bad in ["hello", "a@b", "a@@b.com", "a..b@x.com", "a@-x.com", "a b@x.com"] {
        assert!(email_address(bad).is_err(), "{bad}");
    }
    assert!(booking_url("https://cal.example.com/anjali").is_ok());
    assert!(booking_url("HTTP://cal.example.com").is_ok());
    for bad in ["cal.example.com", "javascript:alert(1)", "https://", "https://a b.com"] {
        assert!(booking_url(bad).is_err(), "{bad}");
    }
    assert!(vpa("anjali.verma@okaxis").is_ok());
    assert!(vpa("98290-12345@ybl").is_ok());
    let bad = [
        ("anjali.verma", "no @"),
        ("a@b@c", "more than one @"),
        ("@okaxis", "not a valid"),
        ("anjali@ok-axis", "not a valid"),
        ("anjali verma@okaxis", "not a valid"),
    ];
    for (raw, needle) in bad {
        let (msg, _) = vpa(raw).unwrap_err();
        assert!(msg.contains(needle), "{raw}: {msg}");
    }
}

fn parse_contact(v: serde_json::Value) -> (ParsedContact, Vec<String>) {
    let mut errs = Errors::default();
    let parsed = parse(Some(&v), Lang::En, &mut errs);
    (parsed, errs.list.into_iter().map(|e| e.field).collect())
}

#[test]
fn default_cta_uses_configured_channels_in_order() {
    let (p, errs) = parse_contact(json!({
        "email": "hello@anjaliverma.example",
        "whatsapp": "+91 98290 12345",
        "upi": {"vpa": "a@ybl", "payee": "A"}
    }));
    assert!(errs.is_empty(), "{errs:?}");
    assert_eq!(p.contact.cta, vec![Channel::Whatsapp, Channel::Email]);
    assert_eq!(p.contact.whatsapp.unwrap().href, "https://wa.me/919829012345");
    assert_eq!(p.contact.message, "Hi, I'm interested in {service}");
}

#[test]
fn contact_errors_name_their_fields() {
    let (_, errs) = parse_contact(json!({
        "whatsap": "+91 98290 12345",
        "telegram": 42,
        "cta": ["whatsapp", "emial", "booking"],
        "upi": {"vpa": "anjali.verma", "payee": "Anjali", "name": "x"}
    }));
    let want =
        ["contact.whatsap", "contact.telegram", "contact.cta[1]", "contact.cta", "contact.upi.name", "contact.upi.vpa"];
    for field in want {
        assert!(errs.iter().any(|e| e == field), "missing {field} in {errs:?}");
    }
    // whatsapp was misspelt, so the cta entry also reports it as unset:
    assert_eq!(errs.iter().filter(|e| *e == "contact.cta").count(), 2);
}
