//! schema.org structured data (JSON-LD) for the services page.
//!
//! Why a `@graph` with `@id` references: the provider, each Service and the
//! FAQPage are separate nodes that point at each other, which is how
//! Google's structured-data docs recommend describing several entities on
//! one page, and it avoids repeating the provider inside every Service.
//!
//! Properties follow Google Search Central's structured-data pages:
//! - Review snippet: `Review` needs `author` (with `name`) and
//!   `reviewRating.ratingValue`; `AggregateRating` needs `ratingValue` and
//!   `reviewCount` or `ratingCount`; `bestRating`/`worstRating` are given
//!   because the scale is 1–5. Nested under the provider, `itemReviewed`
//!   is implied.
//! - FAQ: `FAQPage.mainEntity` of `Question` (`name`) with
//!   `acceptedAnswer` `Answer` (`text`).
//! - Offers: `price` as a plain decimal string plus `priceCurrency`.
//!
//! Note: Google does not show review stars for "self-serving" reviews of a
//! LocalBusiness/Organization published on its own site; the markup is
//! still valid schema.org and useful to other consumers.

use serde_json::{json, Map, Value};

use super::data::{Service, ServicesPage, Testimonial};
use crate::slug::encode_query;

/// Builds the page's JSON-LD document (serialize it into a
/// `<script type="application/ld+json">`).
pub fn json_ld(page: &ServicesPage, provider_name: &str, page_url: &str, lang: &str) -> Value {
    let provider_id = format!("{page_url}#provider");
    let mut graph = vec![provider(page, provider_name, page_url, &provider_id)];
    graph.extend(page.services.iter().map(|s| service(s, page_url, &provider_id)));
    if !page.faq.is_empty() {
        graph.push(faq_page(page, page_url, lang));
    }
    json!({ "@context": "https://schema.org", "@graph": graph })
}

/// The professional, as a `ProfessionalService` (a LocalBusiness subtype):
/// unlike `Person`, schema.org lets it carry `aggregateRating`, `review`
/// and opening hours.
fn provider(page: &ServicesPage, name: &str, page_url: &str, id: &str) -> Value {
    let mut node = obj(json!({
        "@type": "ProfessionalService",
        "@id": id,
        "name": name,
        "url": page_url,
        "areaServed": "IN",
    }));
    let points = contact_points(page);
    if !points.is_empty() {
        node.insert("contactPoint".into(), Value::Array(points));
    }
    if let Some(a) = &page.availability {
        let days: Vec<&str> = a.days.iter().map(|d| DAY_NAMES[usize::from(*d) - 1]).collect();
        node.insert(
            "openingHoursSpecification".into(),
            json!([{
                "@type": "OpeningHoursSpecification",
                "dayOfWeek": days,
                "opens": a.opens,
                "closes": a.closes,
            }]),
        );
    }
    let rated: Vec<&Testimonial> = page.testimonials.iter().filter(|t| t.rating.is_some()).collect();
    if !rated.is_empty() {
        node.insert("aggregateRating".into(), aggregate_rating(&rated));
        node.insert("review".into(), rated.iter().map(|t| review(t)).collect());
    }
    Value::Object(node)
}

/// schema.org `DayOfWeek` names, ISO order.
const DAY_NAMES: [&str; 7] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

fn contact_points(page: &ServicesPage) -> Vec<Value> {
    let c = &page.contact;
    let point = |extra: Value| {
        let mut p = obj(json!({ "@type": "ContactPoint", "contactType": "customer service" }));
        p.extend(obj(extra));
        Value::Object(p)
    };
    let mut out = Vec::new();
    if let Some(w) = &c.whatsapp {
        out.push(point(json!({ "telephone": w.e164, "url": w.href })));
    }
    if let Some(e) = &c.email {
        out.push(point(json!({ "email": e.address })));
    }
    if let Some(t) = &c.telegram {
        out.push(point(json!({ "url": t.href })));
    }
    if let Some(url) = &c.booking_url {
        out.push(point(json!({ "contactType": "reservations", "url": url })));
    }
    out
}

fn service(s: &Service, page_url: &str, provider_id: &str) -> Value {
    let url = format!("{page_url}#{}", encode_query(&s.slug));
    let mut node = obj(json!({
        "@type": "Service",
        "@id": url,
        "name": s.name,
        "provider": { "@id": provider_id },
        "areaServed": "IN",
    }));
    if !s.summary.is_empty() {
        node.insert("description".into(), json!(s.summary));
    }
    if let Some(image) = &s.image {
        node.insert("image".into(), json!(image));
    }
    if let Some(amount) = &s.price_amount {
        let mut offer = obj(json!({
            "@type": "Offer",
            "price": amount,
            "priceCurrency": s.currency,
            "url": url,
        }));
        if s.from || s.unit.is_some() {
            offer.insert("priceSpecification".into(), price_spec(s, amount));
        }
        node.insert("offers".into(), Value::Object(offer));
    }
    Value::Object(node)
}

/// Says what `price` means when it is a minimum ("From ₹499") or per unit
/// ("per session"), which a bare Offer cannot express.
fn price_spec(s: &Service, amount: &str) -> Value {
    let kind = if s.unit.is_some() { "UnitPriceSpecification" } else { "PriceSpecification" };
    let mut spec = obj(json!({ "@type": kind, "priceCurrency": s.currency }));
    let key = if s.from { "minPrice" } else { "price" };
    spec.insert(key.into(), json!(amount));
    if let Some(unit) = &s.unit {
        spec.insert("unitText".into(), json!(unit));
    }
    Value::Object(spec)
}

