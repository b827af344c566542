package io.storezero.keycloak.adapters;

import java.lang.reflect.Modifier;

import org.junit.jupiter.api.Test;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.Authenticator;
import org.keycloak.broker.provider.BrokeredIdentityContext;

import static org.assertj.core.api.Assertions.assertThat;

class KeycloakFirstBrokerLoginStepTest {

    private static final KeycloakContract KEYCLOAK = KeycloakContract.of(KeycloakFirstBrokerLoginStep.class);
    private static final String BASE = "org.keycloak.authentication.authenticators.broker.AbstractIdpAuthenticator";

    @Test
    void keycloakStillHandsTheBrokeredIdentityToTheseHooks() {
        Class<?> serialized = KEYCLOAK.type("org.keycloak.authentication.authenticators.broker.util.SerializedBrokeredIdentityContext");
        for (String hook : new String[]{"authenticateImpl", "actionImpl"}) {
            int modifiers = KEYCLOAK.method(BASE, hook, void.class, AuthenticationFlowContext.class, serialized, BrokeredIdentityContext.class)
                    .getModifiers();
            assertThat(Modifier.isAbstract(modifiers)).as(KEYCLOAK.moved(BASE + "." + hook + " (no longer abstract)")).isTrue();
        }
        KEYCLOAK.isSubclass(BASE, Authenticator.class.getName());
    }
}
