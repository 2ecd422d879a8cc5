package com.mobilemarketing.ingest;

import com.mobilemarketing.core.ops.RequestIdFilter;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The provider callbacks ({@link Callbacks}) on a port of their own ({@code app.ingest.listener-port}),
 * served by an event loop: the thread that reads a request checks it, hands its events to the group
 * commit and goes on to the next connection; the commit's writer hands the answers back. On the
 * app's port every callback wakes Tomcat's poller and a request thread, and the request thread
 * again when its commit is done, and half of the app's CPU per callback was the kernel's part of
 * those wake-ups (docs/benchmarks.md). Here one wake-up of the loop serves every request that is
 * ready, and one of the writer's batches is answered in one.
 *
 * <p>Only the status callbacks and replies are served here (the shop's orders and the gateways'
 * reports stay on the app's port), with the same answers, limits and signatures as on the app's
 * port; the loop never waits for the database. Answers on one connection go out in the order of its
 * requests. An integration's secret comes from {@link IntegrationSecrets}' cache; a URL not seen in
 * the last {@code secret-cache-seconds} reads it once, on the loop.
 */
@Component
public class CallbackListener implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CallbackListener.class);

    private final Callbacks callbacks;
    private final IngestProperties properties;
    /** Requests read and not yet answered: a stop waits for them. */
    private final AtomicInteger inFlight = new AtomicInteger();

    private @Nullable EventLoopGroup group;
    private @Nullable Channel server;

    public CallbackListener(Callbacks callbacks, IngestProperties properties) {
        this.callbacks = callbacks;
        this.properties = properties;
    }

    @Override
    public void start() {
        if (properties.listenerPort() < 0) {
            return;
        }
        var connections = new ConnectionLimit(properties.listenerMaxConnections());
        var loops = new MultiThreadIoEventLoopGroup(
                properties.listenerThreads(), new DefaultThreadFactory("callback-listener"), NioIoHandler.newFactory());
        try {
            var bootstrap = new ServerBootstrap()
                    .group(loops)
                    .channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel channel) {
                            channel.pipeline()
                                    .addLast(connections)
                                    .addLast(new IdleStateHandler(0, 0, properties.listenerIdleSeconds()))
                                    .addLast(new HttpServerCodec())
                                    .addLast(new HttpServerKeepAliveHandler())
                                    .addLast(new BodyLimit(properties.maxBodyBytes()))
                                    .addLast(new Connection());
                        }
                    });
            var address = properties.listenerAddress().isEmpty()
                    ? new InetSocketAddress(properties.listenerPort())
                    : new InetSocketAddress(properties.listenerAddress(), properties.listenerPort());
            server = bootstrap.bind(address).syncUninterruptibly().channel();
            group = loops;
            log.info("Callback listener on port {}", port());
        } catch (RuntimeException e) {
            loops.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            throw e;
        }
    }

    /**
     * Stops taking connections, waits for the requests being answered (at most the group commit's
     * timeout: each one's commit completes or fails by then), then closes the connections.
     */
    @Override
    public void stop() {
        var loops = group;
        if (loops == null) {
            return;
        }
        if (server != null) {
            server.close().syncUninterruptibly();
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(properties.writerTimeoutMs());
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        loops.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        group = null;
        server = null;
    }

    @Override
    public boolean isRunning() {
        return group != null;
    }

    /** Starts after the group commit's writers and stops before them ({@link GroupCommit#getPhase}). */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 2048;
    }

    /** The port it listens on; -1 when it does not. */
    public int port() {
        return server != null && server.localAddress() instanceof InetSocketAddress address ? address.getPort() : -1;
    }

    /**
     * Closes a connection at once when {@code max} are open already, as Tomcat stops accepting at its
     * {@code max-connections}: a client that opens connections without end cannot take the memory.
     */
    @ChannelHandler.Sharable
    static final class ConnectionLimit extends ChannelInboundHandlerAdapter {

        private final int max;
        private final AtomicInteger open = new AtomicInteger();
        /** Whether the limit was reached since the count was last below it (logged once each time). */
        private volatile boolean full;

        ConnectionLimit(int max) {
            this.max = max;
        }

        @Override
        public void channelActive(ChannelHandlerContext context) throws Exception {
            if (open.incrementAndGet() > max) {
                if (!full) {
                    full = true;
                    log.warn("Callback listener: {} connections open, closing new ones", max);
                }
                context.close();
                return;
            }
            super.channelActive(context);
        }

        @Override
        public void channelInactive(ChannelHandlerContext context) throws Exception {
            if (open.decrementAndGet() < max) {
                full = false;
            }
            super.channelInactive(context);
        }

        int open() {
            return open.get();
        }
    }

    /** The body up to {@code app.ingest.max-body-bytes}; a longer one gets the same 413 as on the app's port. */
    private static final class BodyLimit extends HttpObjectAggregator {

        BodyLimit(int maxBodyBytes) {
            super(maxBodyBytes);
        }

        @Override
        protected void handleOversizedMessage(ChannelHandlerContext context, HttpMessage oversized) {
            // Answered by the connection, after the answers of its earlier requests.
            context.fireUserEventTriggered(
                    new Oversized(RequestIdFilter.idOf(oversized.headers().get(RequestIdFilter.HEADER))));
        }
    }

    /** A request whose body is over the limit: a 413, and the connection closes. */
    private record Oversized(String requestId) {}

    /** One connection: its requests, and their answers in the order of the requests. */
    private final class Connection extends SimpleChannelInboundHandler<FullHttpRequest> {

        /** The answer of the connection's latest request (pipelined requests wait for it). */
        private CompletableFuture<?> latest = CompletableFuture.completedFuture(null);

        @Override
        protected void channelRead0(ChannelHandlerContext context, FullHttpRequest request) {
            var requestId = RequestIdFilter.idOf(request.headers().get(RequestIdFilter.HEADER));
            var failure = request.decoderResult().cause();
            if (failure != null) {
                var answer = failure instanceof TooLongHttpLineException
                        ? Callbacks.Answer.of(HttpStatus.URI_TOO_LONG, "request line too long")
                        : failure instanceof TooLongHttpHeaderException
                                ? Callbacks.Answer.of(HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "headers too large")
                                : Callbacks.Answer.of(HttpStatus.BAD_REQUEST, "malformed HTTP request");
                refuse(context, answer, requestId);
                return;
            }
            boolean keepAlive = HttpUtil.isKeepAlive(request);
            var answer = answer(context, request, requestId);
            inFlight.incrementAndGet();
            // Completed by whichever thread completes it (the group commit's writer, or this one at
            // once), and written by the connection's loop in the order of the chain. The chain itself
            // never fails.
            latest = latest.thenCombine(answer, (previous, mine) -> mine).handle((mine, unanswered) -> {
                inFlight.decrementAndGet();
                inOrder(context, () -> {
                    if (mine != null) {
                        context.writeAndFlush(response(mine, requestId, keepAlive));
                    } else {
                        log.debug("Callback not answered", unanswered);
                        context.close();
                    }
                });
                return null;
            });
        }

        private CompletableFuture<Callbacks.Answer> answer(
                ChannelHandlerContext context, FullHttpRequest request, String requestId) {
            var query = new QueryStringDecoder(request.uri());
            String path;
            try {
                path = query.path();
            } catch (IllegalArgumentException e) {
                return CompletableFuture.completedFuture(
                        Callbacks.Answer.of(HttpStatus.BAD_REQUEST, "malformed: URL encoding"));
            }
            if (!path.startsWith(Callbacks.PREFIX)) {
                return Callbacks.unknownUrl();
            }
            var segments = Callbacks.segments(path);
            if (Callbacks.servedBySpringMvc(segments)) {
                return CompletableFuture.completedFuture(Callbacks.Answer.of(
                        HttpStatus.NOT_FOUND, "served on the app's port, not the callback listener"));
            }
            MDC.put(RequestIdFilter.MDC_KEY, requestId);
            try {
                return callbacks.answer(segments, new NettyRequest(context, request, query));
            } finally {
                MDC.remove(RequestIdFilter.MDC_KEY);
            }
        }

        /**
         * A refusal after which the connection closes: nothing more is read, and it is written after
         * the answers of the connection's earlier requests (a client that pipelined a callback before
         * it must not take the refusal for that callback's answer).
         */
        private void refuse(ChannelHandlerContext context, Callbacks.Answer answer, String requestId) {
            context.channel().config().setAutoRead(false);
            inFlight.incrementAndGet();
            latest = latest.handle((previous, unanswered) -> {
                inFlight.decrementAndGet();
                inOrder(
                        context,
                        () -> context.writeAndFlush(response(answer, requestId, false))
                                .addListener(ChannelFutureListener.CLOSE));
                return null;
            });
        }

        /**
         * Runs a write on the connection's loop after those handed to it before. A write called on
         * the loop itself would run at once, ahead of an earlier answer that another thread (the
         * group commit's writer) has handed to the loop but the loop has not written yet.
         */
        private static void inOrder(ChannelHandlerContext context, Runnable write) {
            context.executor().execute(write);
        }

        /**
         * A client that sends without reading its answers fills the connection's outgoing buffer:
         * past its high-water mark nothing more is read from it until the answers drain (or the idle
         * timeout closes it), so its buffer stays bounded.
         */
        @Override
        public void channelWritabilityChanged(ChannelHandlerContext context) throws Exception {
            context.channel().config().setAutoRead(context.channel().isWritable());
            super.channelWritabilityChanged(context);
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext context, Object event) throws Exception {
            if (event instanceof IdleStateEvent) {
                context.close();
            } else if (event instanceof Oversized oversized) {
                refuse(
                        context,
                        Callbacks.Answer.of(HttpStatus.CONTENT_TOO_LARGE, "body too large"),
                        oversized.requestId());
            } else {
                super.userEventTriggered(context, event);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
            log.debug("Callback connection failed", cause);
            context.close();
        }
    }

    private static DefaultFullHttpResponse response(Callbacks.Answer answer, String requestId, boolean keepAlive) {
        var body = Unpooled.wrappedBuffer(answer.body());
        var response = new DefaultFullHttpResponse(
                HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(answer.status().value()), body);
        var headers = response.headers();
        answer.headers().forEach(headers::set);
        headers.setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes()).set(RequestIdFilter.HEADER, requestId);
        HttpUtil.setKeepAlive(response, keepAlive);
        return response;
    }

    /** A request as the listener read it, body and all; the loop's thread must not wait for the commit. */
    private record NettyRequest(ChannelHandlerContext context, FullHttpRequest request, QueryStringDecoder query)
            implements Callbacks.Request {

        @Override
        public String method() {
            return request.method().name();
        }

        @Override
        public @Nullable String header(String name) {
            return request.headers().get(name);
        }

        @Override
        public @Nullable String queryParameter(String name) {
            var values = query.parameters().get(name);
            return values == null || values.isEmpty() ? null : values.getFirst();
        }

        @Override
        public byte[] body(int limit) {
            // The aggregator refused anything longer than app.ingest.max-body-bytes.
            return ByteBufUtil.getBytes(request.content());
        }

        @Override
        public Map<String, List<String>> parsedForm() {
            return Map.of();
        }

        @Override
        public String url() {
            var host = request.headers().get(HttpHeaderNames.HOST);
            if (host == null && context.channel().localAddress() instanceof InetSocketAddress local) {
                host = local.getHostString() + ":" + local.getPort();
            }
            return "http://" + host + request.uri();
        }

        @Override
        public String pathAndQuery() {
            return request.uri();
        }

        @Override
        public boolean mayWait() {
            return false;
        }
    }
}
