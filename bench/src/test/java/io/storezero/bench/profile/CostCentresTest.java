package io.storezero.bench.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CostCentresTest {

    @Test
    void aSampleInTheBundlesOwnCodeIsTheBundlesEvenInsideKeycloaksFlow() {
        List<String> stack = List.of("com.fasterxml.jackson.core.json.WriterBasedJsonGenerator.writeString",
                "io.storezero.keycloak.webmessage.WebMessagePage.render",
                "org.keycloak.authentication.AuthenticationProcessor.finishAuthentication");

        assertEquals(CostCentres.BUNDLE, CostCentres.centreOf(stack));
    }

    @Test
    void keycloaksWorkUnderTheBundlesWrapperIsChargedToWhatItIsDoing() {
        List<String> stack = List.of("java.math.BigInteger.oddModPow",
                "org.keycloak.crypto.AsymmetricSignatureSignerContext.sign",
                "org.keycloak.jose.jws.DefaultTokenManager.encode",
                "org.keycloak.protocol.oidc.TokenManager$AccessTokenResponseBuilder.build",
                "org.keycloak.authentication.AuthenticationProcessor.finishAuthentication",
                "io.storezero.keycloak.adapters.KeycloakFormPost.replay");

        assertEquals("token signing (RS256)", CostCentres.centreOf(stack));
    }

    @Test
    void theNarrowCentreWinsOverTheFlowAroundIt() {
        List<String> stack = List.of("org.keycloak.userprofile.validator.DuplicateUsernameValidator.validate",
                "org.keycloak.authentication.requiredactions.VerifyUserProfile.evaluateTriggers",
                "org.keycloak.services.managers.AuthenticationManager.evaluateRequiredActionTriggers",
                "org.keycloak.authentication.AuthenticationProcessor.nextRequiredAction");

        assertEquals("required action Verify Profile (user profile validation, username query)", CostCentres.centreOf(stack));
    }

    @Test
    void aStackOfNothingKnownIsOther() {
        assertEquals(CostCentres.OTHER, CostCentres.centreOf(List.of("java.lang.Thread.run")));
    }

    @Test
    void readsTheExecutionSamplesOfARealRecording(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("spin.jfr");
        try (Recording recording = new Recording()) {
            recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(1));
            recording.start();
            long until = System.nanoTime() + Duration.ofMillis(400).toNanos();
            double sink = 0;
            while (System.nanoTime() < until) {
                sink += Math.sqrt(sink + 1);
            }
            recording.stop();
            recording.dump(file);
            assertTrue(sink > 0);
        }

        Map<String, Integer> counts = CostCentres.of(file);

        assertTrue(Files.size(file) > 0);
        assertTrue(counts.get("total") > 0, counts.toString());
        // The spinning loop is this test's own (io.storezero) code, with no Keycloak frame under it; the JVM's other
        // threads may be sampled too (as "other"), and every sample is charged exactly once.
        assertTrue(counts.getOrDefault(CostCentres.BUNDLE, 0) > 0, counts.toString());
        assertEquals(counts.get("total"), counts.entrySet().stream().filter(e -> !"total".equals(e.getKey()))
                .mapToInt(Map.Entry::getValue).sum(), counts.toString());
        assertTrue(CostCentres.table(counts).contains("| " + CostCentres.BUNDLE + " | "), CostCentres.table(counts));
    }
}
