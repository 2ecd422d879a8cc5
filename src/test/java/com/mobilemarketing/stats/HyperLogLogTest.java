package com.mobilemarketing.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;
import static org.assertj.core.api.Assertions.withinPercentage;

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
        // Linear counting: its error is about 1 / sqrt(2 m) of the count (1.1 %) while few registers
        // are taken, each count within 3 standard errors, on average within 2 %.
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
                    .isLessThanOrEqualTo(3 * SE);
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

    @Test
    void largeCountsAreWithinThreeStandardErrors() {
        for (long n : new long[] {5_000, 10_000, 20_000, 50_000, 100_000, 1_000_000}) {
            var sketch = new HyperLogLog();
            // Sequential ids from an offset, like contact ids.
            for (long id = 0; id < n; id++) {
                sketch.add(1_000_000_000L + id);
            }
            assertThat(Math.abs(sketch.estimate() - n) / n)
                    .as("%d ids: estimate %.0f", n, sketch.estimate())
                    .isLessThanOrEqualTo(3 * SE);
        }
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
        assertThat(SE).isCloseTo(0.01625, offset(1e-9));
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
        assertThat(Math.abs(a.estimate() - 100_000) / 100_000).isLessThanOrEqualTo(3 * SE);
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
