package io.storezero.bench.profile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where Keycloak's CPU goes in a Java Flight Recorder recording of the prompt=none path: every execution sample
 * ({@code jdk.ExecutionSample}) is charged to one cost centre, so the shares add up to 100 %.
 *
 * <p>A sample whose deepest Keycloak-or-bundle frame is the bundle's ({@code io.storezero}) is the bundle's own work.
 * Otherwise the first cost centre, in the order of {@link #CENTRES}, with a frame anywhere on the stack takes it: the
 * order goes from the narrow (Verify Profile's trigger) to the wide (the authentication flow around it), so a sample is
 * charged to what it is doing, not to what called it. The rest is "other".
 *
 * <pre>
 * jcmd &lt;keycloak pid&gt; JFR.start settings=profile duration=60s filename=/tmp/silent.jfr
 * java -cp bench/target/classes io.storezero.bench.profile.CostCentres /tmp/silent.jfr
 * </pre>
 */
public final class CostCentres {

    /** Cost centre name → frame substrings (class simple name and method) that identify it. */
    static final Map<String, List<String>> CENTRES = centres();

    static final String BUNDLE = "the bundle's own code (io.storezero)";
    static final String OTHER = "other";

    private CostCentres() {
    }

    private static Map<String, List<String>> centres() {
        Map<String, List<String>> centres = new LinkedHashMap<>();
        centres.put("required action Verify Profile (user profile validation, username query)", List.of("VerifyUserProfile.evaluateTriggers"));
        centres.put("required action factories (WebAuthn trust anchors)", List.of("WebAuthnRegisterFactory.create", "WebAuthnPasswordlessRegisterFactory.create"));
        centres.put("required actions, other", List.of("AuthenticationManager.evaluateRequiredActionTriggers"));
        centres.put("token signing (RS256)", List.of("DefaultTokenManager.encode", "AsymmetricSignatureSignerContext.sign"));
        centres.put("token building and protocol mappers", List.of("TokenManager"));
        centres.put("events (LOGIN event stored)", List.of("EventBuilder.send", "JpaEventStoreProvider"));
        centres.put("persistent user sessions (database rows, locks)", List.of("PersistentSessionsChangelogBasedTransaction",
                "JpaUserSessionPersisterProvider", "DefaultInfinispanTransactionProvider$DatabaseWrites", "PersistentUserSessionProvider"));
        centres.put("transaction commit (JPA, JTA)", List.of("JtaTransactionWrapper.commit", "AbstractKeycloakTransaction.commit"));
        centres.put("SSO cookie verification and session lookup", List.of("AuthenticationManager.verifyIdentityToken",
                "AuthenticationManager.authenticateIdentityCookie", "getUserSessionFromAuthenticationCookie"));
        centres.put("authentication session cookie and its signature", List.of("AuthenticationSessionManager", "createAuthenticationSession"));
        centres.put("login cookies", List.of("createLoginCookie", "CookieHelper"));
        centres.put("request parsing and checks", List.of("AuthzEndpointRequestParser", "AuthorizationEndpointChecker",
                "AuthorizationEndpointRequestParserProcessor"));
        centres.put("authentication flow (cookie authenticator)", List.of("DefaultAuthenticationFlow", "AuthenticationProcessor"));
        centres.put("HTTP (Vert.x, Netty, RESTEasy)", List.of("io.netty.", "io.vertx.", "org.jboss.resteasy."));
        return centres;
    }

    /** Samples per cost centre, largest first; {@code total} under the key "total". */
    public static Map<String, Integer> of(Path recording) throws IOException {
        Map<String, Integer> counts = new LinkedHashMap<>();
        int total = 0;
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                if (!"jdk.ExecutionSample".equals(event.getEventType().getName()) || event.getStackTrace() == null) {
                    continue;
                }
                List<String> frames = event.getStackTrace().getFrames().stream().map(CostCentres::name).toList();
                counts.merge(centreOf(frames), 1, Integer::sum);
                total++;
            }
        }
        Map<String, Integer> sorted = new LinkedHashMap<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .forEach(entry -> sorted.put(entry.getKey(), entry.getValue()));
        sorted.put("total", total);
        return sorted;
    }

    /** The cost centre of one stack, deepest frame first. */
    static String centreOf(List<String> frames) {
        for (String frame : frames) {
            if (frame.startsWith("io.storezero.")) {
                return BUNDLE;
            }
            if (frame.startsWith("org.keycloak.")) {
                break;
            }
        }
        for (Map.Entry<String, List<String>> centre : CENTRES.entrySet()) {
            if (frames.stream().anyMatch(frame -> centre.getValue().stream().anyMatch(frame::contains))) {
                return centre.getKey();
            }
        }
        return OTHER;
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    /** The Markdown table: cost centre, samples, share. */
    public static String table(Map<String, Integer> counts) {
        int total = counts.getOrDefault("total", 0);
        StringBuilder table = new StringBuilder("| cost centre | samples | share |\n|---|---:|---:|\n");
        counts.forEach((centre, count) -> {
            if (!"total".equals(centre)) {
                table.append(String.format(Locale.ROOT, "| %s | %d | %.1f %% |%n", centre, count, 100.0 * count / Math.max(total, 1)));
            }
        });
        return table.append("| total | ").append(total).append(" | 100 % |\n").toString();
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: java -cp bench/target/classes io.storezero.bench.profile.CostCentres <recording.jfr>");
            System.exit(2);
        }
        System.out.print(table(of(Path.of(args[0]))));
    }
}
