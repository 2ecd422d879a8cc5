package com.mobilemarketing.demo;

import com.mobilemarketing.core.db.Tenant;
import com.mobilemarketing.demo.DemoTrafficRepository.DemoChannel;
import com.mobilemarketing.ingest.LinkTokens;
import com.mobilemarketing.ingest.Signatures;
import jakarta.annotation.PreDestroy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Demo switch {@code app.demo.live-traffic=true}: every minute each integration of every account
 * gets a small new message "now", and over the next minutes the app posts realistic, correctly
 * signed sent / delivered / read / failed callbacks, clicks and now and then a STOP reply (an
 * opt-out) for it to its own endpoints on 127.0.0.1, so a demo dashboard visibly lives. The rate stays a few requests per second.
 */
@Component
@ConditionalOnProperty(name = "app.demo.live-traffic", havingValue = "true")
public class DemoTraffic {

    private static final Logger log = LoggerFactory.getLogger(DemoTraffic.class);

    private final DemoTrafficRepository repository;
    private final LinkTokens tokens;
    private final Clock clock;
    private final Environment environment;
    private final int recipientsPerMessage;
    private final long periodSeconds;
    /** The channel whose integrations send no reports ({@code app.demo.break}), or null. */
    private final @Nullable String broken;

    /** Of the delivered recipients, this share answers STOP a few minutes later. */
    private static final double STOP_SHARE = 0.01;

    private final Random random = new Random();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private @Nullable ScheduledExecutorService executor;

    public DemoTraffic(
            DemoTrafficRepository repository,
            LinkTokens tokens,
            Clock clock,
            Environment environment,
            DemoProperties properties) {
        this.repository = repository;
        this.tokens = tokens;
        this.clock = clock;
        this.environment = environment;
        this.recipientsPerMessage = Math.min(properties.liveTrafficRecipients(), 200);
        this.periodSeconds = Math.max(properties.liveTrafficPeriodSeconds(), 10);
        this.broken =
                properties.breakChannel() == null || properties.breakChannel().isBlank()
                        ? null
                        : properties.breakChannel().trim().toUpperCase(java.util.Locale.ROOT);
    }

