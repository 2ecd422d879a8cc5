package com.mobilemarketing.stats;

import java.util.Arrays;

/**
 * A mergeable estimate of how many distinct {@code long} ids were added: a HyperLogLog sketch
 * (Flajolet et al., 2007) of 2^12 one-byte registers. Merging two sketches gives exactly the sketch
 * of the union of their ids, so the distinct contacts of any range are the merge of its sketches.
 *
 * <p>Each id is hashed to 64 well-mixed bits (the SplitMix64 finalizer, so sequential ids spread
 * evenly); the top {@code p = 12} bits pick one of the {@code m = 4 096} registers, which keeps the
 * largest rank seen: the leading zeros + 1 of the remaining {@code q = 52} bits, {@code q + 1 = 53}
 * when they are all zero.
 *
 * <p>The estimate is Otmar Ertl's improved estimator ("New cardinality estimation algorithms for
 * HyperLogLog sketches", 2017, algorithm 6), unbiased from 0 to far beyond any contact count without
 * bias tables or a switch to linear counting (the classic {@code alpha m^2 / sum 2^-M} estimator with
 * linear counting below 2.5 m is biased by several per cent around that switch). From the histogram
 * {@code C[k]} = how many registers hold {@code k}, {@code k = 0 .. q + 1}:
 *
 * <pre>
 * z = m * tau(1 - C[q+1] / m)
 * for k = q down to 1:  z = (z + C[k]) / 2
 * z = z + m * sigma(C[0] / m)
 * estimate = m^2 / (2 ln 2 * z)
 *
 * sigma(x) = x + sum_{k >= 1} x^(2^k) * 2^(k-1)                              (infinite at x = 1)
 * tau(x)   = (1 - x - sum_{k >= 1} (1 - x^(2^-k))^2 * 2^-k) / 3           (0 at x = 0 and x = 1)
 * </pre>
 *
 * The series are summed until a term no longer changes the double. {@code sigma} stands in for the
 * empty registers (it makes small counts behave like linear counting), {@code tau} for the saturated
 * ones. The relative standard error is {@code sqrt(3 ln 2 - 1) / sqrt(m)}, about 1.04 / sqrt(m) =
 * 1.6 %, and smaller for counts well below m; {@code HyperLogLogTest} checks over many independent
 * id sets from 10 to a million ids that the mean error is about 0 and that about 95 % of the
 * estimates fall within two standard errors, the bound the dashboard shows.
 *
 * <p>Serialized as a version byte followed by the 4 096 registers (4 097 bytes), so the stored
 * format can change with the version. Not thread-safe.
 */
public final class HyperLogLog {

    /** log2 of the number of registers. */
    public static final int LOG2_REGISTERS = 12;

    /** Number of registers, m. */
    public static final int REGISTERS = 1 << LOG2_REGISTERS;

    /** Relative standard error of the estimate, sqrt(3 ln 2 - 1) / sqrt(m): about 0.016. */
    public static final double RELATIVE_STANDARD_ERROR = Math.sqrt(3 * Math.log(2) - 1) / Math.sqrt(REGISTERS);

    /** The serialized format written by {@link #toBytes()}. */
    public static final byte FORMAT_VERSION = 1;

    /** Length of the serialized form: the version byte and the registers. */
    public static final int SERIALIZED_BYTES = 1 + REGISTERS;

    /** q: the hash bits after the register index. */
    private static final int RANK_BITS = Long.SIZE - LOG2_REGISTERS;

    /** The largest rank, q + 1: the bits after the register index all zero. */
    private static final int MAX_RANK = RANK_BITS + 1;

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

    /** The estimated number of distinct ids added (Ertl's improved estimator, see the class comment). */
    public double estimate() {
        var histogram = new int[MAX_RANK + 1];
        for (byte register : registers) {
            histogram[register]++;
        }
        if (histogram[0] == REGISTERS) {
            return 0;
        }
        double m = REGISTERS;
        double z = m * tau(1 - histogram[MAX_RANK] / m);
        for (int k = RANK_BITS; k >= 1; k--) {
            z = 0.5 * (z + histogram[k]);
        }
        z += m * sigma(histogram[0] / m);
        return m * m / (2 * Math.log(2) * z);
    }

    /** sigma(x) = x + sum over k >= 1 of x^(2^k) 2^(k-1), for 0 <= x < 1. */
    static double sigma(double x) {
        double power = x;
        double weight = 1;
        double sum = x;
        double previous;
        do {
            power *= power;
            previous = sum;
            sum += power * weight;
            weight *= 2;
        } while (sum != previous);
        return sum;
    }

    /** tau(x) = (1 - x - sum over k >= 1 of (1 - x^(2^-k))^2 2^-k) / 3, for 0 <= x <= 1. */
    static double tau(double x) {
        if (x == 0 || x == 1) {
            return 0;
        }
        double root = x;
        double weight = 1;
        double sum = 1 - x;
        double previous;
        do {
            root = Math.sqrt(root);
            previous = sum;
            weight *= 0.5;
            sum -= (1 - root) * (1 - root) * weight;
        } while (sum != previous);
        return sum / 3;
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
