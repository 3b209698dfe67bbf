//! Code blocks for the mixed corpus: about 20–80 lines in one of ten languages
//! that syntect (samvad), Chroma (Hugo) and giallo (Zola) all highlight.
//! A block is a few "units" (a function, a table, a rule…) whose names and
//! numbers change from unit to unit and post to post, so no tool can answer
//! a block from a cache of blocks it has already highlighted.

use super::corpus::Rng;

/// The fence languages, in the order [`block`] takes them.
pub const LANGUAGES: [&str; 10] = ["rust", "python", "javascript", "go", "bash", "json", "yaml", "html", "sql", "c"];

/// Identifiers the units are made of.
const NAMES: &[&str] = &[
    "ticket",
    "shift",
    "refund",
    "reply",
    "agent",
    "queue",
    "rating",
    "session",
    "invoice",
    "payout",
    "escalation",
    "handover",
    "template",
    "macro",
    "backlog",
    "streak",
];

/// The names and numbers one unit is written with.
struct Unit {
    name: &'static str,
    other: &'static str,
    a: usize,
    b: usize,
    k: usize,
}

fn unit(rng: &mut Rng, k: usize) -> Unit {
    Unit { name: rng.pick(NAMES), other: rng.pick(NAMES), a: 10 + rng.next() % 9990, b: 1 + rng.next() % 99, k }
}

/// Opening lines before the first unit, if the language has any.
fn prologue(lang: &str, post: usize) -> String {
    match lang {
        "rust" => format!("//! Helpers from post {post}.\nuse std::collections::HashMap;\n\n"),
        "python" => format!("\"\"\"Helpers from post {post}.\"\"\"\nfrom dataclasses import dataclass\nimport json\n\n"),
        "javascript" => format!("// Helpers from post {post}.\n'use strict';\n\n"),
        "go" => format!("// Package chat holds helpers from post {post}.\npackage chat\n\nimport (\n\t\"fmt\"\n\t\"strings\"\n)\n\n"),
        "bash" => format!("#!/usr/bin/env bash\n# Helpers from post {post}.\nset -euo pipefail\n\n"),
        "json" => "{\n  \"items\": [\n".to_owned(),
        "yaml" => format!("# Settings from post {post}.\nversion: 2\nqueues:\n"),
        "html" => format!("<!-- Widgets from post {post}. -->\n<section class=\"widgets\">\n"),
        "sql" => format!("-- Reports from post {post}.\nBEGIN;\n\n"),
        _ => format!("/* Helpers from post {post}. */\n#include <stdio.h>\n#include <string.h>\n\n"),
    }
}

/// Closing lines after the last unit.
fn epilogue(lang: &str) -> &'static str {
    match lang {
        "json" => "  ],\n  \"version\": 2\n}\n",
        "html" => "</section>\n",
        "sql" => "COMMIT;\n",
        _ => "",
    }
}

fn rust(u: &Unit) -> String {
    let Unit { name, other, a, b, k } = u;
    format!(
        "/// Totals the {name} amounts above {b}.\npub fn total_{name}_{k}(rows: &[(u32, f64)]) -> f64 {{\n    let mut seen: HashMap<u32, f64> = HashMap::new();\n    for &(id, amount) in rows.iter().filter(|(_, x)| *x > {b}.0) {{\n        *seen.entry(id).or_insert(0.0) += amount;\n    }}\n    let {other}: f64 = seen.values().sum();\n    if {other} > {a}.0 {{ {other} * 0.{b} }} else {{ {other} }}\n}}\n\n"
    )
}

fn python(u: &Unit) -> String {
    let Unit { name, other, a, b, k } = u;
    format!(
        "@dataclass\nclass {name}_{k}:\n    amount: float = {a}.0\n    tags: tuple = (\"{other}\", \"{name}\")\n\n    def over(self, limit: int = {b}) -> bool:\n        # True when this {name} needs a second look.\n        return self.amount > limit and \"{other}\" in self.tags\n\n    def to_json(self) -> str:\n        return json.dumps({{\"amount\": self.amount, \"k\": {k}}})\n\n\n"
    )
}

fn javascript(u: &Unit) -> String {
    let Unit { name, other, a, b, k } = u;
    format!(
        "/** Groups {name} records by {other}. */\nexport function group_{name}_{k}(rows) {{\n  const out = new Map();\n  for (const {{ {other}, amount = {b} }} of rows) {{\n    const list = out.get({other}) ?? [];\n    list.push(amount * {a});\n    out.set({other}, list);\n  }}\n  return [...out.entries()].filter(([, v]) => v.length > {b});\n}}\n\n"
    )
}

