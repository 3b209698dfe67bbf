//! Deep links for each contact channel, percent-encoded per the scheme's spec.
//!
//! Why strict encoding: the messages are often Hindi and contain spaces,
//! `?`, `&` and `#`; any of those left raw would cut the link short or be
//! mangled into `+`. Every query value is encoded with only RFC 3986
//! "unreserved" characters left as is, so the UTF-8 bytes of Devanagari
//! survive a decode round trip and a space is always `%20`.

use percent_encoding::{utf8_percent_encode, AsciiSet};

use crate::slug::{encode_query, UNRESERVED};

/// RFC 6068 §2: in the `to` part of a mailto URI, `qchar` also allows the
/// "some-delims" `!$'()*+,;:@` raw; `%`, `?`, `#`, `&`, `=` etc. must be
/// encoded so they are not read as URI syntax.
const MAILTO_ADDR: &AsciiSet = &UNRESERVED
    .remove(b'!')
    .remove(b'$')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')')
    .remove(b'*')
    .remove(b'+')
    .remove(b',')
    .remove(b';')
    .remove(b':')
    .remove(b'@');

/// UPI payee address: NPCI's UPI Linking Specification (v1.6, §1.2 and the
/// samples in §2) writes `pa=name@psp` with a raw `@`, and several UPI apps
/// fail to match a `%40`-encoded VPA; `@` is legal in a query (RFC 3986
/// `pchar`), so it is left readable. The VPA validator already limits the
/// rest to `[A-Za-z0-9._-]`, which need no encoding.
const UPI_PA: &AsciiSet = &UNRESERVED.remove(b'@');

/// WhatsApp click-to-chat: `https://wa.me/<number>?text=<urlencoded>`.
/// WhatsApp's "How to use click to chat" FAQ asks for the full number in
/// international format without `+`, zeros prefix, brackets or dashes, hence
/// `digits` must already be bare digits.
pub fn whatsapp(digits: &str, message: &str) -> String {
    format!("https://wa.me/{digits}?text={}", encode_query(message))
}

/// Link to a WhatsApp chat without a prefilled message (page-level button).
pub fn whatsapp_plain(digits: &str) -> String {
    format!("https://wa.me/{digits}")
}

/// Telegram public username link (`t.me/<username>`). Telegram has no
/// documented way to prefill a private message, so no text is attached.
pub fn telegram(username: &str) -> String {
    format!("https://t.me/{username}")
}

/// `mailto:` with an optional subject (RFC 6068; space is `%20`, as §5
/// of the RFC requires, because `+` is not decoded by mail clients).
pub fn mailto(address: &str, subject: Option<&str>) -> String {
    let to = utf8_percent_encode(address, MAILTO_ADDR);
    match subject {
        Some(s) => format!("mailto:{to}?subject={}", encode_query(s)),
        None => format!("mailto:{to}"),
    }
}

/// Fields of a UPI payment intent.
pub struct UpiParams<'a> {
    pub vpa: &'a str,
    pub payee: &'a str,
    /// Exact decimal ("499.00"); `None` lets the payer type the amount.
    pub amount: Option<&'a str>,
    pub note: &'a str,
}

/// Longest transaction note we emit. NPCI's linking spec gives no hard
/// limit that we could confirm; UPI apps are documented by third parties
/// to cap `tn` at 50 characters, so we truncate rather than risk rejection.
const UPI_NOTE_MAX_CHARS: usize = 50;

/// `upi://pay?pa=…&pn=…&am=…&cu=INR&tn=…` per NPCI UPI Linking
/// Specification v1.6 §1.2: `pa` and `pn` mandatory, `am` optional
/// (decimal with two places), `cu` currently only "INR", `tn` a short note.
pub fn upi(p: &UpiParams) -> String {
    let mut href = format!("upi://pay?pa={}&pn={}", utf8_percent_encode(p.vpa, UPI_PA), encode_query(p.payee));
    if let Some(amount) = p.amount {
        href.push_str("&am=");
        href.push_str(&encode_query(amount));
    }
    href.push_str("&cu=INR");
    let note: String = p.note.chars().take(UPI_NOTE_MAX_CHARS).collect();
    if !note.trim().is_empty() {
        href.push_str("&tn=");
        href.push_str(&encode_query(note.trim_end()));
    }
    href
}

#[cfg(test)]
mod tests {
    use super::*;
    use percent_encoding::percent_decode_str;

    fn decode(s: &str) -> String {
        percent_decode_str(s).decode_utf8().unwrap().into_owned()
    }

    #[test]
    fn exact_urls() {
        let cases = [
            (
                whatsapp("919829012345", "Hi, I'm interested in Resume review"),
                "https://wa.me/919829012345?text=Hi%2C%20I%27m%20interested%20in%20Resume%20review",
            ),
            (whatsapp_plain("919829012345"), "https://wa.me/919829012345"),
            (telegram("anjali_chats"), "https://t.me/anjali_chats"),
            (
                mailto("hello@anjaliverma.example", Some("Enquiry about Resume review")),
                "mailto:hello@anjaliverma.example?subject=Enquiry%20about%20Resume%20review",
            ),
            (mailto("a+b@x.example", None), "mailto:a+b@x.example"),
            (mailto("we#ird?@x.example", None), "mailto:we%23ird%3F@x.example"),
            (
                upi(&UpiParams {
                    vpa: "anjali.verma@okaxis",
                    payee: "Anjali Verma",
                    amount: Some("499.00"),
                    note: "Resume review",
                }),
                "upi://pay?pa=anjali.verma@okaxis&pn=Anjali%20Verma&am=499.00&cu=INR&tn=Resume%20review",
            ),
            (
                upi(&UpiParams { vpa: "a@ybl", payee: "A & B", amount: None, note: "" }),
                "upi://pay?pa=a@ybl&pn=A%20%26%20B&cu=INR",
            ),
        ];
        for (got, want) in cases {
            assert_eq!(got, want);
        }
    }

    #[test]
    fn hindi_message_round_trips() {
        let message = "नमस्ते अंजली, मुझे रिज़्यूमे समीक्षा के बारे में जानना है? हाँ & #1";
        let href = whatsapp("919829012345", message);
        let encoded = href.strip_prefix("https://wa.me/919829012345?text=").unwrap();
        assert!(encoded.is_ascii());
        assert!(!encoded.contains(' ') && !encoded.contains('+') && !encoded.contains('&'));
        assert_eq!(decode(encoded), message);
    }

    #[test]
    fn upi_note_is_capped() {
        let long = "क".repeat(80);
        let href = upi(&UpiParams { vpa: "a@ybl", payee: "A", amount: None, note: &long });
        let tn = href.split("&tn=").nth(1).unwrap();
        assert_eq!(decode(tn).chars().count(), UPI_NOTE_MAX_CHARS);
    }
}
