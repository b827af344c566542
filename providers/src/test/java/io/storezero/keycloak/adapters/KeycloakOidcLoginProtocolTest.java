package io.storezero.keycloak.adapters;

import java.lang.reflect.Method;

import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.junit.jupiter.api.Test;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.LoginProtocol;
import org.keycloak.sessions.AuthenticationSessionModel;

import static org.assertj.core.api.Assertions.assertThat;

/** The protocol, its factory and its resource: how the bundle takes the place of Keycloak's openid-connect. */
class KeycloakOidcLoginProtocolTest {

    private static final KeycloakContract KEYCLOAK = KeycloakContract.of(KeycloakOidcLoginProtocol.class);
    private static final String PROTOCOL = "org.keycloak.protocol.oidc.OIDCLoginProtocol";
    private static final String FACTORY = "org.keycloak.protocol.oidc.OIDCLoginProtocolFactory";
    private static final String SERVICE = "org.keycloak.protocol.oidc.OIDCLoginProtocolService";

    @Test
    void everyAuthorizationResponseStillPassesThroughBothHooks() {
        Class<?> builder = KEYCLOAK.type("org.keycloak.protocol.oidc.utils.OIDCRedirectUriBuilder");
        KEYCLOAK.method(PROTOCOL, "buildRedirectUri", Response.class, builder, AuthenticationSessionModel.class,
                UserSessionModel.class, ClientSessionContext.class);
        KEYCLOAK.method(PROTOCOL, "buildRedirectUri", Response.class, builder, AuthenticationSessionModel.class,
                UserSessionModel.class, ClientSessionContext.class, Exception.class, LoginProtocol.Error.class);
    }

    @Test
    void theProtocolIsStillBuiltTheWaysTheBaseBuildsIt() {
        Class<?> config = KEYCLOAK.type("org.keycloak.protocol.oidc.OIDCProviderConfig");
        KEYCLOAK.constructor(PROTOCOL, config);
        KEYCLOAK.constructor(PROTOCOL, KeycloakSession.class, RealmModel.class, UriInfo.class, HttpHeaders.class, EventBuilder.class);
        KEYCLOAK.method(PROTOCOL, "getConfig", config);
        KEYCLOAK.field(PROTOCOL, "session", KeycloakSession.class);
        KEYCLOAK.field(PROTOCOL, "event", EventBuilder.class);
    }

    @Test
    void theFactoryStillCreatesTheProtocolAndItsResource() {
        KEYCLOAK.method(FACTORY, "create", LoginProtocol.class, KeycloakSession.class);
        KEYCLOAK.method(FACTORY, "createProtocolEndpoint", Object.class, KeycloakSession.class, EventBuilder.class);
        KEYCLOAK.constructor(SERVICE, KeycloakSession.class, EventBuilder.class);
    }

    @Test
    void theAuthorizationEndpointIsStillTheAuthSubResource() {
        Method auth = KEYCLOAK.method(SERVICE, "auth", Object.class);
        Path path = auth.getAnnotation(Path.class);
        assertThat(path).as(KEYCLOAK.moved(SERVICE + ".auth() (no longer a @Path sub-resource)")).isNotNull();
        assertThat(path.value()).as(KEYCLOAK.moved(SERVICE + ".auth()'s @Path")).isEqualTo("auth");
    }

    @Test
    void theBundlesResourceAnswersTheSamePath() throws NoSuchMethodException {
        Path path = KeycloakOidcLoginProtocolService.class.getMethod("auth").getAnnotation(Path.class);
        assertThat(path).isNotNull();
        assertThat(path.value()).isEqualTo("auth");
    }
}
