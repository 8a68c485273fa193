//! Value normalisation before validation: full-width digits and letters, stray spaces, a
//! leading `'` or tab (spreadsheet artefacts). Each normalisation applied is counted.
//!
//! PLACEHOLDER: to be implemented.

use std::borrow::Cow;

/// The normalisations applied to one value, as a bit set.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Applied(pub u8);

impl Applied {
    pub const FULLWIDTH: u8 = 1;
    pub const TRIMMED: u8 = 2;
    pub const LEADING_QUOTE: u8 = 4;
    pub const LEADING_TAB: u8 = 8;
    pub const INVISIBLE: u8 = 16;

    /// Stable ids of the normalisations applied, for the report.
    pub fn ids(self) -> impl Iterator<Item = &'static str> {
        [
            (Self::FULLWIDTH, "fullwidth_characters"),
            (Self::TRIMMED, "stray_spaces"),
            (Self::LEADING_QUOTE, "leading_apostrophe"),
            (Self::LEADING_TAB, "leading_tab"),
            (Self::INVISIBLE, "invisible_characters"),
        ]
        .into_iter()
        .filter(move |(bit, _)| self.0 & bit != 0)
        .map(|(_, id)| id)
    }
}

/// Normalises a raw field value.
pub fn normalize(raw: &str) -> (Cow<'_, str>, Applied) {
    let t = raw.trim();
    if t.len() != raw.len() {
        (Cow::Borrowed(t), Applied(Applied::TRIMMED))
    } else {
        (Cow::Borrowed(raw), Applied::default())
    }
}
