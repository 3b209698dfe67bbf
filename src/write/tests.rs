use super::*;

fn made() -> Origin {
    Origin::samvad("a test")
}

#[test]
fn a_rebuild_rewrites_only_changed_files_and_removes_stale_ones() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("public");
    let s = Staging::new(&target).unwrap();
    s.put("a/index.html", b"same", made()).unwrap();
    s.put("b/index.html", b"old", made()).unwrap();
    s.put("gone/index.html", b"bye", made()).unwrap();
    s.commit().unwrap();
    let inode = |rel: &str| std::os::unix::fs::MetadataExt::ino(&std::fs::metadata(target.join(rel)).unwrap());
    let before = inode("a/index.html");
    let s = Staging::new(&target).unwrap();
    s.put("a/index.html", b"same", made()).unwrap();
    s.put("b/index.html", b"new", made()).unwrap();
    s.commit().unwrap();
    assert_eq!(inode("a/index.html"), before, "unchanged file not rewritten");
    assert_eq!(std::fs::read(target.join("b/index.html")).unwrap(), b"new");
    assert!(!target.join("gone").exists(), "stale file and its folder removed");
}

#[test]
fn a_streamed_file_is_kept_in_place_when_its_bytes_did_not_change() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("social");
    let stream = |parts: &[&str]| {
        let s = Staging::new(&target).unwrap();
        let mut out = s.stream("snippets.json").unwrap();
        for p in parts {
            out.write(p.as_bytes()).unwrap();
        }
        out.finish().unwrap();
        s.commit().unwrap();
    };
    stream(&["[", "1", "]"]);
    assert_eq!(std::fs::read_to_string(target.join("snippets.json")).unwrap(), "[1]");
    let inode = || std::os::unix::fs::MetadataExt::ino(&std::fs::metadata(target.join("snippets.json")).unwrap());
    let before = inode();
    stream(&["[1", "]"]);
    assert_eq!(inode(), before, "same bytes in other pieces: not rewritten");
    stream(&["[2]"]);
    assert_eq!(std::fs::read_to_string(target.join("snippets.json")).unwrap(), "[2]");
}

#[test]
fn commit_replaces_and_abandon_keeps() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("public");
    std::fs::create_dir_all(&target).unwrap();
    std::fs::write(target.join("old.html"), "old").unwrap();
    let s = Staging::new(&target).unwrap();
    s.put("a/index.html", b"new", made()).unwrap();
    s.abandon();
    assert!(target.join("old.html").exists());
    let s = Staging::new(&target).unwrap();
    s.put("a/index.html", b"new", made()).unwrap();
    s.commit().unwrap();
    assert!(!target.join("old.html").exists());
    assert_eq!(std::fs::read_to_string(target.join("a/index.html")).unwrap(), "new");
}

#[test]
fn a_step_failing_mid_commit_leaves_the_output_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("public");
    let s = Staging::new(&target).unwrap();
    s.put("atom.xml", b"old feed", made()).unwrap();
    s.put("posts/a/index.html", b"old page", made()).unwrap();
    s.commit().unwrap();
    let s = Staging::new(&target).unwrap();
    s.put("atom.xml", b"new feed", made()).unwrap();
    s.put("posts/a/index.html", b"new page", made()).unwrap();
    // The page's staged copy vanishes before it can be moved, after the
    // feed (sorted first) has been moved into place.
    std::fs::remove_file(s.dir.join("posts/a/index.html")).unwrap();
    let staging_dir = s.dir.clone();
    assert!(s.commit().is_err());
    assert_eq!(std::fs::read(target.join("atom.xml")).unwrap(), b"old feed");
    assert_eq!(std::fs::read(target.join("posts/a/index.html")).unwrap(), b"old page");
    assert!(!staging_dir.exists(), "staging folder cleaned up");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().flatten().map(|e| e.file_name()).collect();
    assert_eq!(leftovers.len(), 2, "only the output and its manifest: {leftovers:?}");
}

#[test]
fn two_inputs_making_one_file_fail_the_commit_naming_both() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("public");
    let s = Staging::new(&target).unwrap();
    s.put("posts/a/index.html", b"page", Origin::file("content/posts/a.md")).unwrap();
    s.put("posts/a/index.html", b"static", Origin::file("static/posts/a/index.html")).unwrap();
    let err = s.commit().unwrap_err();
    let d = &err.diagnostics()[0];
    assert_eq!(d.file.as_deref(), Some(Path::new("static/posts/a/index.html")));
    assert!(d.message.contains("content/posts/a.md") && d.message.contains("posts/a/index.html"), "{d}");
    assert!(!target.exists(), "nothing written");
}
