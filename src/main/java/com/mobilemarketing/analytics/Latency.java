package com.mobilemarketing.analytics;

import com.mobilemarketing.analytics.AnalyticsRepository.LatencyBucket;
import java.util.List;
import java.util.Optional;

/**
 * Percentiles read from the logarithmic latency histogram (V30: bucket 0 is under 0.1 s, bucket
 * b covers [0.1·1.05^(b-1), 0.1·1.05^b) s). The value of a percentile is its bucket's geometric
 * middle, so it is approximate: within about 2.5 % of the exact nearest-rank percentile.
 */
public final class Latency {

    public static final String DELIVERY = "DELIVERY";
    public static final String READ = "READ";

    private static final double BASE_SECONDS = 0.1;
    private static final double GROWTH = 1.05;

    private Latency() {}

    /** p50 and p95 of one kind of latency, with the bucket each percentile fell into. */
    public record Summary(long recipients, int p50Bucket, int p95Bucket) {

        public double p50Seconds() {
            return representativeSeconds(p50Bucket);
        }

        public double p95Seconds() {
            return representativeSeconds(p95Bucket);
        }
    }

    public static Optional<Summary> summary(List<LatencyBucket> histogram, String kind) {
        var buckets = histogram.stream()
                .filter(b -> b.kind().equals(kind) && b.recipients() > 0)
                .toList();
        var total = buckets.stream().mapToLong(LatencyBucket::recipients).sum();
        if (total == 0) {
            return Optional.empty();
        }
        return Optional.of(
                new Summary(total, percentileBucket(buckets, total, 0.5), percentileBucket(buckets, total, 0.95)));
    }

    /** Nearest rank: the bucket holding the ceil(q·n)-th smallest latency. */
    private static int percentileBucket(List<LatencyBucket> sortedBuckets, long total, double q) {
        var rank = (long) Math.ceil(q * total);
        long seen = 0;
        for (var bucket : sortedBuckets) {
            seen += bucket.recipients();
            if (seen >= rank) {
                return bucket.bucket();
            }
        }
        return sortedBuckets.getLast().bucket();
    }

    /** The bucket a latency falls into; the same formula as analytics_latency_bucket(). */
    public static int bucketOf(double seconds) {
        return seconds < BASE_SECONDS ? 0 : 1 + (int) Math.floor(Math.log(seconds / BASE_SECONDS) / Math.log(GROWTH));
    }

    public static double representativeSeconds(int bucket) {
        return bucket == 0 ? BASE_SECONDS / 2 : BASE_SECONDS * Math.pow(GROWTH, bucket - 0.5);
    }
}
