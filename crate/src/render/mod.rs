//! The evidence report: one self-contained, printable document (HTML or Markdown) that a
//! reporter can attach to their notes or hand to an editor. It states the input's SHA-256,
//! sizes, the tool's version and build, the date and settings; the findings with their counts
//! and charts; the methods and their limits; the call sheet and the comparison when made.
//! Values appear only masked, as the report holds them.
//!
//! The document states its own SHA-256: the hash of the document with that hash replaced by
//! 64 zeros (so anyone can check it: put the zeros back and hash the file).
//!
//! The CLI and the page both call [`evidence`], so both give the same document for the same
//! report.

mod html;
mod markdown;
pub mod svg;
mod text;

use crate::callsheet::CallSheet;
use crate::civil::Date;
use crate::overlap::Comparison;
use crate::report::Report;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

pub use text::Lang;

/// The placeholder the document's own hash replaces.
const HASH_PLACEHOLDER: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// Document formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DocFormat {
    Html,
    Md,
}

/// What goes into an evidence report besides the report itself.
#[derive(Clone, Debug)]
pub struct Evidence<'a> {
    pub report: &'a Report,
    pub lang: Lang,
    /// The day the document is made.
    pub generated: Date,
    pub callsheet: Option<&'a CallSheet>,
    pub comparison: Option<&'a Comparison>,
}

/// The document and its own SHA-256.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    pub text: String,
    pub sha256: String,
}

/// Renders the evidence report.
pub fn evidence(e: &Evidence<'_>, format: DocFormat) -> Document {
    let body = match format {
        DocFormat::Html => html::render(e, HASH_PLACEHOLDER),
        DocFormat::Md => markdown::render(e, HASH_PLACEHOLDER),
    };
    let sha256: String = Sha256::digest(body.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    Document {
        text: body.replacen(HASH_PLACEHOLDER, &sha256, 1),
        sha256,
    }
}

/// Checks a document's stated hash: `Some(true)` when it matches, `None` when it states none.
pub fn verify_document(text: &str) -> Option<bool> {
    let start = text.find(text::HASH_LABEL)? + text::HASH_LABEL.len();
    let stated = text.get(start..start + 64)?;
    let zeroed = format!(
        "{}{}{}",
        &text[..start],
        HASH_PLACEHOLDER,
        &text[start + 64..]
    );
    let actual: String = Sha256::digest(zeroed.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    Some(actual == stated)
}

/// Share as a percentage with one decimal, or "–" for nothing to divide.
pub(crate) fn pct(part: u64, whole: u64) -> String {
    if whole == 0 {
        "–".into()
    } else {
        format!("{:.1} %", part as f64 * 100.0 / whole as f64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::options::Options;

    fn report() -> Report {
        let csv = "姓名,身份证号,手机号,性别\n张伟,11010519491231002X,13800138000,女\n\
                   王芳,110105194912310021,13900139000,男\n<script>,440524188001010014,1,男\n";
        let opts = Options {
            reference_date: Date::new(2022, 7, 1),
            ..Options::default()
        };
        crate::verify(csv.as_bytes(), &opts).unwrap()
    }

    fn evidence_of(r: &Report, lang: Lang) -> Evidence<'_> {
        Evidence {
            report: r,
            lang,
            generated: Date::new(2022, 7, 2).unwrap(),
            callsheet: None,
            comparison: None,
        }
    }

    #[test]
    fn documents_state_a_checkable_hash_of_themselves() {
        let r = report();
        for f in [DocFormat::Html, DocFormat::Md] {
            let d = evidence(&evidence_of(&r, Lang::En), f);
            assert!(d.text.contains(&d.sha256));
            assert_eq!(verify_document(&d.text), Some(true), "{f:?}");
            let tampered = d.text.replacen("veracity", "veracitY", 1);
            assert_eq!(verify_document(&tampered), Some(false));
        }
    }

    #[test]
    fn html_states_the_facts_and_escapes_values() {
        let r = report();
        let d = evidence(&evidence_of(&r, Lang::En), DocFormat::Html);
        assert!(d.text.contains(&r.input.sha256));
        assert!(d.text.contains("<svg"));
        assert!(d.text.contains("2022-07-01"), "reference date");
        assert!(!d.text.contains("<script>"), "values are escaped");
        assert!(!d.text.contains("13800138000"), "no unmasked value");
        assert!(
            !d.text.contains("://") && !d.text.contains("src="),
            "no external resource"
        );
        let zh = evidence(&evidence_of(&r, Lang::Zh), DocFormat::Html);
        assert!(zh.text.contains("输入文件"));
    }

    #[test]
    fn same_report_same_document() {
        let r = report();
        let a = evidence(&evidence_of(&r, Lang::Zh), DocFormat::Md);
        let b = evidence(&evidence_of(&r, Lang::Zh), DocFormat::Md);
        assert_eq!(a, b);
    }
}
