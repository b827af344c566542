package io.storezero.testsupport;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Skips a test class whose prerequisites (the module's {@code storezero.requires}, comma-separated
 * {@link Prerequisite} names, plus the class's {@link Requires}) are not all met, and says so in one line per missing
 * prerequisite per run: a bare {@code ./mvnw -B verify} runs what this machine can run. With
 * {@code -Dstorezero.tests.require-all=true} ({@code ./storezero test}, CI) a missing prerequisite fails the class
 * instead: there, no suite may skip.
 *
 * <p>Registered through JUnit's extension auto-detection (this jar's {@code META-INF/services}), which the suites'
 * failsafe configurations switch on.
 */
public final class RequiresCondition implements ExecutionCondition {

    static final String MODULE_PROPERTY = "storezero.requires";
    static final String REQUIRE_ALL_PROPERTY = "storezero.tests.require-all";

    private static final Set<Prerequisite> REPORTED = ConcurrentHashMap.newKeySet();

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (context.getTestMethod().isPresent() || context.getTestClass().isEmpty()) {
            return ConditionEvaluationResult.enabled("checked for the class");
        }
        Set<Prerequisite> needed = new LinkedHashSet<>(moduleRequirements());
        AnnotationSupport.findAnnotation(context.getRequiredTestClass(), Requires.class)
                .ifPresent(requires -> needed.addAll(Arrays.asList(requires.value())));
        for (Prerequisite prerequisite : needed) {
            Optional<String> missing = prerequisite.missing();
            if (missing.isPresent()) {
                String reason = missing.get() + " (" + prerequisite.remedy() + ")";
                if (Boolean.getBoolean(REQUIRE_ALL_PROPERTY)) {
                    throw new IllegalStateException(context.getRequiredTestClass().getSimpleName()
                            + " cannot run here and every suite must: " + reason);
                }
                if (REPORTED.add(prerequisite)) {
                    System.err.println("[storezero] skipping the tests that need " + prerequisite.name().toLowerCase(Locale.ROOT)
                            + ": " + reason);
                }
                return ConditionEvaluationResult.disabled(reason);
            }
        }
        return ConditionEvaluationResult.enabled("prerequisites met: " + needed);
    }

    static Set<Prerequisite> moduleRequirements() {
        Set<Prerequisite> needed = new LinkedHashSet<>();
        for (String name : System.getProperty(MODULE_PROPERTY, "").split(",")) {
            if (!name.isBlank()) {
                needed.add(Prerequisite.valueOf(name.trim().toUpperCase(Locale.ROOT).replace('-', '_')));
            }
        }
        return needed;
    }
}
