//! ISO 4217 currency codes and their minor-unit digits.
//!
//! Why a hand-kept table: the number of minor-unit digits decides both how a
//! price is shown (`¥1,200` vs `$1,200.00` vs `KWD 1.500`) and the exact
//! decimal string put into `am=` and JSON-LD `price`, so it has to be right
//! per code, and no allowed dependency ships it.
//!
//! Source of the facts: ISO 4217 Table A.1 ("current currency & funds code
//! list", maintained by SIX on behalf of ISO), column "Minor unit". Codes
//! whose minor unit is "N.A." (XAU, XAG, XPD, XPT, XDR, XSU, XUA, XBA–XBD,
//! XTS, XXX) are left out on purpose: nothing on a services page can be priced
//! in them. Reviewed against the list as known in 2026 — see `WITHDRAWN` for
//! the recent removals; re-check when ISO publishes an amendment.

/// Active codes with their minor-unit digits, sorted by code so lookups can
/// use binary search (a unit test keeps it sorted).
#[rustfmt::skip]
const ACTIVE: &[(&str, u8)] = &[
    ("AED", 2), ("AFN", 2), ("ALL", 2), ("AMD", 2), ("AOA", 2), ("ARS", 2),
    ("AUD", 2), ("AWG", 2), ("AZN", 2), ("BAM", 2), ("BBD", 2), ("BDT", 2),
    ("BHD", 3), ("BIF", 0), ("BMD", 2), ("BND", 2), ("BOB", 2), ("BOV", 2),
    ("BRL", 2), ("BSD", 2), ("BTN", 2), ("BWP", 2), ("BYN", 2), ("BZD", 2),
    ("CAD", 2), ("CDF", 2), ("CHE", 2), ("CHF", 2), ("CHW", 2), ("CLF", 4),
    ("CLP", 0), ("CNY", 2), ("COP", 2), ("COU", 2), ("CRC", 2), ("CUP", 2),
    ("CVE", 2), ("CZK", 2), ("DJF", 0), ("DKK", 2), ("DOP", 2), ("DZD", 2),
    ("EGP", 2), ("ERN", 2), ("ETB", 2), ("EUR", 2), ("FJD", 2), ("FKP", 2),
    ("GBP", 2), ("GEL", 2), ("GHS", 2), ("GIP", 2), ("GMD", 2), ("GNF", 0),
    ("GTQ", 2), ("GYD", 2), ("HKD", 2), ("HNL", 2), ("HTG", 2), ("HUF", 2),
    ("IDR", 2), ("ILS", 2), ("INR", 2), ("IQD", 3), ("IRR", 2), ("ISK", 0),
    ("JMD", 2), ("JOD", 3), ("JPY", 0), ("KES", 2), ("KGS", 2), ("KHR", 2),
    ("KMF", 0), ("KPW", 2), ("KRW", 0), ("KWD", 3), ("KYD", 2), ("KZT", 2),
    ("LAK", 2), ("LBP", 2), ("LKR", 2), ("LRD", 2), ("LSL", 2), ("LYD", 3),
    ("MAD", 2), ("MDL", 2), ("MGA", 2), ("MKD", 2), ("MMK", 2), ("MNT", 2),
    ("MOP", 2), ("MRU", 2), ("MUR", 2), ("MVR", 2), ("MWK", 2), ("MXN", 2),
    ("MXV", 2), ("MYR", 2), ("MZN", 2), ("NAD", 2), ("NGN", 2), ("NIO", 2),
    ("NOK", 2), ("NPR", 2), ("NZD", 2), ("OMR", 3), ("PAB", 2), ("PEN", 2),
    ("PGK", 2), ("PHP", 2), ("PKR", 2), ("PLN", 2), ("PYG", 0), ("QAR", 2),
    ("RON", 2), ("RSD", 2), ("RUB", 2), ("RWF", 0), ("SAR", 2), ("SBD", 2),
    ("SCR", 2), ("SDG", 2), ("SEK", 2), ("SGD", 2), ("SHP", 2), ("SLE", 2),
    ("SOS", 2), ("SRD", 2), ("SSP", 2), ("STN", 2), ("SVC", 2), ("SYP", 2),
    ("SZL", 2), ("THB", 2), ("TJS", 2), ("TMT", 2), ("TND", 3), ("TOP", 2),
    ("TRY", 2), ("TTD", 2), ("TWD", 2), ("TZS", 2), ("UAH", 2), ("UGX", 0),
    ("USD", 2), ("USN", 2), ("UYI", 0), ("UYU", 2), ("UYW", 4), ("UZS", 2),
    ("VED", 2), ("VES", 2), ("VND", 0), ("VUV", 0), ("WST", 2), ("XAF", 0),
    ("XCD", 2), ("XCG", 2), ("XOF", 0), ("XPF", 0), ("YER", 2), ("ZAR", 2),
    ("ZMW", 2), ("ZWG", 2),
];

