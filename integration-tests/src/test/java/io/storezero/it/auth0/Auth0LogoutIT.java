package io.storezero.it.auth0;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import io.storezero.it.support.KeycloakAdmin;
import io.storezero.it.support.StorezeroServer;
import io.storezero.load.BrokeredLogin;
import io.storezero.load.FacebookUsers;
import io.storezero.load.Http;
import io.storezero.load.Session;
import io.storezero.load.SilentAuthentication;
import io.storezero.testsupport.Authorize;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code /auth0/v2/logout} in the shipped storezero realm, with a user signed in through the simulated Facebook: it
 * ends the session without confirmation, as Auth0's does, but only for a request that names an enabled client of the
 * realm ({@code client_id}, which every Auth0 SDK sends) and, if it has one, a {@code returnTo} registered for that
 * client. Anything else is refused and the session lives on (SECURITY.md, "logout CSRF").
 */
@ExtendWith(StorezeroServer.class)
class Auth0LogoutIT {

    private static final String LOGOUT = StorezeroServer.KEYCLOAK_URL + "/realms/storezero/auth0/v2/logout";
    private static final String CLIENT = "storezero-spa";
    private static final String PREFIX = "logout-it-" + Authorize.random().toLowerCase().replaceAll("[^a-z0-9]", "").substring(0, 6);
    private static final HttpClient HTTP = Http.client();
    private static final SilentAuthentication SILENT = SilentAuthentication.storezeroSpa(StorezeroServer.KEYCLOAK_URL,
            StorezeroServer.APP_URL, SilentAuthentication.ResponseMode.WEB_MESSAGE, SilentAuthentication.Flow.CODE);

    @AfterAll
    static void deleteUsers() {
        FacebookUsers.delete(KeycloakAdmin.local().client(), "facebook", PREFIX);
        FacebookUsers.delete(KeycloakAdmin.local().client(), "storezero", PREFIX);
    }

    @Test
    void aLogoutThatNamesNoKnownClientIsRefusedAndTheSessionLivesOn() throws Exception {
        Session user = logIn("1");
        assertThat(silentCheck(user)).as("the session before").isEqualTo("success");

        for (String query : new String[] {"", "?returnTo=" + enc(StorezeroServer.APP_URL + "/"), "?client_id=no-such-client",
                "?client_id=" + CLIENT + "x"}) {
            HttpResponse<String> refused = get(user, LOGOUT + query);
            assertThat(refused.statusCode()).as("logout%s", query).isEqualTo(400);
            assertThat(refused.headers().firstValue("Location")).as("logout%s", query).isEmpty();
            assertThat(silentCheck(user)).as("the session after logout%s", query).isEqualTo("success");
        }
    }

    @Test
    void aLogoutThatNamesTheClientEndsTheSessionWithoutConfirmation() throws Exception {
        Session user = logIn("2");
        assertThat(silentCheck(user)).as("the session before").isEqualTo("success");

        HttpResponse<String> logout = get(user, LOGOUT + "?client_id=" + CLIENT + "&returnTo=" + enc(StorezeroServer.APP_URL + "/"));

        assertThat(logout.statusCode()).isEqualTo(302);
        assertThat(logout.headers().firstValue("Location")).hasValue(StorezeroServer.APP_URL + "/");
        assertThat(silentCheck(user)).as("the session after the logout").isEqualTo("error=login_required");
    }

    private static Session logIn(String n) {
        String username = FacebookUsers.create(KeycloakAdmin.local().client(), "facebook", PREFIX + "-" + n, 1).get(0);
        return new BrokeredLogin(HTTP, SILENT, "facebook").logIn(username, username);
    }

    /** "success" while the session lives, else the silent answer's reason ("error=login_required"). */
    private static String silentCheck(Session user) {
        return SILENT.send(HTTP, user).outcome().reason();
    }

    private static HttpResponse<String> get(Session user, String url) throws IOException, InterruptedException {
        URI uri = URI.create(url);
        HttpResponse<String> response = HTTP.send(user.withCookies(uri, HttpRequest.newBuilder(uri).GET()).build(),
                HttpResponse.BodyHandlers.ofString());
        user.remember(uri, response.headers());
        return response;
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
