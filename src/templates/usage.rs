//! What each template reads, so that a rebuild re-renders a page only when
//! something its template shows changed: the templates it is made of
//! (itself, the ones it extends and includes), the top-level variables of
//! the context it uses (tera reports them), and which parts of `site`.
//!
//! The theme shows `site.base_url` on every page; were `site` one value,
//! one new tag (it changes `site.taxonomies`) would re-render every page.
//! Reading the parts a template names keeps that edit to the pages it
//! reaches. Whatever the reading cannot tell for sure counts as using
//! everything: a rebuild may then render more than it needs, never less.

use std::collections::{BTreeSet, HashMap, HashSet};

/// The parts of a value (`site`, `taxonomy`) a template reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldUse {
    /// Only these fields (`site.base_url`, …).
    Fields(BTreeSet<String>),
    /// The whole value, or in a way not read here (`{% set s = site %}`).
    All,
}

impl FieldUse {
    /// Does this use read `field`?
    pub fn reads(&self, field: &str) -> bool {
        match self {
            FieldUse::Fields(fields) => fields.contains(field),
            FieldUse::All => true,
        }
    }
}

/// The values whose fields are told apart: a field of each changes much
/// more often than the others (`site.taxonomies` with every new tag,
/// `taxonomy.terms` likewise, against `site.base_url` and `taxonomy.name`).
pub const TRACKED: [&str; 2] = ["site", "taxonomy"];

/// What rendering one template reads.
#[derive(Debug, Clone)]
pub struct Usage {
    /// A fingerprint of the text of every template it is made of.
    pub fp: u64,
    /// The top-level context variables it uses.
    pub vars: HashSet<String>,
    /// Which parts of each [`TRACKED`] value it reads.
    pub fields: HashMap<&'static str, FieldUse>,
}

impl Usage {
    /// Does the template use the context variable `name`?
    pub fn uses(&self, name: &str) -> bool {
        self.vars.contains(name)
    }

    /// Which fields of the tracked value `name` it reads.
    pub fn fields(&self, name: &str) -> &FieldUse {
        self.fields.get(name).unwrap_or(&FieldUse::All)
    }
}

/// Each template's usage, from `sources` (name, text) and the compiled set.
pub fn analyse(sources: &[(String, String)], tera: &tera::Tera) -> HashMap<String, Usage> {
    let texts: HashMap<&str, &str> = sources.iter().map(|(n, t)| (n.as_str(), t.as_str())).collect();
    // A template that defines components may be called from any other.
    let shared: Vec<&str> = texts.iter().filter(|(_, t)| t.contains("component ")).map(|(n, _)| *n).collect();
    texts
        .keys()
        .map(|&name| {
            let chain = chain(name, &texts, &shared);
            let members: Vec<(&str, u64)> = chain
                .iter()
                .map(|n| (*n, texts.get(n).map_or(0, |t| xxhash_rust::xxh3::xxh3_64(t.as_bytes()))))
                .collect();
            let fp = fingerprint(&members);
            let vars = match tera.get_template_variables(name) {
                Ok(vars) => vars.into_iter().map(str::to_string).collect(),
                Err(_) => HashSet::from(["*".to_string()]),
            };
            let sources: Vec<&str> = chain.iter().filter_map(|n| texts.get(n).copied()).collect();
            let fields = TRACKED.iter().map(|&var| (var, fields_of(&sources, var))).collect();
            (name.to_string(), Usage { fp, vars, fields })
        })
        .collect()
}

/// An XXH3 fingerprint of `value`.
fn fingerprint(value: &impl std::hash::Hash) -> u64 {
    use std::hash::Hasher;
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    value.hash(&mut h);
    h.finish()
}

