//! The few statistical tests the assessment needs, implemented from their textbook definitions:
//! the regularized incomplete gamma function (Numerical Recipes' series and continued fraction),
//! the chi-square goodness-of-fit test, the normal distribution, the Wilson score interval for a
//! proportion and the Poisson lower tail.

/// ln Γ(x) for x > 0 (Lanczos approximation, g = 7, n = 9; relative error below 1e-13).
pub fn ln_gamma(x: f64) -> f64 {
    const G: [f64; 9] = [
        0.999_999_999_999_809_9,
        676.520_368_121_885_1,
        -1_259.139_216_722_402_8,
        771.323_428_777_653_1,
        -176.615_029_162_140_6,
        12.507_343_278_686_905,
        -0.138_571_095_265_720_12,
        9.984_369_578_019_572e-6,
        1.505_632_735_149_311_6e-7,
    ];
    if x < 0.5 {
        // Reflection: Γ(x)Γ(1−x) = π / sin(πx).
        let s = (std::f64::consts::PI * x).sin().abs();
        return std::f64::consts::PI.ln() - s.ln() - ln_gamma(1.0 - x);
    }
    let x = x - 1.0;
    let mut a = G[0];
    let t = x + 7.5;
    for (i, g) in G.iter().enumerate().skip(1) {
        a += g / (x + i as f64);
    }
    0.5 * (2.0 * std::f64::consts::PI).ln() + (x + 0.5) * t.ln() - t + a.ln()
}

/// The regularized upper incomplete gamma function Q(a, x) = Γ(a, x) / Γ(a).
pub fn gamma_q(a: f64, x: f64) -> f64 {
    if a.is_nan() || a <= 0.0 || x.is_nan() {
        return f64::NAN;
    }
    if x <= 0.0 {
        return 1.0;
    }
    if x < a + 1.0 {
        1.0 - gamma_p_series(a, x)
    } else {
        gamma_q_fraction(a, x)
    }
}

fn gamma_p_series(a: f64, x: f64) -> f64 {
    let (mut sum, mut term, mut ap) = (1.0 / a, 1.0 / a, a);
    for _ in 0..1000 {
        ap += 1.0;
        term *= x / ap;
        sum += term;
        if term.abs() < sum.abs() * 1e-15 {
            break;
        }
    }
    (sum.ln() - x + a * x.ln() - ln_gamma(a)).exp()
}

fn gamma_q_fraction(a: f64, x: f64) -> f64 {
    // Lentz's method for the continued fraction of Γ(a, x).
    let tiny = 1e-300;
    let mut b = x + 1.0 - a;
    let mut c = 1.0 / tiny;
    let mut d = 1.0 / b;
    let mut h = d;
    for i in 1..1000 {
        let an = -(i as f64) * (i as f64 - a);
        b += 2.0;
        d = an * d + b;
        if d.abs() < tiny {
            d = tiny;
        }
        c = b + an / c;
        if c.abs() < tiny {
            c = tiny;
        }
        d = 1.0 / d;
        let del = d * c;
        h *= del;
        if (del - 1.0).abs() < 1e-15 {
            break;
        }
    }
    ((-x + a * x.ln() - ln_gamma(a)).exp() * h).clamp(0.0, 1.0)
}

/// P(X ≥ x) for X chi-square distributed with `df` degrees of freedom.
pub fn chi2_sf(x: f64, df: f64) -> f64 {
    gamma_q(df / 2.0, x / 2.0)
}

/// A chi-square goodness-of-fit test.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Chi2 {
    pub statistic: f64,
    pub df: f64,
    pub p_value: f64,
}

/// Pearson's chi-square test of `observed` counts against `expected` proportions (any
/// positive scale; normalised here). Categories with an expected proportion of zero are left
/// out. `None` when fewer than two categories remain or there are no observations.
pub fn chi2_gof(observed: &[u64], expected: &[f64]) -> Option<Chi2> {
    let n: u64 = observed.iter().sum();
    let total: f64 = expected.iter().filter(|e| **e > 0.0).sum();
    if n == 0 || total <= 0.0 {
        return None;
    }
    let (mut stat, mut k) = (0.0, 0usize);
    for (o, e) in observed.iter().zip(expected) {
        if *e <= 0.0 {
            continue;
        }
        let exp = n as f64 * e / total;
        stat += (*o as f64 - exp).powi(2) / exp;
        k += 1;
    }
    if k < 2 {
        return None;
    }
    let df = (k - 1) as f64;
    Some(Chi2 {
        statistic: stat,
        df,
        p_value: chi2_sf(stat, df),
    })
}

/// The complementary error function (Numerical Recipes' erfc approximation via Chebyshev
/// fitting, relative error below 1.2e-7).
pub fn erfc(x: f64) -> f64 {
    let z = x.abs();
    let t = 1.0 / (1.0 + 0.5 * z);
    let r = t
        * (-z * z - 1.265_512_23
            + t * (1.000_023_68
                + t * (0.374_091_96
                    + t * (0.096_784_18
                        + t * (-0.186_288_06
                            + t * (0.278_868_07
                                + t * (-1.135_203_98
                                    + t * (1.488_515_87
                                        + t * (-0.822_152_23 + t * 0.170_872_77)))))))))
            .exp();
    if x >= 0.0 {
        r
    } else {
        2.0 - r
    }
}

