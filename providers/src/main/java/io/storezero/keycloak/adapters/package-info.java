/**
 * The bundle's only contact with Keycloak classes outside its public SPI. Keycloak keeps its SPI stable across
 * releases; everything else (its endpoints, managers, utilities, error pages) may move in any release. Each class here
 * wraps one Keycloak behaviour, is named for it, says in its javadoc which Keycloak classes and members it relies on,
 * and has a test under {@code providers/src/test/java/io/storezero/keycloak/adapters} that fails with
 * "Keycloak moved X; adapt Y" when an upgrade removes or changes one of them. Feature packages ({@code webmessage},
 * {@code auth0}, {@code authenticators}, {@code broker}) import only the public SPI and this package;
 * {@code InternalsStayInAdaptersTest} enforces it.
 *
 * <h2>The line: what counts as public SPI</h2>
 * Allowed anywhere:
 * <ul>
 * <li>{@code org.keycloak.Config}, {@code OAuth2Constants}, {@code OAuthErrorException} (keycloak-core);</li>
 * <li>the packages {@code org.keycloak.common}, {@code representations}, {@code protocol.oidc.representations}
 * (keycloak-common and keycloak-core: data types and the documents Keycloak serves);</li>
 * <li>{@code org.keycloak.models}, {@code provider}, {@code events}, {@code sessions}, {@code http},
 * {@code broker.provider}, {@code wellknown}, {@code theme}, {@code forms} (keycloak-server-spi and the provider
 * interfaces of keycloak-server-spi-private);</li>
 * <li>the authenticator SPI in {@code org.keycloak.authentication}: {@code Authenticator}, {@code AuthenticatorFactory},
 * {@code AuthenticationFlowContext}, {@code AuthenticationFlowError}, {@code AuthenticationFlowException},
 * {@code ConfigurableAuthenticatorFactory}, {@code RequiredAction*}, {@code FormAuthenticator*}, {@code FormAction*},
 * {@code FormContext}, {@code ValidationContext};</li>
 * <li>{@code org.keycloak.protocol.LoginProtocol} and {@code LoginProtocolFactory};</li>
 * <li>{@code org.keycloak.services.resource.RealmResourceProvider} and {@code RealmResourceProviderFactory}, the one
 * documented SPI that lives in keycloak-services.</li>
 * </ul>
 * Everything else under {@code org.keycloak} is internal and belongs here: all of keycloak-services otherwise
 * ({@code protocol.oidc.OIDCLoginProtocol*}, {@code protocol.oidc.endpoints}, {@code protocol.oidc.utils},
 * {@code OIDCWellKnownProviderFactory}, {@code OIDCAdvancedConfigWrapper}, {@code services.Urls}, {@code ErrorPage},
 * {@code services.cors}, {@code services.managers}, {@code services.messages}, {@code services.util},
 * {@code authentication.authenticators.*}, {@code AuthenticationProcessor}), and the implementation details of the
 * other jars ({@code headers.SecurityHeadersProvider}, {@code constants.AdapterConstants}).
 *
 * <h2>What is here</h2>
 * Static adapters for calls ({@link io.storezero.keycloak.adapters.KeycloakOidcEndpoints},
 * {@link io.storezero.keycloak.adapters.KeycloakFormPost} — the one request replay —,
 * {@link io.storezero.keycloak.adapters.KeycloakWebOrigins} — the one Web Origin check —,
 * {@link io.storezero.keycloak.adapters.KeycloakRedirectUris}, {@link io.storezero.keycloak.adapters.KeycloakErrorPages},
 * {@link io.storezero.keycloak.adapters.KeycloakBrowserLogout}, {@link io.storezero.keycloak.adapters.KeycloakDiscovery},
 * {@link io.storezero.keycloak.adapters.KeycloakSecurityHeaders},
 * {@link io.storezero.keycloak.adapters.KeycloakIdentityProviderRedirect},
 * {@link io.storezero.keycloak.adapters.KeycloakBrowserSession} — the SSO session read without refreshing it, for
 * FedCM's accounts list —), and abstract bases where Keycloak only
 * offers inheritance: {@link io.storezero.keycloak.adapters.KeycloakOidcLoginProtocolFactory},
 * {@link io.storezero.keycloak.adapters.KeycloakOidcLoginProtocol},
 * {@link io.storezero.keycloak.adapters.KeycloakAuthorizationEndpoint} and
 * {@link io.storezero.keycloak.adapters.KeycloakFirstBrokerLoginStep}. A base overrides Keycloak's hooks as
 * {@code final} and offers hooks with SPI types only, so a subclass never touches a Keycloak internal member.
 */
package io.storezero.keycloak.adapters;
