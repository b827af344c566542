package io.storezero.testsupport;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What a test class needs from the machine beyond what its module needs as a whole (the module's
 * {@code storezero.requires} system property). Read by {@link RequiresCondition}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Inherited
public @interface Requires {
    Prerequisite[] value();
}
