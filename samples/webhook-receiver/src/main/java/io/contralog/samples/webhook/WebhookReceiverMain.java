package io.contralog.samples.webhook;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Command line of the sample webhook receiver: listens until stopped and prints each alert as it arrives. */
@Command(name = "webhook-receiver", mixinStandardHelpOptions = true,
    description = "Receives ContraLog alerts over HTTP, verifies their Standard Webhooks signature and prints them.")
public final class WebhookReceiverMain implements Callable<Integer> {

    @Option(names = "--bind", defaultValue = "127.0.0.1", description = "Address to listen on (${DEFAULT-VALUE}).")
    String bind;

    @Option(names = "--port", defaultValue = "9099", description = "Port to listen on; 0 picks a free one.")
    int port;

    @Option(names = "--secret", defaultValue = "${env:CONTRALOG_WEBHOOK_SECRET}",
        description = "Signing secret (whsec_...), also read from CONTRALOG_WEBHOOK_SECRET; without one, "
            + "deliveries are accepted unverified.")
    String secret;

    @Option(names = "--out", paramLabel = "FILE", description = "Also append each alert's JSON body as one line.")
    Path out;

    @Option(names = "--port-file", paramLabel = "FILE", description = "Write the port here once listening.")
    Path portFile;

    public static void main(String[] args) {
        System.exit(new CommandLine(new WebhookReceiverMain())
            .setExecutionExceptionHandler((e, cmd, parsed) -> {
                cmd.getErr().println("webhook-receiver: " + e);
                return 1;
            })
            .execute(args));
    }

    @Override
    public Integer call() throws Exception {
        WebhookSignature signature = secret == null || secret.isBlank() ? null : parseSecret();
        AlertPrinter printer = new AlertPrinter(System.out);
        CountDownLatch stopped = new CountDownLatch(1);
        try (BufferedWriter file = out == null ? null : Files.newBufferedWriter(out, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
             WebhookReceiver receiver = WebhookReceiver.start(new InetSocketAddress(bind, port), signature,
                 listener(printer, file))) {
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "receiver-shutdown"));
            announce(receiver, signature);
            stopped.await();
        }
        return 0;
    }

    private WebhookSignature parseSecret() {
        try {
            return WebhookSignature.fromSecret(secret);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--secret: " + e.getMessage(), e);
        }
    }

    private void announce(WebhookReceiver receiver, WebhookSignature signature) throws IOException {
        if (portFile != null) {
            Path tmp = portFile.resolveSibling(portFile.getFileName() + ".tmp");
            Files.writeString(tmp, Integer.toString(receiver.port()));
            Files.move(tmp, portFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
        System.out.printf("webhook receiver listening on http://%s:%d/ (%s)%n", bind, receiver.port(),
            signature == null ? "signatures NOT checked: no secret given" : "verifying signatures");
        System.out.flush();
    }

    private static WebhookReceiver.Listener listener(AlertPrinter printer, BufferedWriter file) {
        return new WebhookReceiver.Listener() {
            @Override
            public void accepted(ReceivedAlert alert) {
                printer.print(alert);
                if (file != null) {
                    append(file, alert.body());
                }
            }

            @Override
            public void rejected(String reason) {
                System.out.println("refused a delivery: " + reason);
            }
        };
    }

    private static void append(BufferedWriter file, String body) {
        try {
            file.write(body.replace('\n', ' '));
            file.newLine();
            file.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append the alert to --out", e);
        }
    }
}
