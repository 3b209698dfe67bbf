//! Output types handed to the templates.
//!
//! Why everything is a finished string: tera templates should only place
//! values, never format prices, build links or pick labels, so each field
//! here is ready to print (HTML-escaping is still tera's job, except for the
//! fields documented as HTML, which templates mark `| safe`).

use serde::Serialize;

use super::availability::Availability;

/// Everything the services landing page needs.
#[derive(Clone, Debug, Serialize)]
pub struct ServicesPage {
    pub services: Vec<Service>,
    pub contact: Contact,
    pub availability: Option<Availability>,
    pub faq: Vec<Faq>,
    pub testimonials: Vec<Testimonial>,
}

/// One package on offer.
#[derive(Clone, Debug, Serialize)]
pub struct Service {
    pub name: String,
    /// URL fragment / element id for this package ("resume-review"), unique
    /// on the page; JSON-LD offers link to `page_url#slug`.
    pub slug: String,
    pub summary: String,
    pub includes: Vec<String>,
    /// "₹1,499.50", "$25.00"; `None` when the package has no listed price.
    pub price_display: Option<String>,
    /// `price_display`, prefixed "From …" when `from` is set, so templates
    /// do not have to assemble localized wording.
    pub price_label: Option<String>,
    /// Plain decimal with the currency's minor digits ("499.00"): the value
    /// used for UPI `am=` and JSON-LD `price`.
    pub price_amount: Option<String>,
    /// ISO 4217 code, upper case.
    pub currency: String,
    pub unit: Option<String>,
    /// The price is a starting point ("From ₹499").
    pub from: bool,
    pub featured: bool,
    pub image: Option<String>,
    pub ctas: Vec<Cta>,
    /// UPI payment block (link + QR), present only for INR packages when a
    /// UPI address is configured.
    pub upi: Option<Upi>,
}

/// A contact channel a button can lead to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Channel {
    Whatsapp,
    Telegram,
    Email,
    Booking,
    Upi,
}

impl Channel {
    /// Spelling used in front matter (`cta = ["whatsapp", …]`).
    pub const NAMES: [&'static str; 5] = ["whatsapp", "telegram", "email", "booking", "upi"];

    pub fn from_name(name: &str) -> Option<Channel> {
        match name.trim().to_ascii_lowercase().as_str() {
            "whatsapp" => Some(Channel::Whatsapp),
            "telegram" => Some(Channel::Telegram),
            "email" => Some(Channel::Email),
            "booking" => Some(Channel::Booking),
            "upi" => Some(Channel::Upi),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        Channel::NAMES[self as usize]
    }
}

/// One call-to-action button.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Cta {
    pub channel: Channel,
    /// Visible text, localized ("Chat on WhatsApp").
    pub label: String,
    /// Ready-to-use, percent-encoded link.
    pub href: String,
    /// Accessible name naming the service too.
    pub aria_label: String,
}

/// UPI payment details for one package.
#[derive(Clone, Debug, Serialize)]
pub struct Upi {
    /// `upi://pay?...` deep link (opens the payer's UPI app on mobile).
    pub href: String,
    pub vpa: String,
    pub payee: String,
    /// Inline `<svg>` QR of `href` for desktop visitors; print with `| safe`.
    pub qr_svg: String,
}

/// Contact details shown outside the packages (header, footer buttons).
#[derive(Clone, Debug, Default, Serialize)]
pub struct Contact {
    pub whatsapp: Option<Whatsapp>,
    pub telegram: Option<Telegram>,
    pub email: Option<Email>,
    pub booking_url: Option<String>,
    pub upi: Option<UpiPayee>,
    /// The message template, `{service}` still in it.
    pub message: String,
    /// Default channels for every package's buttons.
    pub cta: Vec<Channel>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Whatsapp {
    /// As the author wrote it ("+91 98290 12345"), for display.
    pub display: String,
    /// E.164 form ("+919829012345") for `tel:` and JSON-LD `telephone`.
    pub e164: String,
    /// Chat link without a prefilled message.
    pub href: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct Telegram {
    /// Without the leading "@".
    pub username: String,
    pub href: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct Email {
    pub address: String,
    /// `mailto:` without subject.
    pub href: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct UpiPayee {
    pub vpa: String,
    pub payee: String,
}

/// One question and answer.
#[derive(Clone, Debug, Serialize)]
pub struct Faq {
    pub question: String,
    /// Rendered by the site's markdown renderer; print with `| safe`.
    pub answer_html: String,
    /// Tag-free text of the answer, for JSON-LD and meta descriptions.
    pub answer_text: String,
}

/// A client quote.
#[derive(Clone, Debug, Serialize)]
pub struct Testimonial {
    pub quote: String,
    pub name: String,
    pub role: Option<String>,
    pub rating: Option<u8>,
    /// "★★★★☆", empty when unrated. Decorative: pair with `rating_label`.
    pub stars: String,
    /// "Rated 4 out of 5" for screen readers; empty when unrated.
    pub rating_label: String,
}
