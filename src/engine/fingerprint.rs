//! Fingerprints: one 64-bit hash of everything a value was made from, so
//! that a rebuild can tell, without making it again, whether a page or a
//! file would come out different.
//!
//! XXH3 through `std::hash::Hash`: every fingerprint of a rebuild is taken
//! over values already in memory, so hashing must cost next to nothing,
//! and a collision (one in 2^64) could at worst leave one page stale until
//! the next edit of it.

use std::hash::{Hash, Hasher};

use xxhash_rust::xxh3::Xxh3;

use crate::page::{Body, Outline, Place};

/// A fingerprint.
pub type Fp = u64;

/// The fingerprint of `value`.
pub fn of<T: Hash + ?Sized>(value: &T) -> Fp {
    let mut h = Xxh3::new();
    value.hash(&mut h);
    h.finish()
}

/// The fingerprint of bytes, as the writer hashes files.
pub fn bytes(b: &[u8]) -> Fp {
    xxhash_rust::xxh3::xxh3_64(b)
}

/// An outline's fingerprint: every field a template, a feed or the social
/// text can show. The front matter's free-form tables are hashed in their
/// JSON form, which is the same for the same value.
pub fn outline(o: &Outline) -> Fp {
    let mut h = Xxh3::new();
    (o.kind as u8, &o.title, &o.description, &o.slug, &o.permalink, &o.path, &o.source, &o.lang).hash(&mut h);
    (&o.date, &o.updated, o.draft, &o.author, &o.image, &o.dir, o.sort_date, &o.template).hash(&mut h);
    (&o.assets, &o.tag_names, &o.category_names, &o.translation_of).hash(&mut h);
    o.extra.to_string().hash(&mut h);
    if let Some(services) = &o.services {
        serde_json::to_string(services).unwrap_or_default().hash(&mut h);
    }
    format!("{:?}", o.social).hash(&mut h);
    h.finish()
}

/// A body's fingerprint: its summary, contents and counts.
pub fn body(b: &Body) -> Fp {
    of(b)
}

/// A place's fingerprint.
pub fn place(p: &Place) -> Fp {
    of(p)
}
