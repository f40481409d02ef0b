package io.contralog.agent.alert;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.proxy.HttpProxyHandler;
import io.netty.handler.proxy.Socks5ProxyHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.ReadTimeoutHandler;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Posts alert bodies with Netty: one short-lived connection per attempt, HTTPS with the destination's own
 * TLS context, an optional HTTP CONNECT or SOCKS5 proxy, and one timeout covering connect and response.
 *
 * <p>A connection per attempt costs a handshake but keeps retries independent: a receiver that half-closed
 * a pooled connection can never swallow an alert.
 */
public final class NettyHttpSender implements AutoCloseable {

    private static final int MAX_RESPONSE = 64 * 1024;

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());

    /** Creates the sender and its single I/O thread. */
    public NettyHttpSender() {
    }

    /**
     * Posts the request; the future fails on connection errors, TLS failures and timeouts, and completes with any
     * HTTP answer. A failed TLS handshake fails the future with the handshake's own exception, an
     * {@link javax.net.ssl.SSLException}, rather than with the connection close that follows it.
     *
     * @param ssl the destination's client context (see {@link ClientTls}); used only for https URLs
     */
    public CompletableFuture<HttpResult> post(HttpRequestSpec request, Duration timeout, URI proxy, SslContext ssl) {
        CompletableFuture<HttpResult> result = new CompletableFuture<>();
        URI uri = request.uri();
        boolean https = "https".equalsIgnoreCase(uri.getScheme());
        int port = uri.getPort() > 0 ? uri.getPort() : https ? 443 : 80;
        Bootstrap b = new Bootstrap().group(group).channel(NioSocketChannel.class)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()))
            .handler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel ch) {
                    ChannelPipeline p = ch.pipeline();
                    if (proxy != null) {
                        p.addLast(proxyHandler(proxy));
                    }
                    if (https) {
                        p.addLast(ssl.newHandler(ch.alloc(), uri.getHost(), port));
                    }
                    p.addLast(new ReadTimeoutHandler(timeout.toMillis(), TimeUnit.MILLISECONDS));
                    p.addLast(new HttpClientCodec());
                    p.addLast(new HttpObjectAggregator(MAX_RESPONSE));
                    p.addLast(new ResponseHandler(result));
                }
            });
        InetSocketAddress target = proxy == null ? new InetSocketAddress(uri.getHost(), port)
            : InetSocketAddress.createUnresolved(uri.getHost(), port);
        ChannelFuture connect = b.connect(target);
        connect.addListener(f -> {
            if (!f.isSuccess()) {
                result.completeExceptionally(f.cause());
                return;
            }
            Channel ch = connect.channel();
            SslHandler tls = ch.pipeline().get(SslHandler.class);
            if (tls != null) {
                tls.handshakeFuture().addListener(h -> {
                    if (!h.isSuccess()) {
                        result.completeExceptionally(h.cause());
                    }
                });
            }
            ch.writeAndFlush(toNetty(request, port, https)).addListener(w -> {
                if (!w.isSuccess()) {
                    result.completeExceptionally(handshakeFailure(tls, w.cause()));
                    ch.close();
                }
            });
            ch.closeFuture().addListener(c -> result.completeExceptionally(
                handshakeFailure(tls, new java.io.IOException("connection closed before a response"))));
        });
        group.schedule(() -> result.completeExceptionally(
            new java.util.concurrent.TimeoutException("no response within " + timeout.toMillis() + "ms")),
            timeout.toMillis() * 2, TimeUnit.MILLISECONDS);
        return result;
    }

    private static Throwable handshakeFailure(SslHandler tls, Throwable otherwise) {
        if (tls != null && tls.handshakeFuture().isDone() && !tls.handshakeFuture().isSuccess()) {
            return tls.handshakeFuture().cause();
        }
        return otherwise;
    }

    private static io.netty.channel.ChannelHandler proxyHandler(URI proxy) {
        InetSocketAddress address = new InetSocketAddress(proxy.getHost(), proxy.getPort());
        return "socks5".equalsIgnoreCase(proxy.getScheme()) ? new Socks5ProxyHandler(address)
            : new HttpProxyHandler(address);
    }

    private static FullHttpRequest toNetty(HttpRequestSpec spec, int port, boolean https) {
        URI uri = spec.uri();
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (uri.getRawQuery() != null) {
            path = path + "?" + uri.getRawQuery();
        }
        FullHttpRequest req = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, path,
            Unpooled.wrappedBuffer(spec.body()));
        boolean defaultPort = port == (https ? 443 : 80);
        req.headers().set(HttpHeaderNames.HOST, defaultPort ? uri.getHost() : uri.getHost() + ":" + port);
        req.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
        req.headers().set(HttpHeaderNames.CONTENT_LENGTH, spec.body().length);
        req.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        req.headers().set(HttpHeaderNames.USER_AGENT, "contralog-agent");
        for (Map.Entry<String, String> h : spec.headers().entrySet()) {
            req.headers().set(h.getKey(), h.getValue());
        }
        return req;
    }

    static Duration parseRetryAfter(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(v)));
        } catch (NumberFormatException e) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration d = Duration.between(ZonedDateTime.now(at.getZone()), at);
                return d.isNegative() ? Duration.ZERO : d;
            } catch (java.time.format.DateTimeParseException e2) {
                return null;
            }
        }
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static final class ResponseHandler extends SimpleChannelInboundHandler<FullHttpResponse> {
        private final CompletableFuture<HttpResult> result;

        ResponseHandler(CompletableFuture<HttpResult> result) {
            this.result = result;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse msg) {
            String body = msg.content().toString(StandardCharsets.UTF_8);
            result.complete(new HttpResult(msg.status().code(),
                parseRetryAfter(msg.headers().get(HttpHeaderNames.RETRY_AFTER)),
                body.length() > 500 ? body.substring(0, 500) : body));
            ctx.close();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            result.completeExceptionally(cause);
            ctx.close();
        }
    }
}