fn go(u: &Unit) -> String {
    let Unit { name, other, a, b, k } = u;
    format!(
        "// {name}{k} counts {other} entries above a limit.\nfunc {name}{k}(rows []string, limit int) (int, error) {{\n\tcount := 0\n\tfor i, row := range rows {{\n\t\tif strings.HasPrefix(row, \"{other}\") && i*{b} > limit {{\n\t\t\tcount++\n\t\t}}\n\t}}\n\tif count > {a} {{\n\t\treturn 0, fmt.Errorf(\"too many {name}: %d\", count)\n\t}}\n\treturn count, nil\n}}\n\n"
    )
}

fn bash(u: &Unit) -> String {
    let Unit { name, other, a, b, k } = u;
    format!(
        "# Archives {name} logs older than {b} days.\narchive_{name}_{k}() {{\n  local dir=${{1:-/var/log/{other}}} count=0\n  while IFS= read -r file; do\n    gzip -9 \"$file\" && count=$((count + 1))\n  done < <(find \"$dir\" -name '*.log' -mtime +{b})\n  if [ \"$count\" -gt {a} ]; then\n    echo \"{name}: archived $count files\" >&2\n  fi\n}}\n\n"
    )
}

fn json(u: &Unit) -> String {
    let Unit { name, other, a, b, k } = u;
    format!(
        "    {{\n      \"id\": {k},\n      \"name\": \"{name}\",\n      \"queue\": \"{other}\",\n      \"limits\": {{ \"daily\": {a}, \"hourly\": {b} }},\n      \"active\": {},\n      \"labels\": [\"{name}\", \"{other}\", null]\n    }},\n",
        a % 2 == 0
    )
}

fn yaml(u: &Unit) -> String {
    let Unit { name, other, a, b, k } = u;
    format!(
        "  - name: {name}-{k}\n    route: {other}\n    limits:\n      daily: {a}\n      hourly: {b}\n    escalate: {}\n    hours: \"09:00-18:00\"\n    notes: >\n      Handles {name} requests; hands {other} over after {b} minutes.\n",
        a % 3 == 0
    )
}

fn html(u: &Unit) -> String {
    let Unit { name, other, a, b, k } = u;
    format!(
        "  <article class=\"card {name}\" id=\"{name}-{k}\" data-limit=\"{a}\">\n    <h3>{name} &amp; {other}</h3>\n    <p>Open: <strong>{b}</strong> of {a}</p>\n    <form action=\"/{name}/{k}\" method=\"post\">\n      <label for=\"n{k}\">Note</label>\n      <input id=\"n{k}\" name=\"note\" maxlength=\"{a}\" required>\n      <button type=\"submit\">Save</button>\n    </form>\n  </article>\n"
    )
}

fn sql(u: &Unit) -> String {
    let Unit { name, other, a, b, k } = u;
    format!(
        "-- {name} totals per {other}, report {k}.\nSELECT {other}_id,\n       COUNT(*) AS {name}_count,\n       SUM(amount) / {b}.0 AS share\nFROM {name}s\nWHERE created_at > DATE '2024-01-01' AND amount > {a}\nGROUP BY {other}_id\nHAVING COUNT(*) > {b}\nORDER BY share DESC;\n\n"
    )
}

fn c(u: &Unit) -> String {
    let Unit { name, other, a, b, k } = u;
    format!(
        "/* Counts {name} lines that start with \"{other}\". */\nstatic int count_{name}_{k}(const char *lines[], size_t n) {{\n    int count = 0;\n    for (size_t i = 0; i < n; i++) {{\n        if (strncmp(lines[i], \"{other}\", {b}) == 0 && i < {a}) {{\n            count++;\n        }}\n    }}\n    printf(\"%s: %d\\n\", \"{name}\", count);\n    return count;\n}}\n\n"
    )
}

/// A fenced block in `LANGUAGES[lang]` of `units` units, for post `post`.
pub fn block(lang: usize, units: usize, post: usize, rng: &mut Rng) -> String {
    let name = LANGUAGES[lang % LANGUAGES.len()];
    let write: fn(&Unit) -> String = match name {
        "rust" => rust,
        "python" => python,
        "javascript" => javascript,
        "go" => go,
        "bash" => bash,
        "json" => json,
        "yaml" => yaml,
        "html" => html,
        "sql" => sql,
        _ => c,
    };
    let mut s = format!("```{name}\n{}", prologue(name, post));
    for k in 0..units {
        s.push_str(&write(&unit(rng, k)));
    }
    if name == "json" {
        // JSON allows no comma after the last item.
        s.truncate(s.trim_end_matches([',', '\n']).len());
        s.push('\n');
    }
    s.push_str(epilogue(name));
    s.truncate(s.trim_end().len());
    s.push_str("\n```\n");
    s
}
