//! The `[availability]` table: working days and hours in an IANA zone.
//!
//! Why both a display string and machine fields: the static page shows
//! "Mon–Sat, 10:00–19:00 IST" with no JavaScript, while an optional
//! client-side script can use the numeric fields to say "open now" in the
//! visitor's own time. The UTC offset is computed for a reference instant
//! passed in by the caller, so builds are reproducible.

use jiff::tz::{TimeZone, TimeZoneDatabase};
use jiff::Timestamp;
use serde::Serialize;
use serde_json::Value;

use super::input::{self, levenshtein, suggest, Errors, Obj};
use super::lang::Lang;

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Availability {
    /// "Mon–Sat, 10:00–19:00 IST".
    pub display: String,
    /// "Mon–Sat" / "सोम–शनि".
    pub days_display: String,
    /// "10:00–19:00".
    pub hours_display: String,
    /// Canonical IANA name, e.g. "Asia/Kolkata".
    pub timezone: String,
    /// "IST", or "UTC+04:00" where the zone has no letter abbreviation.
    pub tz_abbreviation: String,
    /// "10:00" (24-hour, zero-padded).
    pub opens: String,
    pub closes: String,
    /// ISO weekday numbers, 1 = Monday … 7 = Sunday, ascending.
    pub days: Vec<u8>,
    /// Offset of `timezone` from UTC at the reference instant.
    pub utc_offset_minutes: i32,
    /// "2026-12-01" if set.
    pub away_until: Option<String>,
    /// Localized banner, only while the reference date is on or before
    /// `away_until` (a later build drops it; the script can too).
    pub away_display: Option<String>,
    /// Sorted "YYYY-MM-DD" dates.
    pub holidays: Vec<String>,
}

const KEYS: &[&str] = &["days", "opens", "closes", "timezone", "away_until", "holidays"];
const DEFAULT_ZONE: &str = "Asia/Kolkata";
const DAY_NAMES: [&str; 7] = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

/// The tzdb compiled into the binary. Why not the system one: builds must
/// work (and agree) on machines without /usr/share/zoneinfo, e.g. CI images.
fn tzdb() -> TimeZoneDatabase {
    TimeZoneDatabase::bundled()
}

pub fn parse(value: &Value, lang: Lang, now: Timestamp, errs: &mut Errors) -> Option<Availability> {
    let obj = Obj::new("availability", value, errs)?;
    obj.check_keys(KEYS, errs);
    let days = weekdays(&obj, errs);
    let opens = time_field(&obj, "opens", errs);
    let closes = time_field(&obj, "closes", errs);
    if let (Some(o), Some(c)) = (opens, closes) {
        if c <= o {
            errs.add(
                &obj.field("closes"),
                format!("closing time {} is not after opening time {}", hhmm(c), hhmm(o)),
                "hours must lie within one day, e.g. opens = \"10:00\", closes = \"19:00\"",
            );
        }
    }
    let zone = zone(&obj, errs);
    let away_until = obj
        .get("away_until")
        .and_then(|v| input::date(v).map_err(|m| errs.add(&obj.field("away_until"), m, "write e.g. 2026-12-01")).ok());
    let holidays = holidays(&obj, errs);
    let (days, opens, closes, (name, tz)) = (days?, opens?, closes?, zone?);
    if closes <= opens {
        return None;
    }
    let info = tz.to_offset_info(now);
    let offset_minutes = info.offset().seconds() / 60;
    let abbreviation = abbreviation(info.abbreviation(), offset_minutes);
    let days_display = days_display(&days, lang);
    let hours_display = format!("{}–{}", hhmm(opens), hhmm(closes));
    let today = info.offset().to_datetime(now).date();
    Some(Availability {
        display: format!("{days_display}, {hours_display} {abbreviation}"),
        days_display,
        hours_display,
        timezone: name,
        tz_abbreviation: abbreviation,
        opens: hhmm(opens),
        closes: hhmm(closes),
        days,
        utc_offset_minutes: offset_minutes,
        away_until: away_until.map(|d| d.to_string()),
        away_display: away_until.filter(|d| *d >= today).map(|d| lang.away_until(d.day(), d.month(), d.year())),
        holidays,
    })
}

fn time_field(obj: &Obj, key: &str, errs: &mut Errors) -> Option<u16> {
    let Some(v) = obj.get(key) else {
        errs.add(&obj.field(key), format!("{key} time is missing"), format!("add {key} = \"10:00\""));
        return None;
    };
    input::clock(v).map_err(|m| errs.add(&obj.field(key), m, "use 24-hour HH:MM, e.g. \"19:00\"")).ok()
}

