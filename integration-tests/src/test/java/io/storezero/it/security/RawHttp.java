package io.storezero.it.security;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, one request per connection. {@link java.net.http.HttpClient} refuses exactly the
 * requests a fuzzer must send (a {@code %zz} escape, a raw control character, a duplicated Host), so the request
 * line, headers and body go out byte for byte as given.
 */
final class RawHttp {

    private static final int TIMEOUT_MS = 20_000;
    private static final int MAX_BODY = 4 * 1024 * 1024;

    /** A response as received: status, headers in order (names lower-cased), body decoded as UTF-8. */
    record Response(int status, List<Map.Entry<String, String>> headers, String body) {

        String header(String name) {
            return headers.stream().filter(h -> h.getKey().equals(name)).map(Map.Entry::getValue).findFirst().orElse(null);
        }

        List<String> headers(String name) {
            return headers.stream().filter(h -> h.getKey().equals(name)).map(Map.Entry::getValue).toList();
        }

        String headerText() {
            StringBuilder text = new StringBuilder();
            headers.forEach(h -> text.append(h.getKey()).append(": ").append(h.getValue()).append('\n'));
            return text.toString();
        }
    }

    private final String host;
    private final int port;

    RawHttp(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /**
     * @param target  request target exactly as sent (path and raw query)
     * @param headers extra header lines, {@code "Name: value"}, sent as given
     */
    Response send(String method, String target, List<String> headers, byte[] body) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), TIMEOUT_MS);
            socket.setSoTimeout(TIMEOUT_MS);
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            request.write((method + " " + target + " HTTP/1.1\r\n").getBytes(StandardCharsets.UTF_8));
            boolean hostGiven = headers.stream().anyMatch(h -> h.toLowerCase(Locale.ROOT).startsWith("host:"));
            if (!hostGiven) {
                request.write(("Host: " + host + ":" + port + "\r\n").getBytes(StandardCharsets.UTF_8));
            }
            for (String header : headers) {
                request.write((header + "\r\n").getBytes(StandardCharsets.UTF_8));
            }
            if (body != null) {
                request.write(("Content-Length: " + body.length + "\r\n").getBytes(StandardCharsets.UTF_8));
            }
            request.write("Connection: close\r\n\r\n".getBytes(StandardCharsets.UTF_8));
            if (body != null) {
                request.write(body);
            }
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request.toByteArray());
                out.flush();
            } catch (IOException e) {
                // The server may answer (413, 431) and close before an oversized request is fully written: read that answer.
            }
            return read(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + abbreviate(target), e);
        }
    }

    private static Response read(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int n;
        try {
            while ((n = in.read(buffer)) != -1 && all.size() < MAX_BODY) {
                all.write(buffer, 0, n);
            }
        } catch (IOException e) {
            if (all.size() == 0) {
                throw e;
            }
            // a reset after a complete answer (the server closing an oversized request) still leaves that answer
        }
        byte[] bytes = all.toByteArray();
        int end = indexOf(bytes, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        if (end < 0) {
            throw new IOException("no complete HTTP response head in " + bytes.length + " bytes");
        }
        String[] head = new String(bytes, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
        int status = Integer.parseInt(head[0].split(" ")[1]);
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        boolean chunked = false;
        for (int i = 1; i < head.length; i++) {
            int colon = head[i].indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = head[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = head[i].substring(colon + 1).trim();
            headers.add(Map.entry(name, value));
            chunked |= name.equals("transfer-encoding") && value.toLowerCase(Locale.ROOT).contains("chunked");
        }
        byte[] body = java.util.Arrays.copyOfRange(bytes, end + 4, bytes.length);
        return new Response(status, headers, new String(chunked ? dechunk(body) : body, StandardCharsets.UTF_8));
    }

    private static byte[] dechunk(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        while (at < body.length) {
            int lineEnd = indexOf(java.util.Arrays.copyOfRange(body, at, body.length), "\r\n".getBytes(StandardCharsets.US_ASCII));
            if (lineEnd < 0) {
                break;
            }
            String sizeText = new String(body, at, lineEnd, StandardCharsets.US_ASCII).split(";")[0].trim();
            int size = sizeText.isEmpty() ? 0 : Integer.parseInt(sizeText, 16);
            at += lineEnd + 2;
            if (size == 0) {
                break;
            }
            out.write(body, at, Math.min(size, body.length - at));
            at += size + 2;
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "...(" + text.length() + " chars)";
    }
}
