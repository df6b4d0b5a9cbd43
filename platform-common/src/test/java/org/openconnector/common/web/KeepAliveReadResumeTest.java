package org.openconnector.common.web;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Guards the Reactor Netty version every service runs on (root pom: {@code reactor-netty.version}).
 * Reactor Netty 1.3.6 (Boot 4.0.7's) stopped reading a kept-alive connection after a request that had
 * been buffered behind a slower one was answered synchronously (reactor-netty #4361, fixed by #4347):
 * the client's next request then sat unread until the client gave up. In our builds this showed up as
 * a test request "stalling" 5-30 s on a busy machine although the service answered the one before it
 * in a millisecond; behind the gateway it would be a 504. Reproduced deterministically: two requests written
 * at once (the first answers after 50 ms, so the second is buffered behind it), then a third one.
 */
class KeepAliveReadResumeTest {

    private static final Pattern STATUS_LINE = Pattern.compile("HTTP/1\\.1 200 OK");

    @Test
    void answersEveryRequestOfAKeptAliveConnectionWhenEarlierOnesWereBuffered() throws Exception {
        DisposableServer server = HttpServer.create().host("127.0.0.1").port(0)
                .handle((request, response) -> response.sendString(request.uri().equals("/first")
                        ? Mono.delay(Duration.ofMillis(50)).thenReturn("ok")
                        : Mono.just("ok")))
                .bindNow(Duration.ofSeconds(10));
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000); // a guard against hanging the build, not a measurement
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            send(out, "/first", "/second");
            assertThat(readAnswers(in, 2)).as("the slow request and the one buffered behind it").isEqualTo(2);
            send(out, "/third");
            assertThat(readAnswers(in, 1)).as("the next request on the same connection").isEqualTo(1);
        }
        finally {
            server.disposeNow();
        }
    }

    private static void send(OutputStream out, String... paths) throws Exception {
        StringBuilder requests = new StringBuilder();
        for (String path : paths) {
            requests.append("GET ").append(path).append(" HTTP/1.1\r\nHost: localhost\r\n\r\n");
        }
        out.write(requests.toString().getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** Reads until {@code expected} status lines have arrived or the server goes quiet; returns how many arrived. */
    private static int readAnswers(InputStream in, int expected) throws Exception {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] buffer = new byte[1024];
        int answers = 0;
        try {
            while (answers < expected) {
                int n = in.read(buffer);
                if (n < 0) {
                    break;
                }
                received.write(buffer, 0, n);
                answers = (int) STATUS_LINE.matcher(received.toString(StandardCharsets.US_ASCII)).results().count();
            }
        }
        catch (SocketTimeoutException quiet) {
            // the server stopped answering: report what arrived
        }
        return answers;
    }
}
