package io.storezero.keycloak.webmessage.oidc;

import java.util.HashMap;
import java.util.Map;

import io.storezero.keycloak.BundleInfo;
import io.storezero.keycloak.adapters.KeycloakAuthorizationEndpoint;
import io.storezero.keycloak.adapters.KeycloakOidcLoginProtocol;
import io.storezero.keycloak.adapters.KeycloakOidcLoginProtocolFactory;
import io.storezero.keycloak.webmessage.WebMessage;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.KeycloakSession;
import org.keycloak.protocol.LoginProtocol;
import org.keycloak.provider.ServerInfoAwareProviderFactory;

/**
 * Keycloak's {@code openid-connect} login protocol, with web_message added: this bundle's protocol answers the
 * responses of a login asked for web_message, and its authorization endpoint the first request. Everything else is
 * Keycloak's ({@link KeycloakOidcLoginProtocolFactory} says how the factory takes the built-in one's place).
 */
public final class WebMessageLoginProtocolFactory extends KeycloakOidcLoginProtocolFactory implements ServerInfoAwareProviderFactory {

    @Override
    protected KeycloakOidcLoginProtocol protocol(LoginProtocol standard) {
        return new WebMessageLoginProtocol(standard);
    }

    @Override
    protected KeycloakAuthorizationEndpoint authorizationEndpoint(KeycloakSession session, EventBuilder event) {
        return new WebMessageAuthorizationEndpoint(session, event);
    }

    /** What an admin sees under Provider info: which mode this adds and how its page is locked down. */
    @Override
    public Map<String, String> getOperationalInfo() {
        Map<String, String> settings = new HashMap<>(WebMessage.settings());
        settings.putAll(OidcProtocolInUse.current().info());
        return BundleInfo.operationalInfo(getId(), settings);
    }
}
