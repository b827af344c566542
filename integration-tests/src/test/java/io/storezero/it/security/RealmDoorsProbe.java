package io.storezero.it.security;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import io.storezero.testsupport.Authorize;
import io.storezero.it.support.KeycloakAdmin;

/**
 * Tries every door of one live realm, for every client the admin REST API lists (Keycloak's built-in clients such as
 * admin-cli included: they are what a realm file forgets), through the flow each client is bound to.
 */
final class RealmDoorsProbe {

    private final KeycloakAdmin admin;
    private final String keycloakUrl;
    private final String realm;
    private final String realmUrl;
    private final List<RealmDoorsAttempt> attempts = new ArrayList<>();
    private boolean bruteForceProtected;
    private RealmDoorsUsers users;

    RealmDoorsProbe(KeycloakAdmin admin, String keycloakUrl, String realm) {
        this.admin = admin;
        this.keycloakUrl = keycloakUrl;
        this.realm = realm;
        this.realmUrl = keycloakUrl + "/realms/" + realm;
    }

    List<RealmDoorsAttempt> tryEveryDoor() {
        JsonNode settings = KeycloakAdmin.tree(admin.realm(realm).toRepresentation());
        RealmDoorsFlows flows = new RealmDoorsFlows(admin, realm);
        RealmDoorsHttp http = new RealmDoorsHttp();
        RealmDoorsBrowser browser = new RealmDoorsBrowser(http, realmUrl);
        String clientAuthentication = settings.path("clientAuthenticationFlow").asText();
        List<JsonNode> clients = new ArrayList<>();
        admin.realm(realm).clients().findAll().forEach(client -> clients.add(KeycloakAdmin.tree(client)));
        try (RealmDoorsUsers users = RealmDoorsUsers.prepare(admin, realm)) {
            bruteForceProtected = settings.path("bruteForceProtected").asBoolean();
            this.users = users;
            RealmDoorsGrants grants = new RealmDoorsGrants(http, realmUrl, this::record);
            JsonNode front = null;
            for (JsonNode client : clients) {
                RealmDoorsGrants.Client credentials = credentials(client, flows, settings);
                grants.passwordGrants(credentials, users.all());
                grants.clientCredentials(credentials, clientAuthentication);
                grants.deviceAuthorization(credentials, clientAuthentication);
                grants.tokenExchange(credentials, clientAuthentication);
                if (client.path("standardFlowEnabled").asBoolean() && !client.path("bearerOnly").asBoolean()) {
                    signIn(browser, client, flows, settings, users);
                    front = front == null ? client : front;
                }
            }
            if (front != null) {
                resetCredentials(browser, front, settings.path("resetCredentialsFlow").asText(), users);
                registration(browser, front, settings.path("registrationFlow").asText());
            }
            docker(http, settings.path("dockerAuthenticationFlow").asText(), users);
            firstBrokerLogin(flows, settings);
        }
        return attempts;
    }

    /** Every attempt goes through here; one that named a user is followed by unlocking the users for the next. */
    private void record(RealmDoorsAttempt attempt) {
        attempts.add(attempt);
        if (bruteForceProtected && attempt.detail().startsWith("user ")) {
            users.forgetFailedLogins();
        }
    }

    private RealmDoorsGrants.Client credentials(JsonNode client, RealmDoorsFlows flows, JsonNode settings) {
        String secret = null;
        if (!client.path("publicClient").asBoolean() && "client-secret".equals(client.path("clientAuthenticatorType").asText())) {
            secret = admin.realm(realm).clients().get(client.path("id").asText()).getSecret().getValue();
        }
        return new RealmDoorsGrants.Client(client.path("clientId").asText(), secret,
                bound(client, "direct_grant", settings.path("directGrantFlow").asText(), flows));
    }

    /** The client's own flow if it overrides the realm's binding (authenticationFlowBindingOverrides), else the realm's. */
    private static String bound(JsonNode client, String binding, String realmFlow, RealmDoorsFlows flows) {
        String override = client.path("authenticationFlowBindingOverrides").path(binding).asText("");
        return override.isEmpty() ? realmFlow : flows.aliasOf(override);
    }

    private void signIn(RealmDoorsBrowser browser, JsonNode client, RealmDoorsFlows flows, JsonNode settings, RealmDoorsUsers users) {
        String flow = bound(client, "browser", settings.path("browserFlow").asText(), flows);
        List<String> executions = new ArrayList<>(flows.formExecutions(flow));
        if (executions.isEmpty()) {
            executions.add(null);
        }
        for (RealmDoorsUsers.User user : users.all()) {
            for (RealmDoorsUsers.Address address : user.addresses()) {
                for (String[] password : RealmDoorsGrants.WRONG_PASSWORDS) {
                    Map<String, String> fields = new HashMap<>();
                    fields.put("username", address.value());
                    fields.put("password", password[1]);
                    for (String execution : executions) {
                        RealmDoorsBrowser.Outcome outcome = browser.drive(authorize(client, "auth"), fields, execution);
                        record(new RealmDoorsAttempt("sign-in form", flow, client.path("clientId").asText(),
                                "user " + user.kind() + " by " + address.kind() + ", " + password[0]
                                        + (outcome.postedWithoutForm() ? " (posted to a page without a password field)" : "")
                                        + (outcome.leftRealm() ? " (the flow sent the browser to an identity provider)" : ""),
                                outcome.status(), outcome.open()));
                        if (!outcome.postedWithoutForm()) {
                            break;
                        }
                    }
                }
            }
        }
    }

