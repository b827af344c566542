package io.storezero.keycloak.webmessage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.strings;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import io.storezero.keycloak.PropertyRuns;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.quicktheories.QuickTheory;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Origin parsing and comparison under thousands of generated inputs. The origin decides where a web message (with
 * tokens in it) may go and who may frame the page, so the properties are the security ones: the same origin a browser
 * would compute or none at all, never a second origin smuggled through user info, backslashes, fragments or odd
 * characters, and nothing that could break out of a script literal or a CSP header.
 *
 * <p>Every run prints its seed; {@code -DQT_SEED=<seed>} replays a run exactly (QuickTheories also prints the seed
 * of a falsified run).
 */
class WebMessageTargetPropertiesTest {

    private static final PropertyRuns RUNS = new PropertyRuns("origin");

    /** What may reach a script literal and a CSP header: scheme, host, port; no quote, space, semicolon or comma. */
    private static final Pattern STRICT_ORIGIN = Pattern.compile("https?://([a-z0-9.\\-]+|\\[[0-9a-f:.]+\\])(:[0-9]{1,5})?");

    /** A URL as a client would register it, and the origin a browser derives from it. */
    record Case(String url, String expectedOrigin) {
    }

    private static final List<String> HOSTS = List.of("localhost", "app.example.com", "example.com", "127.0.0.1",
            "a-b.c-d.example", "xn--bcher-kva.example", "[::1]", "10.0.0.7");

    @Test
    void givenAGeneratedHttpUrl_thenItsOriginIsLowerCaseSchemeHostAndNonDefaultPort() {
        theory(4000).forAll(urls()).checkAssert(c ->
                assertThat(WebMessageTarget.originOf(c.url())).as("originOf(%s)", c.url()).contains(c.expectedOrigin()));
    }

    @Test
    void givenAnOrigin_thenParsingItAgainGivesItBackAndItIsStrict() {
        theory(3000).forAll(urls()).checkAssert(c -> {
            String origin = WebMessageTarget.originOf(c.url()).orElseThrow();
            assertThat(origin).matches(STRICT_ORIGIN);
            assertThat(WebMessageTarget.originOf(origin)).contains(origin);
        });
    }

    /** Comparison is equality of parsed origins: equal exactly when scheme, host and effective port are. */
    @Test
    void givenTwoUrls_thenTheirOriginsAreEqualExactlyWhenSchemeHostAndEffectivePortAre() {
        theory(4000).forAll(urls(), urls()).checkAssert((a, b) -> {
            boolean same = WebMessageTarget.originOf(a.url()).equals(WebMessageTarget.originOf(b.url()));
            assertThat(same).as("%s vs %s", a.url(), b.url()).isEqualTo(a.expectedOrigin().equals(b.expectedOrigin()));
        });
    }

    @Test
    void givenUserInfoOrAFragment_thenThereIsNoOrigin() {
        Gen<String> userInfo = urls().zip(strings().basicLatinAlphabet().ofLengthBetween(0, 8), (c, user) -> {
            String cleanUser = user.replaceAll("[^A-Za-z0-9]", "");
            return c.url().replaceFirst("://", "://" + cleanUser + "@");
        });
        Gen<String> fragment = urls().zip(strings().basicLatinAlphabet().ofLengthBetween(0, 8),
                (c, f) -> c.url() + "#" + f.replaceAll("[^A-Za-z0-9]", ""));
        theory(3000).forAll(userInfo.mix(fragment)).checkAssert(url ->
                assertThat(WebMessageTarget.originOf(url)).as("originOf(%s)", url).isEmpty());
    }

    /**
     * The classic parser-confusion shapes ({@code http://good\@evil/}, {@code http://good%40evil}, ...): whatever a
     * browser makes of them, our answer is no origin or the first host's origin, never the second host's.
     */
    @Test
    void givenAUrlThatHidesASecondHost_thenTheSecondHostNeverBecomesTheOrigin() {
        Gen<String> separators = Generate.pick(List.of("\\@", "@", "#@", "?@", "%40", "\\", "\t", "%2f", "%5c", "/\\",
                "\\\\", ":@", "%00", "\r\n", " ", "\u3002", "\uFF0E", "%252f", ";", ","));
        Gen<String[]> shapes = Generate.pick(HOSTS).zip(Generate.pick(List.of("evil.test", "attacker.example", "127.0.0.2")),
                separators, (good, evil, separator) -> new String[] {good, evil, separator});
        theory(3000).forAll(shapes, Generate.pick(List.of("http", "https", "HTTP"))).checkAssert((shape, scheme) -> {
            String url = scheme + "://" + shape[0] + shape[2] + shape[1] + "/cb";
            Optional<String> origin = WebMessageTarget.originOf(url);
            assertThat(origin).as("originOf(%s)", url)
                    .satisfiesAnyOf(o -> assertThat(o).isEmpty(),
                            o -> assertThat(o.orElseThrow()).isEqualTo(scheme.toLowerCase(Locale.ROOT) + "://" + shape[0]));
        });
    }

