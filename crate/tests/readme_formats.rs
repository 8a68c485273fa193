//! README.md's format table must be exactly what the registry says
//! (`veracity formats --markdown`). When this fails, run `bash scripts/update-readme-formats.sh`.

use std::process::Command;

#[test]
fn readme_table_matches_the_registry() {
    let out = Command::new(env!("CARGO_BIN_EXE_veracity"))
        .args(["formats", "--markdown"])
        .output()
        .expect("run veracity");
    assert!(out.status.success());
    let table = String::from_utf8(out.stdout).unwrap();
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../README.md"))
        .expect("README.md");
    let (_, rest) = readme
        .split_once("<!-- formats:begin -->\n")
        .expect("README.md has no <!-- formats:begin --> marker");
    let (section, _) = rest
        .split_once("<!-- formats:end -->")
        .expect("README.md has no <!-- formats:end --> marker");
    assert!(
        section == table,
        "README.md's format table differs from `veracity formats --markdown`: \
         run `bash scripts/update-readme-formats.sh`"
    );
}
