package com.mobilemarketing.stats;

import java.util.Arrays;

/**
 * A mergeable estimate of how many distinct {@code long} ids were added: a HyperLogLog sketch
 * (Flajolet et al., 2007) of 2^12 one-byte registers. Merging two sketches gives exactly the sketch
 * of the union of their ids, so the distinct contacts of any range are the merge of its day sketches.
 *
 * <p>Each id is hashed to 64 well-mixed bits (the SplitMix64 finalizer, so sequential ids spread
 * evenly); the top 12 bits pick a register, which keeps the largest rank (leading zeros + 1) of the
 * remaining 52 bits seen. The estimate is the standard one, {@code alpha_m * m^2 / sum 2^-M[j]},
 * with linear counting ({@code m * ln(m / empty registers)}) when that is at most 2.5 m and some
 * register is still empty; a 64-bit hash needs no large-range correction. The relative standard
 * error is {@code 1.04 / sqrt(m)}, about 1.6 %; small counts, under linear counting, are nearly exact.
 *
 * <p>Serialized as a version byte followed by the 4 096 registers (4 097 bytes), so the stored
 * format can change with the version. Not thread-safe.
 */
public final class HyperLogLog {

    /** log2 of the number of registers. */
    public static final int LOG2_REGISTERS = 12;

    /** Number of registers, m. */
    public static final int REGISTERS = 1 << LOG2_REGISTERS;

    /** Relative standard error of the estimate, 1.04 / sqrt(m): about 0.016. */
    public static final double RELATIVE_STANDARD_ERROR = 1.04 / Math.sqrt(REGISTERS);

    /** The serialized format written by {@link #toBytes()}. */
    public static final byte FORMAT_VERSION = 1;

    /** Length of the serialized form: the version byte and the registers. */
    public static final int SERIALIZED_BYTES = 1 + REGISTERS;

    /** The largest rank: the bits after the register index all zero. */
    private static final int MAX_RANK = Long.SIZE - LOG2_REGISTERS + 1;

    /** alpha_m for m >= 128 (the bias correction of the raw estimate). */
    private static final double ALPHA = 0.7213 / (1 + 1.079 / REGISTERS);

    private final byte[] registers;

    /** An empty sketch: estimates 0. */
    public HyperLogLog() {
        this.registers = new byte[REGISTERS];
    }

    private HyperLogLog(byte[] registers) {
        this.registers = registers;
    }

    /**
     * The sketch serialized by {@link #toBytes()}. Throws {@link IllegalArgumentException} when the
     * bytes are not a sketch of a known format (wrong length or version, a register out of range).
     */
    public static HyperLogLog fromBytes(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new IllegalArgumentException("Not a HyperLogLog sketch: no bytes");
        }
        if (bytes[0] != FORMAT_VERSION) {
            throw new IllegalArgumentException(
                    "Not a HyperLogLog sketch of format " + FORMAT_VERSION + ": format byte " + bytes[0]);
        }
        if (bytes.length != SERIALIZED_BYTES) {
            throw new IllegalArgumentException("Not a HyperLogLog sketch of format " + FORMAT_VERSION + ": "
                    + bytes.length + " bytes instead of " + SERIALIZED_BYTES);
        }
        var registers = Arrays.copyOfRange(bytes, 1, bytes.length);
        for (int j = 0; j < REGISTERS; j++) {
            if (registers[j] < 0 || registers[j] > MAX_RANK) {
                throw new IllegalArgumentException("Not a HyperLogLog sketch: register " + j + " holds " + registers[j]
                        + " (at most " + MAX_RANK + ")");
            }
        }
        return new HyperLogLog(registers);
    }

    /** The version byte followed by the registers. */
    public byte[] toBytes() {
        var bytes = new byte[SERIALIZED_BYTES];
        bytes[0] = FORMAT_VERSION;
        System.arraycopy(registers, 0, bytes, 1, REGISTERS);
        return bytes;
    }

    /** Adds an id; adding it again changes nothing. */
    public void add(long id) {
        long hash = hash(id);
        int index = (int) (hash >>> (Long.SIZE - LOG2_REGISTERS));
        // The rest of the bits, left-aligned; all zero gives the largest rank.
        long rest = hash << LOG2_REGISTERS;
        int rank = rest == 0 ? MAX_RANK : Long.numberOfLeadingZeros(rest) + 1;
        if (rank > registers[index]) {
            registers[index] = (byte) rank;
        }
    }

    /** Adds the ids of {@code other} (the per-register maximum): this becomes the sketch of the union. */
    public void merge(HyperLogLog other) {
        for (int j = 0; j < REGISTERS; j++) {
            if (other.registers[j] > registers[j]) {
                registers[j] = other.registers[j];
            }
        }
    }

    /** The estimated number of distinct ids added. */
    public double estimate() {
        double sum = 0;
        int empty = 0;
        for (byte register : registers) {
            sum += Math.scalb(1.0, -register);
            if (register == 0) {
                empty++;
            }
        }
        double raw = ALPHA * REGISTERS * REGISTERS / sum;
        if (raw <= 2.5 * REGISTERS && empty > 0) {
            return REGISTERS * Math.log((double) REGISTERS / empty);
        }
        return raw;
    }

    /** The estimate less {@code deviations} standard errors, at least 0. */
    public double lowerBound(int deviations) {
        var estimate = estimate();
        return Math.max(0, estimate * (1 - deviations * RELATIVE_STANDARD_ERROR));
    }

    /** The estimate plus {@code deviations} standard errors. */
    public double upperBound(int deviations) {
        var estimate = estimate();
        return estimate * (1 + deviations * RELATIVE_STANDARD_ERROR);
    }

    /** SplitMix64's finalizer: a bijection of the id whose bits all depend on every bit of it. */
    static long hash(long id) {
        long z = id + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
