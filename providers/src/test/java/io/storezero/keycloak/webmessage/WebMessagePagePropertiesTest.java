package io.storezero.keycloak.webmessage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.strings;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.storezero.keycloak.PropertyRuns;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.quicktheories.QuickTheory;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Page rendering and escaping under thousands of generated responses: whatever the values (markup, script enders,
 * quotes, line separators, controls, lone surrogates, BOM, RTL override, non-BMP), the page has exactly its one
 * script, the values never leave their JSON literal, they arrive intact, the CSP hash matches what a browser hashes,
 * and the CSP names the target origin and nothing else.
 *
 * <p>Every run prints its seed; {@code -DQT_SEED=<seed>} replays a run exactly.
 */
class WebMessagePagePropertiesTest {

    private static final PropertyRuns RUNS = new PropertyRuns("page");

    private static final Pattern SCRIPT = Pattern.compile("<script>(.*?)</script>", Pattern.DOTALL);
    private static final Pattern MESSAGE = Pattern.compile("^\\(function\\(\\)\\{var message=(\\{.*\\});var targetOrigin=(\"[^\"]*\");var target=", Pattern.DOTALL);
    private static final Pattern CSP = Pattern.compile(
            "default-src 'none'; script-src '(sha256-[A-Za-z0-9+/]+=*)'; frame-ancestors (\\S+); base-uri 'none'; form-action 'none'");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Fragments that have broken out of script literals somewhere, mixed with random text of all of Unicode. */
    private static final List<String> HOSTILE = List.of("</script>", "</SCRIPT ", "</scr\u0000ipt>", "<!--", "-->", "<script>",
            "<img src=x onerror=alert(1)>", "'", "\"", "\\", "\\u2028", "\u2028", "\u2029", "&lt;", "&", "]]>", "<![CDATA[",
            "${x}", "`", "\u0000", "\r\n", "\u000B", "\uFEFF", "\u202E", "\uD83D\uDE00", "\uDBFF\uDFFF", "/", "*/", "/*",
            "</", "<\\/script>", "\u0085", "%3C/script%3E", "\u00A0");

    @Test
    void givenAnyResponseValues_thenThePageHasOneScriptAndTheValuesStayInsideTheLiteralAndArriveIntact() {
        theory(3000).forAll(responses(), origins()).checkAssert((response, origin) -> {
            WebMessagePage page = WebMessagePage.render(origin, response);
            assertThat(page.html().toLowerCase(Locale.ROOT)).containsOnlyOnce("<script").containsOnlyOnce("</script")
                    .doesNotContain("<!--");
            String script = script(page);
            assertThat(script).doesNotContain("<", ">", "&", "'", "\u2028", "\u2029");
            assertThat(script.chars().filter(c -> c < 0x20).count()).as("raw control characters in the script").isZero();
            Matcher matcher = MESSAGE.matcher(script);
            assertThat(matcher.find()).as("script shape of %s", script).isTrue();
            JsonNode message = read(matcher.group(1));
            assertThat(message.get("type").asText()).isEqualTo("authorization_response");
            assertThat(read(matcher.group(2)).asText()).isEqualTo(origin);
            JsonNode got = message.get("response");
            assertThat(got.size()).isEqualTo(response.size());
            response.forEach((name, value) -> assertThat(got.get(name).asText()).as("value of %s", name).isEqualTo(value));
        });
    }

    /** The browser hashes the script as it decoded it from the UTF-8 body: that hash must be the one the CSP allows. */
    @Test
    void givenAnyResponse_thenTheCspAllowsExactlyTheServedScriptAndFramingByTheTargetOriginOnly() {
        theory(3000).forAll(responses(), origins()).checkAssert((response, origin) -> {
            WebMessagePage page = WebMessagePage.render(origin, response);
            String served = new String(page.html().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
            Matcher scriptInServed = SCRIPT.matcher(served);
            assertThat(scriptInServed.find()).isTrue();
            Matcher csp = CSP.matcher(page.contentSecurityPolicy());
            assertThat(csp.matches()).as("CSP %s", page.contentSecurityPolicy()).isTrue();
            assertThat(csp.group(1)).isEqualTo(sha256(scriptInServed.group(1)));
            assertThat(csp.group(2)).isEqualTo(origin);
        });
    }

    /** Anything that is not exactly a strict origin is refused before a page exists: no CSP or literal injection. */
    @Test
    void givenAnyTargetOrigin_thenThePageIsRenderedOnlyForAStrictOriginAndItsCspHasNoExtraDirective() {
        Gen<String> candidates = origins().zip(Generate.pick(HOSTILE), integers().between(0, 40), (origin, insert, at) -> {
            int i = Math.min(at, origin.length());
            return origin.substring(0, i) + insert + origin.substring(i);
        }).mix(strings().allPossible().ofLengthBetween(0, 40), 30).mix(Generate.pick(List.of("*", "null", "'self'",
                "http://a.test; script-src *", "http://a.test http://b.test", "http://a.test,http://b.test", "HTTP://A.TEST")), 10);
        theory(4000).forAll(candidates).checkAssert(origin -> {
            boolean strict = WebMessageTarget.originOf(origin).filter(origin::equals).isPresent();
            if (!strict) {
                assertThatThrownBy(() -> WebMessagePage.render(origin, Map.of("state", "s")))
                        .as("render(%s)", origin).isInstanceOf(IllegalArgumentException.class);
                return;
            }
            String csp = WebMessagePage.render(origin, Map.of("state", "s")).contentSecurityPolicy();
            assertThat(csp.split(";")).hasSize(5);
            assertThat(csp).doesNotContain("*", ",").contains("frame-ancestors " + origin + ";");
        });
    }

    private static Gen<Map<String, String>> responses() {
        Gen<String> fragment = Generate.pick(HOSTILE).mix(strings().allPossible().ofLengthBetween(0, 12), 40)
                .mix(Generate.characters(0xD800, 0xDFFF).map((Character c) -> String.valueOf(c)), 10);
        Gen<String> value = fragment.zip(fragment, fragment, (a, b, c) -> a + b + c).mix(strings().allPossible().ofLengthBetween(0, 200), 20);
        Gen<String> name = Generate.pick(List.of("state", "error", "error_description", "code", "session_state", "iss",
                "access_token", "</script>", "__proto__", "constructor"));
        return name.zip(value, name, value, (n1, v1, n2, v2) -> {
            Map<String, String> response = new LinkedHashMap<>();
            response.put(n1, v1);
            response.put(n2, v2);
            return response;
        });
    }

    private static Gen<String> origins() {
        return Generate.pick(List.of("http://localhost:3100", "https://app.example.com", "https://app.example.com:8443",
                "http://[::1]:3000", "http://127.0.0.1:3101", "http://a-b.example"));
    }

    private static String script(WebMessagePage page) {
        Matcher matcher = SCRIPT.matcher(page.html());
        assertThat(matcher.find()).isTrue();
        return matcher.group(1);
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    private static String sha256(String script) {
        try {
            return "sha256-" + Base64.getEncoder().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(script.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void writeReport() throws IOException {
        RUNS.writeReport();
    }

    private static QuickTheory theory(int examples) {
        return RUNS.theory(examples);
    }
}
