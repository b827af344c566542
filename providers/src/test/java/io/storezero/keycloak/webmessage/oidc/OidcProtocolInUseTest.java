package io.storezero.keycloak.webmessage.oidc;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;

import io.storezero.keycloak.adapters.KeycloakAuthorizationEndpoint;
import io.storezero.keycloak.adapters.KeycloakOidcLoginProtocol;
import io.storezero.keycloak.adapters.KeycloakOidcLoginProtocolFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.protocol.LoginProtocol;
import org.keycloak.protocol.oidc.OIDCLoginProtocolFactory;
import org.keycloak.provider.ProviderFactory;

import static org.assertj.core.api.Assertions.assertThat;

/** Whether the bundle's openid-connect protocol is the one Keycloak serves, and what an admin is told when it is not. */
class OidcProtocolInUseTest {

    /** Another extension replacing openid-connect the same way the bundle does. */
    static final class OtherExtensionFactory extends KeycloakOidcLoginProtocolFactory {
        @Override
        protected KeycloakOidcLoginProtocol protocol(LoginProtocol standard) {
            throw new UnsupportedOperationException();
        }

        @Override
        protected KeycloakAuthorizationEndpoint authorizationEndpoint(KeycloakSession session, EventBuilder event) {
            throw new UnsupportedOperationException();
        }
    }

    @AfterEach
    void bundleInUseAgain() {
        OidcProtocolInUse.check(sessionFactory(new WebMessageLoginProtocolFactory(), new ArrayList<>()));
    }

    @Test
    void givenTheBundlesFactoryInUse_thenWebMessageIsOnAndNothingIsLogged() {
        OidcProtocolInUse decision = OidcProtocolInUse.of(new WebMessageLoginProtocolFactory());

        assertThat(decision.webMessage()).isTrue();
        assertThat(decision.warning()).isEmpty();
        assertThat(decision.factory()).isEqualTo(WebMessageLoginProtocolFactory.class.getName());
        assertThat(decision.info()).containsEntry("web_message", "on")
                .containsEntry("openid-connect-factory", WebMessageLoginProtocolFactory.class.getName());
    }

    @Test
    void givenKeycloaksBuiltInFactoryInUse_thenWebMessageIsOffAndTheLineNamesIt() {
        OidcProtocolInUse decision = OidcProtocolInUse.of(new OIDCLoginProtocolFactory());

        assertThat(decision.webMessage()).isFalse();
        assertThat(decision.factory()).isEqualTo(OIDCLoginProtocolFactory.class.getName());
        assertThat(decision.warning()).hasValueSatisfying(line -> assertThat(line)
                .startsWith("web_message is off")
                .contains(OIDCLoginProtocolFactory.class.getName(), WebMessageLoginProtocolFactory.class.getName())
                .doesNotContain("\n"));
        assertThat(decision.info()).containsEntry("web_message", "off");
    }

    @Test
    void givenAnotherExtensionsReplacementInUse_thenWebMessageIsOffEvenThoughItIsAnOidcFactoryToo() {
        OidcProtocolInUse decision = OidcProtocolInUse.of(new OtherExtensionFactory());

        assertThat(decision.webMessage()).isFalse();
        assertThat(decision.warning()).hasValueSatisfying(line -> assertThat(line).contains(OtherExtensionFactory.class.getName()));
        assertThat(decision.info()).containsEntry("openid-connect-factory", OtherExtensionFactory.class.getName());
    }

    @Test
    void givenNoOpenidConnectFactory_thenWebMessageIsOff() {
        OidcProtocolInUse decision = OidcProtocolInUse.of(null);

        assertThat(decision.webMessage()).isFalse();
        assertThat(decision.factory()).isEqualTo("none");
        assertThat(decision.warning()).hasValueSatisfying(line -> assertThat(line).contains("no openid-connect login protocol"));
    }

    @Test
    void theStartUpCheckAsksKeycloakForTheOpenidConnectLoginProtocolAndTheServerInfoFollowsIt() {
        List<String> asked = new ArrayList<>();

        OidcProtocolInUse.check(sessionFactory(new OtherExtensionFactory(), asked));

        assertThat(asked).containsExactly(LoginProtocol.class.getName() + "/openid-connect");
        assertThat(OidcProtocolInUse.current().webMessage()).isFalse();
        assertThat(new WebMessageLoginProtocolFactory().getOperationalInfo())
                .containsEntry("web_message", "off")
                .containsEntry("openid-connect-factory", OtherExtensionFactory.class.getName());

        OidcProtocolInUse.check(sessionFactory(new WebMessageLoginProtocolFactory(), asked));

        assertThat(OidcProtocolInUse.current().webMessage()).isTrue();
        assertThat(new WebMessageLoginProtocolFactory().getOperationalInfo()).containsEntry("web_message", "on");
    }

    /** A session factory answering {@code getProviderFactory(spi, id)} with {@code inUse} for the openid-connect protocol. */
    private static KeycloakSessionFactory sessionFactory(ProviderFactory<?> inUse, List<String> asked) {
        return (KeycloakSessionFactory) Proxy.newProxyInstance(OidcProtocolInUseTest.class.getClassLoader(),
                new Class<?>[] {KeycloakSessionFactory.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getProviderFactory") && args != null && args.length == 2) {
                        asked.add(((Class<?>) args[0]).getName() + "/" + args[1]);
                        return LoginProtocol.class.equals(args[0]) && "openid-connect".equals(args[1]) ? inUse : null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
