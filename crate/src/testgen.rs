//! Test only: the small seeded generator the unit tests draw their random inputs from
//! (a linear congruential generator; deterministic, so a failure names an input that fails
//! again).

/// A seeded linear congruential generator.
pub(crate) struct Lcg(u32);

impl Lcg {
    pub(crate) fn new(seed: u32) -> Lcg {
        Lcg(seed)
    }

    /// The next state, all 32 bits (the low ones are weak: take high bits of it).
    pub(crate) fn next_u32(&mut self) -> u32 {
        self.0 = self.0.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        self.0
    }

    /// The next draw: the state's upper 16 bits.
    pub(crate) fn draw(&mut self) -> usize {
        (self.next_u32() >> 16) as usize
    }

    /// One of `pool`'s items.
    pub(crate) fn pick<T: Copy>(&mut self, pool: &[T]) -> T {
        pool[self.draw() % pool.len()]
    }
}