/// P(Z ≤ z) for a standard normal Z.
pub fn normal_cdf(z: f64) -> f64 {
    0.5 * erfc(-z / std::f64::consts::SQRT_2)
}

/// The Wilson score interval for `k` successes in `n` trials at 95 % (z = 1.96).
pub fn wilson(k: u64, n: u64) -> (f64, f64) {
    if n == 0 {
        return (0.0, 1.0);
    }
    let z = 1.959_963_985;
    let (n, p) = (n as f64, k as f64 / n as f64);
    let denom = 1.0 + z * z / n;
    let centre = (p + z * z / (2.0 * n)) / denom;
    let half = z * (p * (1.0 - p) / n + z * z / (4.0 * n * n)).sqrt() / denom;
    ((centre - half).max(0.0), (centre + half).min(1.0))
}

/// P(X ≤ k) for X Poisson distributed with mean `lambda`.
pub fn poisson_cdf(k: u64, lambda: f64) -> f64 {
    if lambda <= 0.0 {
        return 1.0;
    }
    // Q(k + 1, λ) = P(X ≤ k).
    gamma_q(k as f64 + 1.0, lambda)
}

/// Two-sided p-value of a binomial proportion `k / n` against `p0` (normal approximation with
/// continuity correction; use only when n·p0·(1−p0) ≥ 5).
pub fn binomial_two_sided(k: u64, n: u64, p0: f64) -> f64 {
    if n == 0 || !(0.0..=1.0).contains(&p0) {
        return 1.0;
    }
    let (nf, kf) = (n as f64, k as f64);
    let sd = (nf * p0 * (1.0 - p0)).sqrt();
    if sd == 0.0 {
        return if (kf - nf * p0).abs() < 0.5 { 1.0 } else { 0.0 };
    }
    let z = (((kf - nf * p0).abs() - 0.5).max(0.0)) / sd;
    (2.0 * (1.0 - normal_cdf(z))).clamp(0.0, 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64, tol: f64) -> bool {
        (a - b).abs() <= tol * b.abs().max(1e-300)
    }

    #[test]
    fn ln_gamma_known_values() {
        assert!(ln_gamma(1.0).abs() < 1e-12 && ln_gamma(2.0).abs() < 1e-12);
        assert!(close(ln_gamma(5.0), 24f64.ln(), 1e-12));
        assert!(close(
            ln_gamma(0.5),
            std::f64::consts::PI.sqrt().ln(),
            1e-12
        ));
        assert!(close(ln_gamma(100.0), 359.134_205_369_575_4, 1e-12));
    }

    #[test]
    fn chi2_survival_known_values() {
        // Critical values from standard tables.
        assert!(close(chi2_sf(3.841_458_820_694_124, 1.0), 0.05, 1e-6));
        assert!(close(chi2_sf(6.634_896_601_021_214, 1.0), 0.01, 1e-6));
        assert!(close(chi2_sf(18.307_038_053_275_146, 10.0), 0.05, 1e-6));
        assert!(close(chi2_sf(124.342_113_404_014_5, 100.0), 0.05, 1e-6));
        assert!(close(chi2_sf(2.0, 2.0), (-1.0f64).exp(), 1e-10));
        assert_eq!(chi2_sf(0.0, 3.0), 1.0);
        assert!(chi2_sf(1000.0, 5.0) < 1e-200);
    }

    #[test]
    fn gof() {
        let fair = chi2_gof(&[100, 100, 100, 100], &[1.0, 1.0, 1.0, 1.0]).unwrap();
        assert_eq!(fair.statistic, 0.0);
        assert_eq!(fair.p_value, 1.0);
        assert_eq!(fair.df, 3.0);
        // 10, 20, 30, 40 against uniform: statistic 20, df 3, p ≈ 1.7e-4.
        let c = chi2_gof(&[10, 20, 30, 40], &[0.25; 4]).unwrap();
        assert!(close(c.statistic, 20.0, 1e-12));
        assert!(close(c.p_value, 1.697_8e-4, 1e-3), "{}", c.p_value);
        assert!(chi2_gof(&[], &[]).is_none());
        assert!(chi2_gof(&[5, 5], &[1.0, 0.0]).is_none());
    }

    #[test]
    fn normal_and_intervals() {
        assert!(close(normal_cdf(1.959_963_985), 0.975, 1e-6));
        assert!(close(normal_cdf(0.0), 0.5, 1e-7));
        assert!(close(normal_cdf(-1.0), 0.158_655_25, 1e-6));
        // Wilson interval for 10 of 100: (0.0552, 0.1744).
        let (lo, hi) = wilson(10, 100);
        assert!(
            close(lo, 0.055_2, 2e-3) && close(hi, 0.174_4, 2e-3),
            "{lo} {hi}"
        );
        assert_eq!(wilson(0, 0), (0.0, 1.0));
        let (lo, hi) = wilson(0, 1000);
        assert_eq!(lo, 0.0);
        assert!(hi < 0.004);
        assert!(close(poisson_cdf(0, 3.0), (-3.0f64).exp(), 1e-10));
        assert!(close(poisson_cdf(2, 1.0), 2.5 * (-1.0f64).exp(), 1e-10));
        assert!(binomial_two_sided(50, 100, 0.5) > 0.9);
        assert!(binomial_two_sided(80, 100, 0.5) < 1e-6);
    }
}
