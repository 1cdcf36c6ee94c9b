package org.allocd.charge;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * An exact non-negative fraction. Charges stay exact through every step and are rounded
 * once at the end, so no binary floating point ever touches money. Always kept in lowest
 * terms with a positive denominator, so equal values are equal records.
 */
public record Ratio(BigInteger numerator, BigInteger denominator) implements Comparable<Ratio> {
    public static final Ratio ZERO = of(0);
    public static final Ratio ONE = of(1);

    /** Decimals shown for a value whose decimal expansion does not end. */
    private static final int DISPLAY_DECIMALS = 6;
    private static final BigInteger TWO = BigInteger.TWO;
    private static final BigInteger FIVE = BigInteger.valueOf(5);

    public Ratio {
        Objects.requireNonNull(numerator, "numerator");
        Objects.requireNonNull(denominator, "denominator");
        if (denominator.signum() <= 0) {
            throw new IllegalArgumentException("denominator must be > 0, got " + denominator);
        }
        if (numerator.signum() < 0) {
            throw new IllegalArgumentException("a charge quantity must be >= 0, got " + numerator + "/" + denominator);
        }
        BigInteger gcd = numerator.gcd(denominator);
        if (!gcd.equals(BigInteger.ONE)) { // gcd >= 1 because the denominator is positive
            numerator = numerator.divide(gcd);
            denominator = denominator.divide(gcd);
        }
    }

    public static Ratio of(long whole) {
        return new Ratio(BigInteger.valueOf(whole), BigInteger.ONE);
    }

    public static Ratio of(long numerator, long denominator) {
        return new Ratio(BigInteger.valueOf(numerator), BigInteger.valueOf(denominator));
    }

    public Ratio plus(Ratio other) {
        return new Ratio(numerator.multiply(other.denominator).add(other.numerator.multiply(denominator)),
                denominator.multiply(other.denominator));
    }

    public Ratio times(Ratio other) {
        return new Ratio(numerator.multiply(other.numerator), denominator.multiply(other.denominator));
    }

    public Ratio dividedBy(long divisor) {
        return new Ratio(numerator, denominator.multiply(BigInteger.valueOf(divisor)));
    }

    public Ratio max(Ratio other) {
        return compareTo(other) >= 0 ? this : other;
    }

    public Ratio min(Ratio other) {
        return compareTo(other) <= 0 ? this : other;
    }

    /** The smallest whole number not below this value. */
    public Ratio ceil() {
        BigInteger whole = numerator.add(denominator).subtract(BigInteger.ONE).divide(denominator);
        return new Ratio(whole, BigInteger.ONE);
    }

    /** The largest whole number not above this value (values are never negative here). */
    public Ratio floor() {
        return new Ratio(numerator.divide(denominator), BigInteger.ONE);
    }

    /** The nearest whole number, halves rounded up (2.5 -> 3, not banker's 2). */
    public BigInteger roundHalfUp() {
        // floor(n/d + 1/2) = floor((2n + d) / 2d); exact for non-negative values.
        return numerator.shiftLeft(1).add(denominator).divide(denominator.shiftLeft(1));
    }

    @Override
    public int compareTo(Ratio other) {
        return numerator.multiply(other.denominator).compareTo(other.numerator.multiply(denominator));
    }

    /**
     * Plain decimal: exact when the expansion ends ("2.5", "2.68435456", "3"), otherwise
     * rounded half-up to six decimals for display ("0.222222"); the record holds the exact value.
     */
    @Override
    public String toString() {
        BigDecimal top = new BigDecimal(numerator);
        BigDecimal bottom = new BigDecimal(denominator);
        BigDecimal value = hasFiniteDecimal()
                ? top.divide(bottom)
                : top.divide(bottom, DISPLAY_DECIMALS, RoundingMode.HALF_UP);
        return value.stripTrailingZeros().toPlainString();
    }

    /** A fraction in lowest terms ends in decimal exactly when its denominator has no prime factor but 2 and 5. */
    private boolean hasFiniteDecimal() {
        BigInteger rest = denominator;
        while (rest.mod(TWO).signum() == 0) {
            rest = rest.divide(TWO);
        }
        while (rest.mod(FIVE).signum() == 0) {
            rest = rest.divide(FIVE);
        }
        return rest.equals(BigInteger.ONE);
    }
}
