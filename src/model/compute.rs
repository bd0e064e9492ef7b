//! CPU work of `compute N`: the same function runs on the main thread and in
//! the workers, so their timings compare.

/// Iterations that make one unit (about 1 ms of a laptop core in wasm).
pub const ITERATIONS_PER_UNIT: u64 = 250_000;

/// Does `units` units of arithmetic and returns a checksum, so the work
/// cannot be optimised away.
pub fn compute(units: u64) -> u64 {
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    for k in 0..units.saturating_mul(ITERATIONS_PER_UNIT) {
        state ^= k;
        state = state.wrapping_mul(0x5851_f42d_4c95_7f2d).rotate_left(17);
    }
    state
}

#[cfg(test)]
mod tests {
    use super::compute;

    #[test]
    fn compute_is_deterministic_and_depends_on_the_amount() {
        assert_eq!(compute(2), compute(2));
        assert_ne!(compute(1), compute(2));
        assert_eq!(compute(0), 0x9e37_79b9_7f4a_7c15);
    }
}
