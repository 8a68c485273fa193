//! The `veracity` command-line tool. PLACEHOLDER.

fn main() {
    eprintln!("veracity {}", veracity::VERSION);
}
