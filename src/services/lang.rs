//! Every visitor-facing string, in English and Hindi.
//!
//! Why one file: templates must stay logic-free, so all labels are chosen
//! here; keeping them together makes adding a third language one edit.
//! Error messages are not here — they are for the site author and stay in
//! English.

use super::data::Channel;

/// The page language, reduced to what we have strings for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    En,
    Hi,
}

impl Lang {
    /// Accepts BCP 47-ish tags ("hi", "hi-IN", "hi_IN"); anything that is
    /// not Hindi falls back to English rather than failing the build.
    pub fn from_tag(tag: &str) -> Lang {
        let primary = tag.split(['-', '_']).next().unwrap_or("");
        if primary.eq_ignore_ascii_case("hi") {
            Lang::Hi
        } else {
            Lang::En
        }
    }

    /// Prefilled chat message used when the author gives none.
    pub fn default_message(self) -> &'static str {
        match self {
            Lang::En => "Hi, I'm interested in {service}",
            Lang::Hi => "नमस्ते, मुझे {service} के बारे में जानना है",
        }
    }

    /// Visible button text per channel.
    pub fn cta_label(self, channel: Channel) -> &'static str {
        match (self, channel) {
            (Lang::En, Channel::Whatsapp) => "Chat on WhatsApp",
            (Lang::En, Channel::Telegram) => "Message on Telegram",
            (Lang::En, Channel::Email) => "Email",
            (Lang::En, Channel::Booking) => "Book a call",
            (Lang::En, Channel::Upi) => "Pay with UPI",
            (Lang::Hi, Channel::Whatsapp) => "WhatsApp पर बात करें",
            (Lang::Hi, Channel::Telegram) => "Telegram पर संदेश भेजें",
            (Lang::Hi, Channel::Email) => "ईमेल करें",
            (Lang::Hi, Channel::Booking) => "कॉल बुक करें",
            (Lang::Hi, Channel::Upi) => "UPI से भुगतान करें",
        }
    }

    /// Screen-reader label: the visible label alone ("Email") repeats for
    /// every package, so the accessible name also says which service.
    pub fn cta_aria(self, channel: Channel, service: &str) -> String {
        match (self, channel) {
            (Lang::En, Channel::Whatsapp) => format!("Chat on WhatsApp about {service}"),
            (Lang::En, Channel::Telegram) => format!("Message on Telegram about {service}"),
            (Lang::En, Channel::Email) => format!("Email about {service}"),
            (Lang::En, Channel::Booking) => format!("Book a call about {service}"),
            (Lang::En, Channel::Upi) => format!("Pay for {service} with UPI"),
            (Lang::Hi, Channel::Whatsapp) => format!("{service} के बारे में WhatsApp पर बात करें"),
            (Lang::Hi, Channel::Telegram) => {
                format!("{service} के बारे में Telegram पर संदेश भेजें")
            }
            (Lang::Hi, Channel::Email) => format!("{service} के बारे में ईमेल करें"),
            (Lang::Hi, Channel::Booking) => format!("{service} के लिए कॉल बुक करें"),
            (Lang::Hi, Channel::Upi) => format!("{service} के लिए UPI से भुगतान करें"),
        }
    }

    /// Subject line of the `mailto:` link.
    pub fn email_subject(self, service: &str) -> String {
        match self {
            Lang::En => format!("Enquiry about {service}"),
            Lang::Hi => format!("{service} के बारे में पूछताछ"),
        }
    }

    /// Accessible name of the UPI QR image.
    pub fn qr_aria(self, service: &str) -> String {
        match self {
            Lang::En => format!("UPI QR code for {service}"),
            Lang::Hi => format!("{service} के लिए UPI QR कोड"),
        }
    }

    /// "From ₹499" for packages whose price is a starting point.
    pub fn price_from(self, price: &str) -> String {
        match self {
            Lang::En => format!("From {price}"),
            Lang::Hi => format!("{price} से शुरू"),
        }
    }

    /// Short weekday name, ISO numbering (1 = Monday).
    pub fn weekday(self, iso: u8) -> &'static str {
        const EN: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
        const HI: [&str; 7] = ["सोम", "मंगल", "बुध", "गुरु", "शुक्र", "शनि", "रवि"];
        let i = usize::from(iso.clamp(1, 7) - 1);
        match self {
            Lang::En => EN[i],
            Lang::Hi => HI[i],
        }
    }

    /// "Away until 1 Dec 2026" banner text.
    pub fn away_until(self, day: i8, month: i8, year: i16) -> String {
        const EN: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
        const HI: [&str; 12] =
            ["जनवरी", "फ़रवरी", "मार्च", "अप्रैल", "मई", "जून", "जुलाई", "अगस्त", "सितंबर", "अक्टूबर", "नवंबर", "दिसंबर"];
        let m = usize::try_from(month.clamp(1, 12) - 1).unwrap_or(0);
        match self {
            Lang::En => format!("Away until {day} {} {year}", EN[m]),
            Lang::Hi => format!("{day} {} {year} तक उपलब्ध नहीं", HI[m]),
        }
    }

    /// Spoken form of a star rating, since "★★★★☆" reads badly aloud.
    pub fn rating_label(self, rating: u8) -> String {
        match self {
            Lang::En => format!("Rated {rating} out of 5"),
            Lang::Hi => format!("5 में से {rating} रेटिंग"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_map_to_languages() {
        let cases = [
            ("hi", Lang::Hi),
            ("HI", Lang::Hi),
            ("hi-IN", Lang::Hi),
            ("hi_IN", Lang::Hi),
            ("en", Lang::En),
            ("en-IN", Lang::En),
            ("", Lang::En),
            ("mr", Lang::En),
            ("hindi", Lang::En),
        ];
        for (tag, lang) in cases {
            assert_eq!(Lang::from_tag(tag), lang, "{tag:?}");
        }
    }

    #[test]
    fn away_text() {
        assert_eq!(Lang::En.away_until(1, 12, 2026), "Away until 1 Dec 2026");
        assert_eq!(Lang::Hi.away_until(1, 12, 2026), "1 दिसंबर 2026 तक उपलब्ध नहीं");
    }
}
