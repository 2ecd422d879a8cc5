package com.mobilemarketing.ingest;

import com.mobilemarketing.core.db.Tenant;
import com.mobilemarketing.db.enums.Channel;
import com.mobilemarketing.ingest.IngestRepository.ChannelSecret;
import com.mobilemarketing.ingest.IngestRepository.GatewaySecret;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * Integration secrets by URL, cached for a few seconds: at thousands of callbacks per second a
 * secret lookup per request would cost as much as storing the event. Unknown integrations are
 * cached too, so a flood of requests for a made-up URL does not reach the database either.
 */
@Component
public class IntegrationSecrets {

    private record Key(String kind, long accountId, String id) {}

    private record Entry(Optional<?> value, long expiresAt) {}

    private final IngestRepository repository;
    private final long ttlNanos;
    private final Map<Key, Entry> cache = new ConcurrentHashMap<>();

    public IntegrationSecrets(IngestRepository repository, IngestProperties properties) {
        this.repository = repository;
        this.ttlNanos = properties.secretCacheSeconds() * 1_000_000_000L;
    }

    @SuppressWarnings("unchecked")
    public Optional<GatewaySecret> gateway(long accountId, long gatewayId) {
        return (Optional<GatewaySecret>) cached(
                new Key("sms", accountId, Long.toString(gatewayId)),
                () -> Tenant.call(accountId, () -> repository.findGateway(accountId, gatewayId)));
    }

    @SuppressWarnings("unchecked")
    public Optional<ChannelSecret> channel(long accountId, Channel channel) {
        return (Optional<ChannelSecret>) cached(
                new Key("channel", accountId, channel.name()),
                () -> Tenant.call(accountId, () -> repository.findChannel(accountId, channel)));
    }

    /** Forgets every cached secret, e.g. after an integration's secret was rotated. */
    public void clear() {
        cache.clear();
    }

    private Optional<?> cached(Key key, Supplier<Optional<?>> load) {
        long now = System.nanoTime();
        var entry = cache.get(key);
        if (entry == null || now - entry.expiresAt() > 0) {
            if (cache.size() > 10_000) {
                cache.clear();
            }
            entry = new Entry(load.get(), now + ttlNanos);
            cache.put(key, entry);
        }
        return entry.value();
    }
}
