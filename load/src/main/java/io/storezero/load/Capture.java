package io.storezero.load;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Real answers of a Keycloak with the bundle, written as fixtures for the unit tests of {@link Answers}: each kind of
 * silent authentication answer (web_message and fragment, implicit and code, success and login_required). Every
 * credential (tokens, code, session state) is replaced by REDACTED first: the shape stays, nothing usable is written.
 */
final class Capture {

    private static final Pattern JSON_SECRET = Pattern.compile("\"(access_token|id_token|refresh_token|code|session_state)\":\"[^\"]*\"");
    private static final Pattern FORM_SECRET = Pattern.compile("(access_token|id_token|refresh_token|code|session_state)=[^&\\s]*");

    private Capture() {
    }

    static void answers(HttpClient http, String url, String app, Session session, Path dir) {
        Session nobody = new Session("nobody");
        for (SilentAuthentication.Flow flow : SilentAuthentication.Flow.values()) {
            String name = flow.name().toLowerCase();
            SilentAuthentication webMessage = SilentAuthentication.storezeroSpa(url, app, SilentAuthentication.ResponseMode.WEB_MESSAGE, flow);
            SilentAuthentication fragment = SilentAuthentication.storezeroSpa(url, app, SilentAuthentication.ResponseMode.FRAGMENT, flow);
            write(dir.resolve("web_message-" + name + "-success.html"), body(webMessage, http, session));
            write(dir.resolve("web_message-" + name + "-login_required.html"), body(webMessage, http, nobody));
            write(dir.resolve("fragment-" + name + "-success.location"), location(fragment, http, session));
            write(dir.resolve("fragment-" + name + "-login_required.location"), location(fragment, http, nobody));
        }
    }

    static String redact(String text) {
        return FORM_SECRET.matcher(JSON_SECRET.matcher(text).replaceAll("\"$1\":\"REDACTED\"")).replaceAll("$1=REDACTED");
    }

    private static String body(SilentAuthentication request, HttpClient http, Session session) {
        HttpResponse<String> response = send(request, http, session);
        return response.statusCode() + "\n" + response.body();
    }

    private static String location(SilentAuthentication request, HttpClient http, Session session) {
        HttpResponse<String> response = send(request, http, session);
        return response.statusCode() + "\n" + response.headers().firstValue("Location").orElse("") + "\n";
    }

    private static HttpResponse<String> send(SilentAuthentication request, HttpClient http, Session session) {
        try {
            return request.exchange(http, session);
        } catch (IOException e) {
            throw new IllegalStateException("capture failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void write(Path file, String text) {
        Reports.writeText(file, redact(text));
    }
}
