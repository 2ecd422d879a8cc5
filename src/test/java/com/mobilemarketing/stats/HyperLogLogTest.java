package com.mobilemarketing.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The sketch's estimates against exact counts, its merge, and its serialized form. */
class HyperLogLogTest {

    private static final double SE = HyperLogLog.RELATIVE_STANDARD_ERROR;

    @Test
    void anEmptySketchEstimatesZero() {
        var sketch = new HyperLogLog();
        assertThat(sketch.estimate()).isZero();
        assertThat(sketch.lowerBound(2)).isZero();
        assertThat(sketch.upperBound(2)).isZero();
    }

    @Test
    void smallCountsAreNearlyExact() {
        // While few registers are taken the estimator behaves like linear counting: up to 10 ids it
        // is exact after rounding, each count up to 1 000 within the two standard errors shown, on
        // average within 2 %.
        var sketch = new HyperLogLog();
        double relativeErrors = 0;
        for (long id = 1; id <= 1_000; id++) {
            sketch.add(id);
            var estimate = sketch.estimate();
            if (id <= 10) {
                assertThat(Math.round(estimate)).isEqualTo(id);
            }
            assertThat(Math.abs(estimate - id) / id)
                    .as("%d ids: %.1f", id, estimate)
                    .isLessThanOrEqualTo(2 * SE);
            relativeErrors += Math.abs(estimate - id) / id;
        }
        assertThat(relativeErrors / 1_000).isLessThan(0.02);
        assertThat(sketch.estimate()).isCloseTo(1_000, withinPercentage(2));
        // Adding the same ids again changes nothing.
        var before = sketch.estimate();
        for (long id = 1; id <= 1_000; id++) {
            sketch.add(id);
        }
        assertThat(sketch.estimate()).isEqualTo(before);
    }

    /**
     * The bound the dashboard shows, two standard errors, holds for about 95 % of independent id
     * sets at every order of magnitude, including the 2.5 m to 5 m range where the classic estimator
     * switches to linear counting and is biased; and the estimator is unbiased there too. Each set
     * is a Weyl sequence from its own seed (a random start and odd stride, so its ids are distinct).
     */
    @Test
    void twoStandardErrorsHoldForAbout95PercentOfIndependentIdSetsAtEveryCount() {
        long[] counts = {10, 100, 1_000, 3_000, 10_000, 20_000, 50_000, 200_000, 1_000_000};
        int within = 0;
        int estimates = 0;
        double sumOfRelativeErrors = 0;
        for (long n : counts) {
            int sets = n < 1_000_000 ? 200 : 60;
            int withinAtN = 0;
            double relativeErrorsAtN = 0;
            for (int set = 0; set < sets; set++) {
                var random = new SplittableRandom(31 * n + set);
                long start = random.nextLong();
                long stride = random.nextLong() | 1;
                var sketch = new HyperLogLog();
                for (long i = 0; i < n; i++) {
                    sketch.add(start + i * stride);
                }
                var estimate = sketch.estimate();
                if (n >= sketch.lowerBound(2) && n <= sketch.upperBound(2)) {
                    withinAtN++;
                }
                relativeErrorsAtN += (estimate - n) / n;
            }
            assertThat((double) withinAtN / sets)
                    .as("%d ids: share within two standard errors", n)
                    .isGreaterThanOrEqualTo(0.90);
            assertThat(relativeErrorsAtN / sets)
                    .as("%d ids: mean relative error", n)
                    .isCloseTo(0, offset(0.005));
            within += withinAtN;
            estimates += sets;
            sumOfRelativeErrors += relativeErrorsAtN;
        }
        assertThat((double) within / estimates).isGreaterThanOrEqualTo(0.93);
        assertThat(sumOfRelativeErrors / estimates).isCloseTo(0, offset(0.002));
    }

    @Test
    void theSeriesOfTheEstimatorHaveTheirKnownValues() {
        // sigma(0) = 0; sigma(1/2) = 1/2 + 1/4 + 2/16 + 4/256 + ...; tau vanishes at both ends.
        assertThat(HyperLogLog.sigma(0)).isZero();
        assertThat(HyperLogLog.sigma(0.5)).isCloseTo(0.5 + 0.25 + 0.125 + 4 / 256.0 + 8 / 65_536.0, offset(1e-8));
        assertThat(HyperLogLog.tau(0)).isZero();
        assertThat(HyperLogLog.tau(1)).isZero();
        assertThat(HyperLogLog.tau(0.5)).isPositive().isLessThan(0.5 / 3);
    }

    @Test
    void theBoundsAreTheGivenStandardErrorsAroundTheEstimate() {
        var sketch = new HyperLogLog();
        for (long id = 0; id < 100_000; id++) {
            sketch.add(id);
        }
        var estimate = sketch.estimate();
        assertThat(sketch.lowerBound(2)).isCloseTo(estimate * (1 - 2 * SE), offset(1e-6));
        assertThat(sketch.upperBound(2)).isCloseTo(estimate * (1 + 2 * SE), offset(1e-6));
        assertThat(SE).isCloseTo(0.016234, offset(1e-6));
    }

    @Test
    void theMergeOfTwoOverlappingSketchesIsTheSketchOfTheUnion() {
        var a = new HyperLogLog();
        var b = new HyperLogLog();
        var union = new HyperLogLog();
        for (long id = 0; id < 60_000; id++) {
            a.add(id);
            union.add(id);
        }
        for (long id = 40_000; id < 100_000; id++) {
            b.add(id);
            union.add(id);
        }
        a.merge(b);
        assertThat(a.toBytes()).isEqualTo(union.toBytes());
        assertThat(a.estimate()).isEqualTo(union.estimate());
        assertThat(Math.abs(a.estimate() - 100_000) / 100_000).isLessThanOrEqualTo(2 * SE);
    }

    @Test
    void aSketchSurvivesItsSerializedForm() {
        var sketch = new HyperLogLog();
        for (long id = 0; id < 30_000; id++) {
            sketch.add(id * 7);
        }
        var bytes = sketch.toBytes();
        assertThat(bytes).hasSize(HyperLogLog.SERIALIZED_BYTES);
        assertThat(bytes[0]).isEqualTo(HyperLogLog.FORMAT_VERSION);
        var copy = HyperLogLog.fromBytes(bytes);
        assertThat(copy.estimate()).isEqualTo(sketch.estimate());
        assertThat(copy.toBytes()).isEqualTo(bytes);
        assertThat(HyperLogLog.fromBytes(new HyperLogLog().toBytes()).estimate())
                .isZero();
    }

    @Test
    void bytesThatAreNoSketchAreRefusedClearly() {
        assertThatThrownBy(() -> HyperLogLog.fromBytes(new byte[0]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no bytes");
        assertThatThrownBy(() -> HyperLogLog.fromBytes(new byte[] {1, 0, 0}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3 bytes instead of 4097");
        var otherFormat = new HyperLogLog().toBytes();
        otherFormat[0] = 10;
        assertThatThrownBy(() -> HyperLogLog.fromBytes(otherFormat))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("format byte 10");
        var corrupt = new HyperLogLog().toBytes();
        corrupt[17] = 99;
        assertThatThrownBy(() -> HyperLogLog.fromBytes(corrupt))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("register 16 holds 99");
    }
}
