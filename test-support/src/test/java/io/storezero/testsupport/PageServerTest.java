package io.storezero.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PageServerTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path folder;

    @Test
    void exactPagesThenTheLongestPrefixThenTheFallback() throws Exception {
        try (PageServer server = PageServer.on("localhost", 0)
                .page("/exact.html", bytes("exact"))
                .handler("/api/", exchange -> PageServer.send(exchange, 200, "text/plain", bytes("api")))
                .handler("/api/v2/", exchange -> PageServer.send(exchange, 200, "text/plain", bytes("api v2")))
                .fallback(bytes("the app"))
                .start()) {
            assertThat(server.origin()).isEqualTo("http://localhost:" + server.port());
            assertThat(get(server.url("/exact.html"))).returns(200, HttpResponse::statusCode).returns("exact", HttpResponse::body);
            assertThat(get(server.url("/api/orders")).body()).isEqualTo("api");
            assertThat(get(server.url("/api/v2/orders")).body()).isEqualTo("api v2");
            HttpResponse<String> any = get(server.url("/account/orders"));
            assertThat(any.body()).isEqualTo("the app");
            assertThat(any.headers().firstValue("Content-Type")).hasValue(PageServer.HTML);
            assertThat(any.headers().firstValue("Cache-Control")).hasValue("no-store");

            server.serve("/account/orders", "text/plain", bytes("served later"));
            assertThat(get(server.url("/account/orders")).body()).isEqualTo("served later");
        }
    }

    @Test
    void withoutAFallbackAnUnknownPathIsNotFound() throws Exception {
        try (PageServer server = PageServer.on("127.0.0.1", 0).page("/bench.html", bytes("bench")).start()) {
            assertThat(server.origin()).startsWith("http://127.0.0.1:");
            assertThat(get(server.url("/bench.html/more")).statusCode()).isEqualTo(404);
            assertThat(get(server.url("/")).statusCode()).isEqualTo(404);
        }
    }

    @Test
    void filesAreServedFromTheirFolderOnlyNeverAbove() throws Exception {
        Path served = Files.createDirectories(folder.resolve("modules/sdk"));
        Files.writeString(served.resolve("sdk.js"), "export {};");
        Files.writeString(folder.resolve("secret.txt"), "secret");
        try (PageServer server = PageServer.on("localhost", 0).files("/node_modules/", folder.resolve("modules")).start()) {
            HttpResponse<String> script = get(server.url("/node_modules/sdk/sdk.js"));
            assertThat(script.statusCode()).isEqualTo(200);
            assertThat(script.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
            assertThat(get(server.url("/node_modules/%2e%2e/secret.txt")).statusCode()).isEqualTo(404);
            assertThat(get(server.url("/node_modules/sdk")).statusCode()).as("a folder is no file").isEqualTo(404);
            assertThat(get(server.url("/node_modules/sdk/missing.js")).statusCode()).isEqualTo(404);
        }
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
