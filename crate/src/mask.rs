//! Masking of personal values shown in reports. PLACEHOLDER.

/// Masks a value for display.
pub fn mask(value: &str) -> String {
    value.chars().map(|_| '*').collect()
}