    /** Arbitrary text, all of Unicode (surrogate pairs, controls, BOM, RTL override): no exception, nothing unsafe. */
    @Test
    void givenArbitraryText_thenOriginOfNeverThrowsAndAnswersOnlyStrictOrigins() {
        Gen<String> anyText = strings().allPossible().ofLengthBetween(0, 80);
        Gen<String> loneSurrogates = Generate.characters(0xD800, 0xDFFF).zip(urls(), (surrogate, c) -> c.url() + surrogate);
        Gen<String> mutated = urls().zip(integers().between(0, 200), Generate.pick(List.of("\u0000", "\r\n", "\uFEFF",
                "\u202E", "\uD83D\uDE00", "\u0130", "\u212A", "%zz", "%C3%28", "%C0%AF", "'", "\"", "<", ";", " ", "*")),
                (c, at, insert) -> {
                    int i = Math.min(at, c.url().length());
                    return c.url().substring(0, i) + insert + c.url().substring(i);
                });
        theory(5000).forAll(anyText.mix(loneSurrogates, 20).mix(mutated, 50)).checkAssert(text -> {
            Optional<String> origin = WebMessageTarget.originOf(text);
            origin.ifPresent(o -> {
                assertThat(o).as("originOf(%s)", text).matches(STRICT_ORIGIN);
                assertThat(WebMessageTarget.originOf(o)).contains(o);
            });
        });
    }

    /** Unicode case folding must not turn a foreign host into an ASCII one ({@code İ}, Kelvin sign {@code K}). */
    @Test
    void givenNonAsciiHosts_thenThereIsNoOriginRatherThanAFoldedAsciiOne() {
        Gen<String> hosts = Generate.pick(List.of("LOCALHOST", "localhost")).zip(integers().between(0, 8),
                Generate.pick(List.of("\u0130", "\u0131", "\u212A", "\u017F", "\uFF4C", "\u0430")),
                (host, at, letter) -> host.substring(0, Math.min(at, host.length())) + letter + host.substring(Math.min(at, host.length())));
        theory(1000).forAll(hosts).checkAssert(host ->
                assertThat(WebMessageTarget.originOf("http://" + host + ":3100/")).as("host %s", host).isEmpty());
    }

    private static Gen<Case> urls() {
        Gen<String> scheme = Generate.pick(List.of("http", "https", "HTTP", "Https", "hTTp"));
        Gen<Integer> port = Generate.frequency(
                org.quicktheories.api.Pair.of(3, Generate.constant(-1)),
                org.quicktheories.api.Pair.of(2, Generate.constant(0)), // 0 stands for "the scheme's default, written out"
                org.quicktheories.api.Pair.of(5, integers().between(1, 65535)),
                org.quicktheories.api.Pair.of(2, Generate.pick(List.of(80, 443, 3100, 3101, 8080, 8443))));
        Gen<String> host = Generate.pick(HOSTS).zip(Generate.booleans(), (h, upper) -> upper ? h.toUpperCase(Locale.ROOT) : h);
        Gen<String> tail = Generate.pick(List.of("", "/", "/cb", "/a/b?x=1", "?q=%2F", "/callback?state=a&b=c", "/%7Efoo", "/:@"));
        return scheme.zip(host, port, tail, (s, h, p, t) -> {
            String lowerScheme = s.toLowerCase(Locale.ROOT);
            int defaultPort = "https".equals(lowerScheme) ? 443 : 80;
            int written = p == 0 ? defaultPort : p;
            String url = s + "://" + h + (p == -1 ? "" : ":" + written) + t;
            boolean implicit = p == -1 || written == defaultPort;
            String expected = lowerScheme + "://" + h.toLowerCase(Locale.ROOT) + (implicit ? "" : ":" + written);
            return new Case(url, expected);
        });
    }

    @AfterAll
    static void writeReport() throws IOException {
        RUNS.writeReport();
    }

    private static QuickTheory theory(int examples) {
        return RUNS.theory(examples);
    }
}
