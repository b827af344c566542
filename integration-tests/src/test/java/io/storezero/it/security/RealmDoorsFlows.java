package io.storezero.it.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import io.storezero.it.support.KeycloakAdmin;

/** The live authentication flows of a realm, as the admin API lists them (all levels, flattened). */
final class RealmDoorsFlows {

    /** Steps that prove the user owns an existing account before a brokered identity is linked to it. */
    private static final Set<String> PROOF_OF_ACCOUNT = Set.of("idp-username-password-form", "idp-email-verification",
            "auth-otp-form", "webauthn-authenticator", "auth-password-form", "auth-username-password-form");

    private final KeycloakAdmin admin;
    private final String realm;

    RealmDoorsFlows(KeycloakAdmin admin, String realm) {
        this.admin = admin;
        this.realm = realm;
    }

    /** The alias of the top-level flow with this id (client overrides name flows by id). */
    String aliasOf(String flowId) {
        for (var flow : admin.realm(realm).flows().getFlows()) {
            if (flow.getId().equals(flowId)) {
                return flow.getAlias();
            }
        }
        throw new IllegalStateException("realm " + realm + " has no flow " + flowId);
    }

    List<JsonNode> executions(String alias) {
        List<JsonNode> executions = new ArrayList<>();
        admin.realm(realm).flows().getExecutions(alias).forEach(execution -> executions.add(KeycloakAdmin.tree(execution)));
        return executions;
    }

    /** The executions of a flow that read a username or a password from a form: where a script posts its guess. */
    List<String> formExecutions(String alias) {
        List<String> ids = new ArrayList<>();
        for (JsonNode execution : executions(alias)) {
            String provider = execution.path("providerId").asText("");
            if (enabled(execution) && (provider.contains("password") || provider.contains("username"))) {
                ids.add(execution.path("id").asText());
            }
        }
        return ids;
    }

    /**
     * A first-broker-login flow runs after an identity provider's round trip, which this test cannot make black box
     * (the real Facebook is not reachable, and a brokered login is what BrokeredLoginIT covers). So it is checked
     * from its live executions instead: it has a required step, it never links an existing account silently
     * (idp-auto-link), and where it offers to link one (idp-confirm-link) it also requires proof of owning it.
     *
     * @return what is wrong with the flow, or null if nothing is
     */
    String firstBrokerLoginProblem(String alias) {
        List<JsonNode> executions = executions(alias);
        boolean anyRequired = executions.stream().anyMatch(e -> "REQUIRED".equals(e.path("requirement").asText()));
        boolean autoLink = executions.stream().anyMatch(e -> enabled(e) && "idp-auto-link".equals(e.path("providerId").asText()));
        boolean confirmLink = executions.stream().anyMatch(e -> enabled(e) && "idp-confirm-link".equals(e.path("providerId").asText()));
        boolean proof = executions.stream().anyMatch(e -> enabled(e) && PROOF_OF_ACCOUNT.contains(e.path("providerId").asText()));
        if (!anyRequired) {
            return "no required step";
        }
        if (autoLink) {
            return "links existing accounts without proof (idp-auto-link)";
        }
        if (confirmLink && !proof) {
            return "offers to link an existing account but requires no proof of owning it";
        }
        return null;
    }

    private static boolean enabled(JsonNode execution) {
        return !"DISABLED".equals(execution.path("requirement").asText());
    }
}
