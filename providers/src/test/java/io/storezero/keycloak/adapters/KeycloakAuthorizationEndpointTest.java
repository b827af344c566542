package io.storezero.keycloak.adapters;

import java.lang.reflect.Method;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.junit.jupiter.api.Test;
import org.keycloak.events.EventBuilder;
import org.keycloak.http.HttpRequest;
import org.keycloak.models.KeycloakSession;
import org.keycloak.protocol.LoginProtocol;
import org.keycloak.sessions.AuthenticationSessionModel;

import static org.assertj.core.api.Assertions.assertThat;

class KeycloakAuthorizationEndpointTest {

    private static final KeycloakContract KEYCLOAK = KeycloakContract.of(KeycloakAuthorizationEndpoint.class);
    private static final String ENDPOINT = "org.keycloak.protocol.oidc.endpoints.AuthorizationEndpoint";

    @Test
    void keycloaksEndpointStillTakesRequestsThroughGetAndPost() {
        KEYCLOAK.constructor(ENDPOINT, KeycloakSession.class, EventBuilder.class);
        Method get = KEYCLOAK.method(ENDPOINT, "buildGet", Response.class);
        Method post = KEYCLOAK.method(ENDPOINT, "buildPost", Response.class);
        assertThat(get.isAnnotationPresent(GET.class)).as(KEYCLOAK.moved(ENDPOINT + ".buildGet() (no longer @GET)")).isTrue();
        assertThat(post.isAnnotationPresent(POST.class)).as(KEYCLOAK.moved(ENDPOINT + ".buildPost() (no longer @POST)")).isTrue();
        KEYCLOAK.field("org.keycloak.protocol.AuthorizationEndpointBase", "httpRequest", HttpRequest.class);
    }

    @Test
    void theFirstResponsesProtocolIsStillPassedThroughThisHook() {
        KEYCLOAK.method("org.keycloak.protocol.AuthorizationEndpointBase", "handleBrowserAuthenticationRequest", Response.class,
                AuthenticationSessionModel.class, LoginProtocol.class, boolean.class, boolean.class);
    }

    @Test
    void theBundlesOverridesKeepTheJaxRsAnnotations() throws NoSuchMethodException {
        // An overriding method without them would not be dispatched to.
        assertThat(KeycloakAuthorizationEndpoint.class.getMethod("buildGet").isAnnotationPresent(GET.class)).isTrue();
        Method post = KeycloakAuthorizationEndpoint.class.getMethod("buildPost");
        assertThat(post.isAnnotationPresent(POST.class)).isTrue();
        assertThat(post.getAnnotation(Consumes.class).value()).containsExactly(MediaType.APPLICATION_FORM_URLENCODED);
    }
}
