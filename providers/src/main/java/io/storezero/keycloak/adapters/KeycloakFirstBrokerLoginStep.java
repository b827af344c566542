package io.storezero.keycloak.adapters;

import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.authenticators.broker.AbstractIdpAuthenticator;
import org.keycloak.authentication.authenticators.broker.util.SerializedBrokeredIdentityContext;
import org.keycloak.broker.provider.BrokeredIdentityContext;

/**
 * Base of an authenticator for first-broker-login flows: it gets the brokered identity of the login in progress.
 * After the flow Keycloak links that identity to the user the step set.
 *
 * <p>Keycloak behaviour relied on: {@link AbstractIdpAuthenticator}, which reads the serialized brokered identity from
 * the authentication session (and ends the flow with an error when there is none) before calling
 * {@code authenticateImpl} / {@code actionImpl}. {@code KeycloakFirstBrokerLoginStepTest} pins those hooks.
 */
public abstract class KeycloakFirstBrokerLoginStep extends AbstractIdpAuthenticator {

    /** The step for the brokered identity {@code brokerContext}. */
    protected abstract void authenticate(AuthenticationFlowContext context, BrokeredIdentityContext brokerContext);

    /** A form POST to the step; by default the step runs again. */
    protected void action(AuthenticationFlowContext context, BrokeredIdentityContext brokerContext) {
        authenticate(context, brokerContext);
    }

    @Override
    protected final void authenticateImpl(AuthenticationFlowContext context, SerializedBrokeredIdentityContext serializedCtx,
                                          BrokeredIdentityContext brokerContext) {
        authenticate(context, brokerContext);
    }

    @Override
    protected final void actionImpl(AuthenticationFlowContext context, SerializedBrokeredIdentityContext serializedCtx,
                                    BrokeredIdentityContext brokerContext) {
        action(context, brokerContext);
    }
}
