//! The deterministic random stream every demo producer is drawn from (SplitMix64).

pub(super) const GOLDEN: u64 = 0x9E37_79B9_7F4A_7C15;

/// SplitMix64 finaliser: a bijection on u64 with good avalanche.
pub(super) fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

pub(super) struct Rng(u64);

impl Rng {
    /// Each (seed, index) gets its own stream, so a producer never depends on its neighbours.
    pub(super) fn new(seed: u64, index: u64) -> Self {
        Rng(mix(seed ^ mix(index.wrapping_mul(GOLDEN).wrapping_add(GOLDEN))))
    }

    pub(super) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(GOLDEN);
        mix(self.0)
    }

    /// Uniform in 0..n (n = 0 yields 0), by multiply-shift: no modulo bias worth caring about.
    pub(super) fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next()) * u128::from(n)) >> 64) as u64
    }

    /// Uniform in lo..=hi.
    pub(super) fn range(&mut self, lo: i32, hi: i32) -> i32 {
        lo + self.below((hi - lo + 1) as u64) as i32
    }

    pub(super) fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    /// Uniform in [0, 1).
    pub(super) fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Every table passed here is a non-empty constant (checked by the tests).
    pub(super) fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }

    /// Index into a list ordered by popularity: the minimum of two draws favours the front.
    pub(super) fn front_biased(&mut self, len: usize) -> usize {
        let n = len as u64;
        self.below(n).min(self.below(n)) as usize
    }
}

/// An index drawn with probability proportional to its weight.
pub(super) fn weighted(rng: &mut Rng, weights: impl Iterator<Item = u32> + Clone) -> usize {
    let mut r = rng.below(weights.clone().map(u64::from).sum());
    for (i, w) in weights.enumerate() {
        match r.checked_sub(u64::from(w)) {
            Some(rest) => r = rest,
            None => return i,
        }
    }
    0
}

/// Two significant digits, so capacities read like "12,000 t" rather than "11,873.4 t".
pub(super) fn round_nice(x: f64) -> f64 {
    if x <= 0.0 {
        return 0.0;
    }
    // Divide by a power of ten rather than multiply by 0.1: 19 * 0.1 prints as 1.9000000000000001.
    let e = x.log10().floor() as i32 - 1;
    let nice = if e >= 0 {
        (x / 10f64.powi(e)).round() * 10f64.powi(e)
    } else {
        (x * 10f64.powi(-e)).round() / 10f64.powi(-e)
    };
    nice.max(1.0)
}
