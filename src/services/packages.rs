//! The `[[services]]` list: one package card each, with its price, buttons
//! and UPI block worked out here so the template only lays them out.

use serde_json::Value;

use super::contact::{self, ParsedContact};
use super::currency::Currency;
use super::data::{Channel, Cta, Service, Upi};
use super::input::{suggest, Errors, Obj};
use super::lang::Lang;
use super::links::{self, UpiParams};
use super::price::Money;
use super::qr;

const KEYS: &[&str] =
    &["name", "summary", "includes", "price", "currency", "unit", "from", "featured", "image", "cta", "message"];

/// What every package shares: language and the validated contact.
pub struct Ctx<'a> {
    pub lang: Lang,
    pub contact: &'a ParsedContact,
}

pub fn parse(list: &[Value], ctx: &Ctx, errs: &mut Errors) -> Vec<Service> {
    let mut slugs = Vec::new();
    list.iter().enumerate().filter_map(|(i, v)| parse_one(i, v, ctx, &mut slugs, errs)).collect()
}

fn parse_one(i: usize, value: &Value, ctx: &Ctx, slugs: &mut Vec<String>, errs: &mut Errors) -> Option<Service> {
    let obj = Obj::new(&format!("services[{i}]"), value, errs)?;
    obj.check_keys(KEYS, errs);
    let name = obj.required("name", "service name", errs);
    let currency = currency(&obj, errs);
    let price = obj.get("price").and_then(|v| {
        Money::from_value(v, currency.unwrap_or(Currency::INR))
            .map_err(|(m, h)| errs.add(&obj.field("price"), m, h))
            .ok()
    });
    let from = obj.boolean("from", errs);
    let featured = obj.boolean("featured", errs);
    let summary = obj.string("summary", errs).unwrap_or_default();
    let includes = obj.string_list("includes", errs).unwrap_or_default();
    let unit = obj.string("unit", errs);
    let image = obj.string("image", errs);
    let message = obj.string("message", errs);
    let cta_override = contact::channels(&obj, "cta", errs);
    let (name, currency) = (name?, currency?);
    let pkg = Pkg { obj: &obj, name: &name, is_inr: currency == Currency::INR };
    let upi = upi_block(&pkg, price.filter(|_| !from), ctx, errs);
    let message = message.unwrap_or_else(|| ctx.contact.contact.message.clone());
    let ctas = ctas(&pkg, cta_override, &message, upi.as_ref(), ctx, errs);
    let price_display = price.map(Money::display);
    Some(Service {
        slug: unique_slug(&name, slugs),
        price_label: price_display.as_deref().map(|p| if from { ctx.lang.price_from(p) } else { p.to_string() }),
        price_display,
        price_amount: price.map(Money::amount_string),
        currency: currency.code.to_string(),
        name,
        summary,
        includes: includes.into_iter().filter(|s| !s.is_empty()).collect(),
        unit,
        from,
        featured,
        image,
        ctas,
        upi,
    })
}

/// The package being built, as the CTA and UPI helpers need it.
struct Pkg<'a> {
    obj: &'a Obj<'a>,
    name: &'a str,
    is_inr: bool,
}

fn currency(obj: &Obj, errs: &mut Errors) -> Option<Currency> {
    let Some(code) = obj.string("currency", errs) else {
        return Some(Currency::INR);
    };
    if let Some(c) = Currency::lookup(&code) {
        return Some(c);
    }
    let hint = if let Some(new) = Currency::successor_of(&code) {
        format!("{} was withdrawn; use {new}", code.to_ascii_uppercase())
    } else {
        let codes: Vec<&str> = Currency::codes().collect();
        match suggest(&code.to_ascii_uppercase(), &codes) {
            Some(s) => format!("did you mean `{s}`? Use an ISO 4217 code such as INR or USD"),
            None => "use an ISO 4217 code such as INR, USD or EUR".to_string(),
        }
    };
    let msg = format!("unknown currency code `{code}`");
    errs.add(&obj.field("currency"), msg, hint);
    None
}

