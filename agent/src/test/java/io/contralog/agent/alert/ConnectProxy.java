package io.contralog.agent.alert;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A minimal HTTP CONNECT proxy on loopback that records the targets it was asked to tunnel to. */
final class ConnectProxy implements AutoCloseable {

    private final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    private final List<String> targets = new CopyOnWriteArrayList<>();

    ConnectProxy() throws IOException {
        Thread t = new Thread(this::accept, "connect-proxy");
        t.setDaemon(true);
        t.start();
    }

    int port() {
        return server.getLocalPort();
    }

    List<String> targets() {
        return List.copyOf(targets);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Thread t = new Thread(() -> tunnel(client), "connect-proxy-tunnel");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void tunnel(Socket client) {
        try (client) {
            String head = readHead(client.getInputStream());
            String target = head.split(" ")[1];
            targets.add(target);
            String[] hp = target.split(":");
            try (Socket upstream = new Socket(hp[0], Integer.parseInt(hp[1]))) {
                client.getOutputStream().write("HTTP/1.1 200 Connection established\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
                Thread back = new Thread(() -> pipe(upstream, client), "connect-proxy-back");
                back.setDaemon(true);
                back.start();
                pipe(client, upstream);
                back.join(2000);
            }
        } catch (IOException | RuntimeException e) {
            // The agent closes its connection after each answer; a broken tunnel is expected then.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        int b;
        while (matched < 4 && (b = in.read()) >= 0) {
            head.write(b);
            matched = (b == '\r' || b == '\n') ? matched + 1 : 0;
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    private static void pipe(Socket from, Socket to) {
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            in.transferTo(out);
            to.shutdownOutput();
        } catch (IOException e) {
            // One side closed; the other direction ends on its own.
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
