//! Prices: exact parsing and locale-aware display.
//!
//! Why integers: a price travels into a UPI `am=` parameter and JSON-LD
//! `price`, where "1499.50" must be exact. Holding the amount as a count of
//! minor units (paise, cents, fils) means no float ever meets the formatter.

use serde_json::Value;

use super::currency::Currency;

/// An exact, non-negative amount of one currency.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Money {
    /// Amount in minor units, e.g. 149950 for ₹1,499.50.
    pub minor: u64,
    pub currency: Currency,
}

/// Why a price was rejected: `(message, hint)` ready for a `FieldError`.
pub type PriceProblem = (String, String);

impl Money {
    /// Reads a front-matter number. Floats go through their shortest
    /// round-trip decimal form (`1499.5_f64` → "1499.5"), which is exactly
    /// what the author typed, so `1499.50` never turns into 1499.4999….
    pub fn from_value(value: &Value, currency: Currency) -> Result<Money, PriceProblem> {
        let text = match value {
            Value::Number(n) if n.is_u64() => n.to_string(),
            Value::Number(n) if n.is_i64() => return Err(negative()),
            Value::Number(n) => match n.as_f64() {
                Some(f) if f < 0.0 => return Err(negative()),
                Some(f) if f.is_finite() => format!("{}", f.abs()),
                _ => return Err(not_a_number(value)),
            },
            _ => return Err(not_a_number(value)),
        };
        Money::from_decimal(&text, currency)
    }

    /// Parses a plain decimal string ("1499.5") into minor units, refusing
    /// precision the currency cannot express (a third decimal of INR).
    pub fn from_decimal(text: &str, currency: Currency) -> Result<Money, PriceProblem> {
        let (int_part, frac_part) = text.split_once('.').unwrap_or((text, ""));
        let frac_part = frac_part.trim_end_matches('0');
        let digits = usize::from(currency.minor_digits);
        let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if int_part.is_empty() || !all_digits(int_part) || !all_digits(frac_part) {
            return Err(not_a_number(&Value::String(text.to_string())));
        }
        if frac_part.len() > digits {
            return Err((
                format!("price {text} has more decimal places than {} allows ({digits})", currency.code),
                format!("round the price to {digits} decimal place(s)"),
            ));
        }
        let scale = 10u64.pow(u32::from(currency.minor_digits));
        let frac: u64 = format!("{frac_part:0<digits$}").parse().unwrap_or(0);
        int_part
            .parse::<u64>()
            .ok()
            .and_then(|major| major.checked_mul(scale))
            .and_then(|m| m.checked_add(frac))
            .map(|minor| Money { minor, currency })
            .ok_or_else(|| (format!("price {text} is too large"), "check the number for extra digits".to_string()))
    }

    fn split(self) -> (u64, u64) {
        let scale = 10u64.pow(u32::from(self.currency.minor_digits));
        (self.minor / scale, self.minor % scale)
    }

    fn fraction(self) -> String {
        let digits = usize::from(self.currency.minor_digits);
        format!("{:0digits$}", self.split().1)
    }

    /// Machine form with exactly the currency's minor digits: "499.00",
    /// "1200" (JPY), "1.500" (KWD). This is what UPI `am=` and schema.org
    /// `Offer.price` want: a plain decimal, "." separator, no grouping.
    pub fn amount_string(self) -> String {
        let major = self.split().0;
        match self.currency.minor_digits {
            0 => major.to_string(),
            _ => format!("{major}.{}", self.fraction()),
        }
    }

    /// Human form for the page. Why INR differs: Indian readers group by
    /// lakh/crore (₹1,00,000) and rupee prices are conventionally shown
    /// without ".00"; the other symbols follow their home conventions.
    pub fn display(self) -> String {
        let (major, minor) = self.split();
        let code = self.currency.code;
        if code == "INR" {
            let cents = if minor == 0 { String::new() } else { format!(".{}", self.fraction()) };
            return format!("₹{}{cents}", group_indian(major));
        }
        let number = match self.currency.minor_digits {
            0 => group_western(major),
            _ => format!("{}.{}", group_western(major), self.fraction()),
        };
        match code {
            "USD" => format!("${number}"),
            "EUR" => format!("€{number}"),
            "GBP" => format!("£{number}"),
            "JPY" => format!("¥{number}"),
            _ => format!("{code} {number}"),
        }
    }
}