/// The UPI block, when a valid UPI address exists and the price is in INR
/// (UPI settles only in rupees). "From" prices pass no amount, so the payer
/// types the agreed figure instead of being asked for the minimum.
fn upi_block(pkg: &Pkg, fixed_price: Option<Money>, ctx: &Ctx, errs: &mut Errors) -> Option<Upi> {
    let payee = ctx.contact.contact.upi.as_ref().filter(|_| pkg.is_inr)?;
    let amount = fixed_price.map(Money::amount_string);
    let href =
        links::upi(&UpiParams { vpa: &payee.vpa, payee: &payee.payee, amount: amount.as_deref(), note: pkg.name });
    match qr::svg(&href, &ctx.lang.qr_aria(pkg.name)) {
        Ok(qr_svg) => Some(Upi { href, vpa: payee.vpa.clone(), payee: payee.payee.clone(), qr_svg }),
        Err(e) => {
            errs.add(&pkg.obj.path, e, "shorten the service name or payee name");
            None
        }
    }
}

/// Buttons in the order the author listed them. A channel whose contact
/// value was invalid is skipped (its error is already reported); UPI from
/// the page-wide default is skipped for non-INR packages, but an explicit
/// per-package `cta = ["upi"]` on one is an error.
fn ctas(
    pkg: &Pkg,
    cta_override: Option<Vec<Channel>>,
    message: &str,
    upi: Option<&Upi>,
    ctx: &Ctx,
    errs: &mut Errors,
) -> Vec<Cta> {
    let (obj, name) = (pkg.obj, pkg.name);
    let explicit = cta_override.is_some();
    let channels = cta_override.unwrap_or_else(|| ctx.contact.contact.cta.clone());
    if explicit {
        contact::require_present(&obj.field("cta"), &channels, &ctx.contact.present, errs);
        if !pkg.is_inr && channels.contains(&Channel::Upi) {
            let msg = "UPI payments are only possible in INR";
            errs.add(&obj.field("cta"), msg, "remove `upi` or set currency = \"INR\"");
        }
    }
    let text = message.replace("{service}", name);
    channels
        .into_iter()
        .filter_map(|ch| {
            let href = href(ch, name, &text, upi, ctx)?;
            Some(Cta {
                channel: ch,
                label: ctx.lang.cta_label(ch).to_string(),
                href,
                aria_label: ctx.lang.cta_aria(ch, name),
            })
        })
        .collect()
}

fn href(ch: Channel, name: &str, text: &str, upi: Option<&Upi>, ctx: &Ctx) -> Option<String> {
    let c = &ctx.contact.contact;
    match ch {
        Channel::Whatsapp => c.whatsapp.as_ref().map(|w| links::whatsapp(&w.e164[1..], text)),
        Channel::Telegram => c.telegram.as_ref().map(|t| t.href.clone()),
        Channel::Email => c.email.as_ref().map(|e| links::mailto(&e.address, Some(&ctx.lang.email_subject(name)))),
        Channel::Booking => c.booking_url.clone(),
        Channel::Upi => upi.map(|u| u.href.clone()),
    }
}

/// URL-fragment id from the name: ASCII letters and digits lowercased,
/// other scripts kept (Hindi ids are valid HTML), everything else folded
/// into single hyphens. Duplicates get "-2", "-3"….
fn unique_slug(name: &str, taken: &mut Vec<String>) -> String {
    let mut slug = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !c.is_ascii() && !c.is_whitespace() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let base = match slug.trim_end_matches('-') {
        "" => "service".to_string(),
        s => s.to_string(),
    };
    let mut candidate = base.clone();
    let mut n = 2;
    while taken.contains(&candidate) {
        candidate = format!("{base}-{n}");
        n += 1;
    }
    taken.push(candidate.clone());
    candidate
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        let mut taken = Vec::new();
        let cases = [
            ("Resume review", "resume-review"),
            ("  LinkedIn  Profile + Resume!", "linkedin-profile-resume"),
            ("Resume review", "resume-review-2"),
            ("रिज़्यूमे समीक्षा", "रिज़्यूमे-समीक्षा"),
            ("!!!", "service"),
            ("???", "service-2"),
        ];
        for (name, want) in cases {
            assert_eq!(unique_slug(name, &mut taken), want, "{name}");
        }
    }
}
