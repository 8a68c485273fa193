//! Chinese surnames and their published frequencies. PLACEHOLDER.
