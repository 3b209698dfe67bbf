//! The `[contact]` table: validating each channel once, so every package's
//! buttons can reuse the cleaned values.

use serde_json::Value;

use super::data::{Channel, Contact, Email, Telegram, UpiPayee, Whatsapp};
use super::input::{suggest, Errors, Obj};
use super::lang::Lang;
use super::links;

/// `(message, hint)` of a rejected value.
type Problem = (String, String);

const KEYS: &[&str] = &["whatsapp", "telegram", "email", "booking_url", "message", "cta", "upi"];
const UPI_KEYS: &[&str] = &["vpa", "payee"];

/// Channels offered when `contact.cta` is absent. UPI is left out: asking
/// for payment before a conversation is the author's call, not a default.
const DEFAULT_CTA: [Channel; 4] = [Channel::Whatsapp, Channel::Telegram, Channel::Email, Channel::Booking];

/// Parsed contact plus the channels the author filled in, valid or not.
/// Why track both: a CTA naming a channel whose value was invalid should
/// only report the invalid value, not also "channel not configured".
pub struct ParsedContact {
    pub contact: Contact,
    pub present: Vec<Channel>,
}

pub fn parse(value: Option<&Value>, lang: Lang, errs: &mut Errors) -> ParsedContact {
    let mut out = ParsedContact {
        contact: Contact { message: lang.default_message().to_string(), ..Contact::default() },
        present: Vec::new(),
    };
    let Some(obj) = value.and_then(|v| Obj::new("contact", v, errs)) else {
        return out;
    };
    obj.check_keys(KEYS, errs);
    let present = &mut out.present;
    let c = &mut out.contact;
    c.whatsapp = checked(&obj, "whatsapp", Channel::Whatsapp, present, errs).map(|(display, e164)| Whatsapp {
        href: links::whatsapp_plain(&e164[1..]),
        display,
        e164,
    });
    c.telegram = checked(&obj, "telegram", Channel::Telegram, present, errs)
        .map(|(_, username)| Telegram { href: links::telegram(&username), username });
    c.email = checked(&obj, "email", Channel::Email, present, errs)
        .map(|(_, address)| Email { href: links::mailto(&address, None), address });
    c.booking_url = checked(&obj, "booking_url", Channel::Booking, present, errs).map(|(_, u)| u);
    if let Some(v) = obj.get("upi") {
        present.push(Channel::Upi);
        c.upi = parse_upi(v, errs);
    }
    if let Some(message) = obj.string("message", errs) {
        c.message = message;
    }
    c.cta = match channels(&obj, "cta", errs) {
        Some(list) => {
            require_present(&obj.field("cta"), &list, present.as_slice(), errs);
            list
        }
        None => DEFAULT_CTA.into_iter().filter(|ch| present.contains(ch)).collect(),
    };
    out
}

/// Reads and validates one channel value, returning `(as written, cleaned)`.
fn checked(
    obj: &Obj,
    key: &str,
    channel: Channel,
    present: &mut Vec<Channel>,
    errs: &mut Errors,
) -> Option<(String, String)> {
    let raw = obj.string(key, errs)?;
    present.push(channel);
    match validate(channel, &raw) {
        Ok(clean) => Some((raw, clean)),
        Err((message, hint)) => {
            errs.add(&obj.field(key), message, hint);
            None
        }
    }
}

fn validate(channel: Channel, raw: &str) -> Result<String, Problem> {
    match channel {
        Channel::Whatsapp => whatsapp_number(raw),
        Channel::Telegram => telegram_username(raw),
        Channel::Email => email_address(raw),
        Channel::Booking => booking_url(raw),
        Channel::Upi => vpa(raw),
    }
}

fn parse_upi(value: &Value, errs: &mut Errors) -> Option<UpiPayee> {
    let obj = Obj::new("contact.upi", value, errs)?;
    obj.check_keys(UPI_KEYS, errs);
    let raw_vpa = obj.required("vpa", "UPI address", errs);
    let payee = obj.required("payee", "payee name", errs);
    let vpa = raw_vpa.and_then(|raw| vpa(&raw).map_err(|(m, h)| errs.add(&obj.field("vpa"), m, h)).ok());
    Some(UpiPayee { vpa: vpa?, payee: payee? })
}

/// Reads a `cta` list (contact default or a service override).
pub fn channels(obj: &Obj, key: &str, errs: &mut Errors) -> Option<Vec<Channel>> {
    let names = obj.string_list(key, errs)?;
    let mut out = Vec::new();
    for (i, name) in names.iter().enumerate() {
        match Channel::from_name(name) {
            Some(ch) if !out.contains(&ch) => out.push(ch),
            Some(_) => {}
            None => {
                let hint = match suggest(name, &Channel::NAMES) {
                    Some(s) => format!("did you mean `{s}`?"),
                    None => format!("valid channels: {}", Channel::NAMES.join(", ")),
                };
                let field = format!("{}[{i}]", obj.field(key));
                errs.add(&field, format!("unknown channel `{name}`"), hint);
            }
        }
    }
    Some(out)
}

/// Errors for listed channels that have no contact value at all.
pub fn require_present(field: &str, list: &[Channel], present: &[Channel], errs: &mut Errors) {
    for ch in list.iter().filter(|ch| !present.contains(ch)) {
        let key = match ch {
            Channel::Booking => "booking_url",
            Channel::Upi => "upi",
            other => other.name(),
        };
        let msg = format!("`{}` is listed but contact.{key} is not set", ch.name());
        errs.add(field, msg, format!("add contact.{key} or remove `{}`", ch.name()));
    }
}

