//! Mobile number prefixes and landline area codes. PLACEHOLDER.