fn negative() -> PriceProblem {
    ("price must not be negative".to_string(), "write the amount the client pays, e.g. price = 499".to_string())
}

fn not_a_number(value: &Value) -> PriceProblem {
    (
        format!("price must be a number, found {value}"),
        "write a bare number without quotes or symbols, e.g. price = 1499.50".to_string(),
    )
}

/// Indian (lakh/crore) grouping: the last three digits, then pairs —
/// 12345678 → "1,23,45,678".
pub fn group_indian(n: u64) -> String {
    let digits = n.to_string();
    if digits.len() <= 3 {
        return digits;
    }
    let (head, last3) = digits.split_at(digits.len() - 3);
    let mut out = String::new();
    for (i, ch) in head.chars().enumerate() {
        if i > 0 && (head.len() - i).is_multiple_of(2) {
            out.push(',');
        }
        out.push(ch);
    }
    format!("{out},{last3}")
}

/// Western (thousands) grouping: 1234567 → "1,234,567".
pub fn group_western(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn money(value: Value, code: &str) -> Money {
        Money::from_value(&value, Currency::lookup(code).unwrap()).unwrap()
    }

    #[test]
    fn display_and_amount_table() {
        let cases = [
            (json!(0), "INR", "₹0", "0.00"),
            (json!(999), "INR", "₹999", "999.00"),
            (json!(1000), "INR", "₹1,000", "1000.00"),
            (json!(100000), "INR", "₹1,00,000", "100000.00"),
            (json!(12345678), "INR", "₹1,23,45,678", "12345678.00"),
            (json!(499), "INR", "₹499", "499.00"),
            (json!(499.0), "INR", "₹499", "499.00"),
            (json!(1499.5), "INR", "₹1,499.50", "1499.50"),
            (json!(1499.05), "INR", "₹1,499.05", "1499.05"),
            (json!(1200), "USD", "$1,200.00", "1200.00"),
            (json!(25), "USD", "$25.00", "25.00"),
            (json!(19.99), "EUR", "€19.99", "19.99"),
            (json!(1500), "GBP", "£1,500.00", "1500.00"),
            (json!(1200), "JPY", "¥1,200", "1200"),
            (json!(1234567), "JPY", "¥1,234,567", "1234567"),
            (json!(1.5), "KWD", "KWD 1.500", "1.500"),
            (json!(1234.125), "KWD", "KWD 1,234.125", "1234.125"),
            (json!(1234), "AED", "AED 1,234.00", "1234.00"),
            (json!(5000), "CLP", "CLP 5,000", "5000"),
        ];
        for (value, code, display, amount) in cases {
            let m = money(value.clone(), code);
            assert_eq!(m.display(), display, "{value} {code}");
            assert_eq!(m.amount_string(), amount, "{value} {code}");
        }
    }

    #[test]
    fn grouping_table() {
        let cases = [
            (0, "0", "0"),
            (12, "12", "12"),
            (999, "999", "999"),
            (1000, "1,000", "1,000"),
            (99999, "99,999", "99,999"),
            (100000, "1,00,000", "100,000"),
            (1000000, "10,00,000", "1,000,000"),
            (12345678, "1,23,45,678", "12,345,678"),
            (123456789, "12,34,56,789", "123,456,789"),
        ];
        for (n, indian, western) in cases {
            assert_eq!(group_indian(n), indian, "{n}");
            assert_eq!(group_western(n), western, "{n}");
        }
    }

    #[test]
    fn rejected_prices() {
        let cases = [
            (json!(-1), "INR", "negative"),
            (json!(-0.5), "INR", "negative"),
            (json!("499"), "INR", "must be a number"),
            (json!("free"), "INR", "must be a number"),
            (json!(true), "INR", "must be a number"),
            (json!(null), "INR", "must be a number"),
            (json!(499.999), "INR", "decimal places"),
            (json!(10.5), "JPY", "decimal places"),
            (json!(1e30), "INR", "too large"),
        ];
        for (value, code, needle) in cases {
            let err = Money::from_value(&value, Currency::lookup(code).unwrap()).unwrap_err();
            assert!(err.0.contains(needle), "{value}: {}", err.0);
            assert!(!err.1.is_empty());
        }
    }
}
