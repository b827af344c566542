package io.storezero.it.security;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The doors at the token endpoint that need no browser: the password grant (wrong, empty, missing password, for a user
 * with a password and one without any credential), client_credentials (with the real secret, and with a wrong one),
 * device authorization, and token exchange with a junk subject token. Confidential clients send their real secret, so
 * the attempt gets past client authentication and tests the user authentication itself.
 */
final class RealmDoorsGrants {

    /** How a client authenticates: its id, and the real secret of a confidential client (null for public clients). */
    record Client(String clientId, String secret, String flowOfDirectGrant) {

        Map<String, String> credentials() {
            Map<String, String> form = new LinkedHashMap<>();
            form.put("client_id", clientId);
            if (secret != null) {
                form.put("client_secret", secret);
            }
            return form;
        }
    }

    /** The password variants a login must refuse; null: no password parameter at all. */
    static final List<String[]> WRONG_PASSWORDS = List.of(
            new String[] {"wrong password", RealmDoorsUsers.randomSecret()},
            new String[] {"empty password", ""},
            new String[] {"no password parameter", null});

    private final RealmDoorsHttp http;
    private final String realmUrl;
    private final Consumer<RealmDoorsAttempt> report;

    RealmDoorsGrants(RealmDoorsHttp http, String realmUrl, Consumer<RealmDoorsAttempt> report) {
        this.http = http;
        this.realmUrl = realmUrl;
        this.report = report;
    }

    void passwordGrants(Client client, List<RealmDoorsUsers.User> users) {
        for (RealmDoorsUsers.User user : users) {
            for (RealmDoorsUsers.Address address : user.addresses()) {
                for (String[] password : WRONG_PASSWORDS) {
                    Map<String, String> form = client.credentials();
                    form.put("grant_type", "password");
                    form.put("username", address.value());
                    if (password[1] != null) {
                        form.put("password", password[1]);
                    }
                    form.put("scope", "openid");
                    tokenRequest("password grant", client.flowOfDirectGrant(), client,
                            "user " + user.kind() + " by " + address.kind() + ", " + password[0], form);
                }
            }
        }
    }

    void clientCredentials(Client client, String clientAuthenticationFlow) {
        Map<String, String> form = client.credentials();
        form.put("grant_type", "client_credentials");
        tokenRequest("client_credentials", clientAuthenticationFlow, client,
                client.secret() == null ? "no secret (public client)" : "the client's real secret", form);
        if (client.secret() != null) {
            form.put("client_secret", RealmDoorsUsers.randomSecret());
            tokenRequest("client_credentials", clientAuthenticationFlow, client, "a wrong secret", form);
        }
    }

    void tokenExchange(Client client, String clientAuthenticationFlow) {
        Map<String, String> form = client.credentials();
        form.put("grant_type", "urn:ietf:params:oauth:grant-type:token-exchange");
        form.put("subject_token", "junk." + RealmDoorsUsers.randomSecret() + ".junk");
        form.put("subject_token_type", "urn:ietf:params:oauth:token-type:access_token");
        tokenRequest("token exchange", clientAuthenticationFlow, client, "a junk subject token", form);
    }

    /**
     * Device authorization may legitimately hand out a device code (not a token); the door is the token endpoint,
     * which must keep answering "authorization_pending" while nobody has approved the code.
     */
    void deviceAuthorization(Client client, String clientAuthenticationFlow) {
        HttpResponse<String> device = http.postForm(realmUrl + "/protocol/openid-connect/auth/device", client.credentials());
        boolean open = RealmDoorsHttp.hasToken(device.body());
        int status = device.statusCode();
        String detail = "device authorization request";
        JsonNode answer = RealmDoorsJson.parse(device.body());
        if (status == 200 && answer.hasNonNull("device_code")) {
            Map<String, String> form = client.credentials();
            form.put("grant_type", "urn:ietf:params:oauth:grant-type:device_code");
            form.put("device_code", answer.get("device_code").asText());
            HttpResponse<String> token = http.postForm(realmUrl + "/protocol/openid-connect/token", form);
            open |= token.statusCode() == 200 || RealmDoorsHttp.hasToken(token.body());
            status = token.statusCode();
            detail = "device code redeemed before anyone approved it";
        }
        report.accept(new RealmDoorsAttempt("device authorization", clientAuthenticationFlow, client.clientId(), detail, status, open));
    }

    private void tokenRequest(String door, String flow, Client client, String detail, Map<String, String> form) {
        HttpResponse<String> response = http.postForm(realmUrl + "/protocol/openid-connect/token", form);
        boolean open = response.statusCode() == 200 || RealmDoorsHttp.hasToken(response.body());
        report.accept(new RealmDoorsAttempt(door, flow, client.clientId(), detail, response.statusCode(), open));
    }
}
