package io.contralog.agent.http;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;

/** Routes one request; scoring runs off the event loop because it can take milliseconds. */
final class RequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final String PROMETHEUS = "text/plain; version=0.0.4; charset=utf-8";

    private final Routes routes;

    RequestHandler(Routes routes) {
        this.routes = routes;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
        String path = new QueryStringDecoder(req.uri()).path();
        boolean keepAlive = HttpUtil.isKeepAlive(req);
        if (path.equals("/api/v1/score")) {
            if (!req.method().equals(HttpMethod.POST)) {
                reply(ctx, Routes.Reply.text(HttpResponseStatus.METHOD_NOT_ALLOWED, "use POST\n"), keepAlive);
                return;
            }
            byte[] body = ByteBufUtil.getBytes(req.content());
            java.util.concurrent.CompletableFuture.supplyAsync(() -> routes.score(body))
                .whenComplete((r, e) -> ctx.executor().execute(() -> reply(ctx, r != null ? r
                    : Routes.Reply.text(HttpResponseStatus.INTERNAL_SERVER_ERROR, "scoring failed: " + e + "\n"),
                    keepAlive)));
            return;
        }
        if (!req.method().equals(HttpMethod.GET) && !req.method().equals(HttpMethod.HEAD)) {
            reply(ctx, Routes.Reply.text(HttpResponseStatus.METHOD_NOT_ALLOWED, "use GET\n"), keepAlive);
            return;
        }
        reply(ctx, get(path), keepAlive);
    }

    private Routes.Reply get(String path) {
        return switch (path) {
            case "/healthz" -> routes.healthy() ? Routes.Reply.text(HttpResponseStatus.OK, "ok\n")
                : Routes.Reply.text(HttpResponseStatus.SERVICE_UNAVAILABLE, "unhealthy\n");
            case "/readyz" -> routes.ready() ? Routes.Reply.text(HttpResponseStatus.OK, "ready\n")
                : Routes.Reply.text(HttpResponseStatus.SERVICE_UNAVAILABLE, "not ready\n");
            case "/metrics" -> new Routes.Reply(HttpResponseStatus.OK, PROMETHEUS,
                routes.metrics().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            case "/api/v1/alerts" -> Routes.Reply.json(HttpResponseStatus.OK, routes.recentAlerts());
            default -> Routes.Reply.text(HttpResponseStatus.NOT_FOUND,
                "not found; try /healthz, /readyz, /metrics, /api/v1/alerts or POST /api/v1/score\n");
        };
    }

    private static void reply(ChannelHandlerContext ctx, Routes.Reply r, boolean keepAlive) {
        FullHttpResponse res = new DefaultFullHttpResponse(io.netty.handler.codec.http.HttpVersion.HTTP_1_1,
            r.status(), Unpooled.wrappedBuffer(r.body()));
        res.headers().set(HttpHeaderNames.CONTENT_TYPE, r.contentType());
        HttpUtil.setContentLength(res, r.body().length);
        HttpUtil.setKeepAlive(res, keepAlive);
        ctx.writeAndFlush(res);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