/// Validates a WhatsApp number and returns it in E.164 form ("+9198…").
/// E.164 allows at most 15 digits; wa.me needs the country code, so a bare
/// 10-digit Indian number is rejected with a "+91" hint instead of guessed.
pub fn whatsapp_number(raw: &str) -> Result<String, Problem> {
    let hint = "write the full international number, e.g. +91 98290 12345".to_string();
    if raw.chars().any(char::is_alphabetic) {
        return Err(("WhatsApp number contains letters".into(), hint));
    }
    let trimmed = raw.trim();
    let (mut plus, body) = match trimmed.strip_prefix('+') {
        Some(rest) => (true, rest),
        None => (false, trimmed),
    };
    let mut digits = String::new();
    for ch in body.chars() {
        match ch {
            '0'..='9' => digits.push(ch),
            ' ' | '-' | '(' | ')' | '.' => {}
            other => return Err((format!("WhatsApp number contains `{other}`"), hint)),
        }
    }
    if !plus && digits.starts_with("00") {
        digits.drain(..2); // "00" is the international call prefix, i.e. "+"
        plus = true;
    }
    if digits.starts_with('0') {
        let msg = "WhatsApp number starts with 0; country codes never do".to_string();
        return Err((msg, hint));
    }
    if !plus && digits.len() == 10 {
        let msg = "WhatsApp number has no country code".to_string();
        return Err((msg, "add the country code, e.g. +91 98290 12345".into()));
    }
    if !(10..=15).contains(&digits.len()) {
        let msg = format!("WhatsApp number has {} digits; expected 10–15", digits.len());
        return Err((msg, hint));
    }
    // India (+91): exactly ten national digits, no trunk "0" after the code.
    if digits.starts_with("91") && digits.len() != 12 {
        let msg = format!("Indian number +91 needs 10 more digits, found {}", digits.len() - 2);
        return Err((msg, "drop any 0 after +91: +91 98290 12345".into()));
    }
    Ok(format!("+{digits}"))
}

/// Telegram username without "@"; a pasted `t.me/` link is accepted too.
/// Rule (Telegram FAQ): 5–32 characters of a–z, 0–9 and underscore.
pub fn telegram_username(raw: &str) -> Result<String, Problem> {
    let name = ["https://t.me/", "http://t.me/", "t.me/", "@"]
        .iter()
        .fold(raw.trim(), |s, prefix| s.strip_prefix(prefix).unwrap_or(s));
    let valid_chars = name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if !valid_chars || !(5..=32).contains(&name.len()) {
        let msg = format!("`{raw}` is not a Telegram username");
        let hint = "use 5–32 letters, digits or _, e.g. anjali_chats".to_string();
        return Err((msg, hint));
    }
    Ok(name.to_string())
}

/// Conservative e-mail check: exactly one "@", an RFC 5322 dot-atom local
/// part, and an ASCII domain with a dot. IDN domains must be given in
/// punycode so the `mailto:` link works everywhere.
pub fn email_address(raw: &str) -> Result<String, Problem> {
    let bad = || {
        let msg = format!("`{raw}` is not an e-mail address");
        (msg, "write it like hello@example.com".to_string())
    };
    let (local, domain) = raw.split_once('@').ok_or_else(bad)?;
    let atext = |c: char| c.is_ascii_alphanumeric() || "!#$%&'*+/=?^_`{|}~-".contains(c);
    let local_ok =
        !local.is_empty() && local.len() <= 64 && local.split('.').all(|p| !p.is_empty() && p.chars().all(atext));
    let labels: Vec<&str> = domain.split('.').collect();
    let label_ok = |l: &&str| {
        !l.is_empty()
            && !l.starts_with('-')
            && !l.ends_with('-')
            && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
    };
    if !local_ok || labels.len() < 2 || !labels.iter().all(label_ok) {
        return Err(bad());
    }
    Ok(raw.to_string())
}

/// Booking links must be web links: anything else (javascript:, tel:) in
/// an `href` is either broken or unsafe.
pub fn booking_url(raw: &str) -> Result<String, Problem> {
    let lower = raw.to_ascii_lowercase();
    let rest = ["https://", "http://"].iter().find_map(|scheme| lower.strip_prefix(scheme));
    let host = rest.map(|r| r.split(['/', '?', '#']).next().unwrap_or(""));
    let clean = !raw.chars().any(|c| c.is_whitespace() || c.is_control() || "\"<>".contains(c));
    match host {
        Some(h) if !h.is_empty() && clean => Ok(raw.to_string()),
        _ => Err((
            format!("`{raw}` is not an http(s) link"),
            "use the full link, e.g. https://cal.example.com/you".to_string(),
        )),
    }
}

/// UPI virtual payment address `handle@psp`: handle of `[A-Za-z0-9._-]`,
/// PSP of letters and digits (NPCI addressing as used by all UPI apps).
pub fn vpa(raw: &str) -> Result<String, Problem> {
    let hint = "a UPI ID looks like name@bank, e.g. anjali.verma@okaxis".to_string();
    let parts: Vec<&str> = raw.split('@').collect();
    let [handle, psp] = parts.as_slice() else {
        let msg = match parts.len() {
            1 => format!("UPI address `{raw}` has no @"),
            _ => format!("UPI address `{raw}` has more than one @"),
        };
        return Err((msg, hint));
    };
    let handle_ok = !handle.is_empty() && handle.chars().all(|c| c.is_ascii_alphanumeric() || "._-".contains(c));
    let psp_ok = !psp.is_empty() && psp.chars().all(|c| c.is_ascii_alphanumeric());
    if !handle_ok || !psp_ok {
        return Err((format!("`{raw}` is not a valid UPI address"), hint));
    }
    Ok(raw.to_string())
}

#[cfg(test)]
#[path = "contact_tests.rs"]
mod tests;
