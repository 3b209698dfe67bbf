//! Dates from front matter and how they are written out.
//!
//! A date without a time means midnight in the site's time zone, so a post
//! dated `2026-11-25` by a writer in India is not "tomorrow" for readers of
//! the feed. Every output format is derived from one instant plus the offset
//! the writer used, which keeps output independent of the build machine.

use jiff::civil;
use jiff::tz::{Offset, TimeZone};
use jiff::Timestamp;

/// A point in time with the offset it was written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// The instant.
    pub instant: Timestamp,
    /// The offset used when displaying it.
    pub offset: Offset,
}

/// Stored (in the build cache) as seconds, nanoseconds and the offset's
/// seconds.
impl serde::Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        (self.instant.as_second(), self.instant.subsec_nanosecond(), self.offset.seconds()).serialize(s)
    }
}

impl<'de> serde::Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        let (seconds, nanos, offset) = <(i64, i32, i32)>::deserialize(d)?;
        let instant = Timestamp::new(seconds, nanos).map_err(serde::de::Error::custom)?;
        let offset = Offset::from_seconds(offset).map_err(serde::de::Error::custom)?;
        Ok(Date { instant, offset })
    }
}

/// Parses `YYYY-MM-DD`, a local date-time, or RFC 3339 with an offset.
pub fn parse(raw: &str, tz: &TimeZone) -> Result<Date, String> {
    let raw = raw.trim();
    if let Ok(ts) = raw.parse::<Timestamp>() {
        let offset = offset_of(raw).unwrap_or(Offset::UTC);
        return Ok(Date { instant: ts, offset });
    }
    let local: civil::DateTime = if raw.len() == 10 {
        raw.parse::<civil::Date>().map_err(|e| e.to_string())?.to_datetime(civil::Time::midnight())
    } else {
        raw.replacen(' ', "T", 1).parse::<civil::DateTime>().map_err(|e| e.to_string())?
    };
    let zoned = tz.to_ambiguous_zoned_datetime(local).compatible().map_err(|e| e.to_string())?;
    Ok(Date { instant: zoned.timestamp(), offset: zoned.offset() })
}

/// The offset written at the end of an RFC 3339 string.
fn offset_of(raw: &str) -> Option<Offset> {
    if raw.ends_with('Z') || raw.ends_with('z') {
        return Some(Offset::UTC);
    }
    let sign_at = raw.len().checked_sub(6)?;
    let tail = &raw[sign_at..];
    let sign = match tail.as_bytes()[0] {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let h: i32 = tail[1..3].parse().ok()?;
    let m: i32 = tail[4..6].parse().ok()?;
    Offset::from_seconds(sign * (h * 3600 + m * 60)).ok()
}

impl Date {
    /// Today at midnight UTC, or a fixed clock for reproducible builds.
    pub fn now() -> Date {
        Date { instant: Timestamp::now(), offset: Offset::UTC }
    }

    /// Now, shown in `tz`: the calendar date a writer there sees today.
    pub fn now_in(tz: &TimeZone) -> Date {
        let instant = Timestamp::now();
        Date { instant, offset: tz.to_offset(instant) }
    }

    fn local(&self) -> civil::DateTime {
        self.offset.to_datetime(self.instant)
    }

    /// RFC 3339, as Atom, sitemaps and JSON-LD want it.
    pub fn rfc3339(&self) -> String {
        let dt = self.local();
        format!("{}{}", dt.strftime("%Y-%m-%dT%H:%M:%S"), fmt_offset(self.offset, true))
    }

    /// RFC 822 (with a four-digit year, per RSS 2.0 practice).
    pub fn rfc822(&self) -> String {
        let dt = self.local();
        format!("{}{}", dt.strftime("%a, %d %b %Y %H:%M:%S "), fmt_offset(self.offset, false))
    }

    /// `YYYY-MM-DD` in the writer's offset.
    pub fn ymd(&self) -> String {
        self.local().date().strftime("%Y-%m-%d").to_string()
    }

    /// The calendar date in the writer's offset.
    pub fn civil_date(&self) -> civil::Date {
        self.local().date()
    }

    /// A human date in the page language: "25 November 2026" or
    /// "25 नवंबर 2026".
    pub fn display(&self, lang: &str) -> String {
        let d = self.local().date();
        let month = month_name(d.month(), lang);
        format!("{} {} {}", d.day(), month, d.year())
    }
}

fn fmt_offset(offset: Offset, colon: bool) -> String {
    let secs = offset.seconds();
    if secs == 0 && colon {
        return "Z".into();
    }
    let sign = if secs < 0 { '-' } else { '+' };
    let (h, m) = (secs.abs() / 3600, secs.abs() % 3600 / 60);
    if colon {
        format!("{sign}{h:02}:{m:02}")
    } else {
        format!("{sign}{h:02}{m:02}")
    }
}

/// Month names for the languages samvad ships UI strings for.
pub fn month_name(month: i8, lang: &str) -> &'static str {
    const EN: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    const HI: [&str; 12] =
        ["जनवरी", "फ़रवरी", "मार्च", "अप्रैल", "मई", "जून", "जुलाई", "अगस्त", "सितंबर", "अक्टूबर", "नवंबर", "दिसंबर"];
    let i = (month.clamp(1, 12) - 1) as usize;
    if lang == "hi" {
        HI[i]
    } else {
        EN[i]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ist() -> TimeZone {
        TimeZone::get("Asia/Kolkata").unwrap()
    }

    #[test]
    fn date_only_is_midnight_in_site_zone() {
        let d = parse("2026-11-25", &ist()).unwrap();
        assert_eq!(d.rfc3339(), "2026-11-25T00:00:00+05:30");
        assert_eq!(d.rfc822(), "Wed, 25 Nov 2026 00:00:00 +0530");
    }

    #[test]
    fn offset_is_kept() {
        let d = parse("2026-11-25T09:30:00-04:00", &ist()).unwrap();
        assert_eq!(d.rfc3339(), "2026-11-25T09:30:00-04:00");
        let z = parse("2026-11-25T09:30:00Z", &ist()).unwrap();
        assert_eq!(z.rfc3339(), "2026-11-25T09:30:00Z");
    }

    #[test]
    fn hindi_display() {
        let d = parse("2026-11-25", &TimeZone::UTC).unwrap();
        assert_eq!(d.display("hi"), "25 नवंबर 2026");
        assert_eq!(d.display("en"), "25 November 2026");
    }

    #[test]
    fn garbage_is_an_error() {
        assert!(parse("25/11/2026", &TimeZone::UTC).is_err());
        assert!(parse("2026-13-01", &TimeZone::UTC).is_err());
    }
}