    private void resetCredentials(RealmDoorsBrowser browser, JsonNode client, String flow, RealmDoorsUsers users) {
        for (RealmDoorsUsers.User user : users.all()) {
            for (RealmDoorsUsers.Address address : user.addresses()) {
                String guess = RealmDoorsUsers.randomSecret();
                Map<String, String> fields = Map.of("username", address.value(), "password", guess,
                        "password-new", guess, "password-confirm", guess);
                RealmDoorsBrowser.Outcome outcome = browser.drive(realmUrl + "/login-actions/reset-credentials?client_id="
                        + client.path("clientId").asText(), fields, null);
                record(new RealmDoorsAttempt("reset credentials", flow, client.path("clientId").asText(),
                        "user " + user.kind() + " by " + address.kind(), outcome.status(), outcome.open()));
            }
        }
    }

    /** A stranger registering: must not end in a session (registration is off in every shipped realm). */
    private void registration(RealmDoorsBrowser browser, JsonNode client, String flow) {
        String name = "doors-" + RealmDoorsUsers.randomSecret().substring(0, 8).toLowerCase().replaceAll("[^a-z0-9]", "x");
        String password = RealmDoorsUsers.randomSecret();
        Map<String, String> fields = Map.of("username", name, "email", name + "@example.org", "firstName", "Door",
                "lastName", "Check", "password", password, "password-confirm", password);
        RealmDoorsBrowser.Outcome outcome = browser.drive(authorize(client, "registrations"), fields, null);
        record(new RealmDoorsAttempt("registration", flow, client.path("clientId").asText(),
                "a stranger registers", outcome.status(), outcome.open()));
    }

    /** Keycloak's Docker registry auth (a feature off by default): Basic credentials with a wrong password. */
    private void docker(RealmDoorsHttp http, String flow, RealmDoorsUsers users) {
        for (RealmDoorsUsers.User user : users.all()) {
            String username = user.addresses().get(0).value();
            String basic = "Basic " + Base64.getEncoder().encodeToString((username + ":" + RealmDoorsUsers.randomSecret()).getBytes());
            var response = http.get(realmUrl + "/protocol/docker-v2/auth?service=admin-cli&scope=repository:doors:pull&account="
                    + username, basic);
            boolean open = response.statusCode() == 200 && response.body().contains("\"token\"");
            record(new RealmDoorsAttempt("docker registry auth", flow, "admin-cli",
                    "user " + user.kind() + ", wrong password", response.statusCode(), open));
        }
    }

    /** Structural, not black box: see {@link RealmDoorsFlows#firstBrokerLoginProblem}. */
    private void firstBrokerLogin(RealmDoorsFlows flows, JsonNode settings) {
        Set<String> aliases = new LinkedHashSet<>();
        if (!settings.path("firstBrokerLoginFlow").asText("").isEmpty()) {
            aliases.add(settings.path("firstBrokerLoginFlow").asText());
        }
        for (var provider : admin.realm(realm).identityProviders().findAll()) {
            if (provider.getFirstBrokerLoginFlowAlias() != null && !provider.getFirstBrokerLoginFlowAlias().isEmpty()) {
                aliases.add(provider.getFirstBrokerLoginFlowAlias());
            }
        }
        for (String alias : aliases) {
            String problem = flows.firstBrokerLoginProblem(alias);
            record(new RealmDoorsAttempt("first broker login (structural)", alias, "-",
                    problem == null ? "requires an authentication step" : problem, 0, problem != null));
        }
    }

    private String authorize(JsonNode client, String endpoint) {
        Authorize request = Authorize.atEndpoint(realmUrl + "/protocol/openid-connect/" + endpoint)
                .param("client_id", client.path("clientId").asText())
                .param("response_type", "code").param("scope", "openid")
                .param("state", RealmDoorsUsers.randomSecret()).param("nonce", RealmDoorsUsers.randomSecret())
                .param("code_challenge", Authorize.Pkce.create().challenge()).param("code_challenge_method", "S256");
        String redirect = redirectUri(client);
        return redirect == null ? request.url() : request.param("redirect_uri", redirect).url();
    }

    /** A redirect URI the client accepts: its first registered one, made absolute, a trailing wildcard filled in. */
    private String redirectUri(JsonNode client) {
        String root = client.path("rootUrl").asText("").replace("${authBaseUrl}", keycloakUrl).replace("${authAdminUrl}", keycloakUrl);
        for (JsonNode registered : client.path("redirectUris")) {
            String uri = registered.asText();
            if (uri.equals("+") || uri.equals("*") || uri.isEmpty()) {
                continue;
            }
            if (uri.startsWith("/")) {
                uri = (root.isEmpty() ? keycloakUrl : root) + uri;
            }
            return uri.endsWith("*") ? uri.substring(0, uri.length() - 1) + "doors" : uri;
        }
        return null;
    }
}
