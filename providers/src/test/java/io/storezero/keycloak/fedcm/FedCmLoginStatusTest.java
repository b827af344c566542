package io.storezero.keycloak.fedcm;

import java.net.URI;

import jakarta.ws.rs.core.Response;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The login status rides on the login's own answer without changing it (Keycloak's redirect or web_message page). */
class FedCmLoginStatusTest {

    @Test
    void aRedirectKeepsItsStatusAndLocationAndGainsSetLogin() {
        Response redirect = Response.status(Response.Status.FOUND).location(URI.create("https://spa.example/callback?code=c")).build();

        Response answered = FedCmLoginStatus.loggedIn(redirect);

        assertThat(answered.getStatus()).isEqualTo(302);
        assertThat(answered.getLocation()).isEqualTo(URI.create("https://spa.example/callback?code=c"));
        assertThat(answered.getHeaderString("Set-Login")).isEqualTo("logged-in");
    }

    @Test
    void aPageKeepsItsBodyAndHeaders() {
        Response page = Response.ok("<!doctype html>", "text/html").header("Content-Security-Policy", "default-src 'none'").build();

        Response answered = FedCmLoginStatus.loggedIn(page);

        assertThat(answered.getEntity()).isEqualTo("<!doctype html>");
        assertThat(answered.getHeaderString("Content-Security-Policy")).isEqualTo("default-src 'none'");
        assertThat(answered.getHeaderString("Set-Login")).isEqualTo("logged-in");
    }
}
