package io.storezero.keycloak.webmessage.oidc;

import java.util.Map;
import java.util.Optional;

import io.storezero.keycloak.adapters.KeycloakOidcEndpoints;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.protocol.LoginProtocol;
import org.keycloak.provider.ProviderFactory;

/**
 * Which factory serves Keycloak's {@code openid-connect} login protocol, and so whether web_message is on. The bundle
 * replaces the built-in factory by registering one with the same id ({@link WebMessageLoginProtocolFactory}); another
 * extension doing the same can win instead, and then the bundle's protocol, and web_message with it, is not in use.
 * Checked once at start-up ({@link #check}, from the discovery factory's {@code postInit}, which runs whichever
 * protocol won): one WARN line when the bundle's factory is not the one in use, and the answer in the server info.
 *
 * @param factory    the class name of the factory in use, or a sentence when there is none or it was not checked
 * @param webMessage whether web_message is served (assumed until checked: the discovery keeps Keycloak's behaviour)
 * @param warning    the line logged at start-up when web_message is off
 */
public record OidcProtocolInUse(String factory, boolean webMessage, Optional<String> warning) {

    private static final Logger LOG = Logger.getLogger(OidcProtocolInUse.class);

    static final OidcProtocolInUse NOT_CHECKED = new OidcProtocolInUse("not checked yet (Keycloak checks it at start-up)", true, Optional.empty());

    private static volatile OidcProtocolInUse current = NOT_CHECKED;

    /** The decision for the factory Keycloak holds under {@code openid-connect} ({@code null}: none). */
    public static OidcProtocolInUse of(ProviderFactory<?> inUse) {
        if (inUse == null) {
            return new OidcProtocolInUse("none", false, Optional.of("web_message is off: Keycloak has no " + KeycloakOidcEndpoints.PROTOCOL
                    + " login protocol (is the login-protocol provider " + KeycloakOidcEndpoints.PROTOCOL + " disabled?)"));
        }
        String name = inUse.getClass().getName();
        if (inUse.getClass() == WebMessageLoginProtocolFactory.class) {
            return new OidcProtocolInUse(name, true, Optional.empty());
        }
        return new OidcProtocolInUse(name, false, Optional.of("web_message is off: the " + KeycloakOidcEndpoints.PROTOCOL + " login protocol is served by "
                + name + ", not by the Storezero bundle's " + WebMessageLoginProtocolFactory.class.getName()
                + "; another extension in providers/ replaces it too: remove one of the two"));
    }

    /** Asks Keycloak which factory won, remembers the answer for {@link #current()}, and logs the warning if any. */
    public static OidcProtocolInUse check(KeycloakSessionFactory sessionFactory) {
        OidcProtocolInUse decision = of(sessionFactory.getProviderFactory(LoginProtocol.class, KeycloakOidcEndpoints.PROTOCOL));
        current = decision;
        if (decision.warning().isPresent()) {
            LOG.warn(decision.warning().get());
        } else {
            LOG.debugf("web_message is on: the %s login protocol is the Storezero bundle's", KeycloakOidcEndpoints.PROTOCOL);
        }
        return decision;
    }

    /** The answer of the last {@link #check} ({@link #NOT_CHECKED} before it). */
    public static OidcProtocolInUse current() {
        return current;
    }

    /** What the server info shows (Provider info in the admin console). */
    public Map<String, String> info() {
        return Map.of("openid-connect-factory", factory, "web_message", webMessage ? "on" : "off");
    }
}