fn faq_page(page: &ServicesPage, page_url: &str, lang: &str) -> Value {
    let questions: Vec<Value> = page
        .faq
        .iter()
        .map(|f| {
            json!({
                "@type": "Question",
                "name": f.question,
                "acceptedAnswer": { "@type": "Answer", "text": f.answer_text },
            })
        })
        .collect();
    json!({
        "@type": "FAQPage",
        "@id": format!("{page_url}#faq"),
        "url": page_url,
        "inLanguage": lang,
        "mainEntity": questions,
    })
}

/// Mean of the ratings rounded half-up to one decimal ("4.7"), computed in
/// integers so the string is exact.
fn aggregate_rating(rated: &[&Testimonial]) -> Value {
    let count = rated.len() as u64;
    let sum: u64 = rated.iter().filter_map(|t| t.rating).map(u64::from).sum();
    let tenths = (sum * 20 + count) / (2 * count);
    json!({
        "@type": "AggregateRating",
        "ratingValue": format!("{}.{}", tenths / 10, tenths % 10),
        "reviewCount": count,
        "bestRating": 5,
        "worstRating": 1,
    })
}

fn review(t: &Testimonial) -> Value {
    let mut author = obj(json!({ "@type": "Person", "name": t.name }));
    if let Some(role) = &t.role {
        author.insert("jobTitle".into(), json!(role));
    }
    json!({
        "@type": "Review",
        "author": author,
        "reviewBody": t.quote,
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": t.rating,
            "bestRating": 5,
            "worstRating": 1,
        },
    })
}

/// The map inside a `json!({...})` literal.
fn obj(v: Value) -> Map<String, Value> {
    match v {
        Value::Object(m) => m,
        _ => Map::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::page;
    use super::*;

    #[test]
    fn graph_has_provider_services_and_faq() {
        let ld = json_ld(&page("en"), "Anjali Verma", "https://anjali.example/services/", "en");
        assert_eq!(ld["@context"], "https://schema.org");
        let graph = ld["@graph"].as_array().unwrap();
        let of_type = |t: &str| graph.iter().filter(|n| n["@type"] == t).collect::<Vec<_>>();
        let provider = of_type("ProfessionalService")[0];
        assert_eq!(provider["areaServed"], "IN");
        let points = provider["contactPoint"].as_array().unwrap();
        assert_eq!(points[0]["telephone"], "+919829012345");
        assert_eq!(points[1]["email"], "hello@anjaliverma.example");
        assert_eq!(points[2]["url"], "https://t.me/anjali_chats");

        let agg = &provider["aggregateRating"];
        assert_eq!(agg["ratingValue"], "4.5");
        assert_eq!((agg["reviewCount"].as_u64(), agg["bestRating"].as_u64()), (Some(2), Some(5)));
        let reviews = provider["review"].as_array().unwrap();
        assert_eq!(reviews.len(), 2, "unrated testimonials are not reviews");
        for r in reviews {
            let v = r["reviewRating"]["ratingValue"].as_u64().unwrap();
            assert!((1..=5).contains(&v));
            assert_eq!(r["author"]["@type"], "Person");
            assert!(r["author"]["name"].as_str().is_some_and(|n| !n.is_empty()));
        }

        let services = of_type("Service");
        assert_eq!(services.len(), 4);
        let offer = &services[0]["offers"];
        assert_eq!((offer["@type"].as_str(), offer["price"].as_str()), (Some("Offer"), Some("499.00")));
        assert_eq!(offer["priceCurrency"], "INR");
        assert_eq!(offer["url"], "https://anjali.example/services/#resume-review");
        assert_eq!(services[0]["provider"]["@id"], provider["@id"]);
        assert_eq!(services[2]["offers"]["priceSpecification"]["minPrice"], "100000.00");
        assert_eq!(services[3]["offers"]["price"], "25.00");

        let faq = of_type("FAQPage")[0];
        assert_eq!(faq["mainEntity"][0]["@type"], "Question");
        assert_eq!(faq["mainEntity"][0]["acceptedAnswer"]["@type"], "Answer");
        assert_eq!(faq["mainEntity"][0]["acceptedAnswer"]["text"], "UPI or bank transfer.");
    }

    #[test]
    fn aggregate_rating_rounds_half_up_to_one_decimal() {
        let cases: [(&[u8], &str); 4] =
            [(&[5, 4, 5], "4.7"), (&[4, 5], "4.5"), (&[1], "1.0"), (&[5, 5, 4, 4, 4, 4], "4.3")];
        for (ratings, want) in cases {
            let mut p = page("en");
            p.testimonials = ratings
                .iter()
                .map(|r| Testimonial {
                    quote: "q".into(),
                    name: "n".into(),
                    role: None,
                    rating: Some(*r),
                    stars: String::new(),
                    rating_label: String::new(),
                })
                .collect();
            let ld = json_ld(&p, "A", "https://a.example/", "en");
            assert_eq!(ld["@graph"][0]["aggregateRating"]["ratingValue"], want, "{ratings:?}");
        }
    }
}
