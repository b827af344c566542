package io.storezero.load;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.storezero.testsupport.WebMessagePageAnswer;

/**
 * Reads the answer to a silent authentication the way the SPA's page would: for {@code response_mode=web_message},
 * the page the bundle renders, read by the suites' one reader of it ({@link WebMessagePageAnswer}); for
 * {@code response_mode=fragment}, the redirect's Location fragment.
 * A success is an access token (implicit) or a code in the response; everything else is a failure, by reason.
 */
public final class Answers {

    private Answers() {
    }

    /** The answer to a web_message request: status 200 and the bundle's page, else a failure saying what came. */
    public static Outcome webMessage(int status, String body) {
        if (status != 200) {
            return Outcome.failure("status=" + status);
        }
        return webMessageResponse(body).map(Answers::judge)
                .orElseGet(() -> Outcome.failure("unexpected-page"));
    }

    /** The answer to a fragment request: a redirect whose Location carries the response after '#'. */
    public static Outcome fragment(int status, Optional<String> location) {
        if (status != 302 && status != 303) {
            return Outcome.failure("status=" + status);
        }
        String fragment = location.map(URI::create).map(URI::getRawFragment).orElse(null);
        if (fragment == null) {
            return Outcome.failure("no-fragment");
        }
        return judge(form(fragment));
    }

    /** The authorization response parameters a web_message page carries, if {@code body} is one. */
    public static Optional<Map<String, String>> webMessageResponse(String body) {
        return WebMessagePageAnswer.parse(body).map(WebMessagePageAnswer::response);
    }

    static Map<String, String> form(String encoded) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            values.put(URLDecoder.decode(key, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return values;
    }

    private static Outcome judge(Map<String, String> response) {
        if (response.containsKey("error")) {
            return Outcome.failure("error=" + response.get("error"));
        }
        if (response.containsKey("access_token") || response.containsKey("code")) {
            return Outcome.SUCCESS;
        }
        return Outcome.failure("no-tokens");
    }
}
