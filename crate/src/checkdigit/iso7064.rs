//! ISO 7064 check characters. PLACEHOLDER: to be implemented.
