//! Data layer of the services landing page.
//!
//! A chat-work professional describes packages, contact channels, hours,
//! FAQ and testimonials in front matter; [`parse`] validates all of it at
//! once and returns template-ready values ([`ServicesPage`]), and
//! [`json_ld`] derives the structured data for search engines. Templates
//! do no logic: every price, link, label and QR code is finished here.
//!
//! Why input is a `serde_json::Value`: TOML and YAML front matter both
//! convert to it, so one parser serves both.

mod availability;
mod contact;
mod content;
mod currency;
mod data;
mod input;
mod jsonld;
mod lang;
mod links;
mod packages;
mod price;
mod qr;

use std::fmt;

use serde::Serialize;
use serde_json::Value;

pub use availability::Availability;
pub use currency::Currency;
pub use data::{
    Channel, Contact, Cta, Email, Faq, Service, ServicesPage, Telegram, Testimonial, Upi, UpiPayee, Whatsapp,
};
pub use jsonld::json_ld;
pub use lang::Lang;
pub use price::Money;

use input::{suggest, Errors, Obj};

/// One problem in the front matter, tied to the exact field.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FieldError {
    /// Path of the field, e.g. `services[2].price` or `contact.whatsapp`.
    /// List indexes count from 0, as in the front-matter array.
    pub field: String,
    /// What is wrong, e.g. "price must not be negative".
    pub message: String,
    /// How to fix it, e.g. "did you mean `currency`?".
    pub hint: String,
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.message)?;
        if !self.hint.is_empty() {
            write!(f, " ({})", self.hint)?;
        }
        Ok(())
    }
}

impl std::error::Error for FieldError {}

/// Top-level keys this module owns inside the page's `extra` table.
const TOP_KEYS: &[&str] = &["contact", "availability", "services", "faq", "testimonials"];

/// Parses the page's `extra` data using the current time as the reference
/// instant for the time-zone offset. Prefer [`parse_at`] in builds that
/// must be reproducible.
pub fn parse(
    value: &Value,
    lang: &str,
    render_markdown: &dyn Fn(&str) -> String,
) -> Result<ServicesPage, Vec<FieldError>> {
    parse_at(value, lang, render_markdown, jiff::Timestamp::now())
}

/// Parses the page's `extra` data. `lang` is the page language ("en",
/// "hi", "hi-IN"; others fall back to English labels); `now` fixes the
/// instant at which the availability zone's UTC offset and abbreviation
/// are taken, and whether `away_until` is still ahead.
///
/// Returns every field error found, not just the first.
pub fn parse_at(
    value: &Value,
    lang: &str,
    render_markdown: &dyn Fn(&str) -> String,
    now: jiff::Timestamp,
) -> Result<ServicesPage, Vec<FieldError>> {
    let lang = Lang::from_tag(lang);
    let mut errs = Errors::default();
    let Value::Object(_) = value else {
        return Err(vec![FieldError {
            field: "extra".to_string(),
            message: format!("expected a table, found {}", input::type_name(value)),
            hint: "put [extra.contact], [[extra.services]] etc. in the front matter".to_string(),
        }]);
    };
    let top = Obj::new("", value, &mut errs).expect("checked to be a table");
    // `extra` is shared with other page features, so only near-misses of
    // our own keys ("servics", "faqs") are reported, not every other key.
    for key in top.keys().filter(|k| !TOP_KEYS.contains(&k.as_str())) {
        if let Some(s) = suggest(key, TOP_KEYS) {
            errs.add(key, format!("unknown key `{key}`"), format!("did you mean `{s}`?"));
        }
    }
    let contact = contact::parse(top.get("contact"), lang, &mut errs);
    let availability = top.get("availability").and_then(|v| availability::parse(v, lang, now, &mut errs));
    let ctx = packages::Ctx { lang, contact: &contact };
    let list = |key: &str, errs: &mut Errors| top.list(key, errs).map_or(&[][..], |v| &v[..]);
    let services = packages::parse(list("services", &mut errs), &ctx, &mut errs);
    let faq = content::faq(list("faq", &mut errs), render_markdown, &mut errs);
    let testimonials = content::testimonials(list("testimonials", &mut errs), lang, &mut errs);
    if !errs.list.is_empty() {
        return Err(errs.list);
    }
    Ok(ServicesPage { services, contact: contact.contact, availability, faq, testimonials })
}

#[cfg(test)]
mod tests;
