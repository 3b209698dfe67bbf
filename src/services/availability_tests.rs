//! Table-driven tests for availability parsing and display.

use super::*;
use serde_json::json;

/// 2026-07-01T00:00:00Z: northern summer, so DST zones are on summer time.
fn july() -> Timestamp {
    "2026-07-01T00:00:00Z".parse().unwrap()
}

fn run(v: serde_json::Value, lang: Lang) -> (Option<Availability>, Vec<FieldError>) {
    let mut errs = Errors::default();
    let got = parse(&v, lang, july(), &mut errs);
    (got, errs.list)
}

use super::super::FieldError;

#[test]
fn display_table() {
    let cases = [
        (json!(["Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]), "Asia/Kolkata", Lang::En, "Mon–Sat, 10:00–19:00 IST"),
        (json!(["Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]), "Asia/Kolkata", Lang::Hi, "सोम–शनि, 10:00–19:00 IST"),
        (json!(["Mon", "Wed", "Fri"]), "Asia/Kolkata", Lang::En, "Mon, Wed, Fri, 10:00–19:00 IST"),
        (json!(["sat", "Sunday", "Mon", "Tue", "Wed"]), "Asia/Kolkata", Lang::En, "Mon–Wed, Sat, Sun, 10:00–19:00 IST"),
        (
            json!(["Mon", "Tue", "Thu", "Fri", "Sat", "Mon"]),
            "Europe/London",
            Lang::En,
            "Mon, Tue, Thu–Sat, 10:00–19:00 BST",
        ),
        (json!(["Mon"]), "Asia/Dubai", Lang::En, "Mon, 10:00–19:00 UTC+04:00"),
        (json!(["Mon"]), "Asia/Kathmandu", Lang::En, "Mon, 10:00–19:00 UTC+05:45"),
        (json!(["Mon"]), "America/St_Johns", Lang::En, "Mon, 10:00–19:00 NDT"),
    ];
    for (days, tz, lang, want) in cases {
        let (got, errs) = run(json!({"days": days, "opens": "10:00", "closes": "19:00", "timezone": tz}), lang);
        assert!(errs.is_empty(), "{errs:?}");
        assert_eq!(got.unwrap().display, want);
    }
}

#[test]
fn machine_fields() {
    let (got, errs) = run(
        json!({
            "days": ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat"],
            "opens": {"$__toml_private_datetime": "10:00:00"},
            "closes": "19:00",
            "timezone": "asia/kolkata",
            "away_until": {"$__toml_private_datetime": "2026-12-01"},
            "holidays": ["2026-11-08", "2026-08-15", "2026-11-08"],
        }),
        Lang::En,
    );
    assert!(errs.is_empty(), "{errs:?}");
    let a = got.unwrap();
    assert_eq!(a.timezone, "Asia/Kolkata");
    assert_eq!(a.days, vec![1, 2, 3, 4, 5, 6]);
    assert_eq!((a.opens.as_str(), a.closes.as_str()), ("10:00", "19:00"));
    assert_eq!(a.utc_offset_minutes, 330);
    assert_eq!(a.away_until.as_deref(), Some("2026-12-01"));
    assert_eq!(a.away_display.as_deref(), Some("Away until 1 Dec 2026"));
    assert_eq!(a.holidays, vec!["2026-08-15", "2026-11-08"]);
}

#[test]
fn offset_follows_the_reference_instant() {
    let v = json!({"days": ["Mon"], "opens": "09:00", "closes": "17:00",
                   "timezone": "America/New_York", "away_until": "2026-03-01"});
    let mut errs = Errors::default();
    let winter = parse(&v, Lang::En, "2026-01-15T12:00:00Z".parse().unwrap(), &mut errs).unwrap();
    let summer = parse(&v, Lang::En, july(), &mut errs).unwrap();
    assert!(errs.list.is_empty());
    assert_eq!((winter.utc_offset_minutes, winter.tz_abbreviation.as_str()), (-300, "EST"));
    assert_eq!((summer.utc_offset_minutes, summer.tz_abbreviation.as_str()), (-240, "EDT"));
    assert_eq!(winter.away_display.as_deref(), Some("Away until 1 Mar 2026"));
    assert_eq!(summer.away_display, None, "past away_until is not shown");
}

#[test]
fn bad_input_names_the_field() {
    let cases = [
        (
            json!({"days": ["Mon"], "opens": "10:00", "closes": "19:00", "timezone": "Asia/Kolkatta"}),
            "availability.timezone",
            "not a known IANA time zone",
        ),
        (
            json!({"days": ["Mon"], "opens": "10:00", "closes": "19:00", "timezone": "IST"}),
            "availability.timezone",
            "not a known IANA time zone",
        ),
        (
            json!({"days": ["Mon"], "opens": "19:00", "closes": "10:00"}),
            "availability.closes",
            "not after opening time",
        ),
        (
            json!({"days": ["Mon"], "opens": "10:00", "closes": "10:00"}),
            "availability.closes",
            "not after opening time",
        ),
        (json!({"days": ["Mon"], "opens": "10 am", "closes": "19:00"}), "availability.opens", "24-hour"),
        (
            json!({"days": ["Mon", "Fryday"], "opens": "10:00", "closes": "19:00"}),
            "availability.days[1]",
            "not a weekday",
        ),
        (json!({"days": [], "opens": "10:00", "closes": "19:00"}), "availability.days", "no working days"),
        (json!({"opens": "10:00", "closes": "19:00"}), "availability.days", "missing"),
        (json!({"days": ["Mon"], "opens": "10:00"}), "availability.closes", "missing"),
        (
            json!({"days": ["Mon"], "opens": "10:00", "closes": "19:00", "away_until": "1 Dec"}),
            "availability.away_until",
            "YYYY-MM-DD",
        ),
        (
            json!({"days": ["Mon"], "opens": "10:00", "closes": "19:00", "holidays": ["2026-02-30"]}),
            "availability.holidays[0]",
            "not a real calendar date",
        ),
        (
            json!({"days": ["Mon"], "opens": "10:00", "closes": "19:00", "timzone": "UTC"}),
            "availability.timzone",
            "unknown key",
        ),
    ];
    for (v, field, needle) in cases {
        let (_, errs) = run(v.clone(), Lang::En);
        let hit = errs.iter().find(|e| e.field == field);
        assert!(hit.is_some_and(|e| e.message.contains(needle) && !e.hint.is_empty()), "{v}: {errs:?}");
    }
}

#[test]
fn typo_hints() {
    let (_, errs) =
        run(json!({"days": ["Mon", "Fryday"], "opens": "10:00", "closes": "19:00", "timzone": "UTC"}), Lang::En);
    let hints: Vec<&str> = errs.iter().map(|e| e.hint.as_str()).collect();
    assert_eq!(hints, ["did you mean `timezone`?", "did you mean `Fri`?"]);
}