/// Recently withdrawn codes and their successors. Why: an author copying an
/// old price list gets "use XCG instead" rather than a bare "unknown code".
const WITHDRAWN: &[(&str, &str)] = &[
    ("ANG", "XCG"), // Netherlands Antillean guilder → Caribbean guilder (2025)
    ("BGN", "EUR"), // Bulgaria adopted the euro on 2026-01-01
    ("BYR", "BYN"),
    ("CUC", "CUP"), // Cuba ended the convertible peso in 2021
    ("EEK", "EUR"),
    ("HRK", "EUR"), // Croatia adopted the euro on 2023-01-01
    ("LTL", "EUR"),
    ("LVL", "EUR"),
    ("MRO", "MRU"),
    ("SLL", "SLE"),
    ("STD", "STN"),
    ("VEF", "VES"),
    ("ZWL", "ZWG"),
];

/// A validated ISO 4217 currency. `Copy` and `'static` because it only ever
/// points into the table above.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Currency {
    /// Upper-case alphabetic code, e.g. "INR".
    pub code: &'static str,
    /// Number of digits after the decimal point in the minor unit.
    pub minor_digits: u8,
}

impl Currency {
    /// Indian rupee, the default when a service names no currency.
    pub const INR: Currency = Currency { code: "INR", minor_digits: 2 };

    /// Looks a code up case-insensitively (authors write "inr" too).
    pub fn lookup(code: &str) -> Option<Currency> {
        let upper = code.trim().to_ascii_uppercase();
        ACTIVE
            .binary_search_by(|(c, _)| (*c).cmp(upper.as_str()))
            .ok()
            .map(|i| Currency { code: ACTIVE[i].0, minor_digits: ACTIVE[i].1 })
    }

    /// The successor of a withdrawn code, for the error hint.
    pub fn successor_of(code: &str) -> Option<&'static str> {
        let upper = code.trim().to_ascii_uppercase();
        WITHDRAWN.iter().find(|(old, _)| *old == upper).map(|(_, new)| *new)
    }

    /// All active codes, for "did you mean" suggestions.
    pub fn codes() -> impl Iterator<Item = &'static str> {
        ACTIVE.iter().map(|(c, _)| *c)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_sorted_unique_and_well_formed() {
        for pair in ACTIVE.windows(2) {
            assert!(pair[0].0 < pair[1].0, "{} before {}", pair[0].0, pair[1].0);
        }
        for (code, digits) in ACTIVE {
            assert_eq!(code.len(), 3);
            assert!(code.bytes().all(|b| b.is_ascii_uppercase()));
            assert!(*digits <= 4);
        }
    }

    #[test]
    fn minor_digits_of_well_known_codes() {
        let cases = [
            ("INR", 2),
            ("inr", 2),
            ("USD", 2),
            ("EUR", 2),
            ("JPY", 0),
            ("KRW", 0),
            ("KWD", 3),
            ("BHD", 3),
            ("CLF", 4),
        ];
        for (code, digits) in cases {
            assert_eq!(Currency::lookup(code).unwrap().minor_digits, digits, "{code}");
        }
    }

    #[test]
    fn withdrawn_and_unknown_codes_are_rejected() {
        for code in ["XYZ", "", "RUPEES", "ANG", "HRK", "XAU", "XDR"] {
            assert!(Currency::lookup(code).is_none(), "{code}");
        }
        assert_eq!(Currency::successor_of("hrk"), Some("EUR"));
        for (old, new) in WITHDRAWN {
            assert!(Currency::lookup(old).is_none(), "{old} still active");
            assert!(Currency::lookup(new).is_some(), "{new} not active");
        }
    }
}