fn weekdays(obj: &Obj, errs: &mut Errors) -> Option<Vec<u8>> {
    let field = obj.field("days");
    let Some(names) = obj.string_list("days", errs) else {
        if obj.get("days").is_none() {
            errs.add(&field, "working days are missing", "add days = [\"Mon\", \"Tue\", …]");
        }
        return None;
    };
    let mut days = Vec::new();
    for (i, name) in names.iter().enumerate() {
        match weekday_number(name) {
            Some(n) => days.push(n),
            None => {
                let hint = match suggest(&name.to_lowercase(), &DAY_NAMES) {
                    Some(s) => format!("did you mean `{}{}`?", s[..1].to_uppercase(), &s[1..3]),
                    None => "use Mon, Tue, Wed, Thu, Fri, Sat or Sun".to_string(),
                };
                errs.add(&format!("{field}[{i}]"), format!("`{name}` is not a weekday"), hint);
            }
        }
    }
    days.sort_unstable();
    days.dedup();
    if days.is_empty() && !names.is_empty() {
        return None;
    }
    if names.is_empty() {
        errs.add(&field, "no working days listed", "add days = [\"Mon\", \"Tue\", …]");
        return None;
    }
    Some(days)
}

/// "Mon", "mon", "Monday" → 1. Three-letter prefixes are unambiguous.
fn weekday_number(name: &str) -> Option<u8> {
    let lower = name.trim().to_lowercase();
    let i = DAY_NAMES.iter().position(|d| lower == *d || (lower.len() == 3 && d.starts_with(&lower)))?;
    u8::try_from(i + 1).ok()
}

fn zone(obj: &Obj, errs: &mut Errors) -> Option<(String, TimeZone)> {
    let requested = obj.string("timezone", errs).unwrap_or_else(|| DEFAULT_ZONE.to_string());
    let db = tzdb();
    match db.get(&requested) {
        Ok(tz) => {
            let name = tz.iana_name().unwrap_or(&requested).to_string();
            Some((name, tz))
        }
        Err(_) => {
            let close = db
                .available()
                .map(|n| n.as_str().to_string())
                .min_by_key(|n| levenshtein(&n.to_lowercase(), &requested.to_lowercase()));
            let hint = match close {
                Some(n) => format!("use an IANA zone name such as `{n}`"),
                None => "use an IANA zone name such as `Asia/Kolkata`".to_string(),
            };
            let msg = format!("`{requested}` is not a known IANA time zone");
            errs.add(&obj.field("timezone"), msg, hint);
            None
        }
    }
}

fn holidays(obj: &Obj, errs: &mut Errors) -> Vec<String> {
    let mut out = Vec::new();
    for (i, v) in obj.list("holidays", errs).into_iter().flatten().enumerate() {
        match input::date(v) {
            Ok(d) => out.push(d.to_string()),
            Err(m) => errs.add(&format!("{}[{i}]", obj.field("holidays")), m, "write e.g. \"2026-11-08\""),
        }
    }
    out.sort();
    out.dedup();
    out
}

/// tzdb letter abbreviations ("IST", "BST") are kept; zones that only have
/// a numeric one ("+04", "+0545") get an explicit "UTC+04:00" instead,
/// which readers recognise.
fn abbreviation(tzdb_abbr: &str, offset_minutes: i32) -> String {
    if !tzdb_abbr.is_empty() && tzdb_abbr.chars().all(|c| c.is_ascii_alphabetic()) {
        return tzdb_abbr.to_string();
    }
    let sign = if offset_minutes < 0 { '-' } else { '+' };
    let m = offset_minutes.unsigned_abs();
    format!("UTC{sign}{:02}:{:02}", m / 60, m % 60)
}

fn hhmm(minutes: u16) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

/// Collapses runs of three or more consecutive days ("Mon–Sat"); shorter
/// runs stay a list ("Sat, Sun"), which reads more naturally.
fn days_display(days: &[u8], lang: Lang) -> String {
    let mut parts = Vec::new();
    let mut i = 0;
    while i < days.len() {
        let mut j = i;
        while j + 1 < days.len() && days[j + 1] == days[j] + 1 {
            j += 1;
        }
        if j - i >= 2 {
            parts.push(format!("{}–{}", lang.weekday(days[i]), lang.weekday(days[j])));
        } else {
            parts.extend(days[i..=j].iter().map(|d| lang.weekday(*d).to_string()));
        }
        i = j + 1;
    }
    parts.join(", ")
}

#[cfg(test)]
#[path = "availability_tests.rs"]
mod tests;