    @EventListener(ApplicationReadyEvent.class)
    public void start() {
        var scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("demo-traffic").daemon(true).factory());
        executor = scheduler;
        scheduler.scheduleAtFixedRate(this::safeRound, 2, periodSeconds, TimeUnit.SECONDS);
        log.info("Demo live traffic is on: a new message per integration every {} s", periodSeconds);
        if (broken != null) {
            log.warn("Demo live traffic breaks {}: its messages go out, but no delivery report comes back", broken);
        }
    }

    @PreDestroy
    void stop() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    private void safeRound() {
        try {
            round();
        } catch (RuntimeException e) {
            log.warn("Demo live traffic round failed", e);
        }
    }

    private void round() {
        var scheduler = executor;
        if (scheduler == null) {
            return;
        }
        log.info("Demo live traffic: {} requests answered 2xx/3xx, {} refused so far", accepted.get(), refused.get());
        for (var channel : Tenant.allAccounts(repository::channels)) {
            long messageId = Tenant.call(
                    channel.accountId(),
                    () -> repository.createMessage(channel, recipientsPerMessage, clock.instant()));
            if (channel.channel().equals(broken)) {
                // A broken gateway: the message went out, and its callbacks never come.
                continue;
            }
            for (var recipient :
                    Tenant.call(channel.accountId(), () -> repository.recipients(channel.accountId(), messageId))) {
                var id = recipient.providerMessageId();
                double r = random.nextDouble();
                boolean sms = "SMS".equals(channel.channel());
                long deliveredAfter = 1500 + (long) (-Math.log(1 - random.nextDouble()) * (sms ? 6000 : 2500));
                if (!"VIBER".equals(channel.channel())) {
                    later(scheduler, 300 + random.nextInt(1200), () -> status(channel, id, "sent", null));
                }
                if (r < 0.93) {
                    later(scheduler, deliveredAfter, () -> status(channel, id, "delivered", null));
                    if (!sms && random.nextDouble() < 0.7) {
                        later(
                                scheduler,
                                deliveredAfter + 5000 + random.nextInt(120_000),
                                () -> status(channel, id, "read", null));
                    }
                    if (random.nextDouble() < STOP_SHARE) {
                        later(
                                scheduler,
                                deliveredAfter + 30_000 + random.nextInt(240_000),
                                () -> stop(channel, recipient.phone()));
                    }
                    if (random.nextDouble() < 0.12) {
                        var link = tokens.link(
                                new LinkTokens.Target(channel.accountId(), messageId, recipient.contactId(), 1));
                        later(scheduler, deliveredAfter + 20_000 + random.nextInt(150_000), () -> click(link));
                    }
                } else if (r < 0.97) {
                    later(
                            scheduler,
                            2000 + random.nextInt(20_000),
                            () -> status(channel, id, "failed", errorCode(channel)));
                }
            }
        }
    }

    private static String errorCode(DemoChannel channel) {
        return switch (channel.channel()) {
            case "SMS" -> "30003";
            case "WHATSAPP" -> "131026";
            default -> "NOT_VIBER_USER";
        };
    }

    private static void later(ScheduledExecutorService scheduler, long millis, Runnable work) {
        scheduler.schedule(work, millis, TimeUnit.MILLISECONDS);
    }

    private String base() {
        return "http://127.0.0.1:" + environment.getProperty("local.server.port", "8080");
    }

    /** A JSON callback of WhatsApp or Viber to the app's own endpoint, signed as that provider signs. */
    private HttpRequest signedJson(DemoChannel channel, byte[] body) {
        var whatsapp = "WHATSAPP".equals(channel.channel());
        return HttpRequest.newBuilder(
                        URI.create(base() + "/callbacks/" + (whatsapp ? "whatsapp/" : "viber/") + channel.accountId()))
                .header("Content-Type", "application/json")
                .header(
                        whatsapp ? "X-Hub-Signature-256" : "X-Viber-Content-Signature",
                        whatsapp ? Signatures.meta(channel.secret(), body) : Signatures.viber(channel.secret(), body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
    }

    private void status(DemoChannel channel, String providerId, String status, @Nullable String error) {
        long nowMillis = clock.millis();
        HttpRequest request = switch (channel.channel()) {
            case "SMS" -> {
                var url = base() + "/callbacks/sms/" + channel.accountId() + "/" + channel.gatewayId();
                var params = new LinkedHashMap<String, List<String>>();
                params.put("MessageSid", List.of(providerId));
                params.put("MessageStatus", List.of("failed".equals(status) ? "undelivered" : status));
                if (error != null) {
                    params.put("ErrorCode", List.of(error));
                }
                yield form(url, channel, params);
            }
            case "WHATSAPP" -> {
                var body =
                        ("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"demo\",\"changes\":[{\"field\":"
                                        + "\"messages\",\"value\":{\"messaging_product\":\"whatsapp\",\"statuses\":[{\"id\":\"%s\","
                                        + "\"status\":\"%s\",\"timestamp\":\"%d\"%s}]}}]}]}")
                                .formatted(
                                        providerId,
                                        status,
                                        nowMillis / 1000,
                                        error == null ? "" : ",\"errors\":[{\"code\":" + error + "}]")
                                .getBytes(StandardCharsets.UTF_8);
                yield signedJson(channel, body);
            }
            default -> {
                var event = "read".equals(status) ? "seen" : status;
                var body = ("{\"event\":\"%s\",\"timestamp\":%d,\"message_token\":%s%s}")
                        .formatted(event, nowMillis, providerId, error == null ? "" : ",\"desc\":\"" + error + "\"")
                        .getBytes(StandardCharsets.UTF_8);
                yield signedJson(channel, body);
            }
        };
        send(request);
    }

    /** A recipient answers STOP: an SMS reply, a WhatsApp text message or Viber's unsubscribed event. */
    private void stop(DemoChannel channel, String phone) {
        var digits = phone.replaceAll("[^0-9]", "");
        var id = "demo-stop-" + clock.millis() + "-" + random.nextInt(1_000_000);
        HttpRequest request = switch (channel.channel()) {
            case "SMS" -> {
                var url = base() + "/callbacks/sms/" + channel.accountId() + "/" + channel.gatewayId() + "/inbound";
                var params = new LinkedHashMap<String, List<String>>();
                params.put("MessageSid", List.of("SM" + id));
                params.put("From", List.of("+" + digits));
                params.put("To", List.of("+48500000000"));
                params.put("Body", List.of("STOP"));
                yield form(url, channel, params);
            }
            case "WHATSAPP" ->
                signedJson(
                        channel,
                        ("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"demo\",\"changes\":[{\"field\":"
                                        + "\"messages\",\"value\":{\"messaging_product\":\"whatsapp\",\"messages\":[{\"from\":"
                                        + "\"%s\",\"id\":\"wamid.%s\",\"timestamp\":\"%d\",\"type\":\"text\",\"text\":{\"body\":"
                                        + "\"STOP\"}}]}}]}]}")
                                .formatted(digits, id, clock.millis() / 1000)
                                .getBytes(StandardCharsets.UTF_8));
            default ->
                signedJson(
                        channel,
                        "{\"event\":\"unsubscribed\",\"timestamp\":%d,\"user_id\":\"%s\",\"message_token\":%d}"
                                .formatted(clock.millis(), digits, clock.millis() * 1000 + random.nextInt(1000))
                                .getBytes(StandardCharsets.UTF_8));
        };
        send(request);
    }

    /** A form post to the app's own SMS endpoint, signed as Twilio signs. */
    private static HttpRequest form(String url, DemoChannel channel, LinkedHashMap<String, List<String>> params) {
        var body = params.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue().getFirst(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Twilio-Signature", Signatures.twilio(channel.secret(), url, params))
                .timeout(Duration.ofSeconds(5))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    private void click(String link) {
        var path = URI.create(link).getPath();
        send(HttpRequest.newBuilder(URI.create(base() + path))
                .header("User-Agent", "Mozilla/5.0 (Linux; Android 14) Mobile")
                .timeout(Duration.ofSeconds(5))
                .GET()
                .build());
    }

    private void send(HttpRequest request) {
        try {
            var response = http.send(request, HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() >= 400) {
                refused.incrementAndGet();
                log.warn("Demo callback {} answered {}", request.uri(), response.statusCode());
            } else {
                accepted.incrementAndGet();
            }
        } catch (java.io.IOException e) {
            log.debug("Demo callback {} failed", request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