/// The templates `name` is made of: itself, what it extends and includes,
/// all the way down, and every template that defines components. A name
/// given by a variable cannot be followed, so then every template counts.
fn chain<'a>(name: &'a str, texts: &HashMap<&'a str, &'a str>, shared: &[&'a str]) -> BTreeSet<&'a str> {
    let mut seen = BTreeSet::new();
    let mut todo: Vec<&str> = std::iter::once(name).chain(shared.iter().copied()).collect();
    while let Some(n) = todo.pop() {
        if !seen.insert(n) {
            continue;
        }
        let Some(text) = texts.get(n) else { continue };
        match references(text) {
            Some(refs) => todo.extend(refs.into_iter().filter_map(|r| texts.get_key_value(r).map(|(k, _)| *k))),
            None => return texts.keys().copied().collect(),
        }
    }
    seen
}

/// The template names `text` extends, includes or imports, or `None` when
/// one of them is not a plain string.
fn references(text: &str) -> Option<Vec<&str>> {
    let mut out = Vec::new();
    for tag in text.split("{%").skip(1) {
        let tag = tag.trim_start_matches('-').trim_start();
        let Some(rest) = ["extends", "include", "import"].iter().find_map(|k| tag.strip_prefix(k)) else { continue };
        let rest = rest.trim_start();
        let quote = rest.chars().next()?;
        if quote != '"' && quote != '\'' {
            return None;
        }
        out.push(rest[1..].split(quote).next()?);
    }
    Some(out)
}

/// The fields of `var` that the tags (`{{ }}` and `{% %}`; not the HTML
/// around them nor comments) of `sources` read, or [`FieldUse::All`] when
/// they use `var` in any other way.
fn fields_of(sources: &[&str], var: &str) -> FieldUse {
    let mut all = FieldUse::Fields(BTreeSet::new());
    for code in sources.iter().flat_map(|text| tags(text)) {
        all = merge(all, fields_in(code, var));
    }
    all
}

/// The insides of `text`'s `{{ … }}` and `{% … %}` tags.
fn tags(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || loop {
        let start = rest.find('{')?;
        let close = match rest.as_bytes().get(start + 1) {
            Some(b'{') => "}}",
            Some(b'%') => "%}",
            Some(b'#') => "#}",
            _ => {
                rest = &rest[start + 1..];
                continue;
            }
        };
        let inner = &rest[start + 2..];
        let end = inner.find(close).unwrap_or(inner.len());
        let (code, comment) = (&inner[..end], close == "#}");
        rest = &inner[(end + 2).min(inner.len())..];
        if !comment {
            return Some(code);
        }
    })
}

/// The fields of `var` one tag's code reads.
fn fields_in(text: &str, var: &str) -> FieldUse {
    let mut fields = BTreeSet::new();
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(i) = text[from..].find(var).map(|i| from + i) {
        from = i + var.len();
        let before = i.checked_sub(1).map(|j| bytes[j]);
        if before.is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'.') {
            continue;
        }
        let after = &text[from..];
        if after.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_') {
            continue;
        }
        let Some(field) = after.strip_prefix('.') else { return FieldUse::All };
        let end = field.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(field.len());
        if end == 0 {
            return FieldUse::All;
        }
        fields.insert(field[..end].to_string());
    }
    FieldUse::Fields(fields)
}

fn merge(a: FieldUse, b: FieldUse) -> FieldUse {
    match (a, b) {
        (FieldUse::Fields(mut a), FieldUse::Fields(b)) => {
            a.extend(b);
            FieldUse::Fields(a)
        }
        _ => FieldUse::All,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_fields_are_read_and_anything_else_counts_as_all() {
        let fields = |t: &str| match fields_of(&[t], "site") {
            FieldUse::Fields(f) => Some(f.into_iter().collect::<Vec<_>>().join(",")),
            FieldUse::All => None,
        };
        assert_eq!(
            fields(r#"<a href="{{ site.base_url }}">{{ site.post_count }}</a>"#).as_deref(),
            Some("base_url,post_count")
        );
        assert_eq!(fields("{{ website }} {{ mysite.x }} {{ page.site }}").as_deref(), Some(""));
        assert_eq!(fields(r#"<header class="site-header">{# the site #}{% if site.nav %}"#).as_deref(), Some("nav"));
        assert_eq!(fields("{% set s = site %}"), None);
        assert_eq!(fields("{{ site | json_encode }}"), None);
        assert_eq!(fields("{{ site[\"nav\"] }}"), None);
    }

    #[test]
    fn chains_follow_extends_and_includes() {
        let sources = [
            ("base.html", r#"{% include "partials/nav.html" %}{% block body %}{% endblock body %}"#),
            ("post.html", r#"{% extends "base.html" %}{% block body %}{{ page.title }}{% endblock body %}"#),
            ("partials/nav.html", "{{ site.base_url }}"),
            ("index.html", "{% include name %}"),
        ];
        let texts: HashMap<&str, &str> = sources.iter().copied().collect();
        let post = chain("post.html", &texts, &[]);
        assert_eq!(post.into_iter().collect::<Vec<_>>(), ["base.html", "partials/nav.html", "post.html"]);
        assert_eq!(chain("index.html", &texts, &[]).len(), 4, "an include by variable takes in everything");
    }
}
